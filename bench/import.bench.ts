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
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
import { startDatabase } from './lib/database';
import { procMemory } from './lib/proc';

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
  previewMs: number;
  importMs: number;
  created: number;
  skipped: number;
  failed: number;
  peakRssMB: number;
}

async function measure(kind: 'csv' | 'xlsx', rows: number, dir: string, workspaceId: string): Promise<Result> {
  const file = path.join(dir, `contacts-${rows}.${kind}`);
  await (kind === 'csv' ? writeCsv(file, rows) : writeXlsx(file, rows));
  const bytes = (await stat(file)).size;
  global.gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  try {
    const started = performance.now();
    const importId = await createImport(workspaceId, 'U0ADMIN', path.basename(file));
    const staged = await stageFile(workspaceId, importId, file);
    if (staged.status !== 'staged') throw new Error(`stageFile: ${JSON.stringify(staged)}`);
    await setSalespeople(workspaceId, importId, []);
    const preview = await previewImport(workspaceId, importId);
    const previewMs = performance.now() - started;
    log(
      `  ${kind} ${rows}: preview in ${Math.round(previewMs)} ms: ${JSON.stringify({ ...preview?.preview, sampleErrors: undefined })}`,
    );
    const importStarted = performance.now();
    await confirmImport(workspaceId, importId, { keepNumbers: true, onMatch: 'skip' });
    let step = await runImportStep(workspaceId, importId);
    while (step.status === 'more') step = await runImportStep(workspaceId, importId);
    const importMs = performance.now() - importStarted;
    if (step.status !== 'done') throw new Error('the import vanished');
    return {
      file: kind,
      rows,
      bytes,
      previewMs,
      importMs,
      created: step.view.counts.created,
      skipped: step.view.counts.skipped,
      failed: step.view.counts.failed,
      peakRssMB: Math.round(peak / 1024 / 1024),
    };
  } finally {
    clearInterval(sampler);
  }
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { rows: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(
      'npm run bench -- import [--rows N] [--only csv|xlsx]   (default: 10,000 each, then 50,000 CSV)\n',
    );
    return;
  }
  const runs: ['csv' | 'xlsx', number][] = values.rows
    ? (values.only ? [values.only as 'csv' | 'xlsx'] : (['csv', 'xlsx'] as const)).map((k) => [k, Number(values.rows)])
    : [
        ['csv', 10_000],
        ['xlsx', 10_000],
        ['csv', 50_000],
      ];
  const database = await startDatabase();
  log(`database: ${database.label}`);
  // As the app connects: every operation under the 2 s bound.
  await connectDatabase(database.uri);
  await ensureIndexes({ info: () => undefined });
  const dir = await mkdtemp(path.join(tmpdir(), 'kontakt-import-bench-'));
  const results: Result[] = [];
  try {
    for (const [index, [kind, rows]] of runs.entries()) {
      const workspaceId = `TBENCH${index}`;
      results.push(await measure(kind, rows, dir, workspaceId));
      const stored = await ContactModel.countDocuments({ workspaceId });
      log(`  ${kind} ${rows}: ${stored} contacts stored`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await mongoose.disconnect();
    await database.stop();
  }
  const hwm = procMemory()?.peakMiB;
  const verdict = (ok: boolean) => (ok ? 'ok  ' : 'FAIL');
  process.stdout.write('\nImport benchmark (in-process import service, bundled emulator)\n');
  for (const r of results) {
    const small = r.rows <= 10_000;
    process.stdout.write(
      `${r.file.padEnd(4)} ${String(r.rows).padStart(6)} rows ${(r.bytes / 1024 / 1024).toFixed(1).padStart(5)} MB | ` +
        `preview ${(r.previewMs / 1000).toFixed(1)} s ${small ? verdict(r.previewMs <= TARGETS.previewMs) : '    '} | ` +
        `import ${(r.importMs / 1000).toFixed(1)} s ${small ? verdict(r.importMs <= TARGETS.importMs) : '    '} | ` +
        `created ${r.created}, skipped ${r.skipped}, failed ${r.failed} | peak RSS ${r.peakRssMB} MB ${verdict(r.peakRssMB <= TARGETS.peakRssMB)}\n`,
    );
  }
  if (hwm !== undefined)
    process.stdout.write(`process VmHWM (whole run, incl. tsx and file generation): ${Math.round(hwm)} MiB\n`);
}
