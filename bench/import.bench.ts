/**
 * Import benchmark (`npm run bench -- import`): issue 15's targets for `/contact import`.
 *
 *   10,000-row NAV-style CSV (Windows-1252, `;`) and a 10,000-row .xlsx: preview ready ≤ 5 s, import done ≤ 30 s,
 *   peak RSS ≤ 250 MB throughout; 50,000 rows completes within the same memory.
 *
 * The file is generated on disk (a company and three persons at it, in that order per four rows), then read,
 * previewed and imported through the import service exactly as the listener and the job call it (stageFile →
 * previewImport → confirmImport → runImportStep until done) against the bundled emulator (notablescan on). Slack's
 * part (files.info, the download, DM messages) is left out: it is a few calls whatever the file's size. RSS is
 * this process's (the emulator runs in its own), sampled every 100 ms, and its high-water mark (VmHWM).
 *
 * A measurement, not a test: a missed target prints FAIL and the run still exits 0.
 *
 *   npm run bench -- import [--rows N] [--only csv|xlsx]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import mongoose from 'mongoose';
import { connectDatabase, ensureIndexes } from '../src/db/connection';
import '../src/models';
import { ContactModel } from '../src/models/contact.model';
import {
  confirmImport,
  createImport,
  previewImport,
  runImportStep,
  setSalespeople,
  stageFile,
} from '../src/services/import/import.service';
import { describeServer, startDatabase } from './lib/database';
import { startNodeFlags } from './lib/kontakt-child';
import { procMemory, resetPeak } from './lib/proc';
import {
  profileClockMicros,
  readProfile,
  SelfProfiler,
  summarizeProfile,
  type CpuProfile,
  type ProfileSummary,
} from './lib/profile';
import { table } from './lib/stats';

const TARGETS = { previewMs: 5_000, importMs: 30_000, peakRssMB: 250 } as const;
const HEADER = [
  'Nr.',
  'Type',
  'Navn',
  'Firmanr.',
  'Firmanavn',
  'Adresse',
  'Postnr.',
  'Poststed',
  'Telefon',
  'E-post',
  'Distriktskode',
  'Stilling',
];
const CITIES = ['Ålesund', 'Bergen', 'Trondheim', 'Tromsø', 'Bodø', 'Stavanger', 'Kristiansand', 'Drammen'];
const SURNAMES = ['Ødegård', 'Hansen', 'Bjørnstad', 'Lien', 'Aasen', 'Nilsen', 'Dahl', 'Sæther'];
const FIRST = ['Bjørn', 'Åse', 'Kari', 'Ola', 'Sigrid', 'Per', 'Ingrid', 'Nils'];

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

function row(i: number): string[] {
  const company = Math.floor(i / 4) * 4;
  const companyNo = `KT${String(company + 1).padStart(6, '0')}`;
  // Distinct in every duplicate-search string (name, address, phone): no company is a duplicate of another.
  const companyName = `${company} ${CITIES[company % 8]} ${SURNAMES[(company >> 3) % 8]} Handel AS`;
  const city = CITIES[company % 8]!;
  if (i % 4 === 0)
    return [
      companyNo,
      'Firma',
      companyName,
      companyNo,
      companyName,
      `${i} Storgata`,
      String(1000 + (i % 8000)),
      city,
      `${String(10_000_000 + i * 7).slice(-8)}`,
      `post${i}@firma${company}.no`,
      'WEST',
      '',
    ];
  const name = `${FIRST[i % 8]} ${SURNAMES[(i >> 2) % 8]}`;
  return [
    `KT${String(i + 1).padStart(6, '0')}`,
    'Person',
    name,
    companyNo,
    companyName,
    '',
    '',
    '',
    '',
    `person${i}@firma${company}.no`,
    '',
    'Innkjøper',
  ];
}

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const line = (cells: string[]) => iconv.encode(`${cells.join(';')}\r\n`, 'win1252');
  out.write(line(HEADER));
  for (let i = 0; i < rows; i++)
    if (!out.write(line(row(i)))) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve) => out.end(resolve));
}

async function writeXlsx(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Contact List');
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(row(i)).commit();
  sheet.commit();
  await workbook.commit();
}

interface Result {
  file: string;
  rows: number;
  bytes: number;
  stageMs: number;
  previewMs: number;
  importMs: number;
  created: number;
  skipped: number;
  failed: number;
  peakRssMB: number;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** CPU seconds used so far by this process and by the database server (when it runs here): load-independent. */
function cpuSeconds(serverPid: number | undefined): { kontakt: number; server?: number } {
  const usage = process.cpuUsage();
  const kontakt = (usage.user + usage.system) / 1e6;
  if (!serverPid) return { kontakt };
  try {
    const stat = readFileSync(`/proc/${serverPid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line (11 and 12 after the command name), in clock ticks.
    return { kontakt, server: (Number(fields[11]) + Number(fields[12])) / 100 };
  } catch {
    return { kontakt };
  }
}

function cpuSince(before: { kontakt: number; server?: number }, serverPid: number | undefined): string {
  const now = cpuSeconds(serverPid);
  const server = now.server !== undefined && before.server !== undefined ? now.server - before.server : undefined;
  return `CPU ${(now.kontakt - before.kontakt).toFixed(1)} s Kontakt${server !== undefined ? ` + ${server.toFixed(1)} s database` : ''}`;
}
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

/** Peak RSS of this process since `reset`: the 100 ms samples and, where /proc allows, the kernel's high-water mark. */
class PeakRss {
  private sampled = process.memoryUsage().rss;
  private readonly timer = setInterval(() => this.sample(), 100);
  private readonly hwm = resetPeak();

  sample(): number {
    this.sampled = Math.max(this.sampled, process.memoryUsage().rss);
    return this.sampled;
  }

  peakMB(): number {
    const hwm = this.hwm ? (procMemory()?.peakMiB ?? 0) * 1024 * 1024 : 0;
    return mb(Math.max(this.sample(), hwm));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

async function measure(
  kind: 'csv' | 'xlsx',
  rows: number,
  dir: string,
  workspaceId: string,
  profile: { dir: string } | undefined,
  serverPid: number | undefined,
): Promise<Result> {
  const label = `${kind} ${rows}`;
  const file = path.join(dir, `contacts-${rows}.${kind}`);
  const generated = performance.now();
  await (kind === 'csv' ? writeCsv(file, rows) : writeXlsx(file, rows));
  const bytes = (await stat(file)).size;
  log(
    `${label}: file written (${(bytes / 1024 / 1024).toFixed(1)} MB) in ${Math.round(performance.now() - generated)} ms`,
  );
  global.gc?.();
  const small = rows <= 10_000;
  const peak = new PeakRss();
  const profiler = profile ? new SelfProfiler() : undefined;
  await profiler?.start(1_000);
  const windows: Record<string, { from: number; to: number }> = {};
  const window = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const from = profileClockMicros();
    try {
      return await work();
    } finally {
      windows[name] = { from, to: profileClockMicros() };
    }
  };
  try {
    const started = performance.now();
    let cpu = cpuSeconds(serverPid);
    const importId = await createImport(workspaceId, 'U0ADMIN', path.basename(file));
    const staged = await window('stage', () => stageFile(workspaceId, importId, file));
    if (staged.status !== 'staged') throw new Error(`stageFile: ${JSON.stringify(staged)}`);
    const stageMs = performance.now() - started;
    log(
      `${label}: file read and staged in ${Math.round(stageMs)} ms (${cpuSince(cpu, serverPid)}; RSS peak so far ${peak.peakMB()} MB)`,
    );
    cpu = cpuSeconds(serverPid);
    await setSalespeople(workspaceId, importId, []);
    const preview = await window('preview', () => previewImport(workspaceId, importId));
    const previewMs = performance.now() - started;
    log(
      `${label}: preview ready in ${Math.round(previewMs)} ms ` +
        `${small ? `(target ≤ ${TARGETS.previewMs} ms) ${verdict(previewMs <= TARGETS.previewMs)}` : '(no target)'}: ` +
        `${JSON.stringify({ ...preview?.preview, sampleErrors: undefined })} (planning: ${cpuSince(cpu, serverPid)}; RSS peak so far ${peak.peakMB()} MB)`,
    );
    cpu = cpuSeconds(serverPid);
    const importStarted = performance.now();
    const step = await window('import', async () => {
      await confirmImport(workspaceId, importId, { keepNumbers: true, onMatch: 'skip' });
      let lastLog = performance.now();
      let current = await runImportStep(workspaceId, importId);
      while (current.status === 'more') {
        if (performance.now() - lastLog >= 5_000) {
          lastLog = performance.now();
          const { done, total } = current.view.progress;
          log(
            `${label}: importing… ${done} of ${total} rows after ${Math.round((lastLog - importStarted) / 1000)} s ` +
              `(RSS ${mb(process.memoryUsage().rss)} MB, peak ${peak.peakMB()} MB)`,
          );
        }
        current = await runImportStep(workspaceId, importId);
      }
      return current;
    });
    const importMs = performance.now() - importStarted;
    if (step.status !== 'done') throw new Error('the import vanished');
    log(
      `${label}: import done in ${Math.round(importMs)} ms ` +
        `${small ? `(target ≤ ${TARGETS.importMs} ms) ${verdict(importMs <= TARGETS.importMs)}` : '(no target)'}: ` +
        `${JSON.stringify(step.view.counts)} (${cpuSince(cpu, serverPid)})`,
    );
    const peakRssMB = peak.peakMB();
    log(
      `${label}: peak RSS ${peakRssMB} MB (target ≤ ${TARGETS.peakRssMB} MB) ${verdict(peakRssMB <= TARGETS.peakRssMB)}`,
    );
    if (profiler && profile) await writeProfile(profile.dir, label, await profiler.stop(), windows);
    return {
      file: kind,
      rows,
      bytes,
      stageMs,
      previewMs,
      importMs,
      created: step.view.counts.created,
      skipped: step.view.counts.skipped,
      failed: step.view.counts.failed,
      peakRssMB,
    };
  } finally {
    peak.stop();
  }
}

/** This process's profile of one run, and its self time per phase (the emulator's is cut at the end). */
async function writeProfile(
  dir: string,
  label: string,
  profile: CpuProfile,
  windows: Record<string, { from: number; to: number }>,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `kontakt-${label.replace(' ', '-')}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  for (const [name, w] of Object.entries(windows))
    printSummary(`${label} ${name}: bench process`, summarizeProfile(profile, w.from, w.to));
  profileWindows.push({ label, windows });
}

const profileWindows: { label: string; windows: Record<string, { from: number; to: number }> }[] = [];

function printSummary(title: string, summary: ProfileSummary): void {
  process.stdout.write(
    `\n${title}: ${(summary.busyMs / 1000).toFixed(1)} s busy of ${(summary.totalMs / 1000).toFixed(1)} s sampled\n` +
      `${table(
        ['area', 'ms', '% busy'],
        summary.byArea.map((a) => [a.area, a.ms, a.share]),
      )}\n${table(
        ['function', 'area', 'ms', '% busy'],
        summary.byFunction.map((f) => [f.fn.slice(0, 90), f.area, f.ms, f.share]),
      )}\n`,
  );
}

/** The emulator writes its profile when it stops: the largest file in DIR/mongod, cut to each run's phases. */
function printEmulatorProfiles(dir: string): void {
  const mongodDir = path.join(dir, 'mongod');
  const files = existsSync(mongodDir)
    ? readdirSync(mongodDir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(mongodDir, f))
        .sort((a, b) => statSync(b).size - statSync(a).size)
    : [];
  if (!files[0]) {
    log(`no emulator profile in ${mongodDir}`);
    return;
  }
  const profile = readProfile(files[0]);
  for (const { label, windows } of profileWindows)
    for (const [name, w] of Object.entries(windows))
      printSummary(`${label} ${name}: MongoDB emulator`, summarizeProfile(profile, w.from, w.to));
}

/**
 * The runs happen in a child process under `npm start`'s node flags (package.json config.nodeFlags: the heap cap),
 * so the memory measured is the memory Kontakt has in production, not what V8 grows to without a cap.
 */
async function inChild(argv: string[], nodeArgs: string[]): Promise<void> {
  log(`runs in a child process with npm start's node flags: ${nodeArgs.join(' ') || '(none)'}`);
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, __filename, ...argv], {
    env: { ...process.env, KONTAKT_IMPORT_BENCH_CHILD: '1' },
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the benchmark's child process ended with ${code}`);
}

if (process.env.KONTAKT_IMPORT_BENCH_CHILD === '1' && require.main === module)
  void main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string' },
      only: { type: 'string' },
      profile: { type: 'string' },
      'node-args': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'npm run bench -- import [--rows N] [--only csv|xlsx] [--profile DIR]\n' +
        '  default: 10,000 rows as CSV and as .xlsx, then 50,000 rows as CSV\n' +
        '  --profile DIR   CPU-profile each run (this process and the MongoDB emulator): summaries per phase\n' +
        '                  (stage, preview, import) to the output, .cpuprofile files to DIR\n' +
        '  --node-args="A"  node flags for the measuring process instead of npm start\'s (package.json config.nodeFlags)\n',
    );
    return;
  }
  if (process.env.KONTAKT_IMPORT_BENCH_CHILD !== '1') {
    await inChild(argv, (values['node-args'] ?? startNodeFlags()).split(/\s+/).filter(Boolean));
    return;
  }
  const kinds = values.only ? [values.only as 'csv' | 'xlsx'] : (['csv', 'xlsx'] as const);
  const runs: ['csv' | 'xlsx', number][] = values.rows
    ? kinds.map((k) => [k, Number(values.rows)])
    : [
        ...kinds.map((k): ['csv' | 'xlsx', number] => [k, 10_000]),
        ...(values.only === 'xlsx' ? [] : [['csv', 50_000] as ['csv', number]]),
      ];
  const profileDir = values.profile ? path.resolve(values.profile) : undefined;
  log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores`,
  );
  const database = await startDatabase(profileDir);
  log(`database: ${database.label}`);
  // As the app connects: every operation under the 2 s bound.
  await connectDatabase(database.uri);
  await ensureIndexes({ info: () => undefined });
  await describeServer(database);
  const dir = await mkdtemp(path.join(tmpdir(), 'kontakt-import-bench-'));
  const results: Result[] = [];
  try {
    for (const [index, [kind, rows]] of runs.entries()) {
      const workspaceId = `TBENCH${index}`;
      results.push(
        await measure(kind, rows, dir, workspaceId, profileDir ? { dir: profileDir } : undefined, database.pid),
      );
      const stored = await ContactModel.countDocuments({ workspaceId });
      log(`${kind} ${rows}: ${stored} contacts stored`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await mongoose.disconnect();
    await database.stop();
  }
  if (profileDir && database.kind === 'emulator') printEmulatorProfiles(profileDir);
  const hwm = procMemory()?.peakMiB;
  process.stdout.write(
    `\nImport benchmark (in-process import service, ${database.label}; load average now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})\n`,
  );
  for (const r of results) {
    const small = r.rows <= 10_000;
    const timed = (ms: number, target: number) =>
      `${(ms / 1000).toFixed(1)} s ${small ? verdict(ms <= target) : '    '}`;
    process.stdout.write(
      `${r.file.padEnd(4)} ${String(r.rows).padStart(6)} rows ${(r.bytes / 1024 / 1024).toFixed(1).padStart(5)} MB | ` +
        `staged ${(r.stageMs / 1000).toFixed(1)} s | preview ${timed(r.previewMs, TARGETS.previewMs)} | ` +
        `import ${timed(r.importMs, TARGETS.importMs)} | ` +
        `created ${r.created}, skipped ${r.skipped}, failed ${r.failed} | peak RSS ${r.peakRssMB} MB ${verdict(r.peakRssMB <= TARGETS.peakRssMB)}\n`,
    );
  }
  const failed = results.filter(
    (r) =>
      r.peakRssMB > TARGETS.peakRssMB ||
      (r.rows <= 10_000 && (r.previewMs > TARGETS.previewMs || r.importMs > TARGETS.importMs)) ||
      r.created + r.skipped + r.failed !== r.rows,
  );
  process.stdout.write(
    `${failed.length === 0 ? 'PASS' : 'FAIL'}: ${results.length - failed.length} of ${results.length} runs within every target\n`,
  );
  if (hwm !== undefined)
    process.stdout.write(`process VmHWM (whole run, incl. tsx and file generation): ${Math.round(hwm)} MiB\n`);
}
