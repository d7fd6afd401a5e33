import { Int32 } from 'bson';
import type { Doc } from '../bson/types';
import { MongoServerError } from '../errors';

/** One entry of a write reply's `writeErrors`, in mongod's field order. */
export function writeError(index: number, e: unknown): Doc {
  const se = e instanceof MongoServerError ? e : new MongoServerError(1, (e as Error)?.message ?? String(e));
  return { index: new Int32(index), code: new Int32(se.code), ...se.extra, errmsg: se.message };
}

export function rethrowIfFatal(e: unknown): void {
  if (!(e instanceof MongoServerError)) throw e;
}
