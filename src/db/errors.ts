/** MongoDB's duplicate key error (E11000), optionally on a given field of the index key. */
export function isDuplicateKeyError(error: unknown, field?: string): boolean {
  const e = error as { code?: number; keyPattern?: Record<string, unknown> } | undefined;
  if (e?.code !== 11000) return false;
  return field === undefined || (e.keyPattern !== undefined && field in e.keyPattern);
}

/**
 * Errors that mean the database could not be reached or did not answer in time (db/connection.ts bounds every
 * wait): no server, a closed or silent connection, an exhausted pool, the server's own time limit. Matched by
 * name, so errors of agenda's older bundled driver are recognised as well as mongoose's.
 */
const UNREACHABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoWaitQueueTimeoutError',
  'MongoPoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoPoolClosedError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoClientClosedError',
  'MongoOperationTimeoutError',
]);

/** Server answers that say "not now" rather than "no": time limit, shutdown, failover. */
const UNAVAILABLE_CODES = new Set([
  50, // MaxTimeMSExpired
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
]);

/**
 * True when `error` says the database was unreachable or too slow — the one case in which the user should read
 * "Kontakt could not reach its database". Validation errors, duplicate keys and bugs are not.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const name = e.name;
    if (UNREACHABLE.has(name)) return true;
    const code = (e as { code?: unknown }).code;
    if (name.startsWith('Mongo') && typeof code === 'number' && UNAVAILABLE_CODES.has(code)) return true;
    // mongoose's own wait for a connection (only when buffering is on, as in a test's own connection).
    if (name === 'MongooseError' && /buffering timed out|before initial connection/i.test(e.message)) return true;
  }
  return false;
}
