/**
 * How long one database operation may take. Slack gives a request 3 s; an operation that gives up at 2 s leaves
 * time to tell the user "try again in a moment" before Slack shows its own failure. Every wait an operation can
 * meet is bounded by it: finding a server, getting a pooled connection, opening one, and a socket that stays open
 * without answering (a stalled database, the common real-world failure). The driver's `timeoutMS` would say this
 * in one option, but the driver mongoose 9 ships ignores it ("timeoutMS has no effect"), so each wait is set here.
 *
 * The bound is client-wide: work that is nobody's request (scheduled jobs) must be done in short operations too —
 * batches, never one huge query. Index builds at start are the one exception (see ensureIndexes).
 */
export const DB_OPERATION_BUDGET_MS = 2_000;

/** The server stops a query this much before the client stops waiting, so it answers with a clear error. */
const SERVER_MARGIN_MS = 200;

/**
 * How long start-up waits for the database to answer at all (a database container still starting, a busy machine).
 * Nobody waits on a request then; failing at the first slow moment would only make the process restart in a loop.
 */
export const START_PATIENCE_MS = 30_000;

/**
 * The bound in force. Only the test suite may widen it (`KONTAKT_TEST_DB_BUDGET_MS` with NODE_ENV=test): on a loaded
 * CI machine a pooled connection can take longer than 2 s to come free, which says nothing about the behaviour a
 * test checks. The tests about Slack's deadline (the stalled database) set it back to DB_OPERATION_BUDGET_MS.
 */
export function dbOperationBudgetMs(): number {
  const widened = process.env.NODE_ENV === 'test' ? Number(process.env.KONTAKT_TEST_DB_BUDGET_MS) : Number.NaN;
  return Number.isFinite(widened) && widened > DB_OPERATION_BUDGET_MS ? widened : DB_OPERATION_BUDGET_MS;
}

export const dbServerTimeLimitMs = (): number => dbOperationBudgetMs() - SERVER_MARGIN_MS;

/** The client options that bound every wait; shared by mongoose's client and agenda's (an older driver, same names). */
export function boundedWaits() {
  const budget = dbOperationBudgetMs();
  return {
    serverSelectionTimeoutMS: budget,
    waitQueueTimeoutMS: budget,
    connectTimeoutMS: budget,
    socketTimeoutMS: budget,
    // A retry would start a second full wait after the first one used up the budget (a stalled read took 4 s with
    // retries on). Within Slack's 3 s the user's own "try again" is the retry.
    retryReads: false,
    retryWrites: false,
  } as const;
}
