/**
 * Export benchmark (`npm run bench -- export`): the hardening issue's target, measured end to end.
 *
 *   "A 200,000 + 200,000 export completes under `npm start`'s heap cap with peak RSS ≤ 250 MB."
 *
 * 1. MongoDB as the tests run it (notablescan on; MONGODB_TEST_URI wins); one workspace seeded in bulk with
 *    contacts and visits built by the app's own functions (lib/seed.ts, lib/visit-seed.ts), a small second
 *    workspace beside it (its rows must not appear in the files).
 * 2. Kontakt runs in a child process (lib/app-process.ts, compiled as `npm start` runs it, with `npm start`'s node
 *    flags: the heap cap) against the fake Slack, which receives the upload.
 * 3. One signed `/contact export` from an admin; while it runs, a second one from another admin (it must be
 *    refused). Kontakt's RSS is sampled every 200 ms and its heap every second; its peak RSS is its own VmHWM.
 * 4. When the DM says "Done" (or the process dies), the uploaded files are read back from the fake: CSV records
 *    counted (a streaming parse), byte-order mark checked, sizes.
 *
 * A measurement, not a test: a missed target prints FAIL and the run still exits 0. Every wait is bounded and a
 * watchdog ends the run.
 *
 *   npm run bench -- export [--quick] [--contacts N] [--visits N] [--max-minutes M] …   (--help for all)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import mongoose from 'mongoose';
import { disconnectDatabase, ensureIndexes } from '../src/db/connection';
import { ContactModel, VisitModel } from '../src/models';
import { getWorkspaceSetup } from '../src/services/setup/setup.service';
import { todayIn, weekOf } from '../src/services/calendar';
import { defaultUser } from '../test/harness/fake-slack-answers';
import { FakeSlackApi, type RecordedCall } from '../test/harness/fake-slack-api';
import { slashCommand } from '../test/harness/payloads';
import { SlackRequestSender } from '../test/harness/slack-request';
import { TEST_SIGNING_SECRET } from '../test/support/test-app';
import { startChild, type ChildApp } from './lib/children';
import { compileForChildren } from './lib/compile';
import { connectForSeeding, describeServer, startDatabase, type Database } from './lib/database';
import { kontaktEnv, startNodeFlags } from './lib/kontakt-child';
import { procMemory } from './lib/proc';
import { round } from './lib/stats';
import { seedWorkspace, setContactSeries } from './lib/seed';
import { seedVisits, type VisitTarget } from './lib/visit-seed';

const TARGETS = { peakRssMB: 250 } as const;
const WORKSPACE = 'T0001';
const OTHER_WORKSPACE = 'T0002';
const OTHER_CONTACTS = 300;
const ADMIN = 'U0ADMIN';
const SECOND_ADMIN = 'U0ADMIN2';
const CHANNEL = 'C0001';
const TEAM = Array.from({ length: 30 }, (_, i) => `U${String(i + 1).padStart(4, '0')}`);
const USER_TZ = defaultUser(ADMIN).tz;

interface Options {
  quick: boolean;
  contacts: number;
  visits: number;
  seed: number;
  runtime: 'compiled' | 'tsx';
  appNodeArgs: string[];
  /** Send a second export while the first runs (it must be refused). */
  second: boolean;
  /** How long the export may take before the run gives up on it. */
  exportMinutes: number;
  maxMinutes: number;
  out: string;
}

const USAGE = `npm run bench -- export [options]

  --quick              20,000 contacts and 20,000 visits (default: 200,000 and 200,000)
  --contacts N         contacts in the exported workspace
  --visits N           visits in the exported workspace (default = contacts)
  --runtime R          compiled (default: as npm start runs Kontakt) or tsx (node --import tsx: ~40 MiB more RSS)
  --app-node-args="A"  node flags for Kontakt's process instead of npm start's (package.json config.nodeFlags)
  --no-second          do not send the second export (e.g. to measure a version without the lock alone)
  --export-minutes M   give up on the export after M minutes (default 20; quick 5)
  --max-minutes M      watchdog for the whole run (default 45; quick 10)
  --seed N             data seed (default 42)
  --out FILE           result JSON (default bench/results/export-latest.json)
`;

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      'no-second': { type: 'boolean', default: false },
      contacts: { type: 'string' },
      visits: { type: 'string' },
      runtime: { type: 'string' },
      'app-node-args': { type: 'string' },
      'export-minutes': { type: 'string' },
      'max-minutes': { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return undefined;
  }
  const whole = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return value;
  };
  const quick = values.quick ?? false;
  const contacts = whole('contacts', values.contacts, quick ? 20_000 : 200_000, 100, 2_000_000);
  const runtime = values.runtime ?? 'compiled';
  if (runtime !== 'compiled' && runtime !== 'tsx')
    throw new Error(`--runtime must be compiled or tsx (got "${runtime}")`);
  return {
    quick,
    contacts,
    visits: whole('visits', values.visits, contacts, 1, 2_000_000),
    seed: whole('seed', values.seed, 42, 0, Number.MAX_SAFE_INTEGER),
    runtime,
    second: !values['no-second'],
    appNodeArgs: (values['app-node-args'] ?? startNodeFlags()).split(/\s+/).filter(Boolean),
    exportMinutes: whole('export-minutes', values['export-minutes'], quick ? 5 : 20, 1, 240),
    maxMinutes: whole('max-minutes', values['max-minutes'], quick ? 10 : 45, 1, 480),
    out: values.out ?? path.join(__dirname, 'results', 'export-latest.json'),
  };
}

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

const n = (value: number): string => value.toLocaleString('en');

// ---- seeding ------------------------------------------------------------------------------------

async function seed(options: Options): Promise<{ contacts: number; visits: number; seedMs: number }> {
  const started = performance.now();
  // The two big collections get their indexes after the bulk insert (faster); the rest now, because seeding
  // reads setup and notablescan is on.
  for (const name of mongoose.modelNames().filter((m) => m !== ContactModel.modelName && m !== VisitModel.modelName))
    await mongoose.model(name).createIndexes();
  let lastReport = 0;
  const progress = (what: string, total: number) => (done: number) => {
    if (performance.now() - lastReport < 5_000) return;
    lastReport = performance.now();
    log(`  ${what} ${n(done)} / ${n(total)}`);
  };
  const targets: VisitTarget[] = [];
  const contacts = await seedWorkspace({
    workspaceId: WORKSPACE,
    count: options.contacts,
    seed: options.seed,
    sampleSize: 10,
    onProgress: progress('contacts', options.contacts),
    onContact: (c) =>
      targets.push({
        id: c.id,
        no: c.no,
        name: c.name,
        type: c.type,
        companyId: c.companyId,
        companyName: c.companyName,
      }),
  });
  const week = weekOf(todayIn(USER_TZ));
  const visits = await seedVisits({
    workspaceId: WORKSPACE,
    count: options.visits,
    weekCount: Math.min(5_000, Math.floor(options.visits / 2)),
    week,
    salespeople: TEAM,
    contacts: targets,
    types: (await getWorkspaceSetup(WORKSPACE)).interactionTypes,
    seed: options.seed + 2,
    onProgress: progress('visits', options.visits),
  });
  targets.length = 0;
  const other = await seedWorkspace({
    workspaceId: OTHER_WORKSPACE,
    count: OTHER_CONTACTS,
    seed: options.seed + 1,
    sampleSize: 10,
  });
  await ensureIndexes({ info: () => undefined });
  await setContactSeries(WORKSPACE, contacts.inserted);
  await setContactSeries(OTHER_WORKSPACE, other.inserted);
  return { contacts: contacts.inserted, visits: visits.inserted, seedMs: performance.now() - started };
}

// ---- the export ---------------------------------------------------------------------------------

interface MemoryTrack {
  rssMaxSampledMiB: number;
  heapUsedMaxMiB: number;
  samples: { atMs: number; rssMiB: number }[];
}

/** Samples Kontakt's RSS (from /proc, every 200 ms) and heap (over IPC, every second) until stopped. */
function trackMemory(kontakt: ChildApp, from: number): { track: MemoryTrack; stop(): void } {
  const track: MemoryTrack = { rssMaxSampledMiB: 0, heapUsedMaxMiB: 0, samples: [] };
  let ticks = 0;
  const timer = setInterval(() => {
    const memory = kontakt.memory();
    if (memory) {
      track.rssMaxSampledMiB = Math.max(track.rssMaxSampledMiB, memory.rssMiB);
      // A coarse timeline for the JSON: one point a second.
      if (ticks % 5 === 0) track.samples.push({ atMs: Math.round(performance.now() - from), rssMiB: memory.rssMiB });
    }
    if (ticks % 5 === 0)
      kontakt
        .heap()
        .then((heap) => {
          track.heapUsedMaxMiB = Math.max(track.heapUsedMaxMiB, heap.heapUsedMiB ?? 0);
        })
        .catch(() => undefined);
    ticks += 1;
  }, 200);
  return { track, stop: () => clearInterval(timer) };
}

interface UploadedFile {
  filename: string;
  bytes: number;
  records: number;
  bom: boolean;
}

/** CSV records in `bytes`, header excluded, counted by a streaming parse (quoted line breaks understood). */
async function countRecords(bytes: Buffer): Promise<number> {
  let records = 0;
  const parser = Readable.from([bytes]).pipe(parse({ bom: true, relax_column_count: true }));
  for await (const _record of parser) records += 1;
  return Math.max(0, records - 1);
}

async function readUploads(fake: FakeSlackApi, complete: RecordedCall): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  for (const file of complete.args.files as { id: string }[]) {
    const uploaded = fake.uploadedFile(file.id);
    if (!uploaded) throw new Error(`file ${file.id} was completed but never uploaded`);
    files.push({
      filename: uploaded.filename,
      bytes: uploaded.bytes.length,
      records: await countRecords(uploaded.bytes),
      bom: uploaded.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])),
    });
  }
  return files;
}

type Outcome =
  | { kind: 'done'; doneMs: number; text: string }
  | { kind: 'failed'; doneMs: number; text: string }
  | { kind: 'died'; atMs: number; how: string }
  | { kind: 'timeout' };

const isDone = (call: RecordedCall) => String(call.args.text).startsWith('Done');
const isFailure = (call: RecordedCall) => String(call.args.text).includes('stopped before it finished');

// ---- main ---------------------------------------------------------------------------------------

export async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  if (!options) return;
  const runStarted = performance.now();
  const watchdog = setTimeout(() => {
    log(`watchdog: the run took longer than ${options.maxMinutes} minutes; giving up`);
    process.exit(3);
  }, options.maxMinutes * 60_000);
  watchdog.unref();

  log(
    `export benchmark: ${n(options.contacts)} contacts + ${n(options.visits)} visits, Kontakt with node flags "${options.appNodeArgs.join(' ')}"`,
  );
  const database: Database = await startDatabase();
  log(`MongoDB: ${database.label} (${Math.round(database.startMs)} ms to start)`);
  let kontakt: ChildApp | undefined;
  let fake: FakeSlackApi | undefined;
  try {
    await connectForSeeding(database.uri);
    await describeServer(database);
    const seeded = await seed(options);
    log(`seeded ${n(seeded.contacts)} contacts and ${n(seeded.visits)} visits in ${round(seeded.seedMs / 1000)} s`);
    await disconnectDatabase();

    fake = await FakeSlackApi.start();
    fake.setUser(ADMIN, { is_admin: true });
    fake.setUser(SECOND_ADMIN, { is_admin: true });
    const entry =
      options.runtime === 'compiled'
        ? compileForChildren(path.join(__dirname, 'results', 'dist'))
        : (file: string) => path.join(__dirname, 'lib', file);
    kontakt = await startChild({
      name: 'Kontakt',
      entry: entry('app-process.ts'),
      runtime: options.runtime,
      nodeArgs: options.appNodeArgs,
      env: kontaktEnv(fake.url, database.uri),
      readyTimeoutMs: 120_000,
    });
    const idle = kontakt.memory();
    log(`Kontakt (pid ${kontakt.pid}) started in ${Math.round(kontakt.startMs)} ms, RSS ${idle?.rssMiB ?? '?'} MiB`);
    const sender = new SlackRequestSender({ url: kontakt.eventsUrl, signingSecret: TEST_SIGNING_SECRET });

    // ---- the export, and a second one while it runs ----
    const started = performance.now();
    const startedWall = Date.now();
    const memory = trackMemory(kontakt, started);
    const child = kontakt;
    const died = child.exited.then(({ code, signal }): Outcome => ({
      kind: 'died',
      atMs: performance.now() - started,
      how: signal ?? `exit code ${code}`,
    }));
    const finished = fake
      .waitForCall('chat.update', (call) => isDone(call) || isFailure(call), options.exportMinutes * 60_000)
      .then(
        (call): Outcome => ({
          kind: isDone(call) ? 'done' : 'failed',
          doneMs: performance.now() - started,
          text: String(call.args.text),
        }),
        (): Outcome => ({ kind: 'timeout' }),
      );
    const ack = await sender.command(
      slashCommand({
        text: 'export',
        userId: ADMIN,
        teamId: WORKSPACE,
        channelId: CHANNEL,
        responseUrl: fake.responseUrl('first'),
      }) as unknown as Record<string, unknown>,
    );
    log(`/contact export acknowledged (HTTP ${ack.status}) in ${round(ack.elapsedMs)} ms; waiting for "Done"`);

    // The second export, once the first has posted its progress message (so it surely holds the lock).
    const second = (
      options.second ? fake.waitForCall('chat.postMessage', () => true, 60_000) : Promise.reject(new Error('not sent'))
    ).then(async () => {
      await sender.command(
        slashCommand({
          text: 'export',
          userId: SECOND_ADMIN,
          teamId: WORKSPACE,
          channelId: CHANNEL,
          responseUrl: fake!.responseUrl('second'),
        }) as unknown as Record<string, unknown>,
      );
      const reply = await fake!.waitForResponse((r) => r.key === 'second', 30_000);
      return String(reply.body.text);
    });
    second.catch(() => undefined);

    const outcome = await Promise.race([finished, died]);
    memory.stop();
    const secondReply = await Promise.race([
      second,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5_000)),
    ]).catch((error: Error) => `(no answer: ${error.message})`);
    const peak = kontakt.memory();
    const progressMessages = fake.callsTo('chat.postMessage').filter((c) => String(c.args.channel).startsWith('D'));
    const updates = fake.callsTo('chat.update').map((c) => String(c.args.text));
    const uploadStartedAt = fake.callsTo('files.getUploadURLExternal')[0]?.at;
    const complete = fake.callsTo('files.completeUploadExternal')[0];
    const files = complete ? await readUploads(fake, complete) : [];
    const live = outcome.kind === 'died' ? undefined : await kontakt.heap(true).catch(() => undefined);
    const stderr = kontakt.stderrLines.slice(-15);
    await kontakt.stop();

    // ---- report ----
    const contactsFile = files.find((f) => f.filename.startsWith('kontakt-contacts'));
    const visitsFile = files.find((f) => f.filename.startsWith('kontakt-visits'));
    const rowsMatch = contactsFile?.records === seeded.contacts && visitsFile?.records === seeded.visits;
    const refused = typeof secondReply === 'string' && secondReply.startsWith('An export is already running');
    const peakMiB = peak?.peakMiB;
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const mb = (bytes: number) => `${round(bytes / 1024 / 1024)} MiB`;
    const lines = [
      '',
      `Export benchmark — ${n(seeded.contacts)} contacts + ${n(seeded.visits)} visits (workspace ${WORKSPACE}; ${OTHER_CONTACTS} contacts in ${OTHER_WORKSPACE} beside it)`,
      `machine: ${cpus().length} cores, ${round(totalmem() / 1024 ** 3)} GiB; MongoDB: ${database.label}${database.version ? ` ${database.version}` : ''}`,
      `Kontakt: ${options.runtime}, node flags "${options.appNodeArgs.join(' ')}"`,
      '',
    ];
    if (outcome.kind === 'done' || outcome.kind === 'failed') {
      lines.push(`outcome:             ${outcome.kind === 'done' ? 'completed' : 'FAILED'} — "${outcome.text}"`);
      lines.push(`duration:            ${round(outcome.doneMs / 1000)} s from the command to the DM's last message`);
    } else if (outcome.kind === 'died') {
      lines.push(`outcome:             Kontakt DIED (${outcome.how}) after ${round(outcome.atMs / 1000)} s`);
      lines.push(...stderr.map((line) => `  | ${line.slice(0, 200)}`));
    } else lines.push(`outcome:             no "Done" within ${options.exportMinutes} minutes`);
    if (uploadStartedAt) lines.push(`  writing the files: ${round((uploadStartedAt - startedWall) / 1000)} s`);
    lines.push(
      `progress:            ${progressMessages.length} message posted, ${updates.length} updates (last: "${updates.at(-1) ?? ''}")`,
    );
    for (const file of files)
      lines.push(
        `file:                ${file.filename}: ${n(file.records)} rows, ${mb(file.bytes)}, BOM ${file.bom ? 'yes' : 'NO'}`,
      );
    lines.push(
      `rows:                ${verdict(rowsMatch)} (expected ${n(seeded.contacts)} contacts, ${n(seeded.visits)} visits)`,
    );
    if (options.second)
      lines.push(`second export:       ${verdict(refused)} — ${secondReply ?? '(no answer within 5 s)'}`);
    lines.push(
      `Kontakt memory:      idle ${idle?.rssMiB ?? '?'} MiB RSS before; peak RSS (VmHWM) ${peakMiB ?? '?'} MiB; max sampled RSS ${memory.track.rssMaxSampledMiB} MiB; max heapUsed ${round(memory.track.heapUsedMaxMiB)} MiB; live heap after GC ${live?.liveHeapMiB ?? '?'} MiB`,
    );
    lines.push(
      `target peak RSS:     ${verdict(peakMiB !== undefined && peakMiB <= TARGETS.peakRssMB && outcome.kind === 'done')} (≤ ${TARGETS.peakRssMB} MB, completed under the heap cap)`,
    );
    lines.push(
      `(bench process peak ${procMemory()?.peakMiB ?? '?'} MiB; whole run ${round((performance.now() - runStarted) / 1000)} s)`,
      '',
    );
    process.stdout.write(`${lines.join('\n')}\n`);

    mkdirSync(path.dirname(options.out), { recursive: true });
    writeFileSync(
      options.out,
      `${JSON.stringify(
        {
          options,
          seeded,
          outcome,
          files,
          rowsMatch,
          secondExport: { refused, reply: secondReply },
          memory: { idle, peakMiB, ...memory.track, liveAfterGc: live },
          progress: { posted: progressMessages.length, updates },
          stderr,
        },
        null,
        2,
      )}\n`,
    );
    log(`results in ${path.relative(process.cwd(), options.out)}`);
  } finally {
    await kontakt?.stop().catch(() => undefined);
    await fake?.close().catch(() => undefined);
    await disconnectDatabase().catch(() => undefined);
    await database.stop();
  }
}
