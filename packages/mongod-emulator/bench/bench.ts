/**
 * Benchmark for the mongod emulator (or any mongod): `npm run bench -w mongod-emulator`.
 *
 *   1. 10,000 inserts, in insertMany batches and one by one
 *   2. 1,000 equality lookups on a unique indexed field vs 1,000 _id lookups
 *      (the ratio shows index use: PASS when ≤ 2×)
 *   3. an anchored-prefix search ({ nameKey: /^abc/ }, limit 20) over 100,000 documents
 *   4. the server's peak RSS (VmHWM), when it runs on this machine
 *
 * The server is started like the conformance suite does (mongodb-memory-server with
 * MONGOMS_SYSTEM_BINARY or this package's bin/mongod, --setParameter notablescan=1, bound to
 * 127.0.0.1), or MONGODB_TEST_URI is used as is. Everything is bounded and stops by itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MongoClient, type Collection } from 'mongodb';
import { MongoMemoryServer } from 'mongodb-memory-server';

const EMULATOR_BIN = path.resolve(__dirname, '..', 'bin', 'mongod');
const INSERTS = 10_000;
const LOOKUPS = 1_000;
const PREFIX_DOCS = 100_000;
const PREFIX_QUERIES = 200;
const MAX_RATIO = 2;

interface Row {
  name: string;
  figures: string;
}
const rows: Row[] = [];
const row = (name: string, figures: string): void => {
  rows.push({ name, figures });
  console.log(`  ${name.padEnd(46)} ${figures}`);
};

/** Deterministic pseudo-random numbers so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const rand = rng(42);
const letters = 'abcdefghijklmnopqrstuvwxyz';
const word = (n: number): string => Array.from({ length: n }, () => letters[Math.floor(rand() * 26)]).join('');

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

function peakRss(pid: number | undefined): string {
  if (!pid) return 'n/a';
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return hwm ? `${(Number(hwm) / 1024).toFixed(1)} MB` : 'n/a';
  } catch {
    return 'n/a (server not on this machine)';
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const r = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}

async function startServer(): Promise<{ uri: string; pid?: number; label: string; stop: () => Promise<void> }> {
  if (process.env.MONGODB_TEST_URI) {
    return {
      uri: process.env.MONGODB_TEST_URI,
      label: `MONGODB_TEST_URI=${process.env.MONGODB_TEST_URI}`,
      stop: async () => undefined,
    };
  }
  const binary = process.env.MONGOMS_SYSTEM_BINARY ?? EMULATOR_BIN;
  if (!existsSync(binary))
    throw new Error(`no server binary at ${binary}: run \`npm run build -w mongod-emulator\` first`);
  const version = /db version v(\d+\.\d+\.\d+)/.exec(
    spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout ?? '',
  )?.[1];
  const mms = await MongoMemoryServer.create({
    binary: { systemBinary: binary, ...(version ? { version } : {}) },
    instance: { ip: '127.0.0.1', args: ['--setParameter', 'notablescan=1'], launchTimeout: 30000 },
  });
  return {
    uri: mms.getUri(),
    pid: mms.instanceInfo?.instance.mongodProcess?.pid,
    label: binary,
    stop: async () => {
      await mms.stop({ doCleanup: true, force: false });
    },
  };
}

async function benchInserts(
  client: MongoClient,
): Promise<Collection<{ _id: number; email: string; name: string; n: number }>> {
  const db = client.db('emu_bench');
  await db.dropDatabase();
  const docs = (from: number) =>
    Array.from({ length: INSERTS }, (_, i) => ({
      _id: from + i,
      email: `user${from + i}@example.test`,
      name: word(8),
      n: i,
    }));

  const batched = db.collection<{ _id: number; email: string; name: string; n: number }>('users');
  await batched.createIndex({ email: 1 }, { unique: true });
  const all = docs(0);
  const [tBatch] = await timed(async () => {
    for (let i = 0; i < all.length; i += 1000) await batched.insertMany(all.slice(i, i + 1000));
  });
  row(
    `${INSERTS.toLocaleString('en')} inserts, insertMany × 1,000`,
    `${ms(tBatch)} total, ${Math.round(INSERTS / (tBatch / 1000)).toLocaleString('en')} docs/s`,
  );

  const single = db.collection<{ _id: number; email: string; name: string; n: number }>('users_single');
  await single.createIndex({ email: 1 }, { unique: true });
  const one = docs(0);
  const [tSingle] = await timed(async () => {
    for (const d of one) await single.insertOne(d);
  });
  row(
    `${INSERTS.toLocaleString('en')} inserts, insertOne one by one`,
    `${ms(tSingle)} total, ${Math.round(INSERTS / (tSingle / 1000)).toLocaleString('en')} ops/s`,
  );
  return batched;
}

async function benchLookups(
  users: Collection<{ _id: number; email: string; name: string; n: number }>,
): Promise<boolean> {
  const keys = Array.from({ length: LOOKUPS }, () => Math.floor(rand() * INSERTS));
  // Warm up both paths (connection pool, JIT) before measuring.
  for (const k of keys.slice(0, 100)) {
    await users.findOne({ _id: k });
    await users.findOne({ email: `user${k}@example.test` });
  }
  // Two alternating rounds; the best round of each kind counts, so warm-up order cannot bias the ratio.
  const byId = () =>
    timed(async () => {
      let hits = 0;
      for (const k of keys) if ((await users.findOne({ _id: k }))?.n === k) hits++;
      return hits;
    });
  const byEmail = () =>
    timed(async () => {
      let hits = 0;
      for (const k of keys) if ((await users.findOne({ email: `user${k}@example.test` }))?.n === k) hits++;
      return hits;
    });
  const [id1, idHits] = await byId();
  const [email1, emailHits] = await byEmail();
  const [email2] = await byEmail();
  const [id2] = await byId();
  const tId = Math.min(id1, id2);
  const tEmail = Math.min(email1, email2);
  if (idHits !== LOOKUPS || emailHits !== LOOKUPS)
    throw new Error(`lookups returned wrong documents (${idHits}, ${emailHits})`);
  const ratio = tEmail / tId;
  row(`${LOOKUPS.toLocaleString('en')} _id lookups`, `${ms(tId)} total, ${(tId / LOOKUPS).toFixed(3)} ms/op`);
  row(
    `${LOOKUPS.toLocaleString('en')} unique-field (email) lookups`,
    `${ms(tEmail)} total, ${(tEmail / LOOKUPS).toFixed(3)} ms/op`,
  );
  const pass = ratio <= MAX_RATIO;
  row('unique-field / _id ratio', `${ratio.toFixed(2)}×  ${pass ? 'PASS' : 'FAIL'} (must be ≤ ${MAX_RATIO}×)`);
  return pass;
}

async function benchPrefix(client: MongoClient): Promise<void> {
  const c = client.db('emu_bench').collection<{ _id: number; nameKey: string }>('names');
  await c.createIndex({ nameKey: 1 });
  const [tLoad] = await timed(async () => {
    for (let i = 0; i < PREFIX_DOCS; i += 5000) {
      await c.insertMany(Array.from({ length: 5000 }, (_, j) => ({ _id: i + j, nameKey: word(8) })));
    }
  });
  row(`load ${PREFIX_DOCS.toLocaleString('en')} docs (indexed nameKey)`, `${ms(tLoad)} total`);
  const times: number[] = [];
  let returned = 0;
  for (let q = 0; q < PREFIX_QUERIES; q++) {
    const prefix = word(3);
    const [t, docs] = await timed(() =>
      c
        .find({ nameKey: new RegExp(`^${prefix}`) })
        .limit(20)
        .toArray(),
    );
    if (docs.some((d) => !d.nameKey.startsWith(prefix)))
      throw new Error(`prefix search for ${prefix} returned a non-matching document`);
    times.push(t);
    returned += docs.length;
  }
  times.sort((a, b) => a - b);
  row(
    `${PREFIX_QUERIES} anchored-prefix queries /^abc/, limit 20`,
    `p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, max ${ms(times[times.length - 1] ?? NaN)} (avg ${(returned / PREFIX_QUERIES).toFixed(1)} docs)`,
  );
}

async function main(): Promise<void> {
  const server = await startServer();
  const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 10000 });
  let pass = false;
  try {
    await client.connect();
    const info = await client.db('admin').command({ buildInfo: 1 });
    const status = await client.db('admin').command({ serverStatus: 1 });
    const pid = server.pid ?? (typeof status.pid === 'number' ? status.pid : Number(status.pid ?? 0)) ?? undefined;
    console.log(
      `\nmongod-emulator bench — server: ${server.label} (version ${String(info.version)}), node ${process.version}\n`,
    );
    const users = await benchInserts(client);
    pass = await benchLookups(users);
    await benchPrefix(client);
    row('server peak RSS (VmHWM)', peakRss(pid || undefined));
    await client.db('emu_bench').dropDatabase();
  } finally {
    await client.close();
    await server.stop();
  }
  console.log('');
  if (!pass) process.exitCode = 1;
}

const watchdog = setTimeout(
  () => {
    console.error('bench: giving up after 10 minutes');
    process.exit(2);
  },
  10 * 60 * 1000,
);
watchdog.unref();

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
