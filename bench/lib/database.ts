/**
 * The benchmarks' MongoDB: started as the tests start it (notablescan on; MONGODB_TEST_URI wins), optionally with
 * the bundled emulator under `node --cpu-prof`, and the connection the seeding uses.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { withDatabaseName } from '../../src/db/connection';
import { emulatorBinaryPath, startEmbeddedMongo, type EmbeddedMongo } from '../../src/db/embedded-mongo';

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

export interface Database {
  uri: string;
  label: string;
  kind: 'external' | EmbeddedMongo['kind'];
  version?: string;
  pid?: number;
  startMs: number;
  stop(): Promise<void>;
}

export async function startDatabase(profileDir?: string): Promise<Database> {
  const started = performance.now();
  const dbName = `kontakt_bench_${randomBytes(4).toString('hex')}`;
  const external = process.env.MONGODB_TEST_URI;
  if (external) {
    return {
      uri: withDatabaseName(external, dbName),
      label: 'the server at MONGODB_TEST_URI',
      kind: 'external',
      startMs: performance.now() - started,
      stop: async () => undefined,
    };
  }
  const quiet = { info: () => undefined, warn: () => undefined };
  // Profiling runs the emulator (a node program) under `node --cpu-prof` through a wrapper given as the system
  // binary (node refuses --cpu-prof in NODE_OPTIONS); it writes its profile when it exits.
  const chosen = process.env.MONGOMS_SYSTEM_BINARY;
  const profiled = profileDir !== undefined && chosen === undefined;
  if (profiled) process.env.MONGOMS_SYSTEM_BINARY = emulatorProfilingWrapper(profileDir);
  let embedded: EmbeddedMongo;
  let stopped: Promise<void> | undefined;
  try {
    embedded = await startEmbeddedMongo({ args: ['--setParameter', 'notablescan=1'], logger: quiet });
  } finally {
    if (profiled) delete process.env.MONGOMS_SYSTEM_BINARY;
  }
  if (profiled) embedded.kind = 'emulator';
  else if (profileDir) log('--profile: MONGOMS_SYSTEM_BINARY is set, so only the bench process is profiled');
  return {
    uri: withDatabaseName(embedded.uri, dbName),
    label: embedded.kind === 'emulator' ? 'the bundled mongod emulator' : 'a real mongod (mongodb-memory-server)',
    kind: embedded.kind,
    startMs: performance.now() - started,
    stop: () => (stopped ??= embedded.stop()),
  };
}

function emulatorProfilingWrapper(profileDir: string): string {
  mkdirSync(path.join(profileDir, 'mongod'), { recursive: true });
  const wrapper = path.join(profileDir, 'mongod-profiled');
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    wrapper,
    `#!/bin/sh\nexec ${quote(process.execPath)} --cpu-prof --cpu-prof-dir=${quote(path.join(profileDir, 'mongod'))} ${quote(emulatorBinaryPath())} "$@"\n`,
    { mode: 0o755 },
  );
  return wrapper;
}

/**
 * The seeding connection. Not connectDatabase(): building an index over 100,000 contacts keeps the emulator's
 * single thread busy for several seconds, longer than the app's 5-second monitor timeout, and the driver then
 * clears the pool and fails the createIndexes in flight (PoolClearedOnNetworkError).
 */
export async function connectForSeeding(uri: string): Promise<void> {
  mongoose.set('strictQuery', true);
  mongoose.set('autoIndex', false);
  await mongoose.connect(uri, {
    autoIndex: false,
    serverSelectionTimeoutMS: 30_000,
    connectTimeoutMS: 120_000,
    heartbeatFrequencyMS: 60_000,
  });
}

/** Version and process id of the server; the pid only when that process runs on this machine. */
export async function describeServer(database: Database): Promise<void> {
  const admin = mongoose.connection.db!.admin();
  const info = await admin.command({ buildInfo: 1 });
  database.version = String(info.version);
  const status = await admin.command({ serverStatus: 1 });
  const pid = typeof status.pid === 'number' ? status.pid : Number(status.pid);
  try {
    if (Number.isInteger(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('mongod')) database.pid = pid;
  } catch {
    // Not on this machine (or /proc is not readable): no server memory figures.
  }
  const notablescan = await admin.command({ getParameter: 1, notablescan: 1 }).catch(() => undefined);
  if (notablescan && notablescan.notablescan !== true) log('WARNING: the server does not run with notablescan on');
}
