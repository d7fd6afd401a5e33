/** What the suite runs against, as decided by test/global-setup.ts. */
import path from 'node:path';
import {
  MongoClient,
  MongoServerError,
  type Collection,
  type Db,
  type Document,
  type MongoClientOptions,
} from 'mongodb';

export type TargetKind = 'emulator' | 'mongod-binary' | 'uri';

export const EMULATOR_BIN = path.resolve(__dirname, '..', '..', 'bin', 'mongod');

export const target = {
  get uri(): string {
    const uri = process.env.MONGOD_EMU_URI;
    if (!uri) throw new Error('MONGOD_EMU_URI is not set: run the suite through jest (global-setup.ts)');
    return uri;
  },
  get kind(): TargetKind {
    return (process.env.MONGOD_EMU_TARGET as TargetKind | undefined) ?? 'emulator';
  },
  /** True when the server is this package's emulator (so emulator-only refusals apply). */
  get isEmulator(): boolean {
    return process.env.MONGOD_EMU_IS_EMULATOR === '1';
  },
  /** A mongod binary the process tests may spawn ('' when only a URI was given). */
  get binary(): string {
    return process.env.MONGOD_EMU_BINARY ?? '';
  },
  get notablescan(): boolean {
    return process.env.MONGOD_EMU_NOTABLESCAN === '1';
  },
};

/** A client on the shared server plus a database whose name is private to one test file. */
export async function openDb(
  dbName: string,
  options: MongoClientOptions = {},
): Promise<{ client: MongoClient; db: Db }> {
  const client = new MongoClient(target.uri, { serverSelectionTimeoutMS: 10000, ...options });
  await client.connect();
  const db = client.db(dbName);
  await db.dropDatabase();
  return { client, db };
}

/**
 * A fresh collection with an index on `g`, so filters on `g` are index-served even when the shared server runs
 * with notablescan=1.
 */
export async function indexedCollection(db: Db, name: string, docs: Document[] = []): Promise<Collection> {
  const c = db.collection(name);
  await c.createIndex({ g: 1 });
  if (docs.length) await c.insertMany(docs);
  return c;
}

/** Awaits a promise that must reject with a MongoServerError; returns it for further checks. */
export async function serverError(p: Promise<unknown>): Promise<MongoServerError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MongoServerError) return e;
    throw new Error(`expected a MongoServerError, got ${String(e)}`);
  }
  throw new Error('expected the operation to fail with a MongoServerError, but it succeeded');
}

/** Awaits a command that must fail with mongod's code and codeName (and optionally a message). */
export async function expectCode(
  p: Promise<unknown>,
  code: number,
  codeName: string,
  errmsg?: RegExp,
): Promise<MongoServerError> {
  const e = await serverError(p);
  // mongod's writeErrors entries carry { index, code, errmsg } but no codeName; the driver
  // turns the first one into the MongoServerError, so only command errors have a codeName.
  const isWriteError = typeof e.errorResponse?.index === 'number';
  if (isWriteError) expect(e.code).toBe(code);
  else expect({ code: e.code, codeName: e.codeName }).toEqual({ code, codeName });
  if (errmsg) expect(e.message).toMatch(errmsg);
  return e;
}

/**
 * For what mongod does but the emulator deliberately refuses: against the emulator the
 * operation must fail with a clear server error naming the feature; against a real mongod
 * `onReal` checks that it works (so the test still encodes mongod's behaviour).
 */
export async function refusedByEmulator(
  run: () => Promise<unknown>,
  feature: RegExp,
  onReal: (result: unknown) => void | Promise<void>,
): Promise<void> {
  if (target.isEmulator) {
    const e = await serverError(run());
    expect(typeof e.code).toBe('number');
    expect(e.code).not.toBe(0);
    expect(e.message).toMatch(feature);
  } else {
    await onReal(await run());
  }
}

/** A short unique-ish suffix so reruns against a shared real server do not collide. */
export const runId = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
