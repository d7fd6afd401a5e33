/** MongoDB's duplicate key error (E11000), optionally on a given field of the index key. */
export function isDuplicateKeyError(error: unknown, field?: string): boolean {
  const e = error as { code?: number; keyPattern?: Record<string, unknown> } | undefined;
  if (e?.code !== 11000) return false;
  return field === undefined || (e.keyPattern !== undefined && field in e.keyPattern);
}

/** An unordered bulk write that failed only on documents already there: every write error is E11000. */
export function onlyDuplicateKeyErrors(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] } | undefined)
    ?.writeErrors;
  if (!writeErrors || writeErrors.length === 0) return isDuplicateKeyError(error);
  return writeErrors.every((e) => (e.code ?? e.err?.code) === 11000);
}

/**
 * Matched by name, so errors of agenda's older bundled driver count as well as mongoose's. The waits behind them are
 * bounded in db/bounds.ts: no server, a pool with no free connection, a closed or silent connection.
 */
const UNAVAILABLE_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoOperationTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoPoolClosedError',
  'MongoWaitQueueTimeoutError',
  'MongoServerClosedError',
  'MongoClientClosedError',
  'MongoExpiredSessionError',
]);
/** mongod's answers that mean "not now" rather than "wrong": time limit, shutting down, not primary. */
const UNAVAILABLE_CODES = new Set([50, 89, 91, 189, 262, 10107, 11600, 11602, 13435, 13436]);

/**
 * True when a failure means the database could not be reached or did not answer in time (as opposed to refusing
 * the operation): the user is told to try again in a moment, and nothing else is blamed on the database.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as
        { name?: unknown; code?: unknown; message?: unknown; cause?: unknown; errorResponse?: unknown } | undefined,
      depth = 0;
    e && depth < 5;
    // The driver wraps a network error that stops a bulk write in a MongoBulkWriteError, the original kept as its
    // errorResponse (mongodb/lib/bulk/common.js): a timed-out bulkWrite is the database's, not a bug.
    e = (e.cause ?? (e.errorResponse instanceof Error ? e.errorResponse : undefined)) as typeof e, depth++
  ) {
    if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
    if (typeof e.code === 'number' && UNAVAILABLE_CODES.has(e.code)) return true;
    // mongoose's own "buffering timed out" while it waits for a connection has no code of its own.
    if (e.name === 'MongooseError' && typeof e.message === 'string' && /buffering timed out/.test(e.message))
      return true;
  }
  return false;
}
