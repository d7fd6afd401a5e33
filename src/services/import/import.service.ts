import { Types } from 'mongoose';
import { isDuplicateKeyError, onlyDuplicateKeyErrors } from '../../db/errors';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { ImportModel, ImportRowModel, type ImportDocument } from '../../models/import.model';
import { SetupAuditModel } from '../../models/setup.model';
import { VisitModel } from '../../models/visit.model';
import { contactInputSchema, type ContactInput } from '../../schemas/contact-input';
import { recordCreatedContacts, type CreatedContact } from '../contacts/change-log.service';
import { computedParts } from '../contacts/contact-record';
import { updateContact } from '../contacts/contact.service';
import { refreshDuplicateCandidates } from '../contacts/duplicate-candidates.service';
import type { Contact } from '../contacts/contact.types';
import { newContactFields } from '../contacts/new-contact';
import {
  claimContactNoBlock,
  formatContactNo,
  moveContactSeriesPast,
  seriesValueOf,
} from '../contacts/numbering.service';
import { foldText } from '../search/fold';
import { getWorkspaceSetup, saveSetupSection } from '../setup/setup.service';
import type { CodeListName, WorkspaceSetup } from '../setup/setup.types';
import { mapHeaders, mappedTwice, recognisedHeaders, type ColumnMapping, type ImportTarget } from './columns';
import { planRows, type PlanContext, type RowPlan, type StagedRow } from './import-plan';
import { readRecord, type RowError } from './import-record';
import { readFileRows, UnreadableFileError, type FileRow } from './read-rows';

/** Rows read, planned or written per database round: each operation stays well inside the 2 s bound. */
export const IMPORT_BATCH = 250;
/** Row outcomes written per database operation. */
const OUTCOME_WRITES = 50;
/** How far down a header row is looked for (title lines above it are skipped). */
const HEADER_SEARCH_ROWS = 20;
/** An import can be undone for this long; its staged rows go a day later. */
export const UNDO_DAYS = 7;
const KEEP_MS = (UNDO_DAYS + 1) * 24 * 60 * 60_000;
/** Errors the preview lists; the rest are in the downloadable report. */
export const ERRORS_SHOWN = 20;
const MAX_SALESPERSON_VALUES = 200;

export type OnMatch = 'skip' | 'update' | 'create';

export interface ImportOptions {
  keepNumbers: boolean;
  onMatch: OnMatch;
}

export interface PreviewSummary {
  rows: number;
  companies: number;
  persons: number;
  independents: number;
  matches: number;
  errors: number;
  sampleErrors: { rowNo: number; error: RowError }[];
  /** Salesperson values that are no Slack user: reported, left blank. */
  unknownSalespeople: string[];
  /** Code-list values the file uses that setup does not have: added to setup by the import. */
  missingCodes: { list: CodeListName; codes: string[] }[];
  hasNoColumn: boolean;
}

/** What the preview and the job know about an import. */
export interface ImportView {
  id: string;
  workspaceId: string;
  userId: string;
  fileName: string;
  state: string;
  headers: string[];
  mapping: ColumnMapping;
  options: ImportOptions;
  preview?: PreviewSummary;
  counts: { created: number; updated: number; skipped: number; failed: number };
  progress: { done: number; total: number };
  dm?: { channel: string; ts: string };
  finishedAt?: Date;
  undo?: UndoResult;
}

export interface UndoResult {
  deleted: number;
  restored: number;
  /** Contacts changed since, or with visits: kept, listed by No. and name. */
  kept: string[];
  at: Date;
  by: string;
}

function toView(doc: ImportDocument): ImportView {
  return {
    id: doc._id.toString(),
    workspaceId: doc.workspaceId,
    userId: doc.userId,
    fileName: doc.fileName,
    state: doc.state,
    headers: doc.headers ?? [],
    mapping: (doc.mapping ?? []).map((m) => (m ? (m as ImportTarget) : null)),
    options: {
      keepNumbers: doc.options?.keepNumbers ?? false,
      onMatch: (doc.options?.onMatch as OnMatch | undefined) ?? 'skip',
    },
    preview: (doc.preview as PreviewSummary | undefined) ?? undefined,
    counts: {
      created: doc.counts?.created ?? 0,
      updated: doc.counts?.updated ?? 0,
      skipped: doc.counts?.skipped ?? 0,
      failed: doc.counts?.failed ?? 0,
    },
    progress: { done: doc.progress?.done ?? 0, total: doc.progress?.total ?? 0 },
    dm: doc.dm?.channel && doc.dm.ts ? { channel: doc.dm.channel, ts: doc.dm.ts } : undefined,
    finishedAt: doc.finishedAt ?? undefined,
    undo: (doc.undo as UndoResult | undefined) ?? undefined,
  };
}

const asObjectId = (id: unknown): Types.ObjectId | undefined =>
  typeof id === 'string' && /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : undefined;

/** An import of this workspace (ids from payloads are checked here: another workspace's import is not found). */
export async function getImport(workspaceId: string, importId: unknown): Promise<ImportView | undefined> {
  const _id = asObjectId(importId);
  if (!_id) return undefined;
  const doc = await ImportModel.findOne({ workspaceId, _id }).lean<ImportDocument>();
  return doc ? toView(doc) : undefined;
}

/** Whether this user may import: admins always, everyone when setup's switch says so. */
export function mayImport(setup: Pick<WorkspaceSetup, 'importForEveryone'>, isAdmin: boolean): boolean {
  return isAdmin || setup.importForEveryone;
}

export async function createImport(workspaceId: string, userId: string, fileName: string): Promise<string> {
  const [doc] = await ImportModel.create([
    {
      workspaceId,
      userId,
      fileName: fileName.slice(0, 200),
      state: 'reading',
      expiresAt: new Date(Date.now() + KEEP_MS),
    },
  ]);
  return doc!._id.toString();
}

export type StageResult =
  | { status: 'staged'; salespersonValues: string[] }
  | { status: 'unreadable'; reason: 'empty' | 'binary' | 'xlsx' | 'noHeader' | 'noRows' };

/**
 * Reads the file (streamed, see read-rows.ts), finds the header row, and stores the rows under it in batches.
 * Nothing is written to contacts. Returns the salesperson values the file uses, for the caller to look up.
 */
export async function stageFile(workspaceId: string, importId: string, path: string): Promise<StageResult> {
  const _id = new Types.ObjectId(importId);
  const expiresAt = new Date(Date.now() + KEEP_MS);
  let header: FileRow | undefined;
  let mapping: ColumnMapping = [];
  const before: FileRow[] = [];
  let batch: StagedRow[] = [];
  let staged = 0;
  const salespeople = new Set<string>();
  // One insert in flight while the next batch is read: the file is parsed while the database stores the last batch.
  let inFlight: Promise<void> = Promise.resolve();
  const insert = async (docs: Record<string, unknown>[]) => {
    try {
      await ImportRowModel.insertMany(docs, { ordered: false, lean: true });
    } catch (error) {
      // Rows staged by an earlier attempt; anything else in the same batch still fails the read.
      if (!onlyDuplicateKeyErrors(error)) throw error;
    }
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const docs = batch.map((row) => ({
      workspaceId,
      importId: _id,
      rowNo: row.rowNo,
      cells: row.cells,
      ...classification(row.cells, mapping),
      expiresAt,
    }));
    batch = [];
    await inFlight;
    inFlight = insert(docs);
    // Its failure is thrown where it is awaited (the next flush, or the end), not as an unhandled rejection meanwhile.
    inFlight.catch(() => undefined);
  };
  try {
    for await (const row of readFileRows(path)) {
      if (!header) {
        if (recognisedHeaders(row.cells) >= 2) {
          header = row;
          mapping = mapHeaders(row.cells);
        } else if (before.push(row) >= HEADER_SEARCH_ROWS) break;
        continue;
      }
      if (row.cells.every((cell) => cell === '')) continue;
      const salesColumn = mapping.indexOf('salesperson');
      const sales = salesColumn >= 0 ? row.cells[salesColumn] : undefined;
      if (sales && salespeople.size < MAX_SALESPERSON_VALUES) salespeople.add(sales);
      batch.push(row);
      staged += 1;
      if (batch.length >= IMPORT_BATCH) await flush();
    }
    await flush();
    await inFlight;
  } catch (error) {
    await inFlight.catch(() => undefined);
    if (error instanceof UnreadableFileError) {
      await ImportModel.updateOne({ workspaceId, _id }, { $set: { state: 'failed' } });
      return { status: 'unreadable', reason: error.reason };
    }
    throw error;
  }
  if (!header) {
    await ImportModel.updateOne({ workspaceId, _id }, { $set: { state: 'failed' } });
    return { status: 'unreadable', reason: before.length === 0 ? 'empty' : 'noHeader' };
  }
  if (staged === 0) {
    await ImportModel.updateOne({ workspaceId, _id }, { $set: { state: 'failed' } });
    return { status: 'unreadable', reason: 'noRows' };
  }
  await ImportModel.updateOne(
    { workspaceId, _id },
    {
      $set: {
        headerRowNo: header.rowNo,
        headers: header.cells,
        mapping,
        'options.keepNumbers': mapping.includes('no'),
      },
    },
  );
  return { status: 'staged', salespersonValues: [...salespeople] };
}

/** What the row is under the mapping, as stored with it: persons find companies of the file through it. */
function classification(cells: string[], mapping: ColumnMapping): Record<string, unknown> {
  const record = readRecord(cells, mapping);
  return {
    kind: record.kind,
    fileNo: record.fileNo ?? null,
    nameKey: record.kind === 'company' && record.input ? foldText(record.input.name) : null,
  };
}

/** Stores which Slack user each salesperson value of the file is (null: nobody). */
export async function setSalespeople(
  workspaceId: string,
  importId: string,
  found: { value: string; userId: string | null }[],
): Promise<void> {
  await ImportModel.updateOne(
    { workspaceId, _id: new Types.ObjectId(importId) },
    { $set: { salespeople: found.map((f) => ({ value: f.value, userId: f.userId ?? undefined })) } },
  );
}

async function planContext(doc: ImportDocument, setup: WorkspaceSetup): Promise<PlanContext> {
  const salespeople = new Map<string, string>();
  for (const s of doc.salespeople ?? []) if (s.value && s.userId) salespeople.set(s.value, s.userId);
  return {
    workspaceId: doc.workspaceId,
    importId: doc._id,
    mapping: toView(doc).mapping,
    keepNumbers: doc.options?.keepNumbers ?? false,
    setup,
    salespeople,
  };
}

/** The staged rows after `afterRowNo`, a batch at a time, in file order. */
async function* stagedBatches(
  workspaceId: string,
  importId: Types.ObjectId,
  filter: Record<string, unknown> = {},
): AsyncGenerator<
  {
    rowNo: number;
    cells: string[];
    outcome?: string | null;
    plannedNo?: string | null;
  }[]
> {
  const read = (after: number) => {
    const rows = ImportRowModel.find(
      { workspaceId, importId, rowNo: { $gt: after }, ...filter },
      { rowNo: 1, cells: 1, outcome: 1, plannedNo: 1 },
    )
      .sort({ rowNo: 1 })
      .limit(IMPORT_BATCH)
      .lean()
      .exec();
    // A read ahead the caller never takes (it stopped early) must not end as an unhandled rejection.
    rows.catch(() => undefined);
    return rows;
  };
  // The next batch is read while the caller works on this one.
  let next = read(0);
  for (;;) {
    const rows = await next;
    if (rows.length === 0) return;
    next = read(rows.at(-1)!.rowNo);
    yield rows as never;
  }
}

/**
 * The preview: every staged row planned against the workspace as it is (nothing written to contacts), counted,
 * with the first errors and what the file asks of setup (codes it lacks) and of Slack (salespeople it names).
 */
export async function previewImport(workspaceId: string, importId: string): Promise<ImportView | undefined> {
  const _id = new Types.ObjectId(importId);
  const doc = await ImportModel.findOne({ workspaceId, _id }).lean<ImportDocument>();
  if (!doc) return undefined;
  const setup = await getWorkspaceSetup(workspaceId);
  const ctx = await planContext(doc, setup);
  const summary: PreviewSummary = {
    rows: 0,
    companies: 0,
    persons: 0,
    independents: 0,
    matches: 0,
    errors: 0,
    sampleErrors: [],
    unknownSalespeople: (doc.salespeople ?? []).filter((s) => !s.userId).map((s) => s.value ?? ''),
    missingCodes: [],
    hasNoColumn: ctx.mapping.includes('no'),
  };
  const missing = new Map<CodeListName, Set<string>>();
  const known = knownCodes(setup);
  for await (const rows of stagedBatches(workspaceId, _id)) {
    const plans = await planRows(ctx, rows);
    for (const plan of plans) {
      summary.rows += 1;
      if (plan.action === 'error') {
        summary.errors += 1;
        if (summary.sampleErrors.length < ERRORS_SHOWN)
          summary.sampleErrors.push({ rowNo: plan.rowNo, error: plan.error });
        continue;
      }
      if (plan.action === 'match') summary.matches += 1;
      else if (plan.kind === 'company') summary.companies += 1;
      else if (plan.kind === 'person') summary.persons += 1;
      else summary.independents += 1;
      for (const [list, codes] of missingCodesOf(plan, known)) {
        const set = missing.get(list) ?? new Set<string>();
        for (const code of codes) if (set.size < 50) set.add(code);
        missing.set(list, set);
      }
    }
  }
  summary.missingCodes = [...missing].map(([list, codes]) => ({ list, codes: [...codes] }));
  const updated = await ImportModel.findOneAndUpdate(
    { workspaceId, _id, state: { $in: ['reading', 'previewed'] } },
    { $set: { preview: summary, state: 'previewed' } },
    { returnDocument: 'after', lean: true },
  );
  return updated ? toView(updated as ImportDocument) : undefined;
}

/** Setup's codes per list, read once per preview (not once per row). */
function knownCodes(setup: WorkspaceSetup): (list: CodeListName) => Set<string> {
  const sets = new Map<CodeListName, Set<string>>();
  return (list) => {
    let set = sets.get(list);
    if (!set) sets.set(list, (set = new Set(setup.codes[list].map((entry) => entry.code))));
    return set;
  };
}

function missingCodesOf(plan: RowPlan, known: (list: CodeListName) => Set<string>): [CodeListName, string[]][] {
  if (plan.action === 'error') return [];
  const input = plan.record.input;
  const check = (list: CodeListName, values: (string | undefined)[]): [CodeListName, string[]] => {
    const have = known(list);
    return [list, values.filter((v): v is string => Boolean(v) && !have.has(v as string))];
  };
  return [
    check('industryGroups', input.industryGroups),
    check('businessRelations', input.businessRelations),
    check('jobResponsibilities', input.jobResponsibilities),
    check('territories', [input.territory]),
    check('organizationalLevels', [input.organizationalLevel]),
  ].filter(([, codes]) => codes.length > 0);
}

export type RemapResult =
  { status: 'ok'; view: ImportView } | { status: 'twice'; targets: ImportTarget[] } | { status: 'gone' };

/** The admin changed the mapping: every staged row is read again under it, and the preview is made again. */
export async function remapImport(workspaceId: string, importId: string, mapping: ColumnMapping): Promise<RemapResult> {
  const twice = mappedTwice(mapping);
  if (twice.length > 0) return { status: 'twice', targets: twice };
  const _id = asObjectId(importId);
  if (!_id) return { status: 'gone' };
  const doc = await ImportModel.findOneAndUpdate(
    { workspaceId, _id, state: 'previewed' },
    { $set: { mapping, 'options.keepNumbers': mapping.includes('no') } },
    { returnDocument: 'after', lean: true },
  );
  if (!doc) return { status: 'gone' };
  for await (const rows of stagedBatches(workspaceId, _id)) {
    await ImportRowModel.bulkWrite(
      rows.map((row) => ({
        updateOne: {
          filter: { workspaceId, importId: _id, rowNo: row.rowNo },
          update: { $set: classification(row.cells, mapping) },
        },
      })),
      { ordered: false },
    );
  }
  const view = await previewImport(workspaceId, importId);
  return view ? { status: 'ok', view } : { status: 'gone' };
}

export type ConfirmResult = { status: 'queued'; view: ImportView } | { status: 'gone' };

/** The admin pressed Import: the choices are stored and the import is handed to the job (once). */
export async function confirmImport(
  workspaceId: string,
  importId: string,
  options: ImportOptions,
): Promise<ConfirmResult> {
  const _id = asObjectId(importId);
  if (!_id) return { status: 'gone' };
  const doc = await ImportModel.findOneAndUpdate(
    { workspaceId, _id, state: 'previewed' },
    {
      $set: {
        state: 'queued',
        options,
        startedAt: new Date(),
        progress: { phase: 'codes', throughRowNo: 0, done: 0, total: 0, highestNo: 0 },
      },
    },
    { returnDocument: 'after', lean: true },
  );
  if (!doc) return { status: 'gone' };
  const total = (doc.preview as PreviewSummary | undefined)?.rows ?? 0;
  await ImportModel.updateOne({ workspaceId, _id }, { $set: { 'progress.total': total } });
  return { status: 'queued', view: { ...toView(doc as ImportDocument), progress: { done: 0, total } } };
}

export async function setImportDm(
  workspaceId: string,
  importId: string,
  dm: { channel: string; ts: string },
): Promise<void> {
  await ImportModel.updateOne({ workspaceId, _id: new Types.ObjectId(importId) }, { $set: { dm } });
}

export type BatchResult = { status: 'more' | 'done'; view: ImportView } | { status: 'gone' };

/**
 * One step of the job: the next batch of the current phase (codes → companies → persons → finish). Each row is
 * written once: rows with an outcome are skipped, and a contact's id and No. are stored on the row before the
 * contact is written, so a batch cut off half-way (a restart) is finished by writing the same contacts again.
 */
export async function runImportStep(workspaceId: string, importId: string): Promise<BatchResult> {
  const _id = asObjectId(importId);
  if (!_id) return { status: 'gone' };
  const doc = await ImportModel.findOneAndUpdate(
    { workspaceId, _id, state: { $in: ['queued', 'running'] } },
    { $set: { state: 'running' } },
    { returnDocument: 'after', lean: true },
  );
  if (!doc) {
    const finished = await ImportModel.findOne({ workspaceId, _id }).lean<ImportDocument>();
    return finished ? { status: 'done', view: toView(finished) } : { status: 'gone' };
  }
  const phase = doc.progress?.phase ?? 'codes';
  const setup = await getWorkspaceSetup(workspaceId);
  if (phase === 'codes') {
    await addMissingCodes(workspaceId, doc);
    return advance(workspaceId, _id, { 'progress.phase': 'companies', 'progress.throughRowNo': 0 });
  }
  if (phase === 'finish') return finish(workspaceId, doc, setup);
  const ctx = await planContext(doc, setup);
  const through = doc.progress?.throughRowNo ?? 0;
  const kinds = phase === 'companies' ? ['company'] : ['person', 'independent', 'invalid'];
  const rows = await ImportRowModel.find(
    { workspaceId, importId: _id, rowNo: { $gt: through }, kind: { $in: kinds } },
    { rowNo: 1, cells: 1, outcome: 1, plannedNo: 1 },
  )
    .sort({ rowNo: 1 })
    .limit(IMPORT_BATCH)
    .lean();
  if (rows.length === 0)
    return advance(
      workspaceId,
      _id,
      phase === 'companies'
        ? { 'progress.phase': 'persons', 'progress.throughRowNo': 0 }
        : { 'progress.phase': 'finish' },
    );
  const todo = rows.filter((row) => !row.outcome);
  const { counts, created } = await importRows(ctx, doc, todo);
  // The highest number of the series the batch's contacts have (rows done by an attempt cut off included).
  const nos = [...created, ...rows.filter((r) => r.outcome === 'created' && r.plannedNo).map((r) => r.plannedNo!)];
  const highest = Math.max(0, ...nos.map((no) => seriesValueOf(setup.numbering, no) ?? 0));
  return advance(
    workspaceId,
    _id,
    { 'progress.throughRowNo': rows.at(-1)!.rowNo },
    { ...prefixed('counts', counts), 'progress.done': todo.length },
    { 'progress.highestNo': highest },
  );
}

const prefixed = (prefix: string, values: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}.${k}`, v]));

/** The next step's place stored, and the batch's chosen ids and numbers dropped: its rows say what happened now. */
async function advance(
  workspaceId: string,
  _id: Types.ObjectId,
  set: Record<string, unknown>,
  inc: Record<string, number> = {},
  max: Record<string, number> = {},
): Promise<BatchResult> {
  const doc = await ImportModel.findOneAndUpdate(
    { workspaceId, _id },
    {
      $set: set,
      $unset: { 'progress.pending': 1 },
      ...(Object.keys(inc).length ? { $inc: inc } : {}),
      ...(Object.keys(max).length ? { $max: max } : {}),
    },
    { returnDocument: 'after', lean: true },
  );
  return doc ? { status: 'more', view: toView(doc as ImportDocument) } : { status: 'gone' };
}

/**
 * Codes the file uses that setup lacks are added to setup's lists (described by their code), before any row,
 * through setup's own save (so the change is in the audit log like any other).
 */
async function addMissingCodes(workspaceId: string, doc: ImportDocument): Promise<void> {
  const missing = (doc.preview as PreviewSummary | undefined)?.missingCodes ?? [];
  for (const { list, codes } of missing) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const setup = await getWorkspaceSetup(workspaceId);
      const have = new Set(setup.codes[list].map((entry) => entry.code));
      const add = codes.filter((code) => !have.has(code)).map((code) => ({ code, description: code }));
      if (add.length === 0) break;
      const saved = await saveSetupSection({
        workspaceId,
        userId: doc.userId,
        section: list,
        version: setup.version,
        patch: { codes: { [list]: [...setup.codes[list], ...add] } },
      });
      if (saved.status !== 'conflict') break;
    }
  }
}

function inputOf(contact: Contact): ContactInput {
  const fields = Object.fromEntries(
    Object.keys(contactInputSchema.shape)
      .map((key) => [key, (contact as unknown as Record<string, unknown>)[key]])
      .filter(([, value]) => value !== undefined && value !== null),
  );
  return { ...(fields as ContactInput), no: contact.no, companyId: contact.companyId };
}

/** The rows of one batch, planned now and written: returns what happened to them. */
async function importRows(
  ctx: PlanContext,
  doc: ImportDocument,
  rows: StagedRow[],
): Promise<{ counts: { created: number; updated: number; skipped: number; failed: number }; created: string[] }> {
  const counts = { created: 0, updated: 0, skipped: 0, failed: 0 };
  const createdNos: string[] = [];
  if (rows.length === 0) return { counts, created: createdNos };
  const { workspaceId, setup } = ctx;
  const onMatch = (doc.options?.onMatch as OnMatch | undefined) ?? 'skip';
  const plans = await planRows(ctx, rows);
  const outcomes: { rowNo: number; set: Record<string, unknown> }[] = [];
  const toCreate: (RowPlan & { action: 'create' | 'match' })[] = [];
  // The ids and numbers chosen for this batch by an attempt a restart cut off (see below).
  const pending = new Map((doc.progress?.pending ?? []).map((p) => [p.rowNo, p]));
  // Contacts an attempt cut off wrote: their change-log rows may be missing (recorded again below, once).
  const writtenBefore: Types.ObjectId[] = [];
  for (const plan of plans) {
    const previous = pending.get(plan.rowNo);
    // Written before a restart cut the batch off: its contact exists with the id chosen for it.
    if (previous?.id && plan.action !== 'error') {
      const exists = await ContactModel.exists({ workspaceId, _id: previous.id });
      if (exists) {
        writtenBefore.push(previous.id);
        outcomes.push({
          rowNo: plan.rowNo,
          set: { outcome: 'created', contactId: previous.id, plannedNo: previous.no ?? null },
        });
        if (previous.no) createdNos.push(previous.no);
        counts.created += 1;
        continue;
      }
    }
    if (plan.action === 'error') {
      outcomes.push({ rowNo: plan.rowNo, set: { outcome: 'failed', error: plan.error } });
      counts.failed += 1;
    } else if (plan.action === 'match' && onMatch === 'skip') {
      outcomes.push({ rowNo: plan.rowNo, set: { outcome: 'skipped', contactId: new Types.ObjectId(plan.match!.id) } });
      counts.skipped += 1;
    } else if (plan.action === 'match' && onMatch === 'update') {
      const result = await updateMatched(ctx, doc, plan);
      outcomes.push({ rowNo: plan.rowNo, set: result.set });
      counts[result.outcome] += 1;
    } else toCreate.push(plan);
  }

  // New contacts: their ids and numbers chosen and stored (on the import, one write for the batch) first, then
  // written in one insert; a restart that cuts the batch off writes the same contacts with the same numbers.
  if (toCreate.length > 0) {
    const needNumbers = toCreate.filter((p) => !(ctx.keepNumbers && p.record.fileNo) && !pending.get(p.rowNo)?.no);
    let next = needNumbers.length > 0 ? await claimContactNoBlock(workspaceId, needNumbers.length) : 0;
    const planned = toCreate.map((plan) => {
      const chosen = pending.get(plan.rowNo);
      const no =
        chosen?.no ??
        (ctx.keepNumbers && plan.record.fileNo ? plan.record.fileNo : formatContactNo(setup.numbering, next++));
      return { plan, id: chosen?.id ?? new Types.ObjectId(), no };
    });
    await ImportModel.updateOne(
      { workspaceId, _id: doc._id },
      { $set: { 'progress.pending': planned.map((p) => ({ rowNo: p.plan.rowNo, id: p.id, no: p.no })) } },
    );
    const docs = planned.map(({ plan, id, no }) => {
      // The company as planRows read it a moment ago (a company of this file is written by then: persons come after).
      const company = plan.company && 'id' in plan.company ? plan.company : null;
      const salespersonId = plan.record.salesperson ? ctx.salespeople.get(plan.record.salesperson) : undefined;
      const typed = { ...plan.record.input, ...(salespersonId ? { salespersonId } : {}) };
      const derived = newContactFields(typed, company, setup);
      const { search, ...computed } = computedParts(
        { ...derived, no },
        setup.defaults.phoneRegion,
        setup.duplicates.rows,
      );
      // Cast, defaults and timestamps by the schema, as ContactModel.create does for the modal, on plain objects:
      // a mongoose document per row cost more than the rest of the import together.
      const stored = ContactModel.castObject({
        _id: id,
        workspaceId,
        no,
        ...derived,
        ...computed,
        createdBy: doc.userId,
        updatedBy: doc.userId,
      });
      ContactModel.applyDefaults(stored);
      ContactModel.applyTimestamps(stored);
      // The search keys are built complete by computedParts, as strings and lists of strings: casting their word
      // lists one by one cost nine times the rest of the row.
      return Object.assign(stored, { _id: id, __v: 0, search });
    });
    const failedIds = new Set<string>();
    try {
      await ContactModel.insertMany(docs, { ordered: false, lean: true });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { index?: number; err?: { index?: number; code?: number } }[] })
        .writeErrors;
      if (!writeErrors) throw error;
      for (const writeError of writeErrors) {
        const index = writeError.index ?? writeError.err?.index;
        const failed = index !== undefined ? docs[index] : undefined;
        if (failed) failedIds.add(failed._id.toString());
      }
    }
    // Before the batch's pending ids are dropped (advance): a restart until then records them again, once.
    await recordCreatedContacts(
      workspaceId,
      'import',
      doc.userId,
      docs.filter((d) => !failedIds.has(d._id.toString())) as unknown as CreatedContact[],
    );
    await refreshDuplicateCandidates(
      workspaceId,
      docs.map((d) => d._id),
    );
    for (const { plan, id, no } of planned) {
      if (failedIds.has(id.toString())) {
        // Our own contact from an attempt cut off, or the number taken meanwhile.
        const ours = await ContactModel.exists({ workspaceId, _id: id });
        if (ours) writtenBefore.push(id);
        else {
          outcomes.push({
            rowNo: plan.rowNo,
            set: { outcome: 'failed', error: { key: 'import.error.noTakenNow', vars: { no } }, plannedNo: null },
          });
          counts.failed += 1;
          continue;
        }
      }
      outcomes.push({ rowNo: plan.rowNo, set: { outcome: 'created', contactId: id, plannedNo: no } });
      createdNos.push(no);
      counts.created += 1;
    }
  }
  if (writtenBefore.length > 0) {
    const contacts = await ContactModel.find({ workspaceId, _id: { $in: writtenBefore } }).lean<CreatedContact[]>();
    await recordCreatedContacts(workspaceId, 'import', doc.userId, contacts);
  }
  // In parts: each row's update re-indexes it, and 250 in one operation came near the 2 s bound on a loaded
  // database (a 50,000-row import timed out there at load ~20).
  for (let from = 0; from < outcomes.length; from += OUTCOME_WRITES) {
    await ImportRowModel.bulkWrite(
      outcomes.slice(from, from + OUTCOME_WRITES).map((o) => ({
        updateOne: {
          filter: { workspaceId, importId: doc._id, rowNo: o.rowNo, outcome: null },
          update: { $set: o.set },
        },
      })),
      { ordered: false },
    );
  }
  return { counts, created: createdNos };
}

/** "Update the existing contact": the file's non-empty values over the contact's, through the edit path. */
async function updateMatched(
  ctx: PlanContext,
  doc: ImportDocument,
  plan: RowPlan & { action: 'create' | 'match' },
): Promise<{ outcome: 'updated' | 'failed'; set: Record<string, unknown> }> {
  const existing = plan.match!;
  const before = inputOf(existing);
  const fromFile = Object.fromEntries(
    Object.entries(plan.record.input).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
  const salespersonId = plan.record.salesperson ? ctx.salespeople.get(plan.record.salesperson) : undefined;
  const company = plan.company && 'id' in plan.company ? plan.company.id : before.companyId;
  const input: ContactInput = {
    ...before,
    ...fromFile,
    ...(salespersonId ? { salespersonId } : {}),
    type: existing.type,
    no: existing.no,
    companyId: existing.type === 'person' ? (company ?? null) : null,
  };
  const result = await updateContact({
    workspaceId: ctx.workspaceId,
    actor: { userId: doc.userId, isAdmin: async () => true, nameOf: async (id) => id },
    contactId: existing.id,
    version: existing.version,
    input,
    ignoreDuplicates: true,
    changeKind: 'import',
  });
  if (result.status !== 'saved')
    return {
      outcome: 'failed',
      set: {
        outcome: 'failed',
        error: { key: 'import.error.updateFailed', vars: { name: existing.name.slice(0, 100) } },
      },
    };
  return {
    outcome: 'updated',
    set: {
      outcome: 'updated',
      contactId: new Types.ObjectId(existing.id),
      before,
      afterVersion: result.contact.version,
    },
  };
}

/** Last step: the series moves past the numbers the file brought, the audit entry, and the import is done. */
async function finish(workspaceId: string, doc: ImportDocument, setup: WorkspaceSetup): Promise<BatchResult> {
  if (doc.options?.keepNumbers) {
    // Kept per batch; an import confirmed before that was kept is read through once.
    const highest = doc.progress?.highestNo ?? (await highestSeriesNo(workspaceId, doc._id, setup));
    if (highest > 0) await moveContactSeriesPast(workspaceId, highest);
  }
  await audit(workspaceId, doc._id, doc.userId, 'import', [
    { field: 'file', from: '', to: doc.fileName },
    { field: 'created', from: '', to: String(doc.counts?.created ?? 0) },
    { field: 'updated', from: '', to: String(doc.counts?.updated ?? 0) },
    { field: 'skipped', from: '', to: String(doc.counts?.skipped ?? 0) },
    { field: 'failed', from: '', to: String(doc.counts?.failed ?? 0) },
  ]);
  const done = await ImportModel.findOneAndUpdate(
    { workspaceId, _id: doc._id, state: 'running' },
    { $set: { state: 'done', finishedAt: new Date() } },
    { returnDocument: 'after', lean: true },
  );
  const final = done ?? (await ImportModel.findOne({ workspaceId, _id: doc._id }).lean());
  return final ? { status: 'done', view: toView(final as ImportDocument) } : { status: 'gone' };
}

async function highestSeriesNo(workspaceId: string, importId: Types.ObjectId, setup: WorkspaceSetup): Promise<number> {
  let highest = 0;
  for await (const rows of stagedBatches(workspaceId, importId, {})) {
    for (const row of rows) {
      if (row.outcome !== 'created' || !row.plannedNo) continue;
      highest = Math.max(highest, seriesValueOf(setup.numbering, row.plannedNo) ?? 0);
    }
  }
  return highest;
}

/** An entry in setup's audit log (who, when, file, counts); its id is derived from the import, so it is written once. */
async function audit(
  workspaceId: string,
  importId: Types.ObjectId,
  userId: string,
  section: string,
  changes: { field: string; from: string; to: string }[],
): Promise<void> {
  const suffix = section === 'import' ? 1 : 2;
  const hex = importId.toString();
  const _id = new Types.ObjectId(
    `${hex.slice(0, 22)}${((parseInt(hex.slice(22), 16) + suffix) % 256).toString(16).padStart(2, '0')}`,
  );
  try {
    await SetupAuditModel.create([{ _id, workspaceId, userId, at: new Date(), section, changes }]);
  } catch (error) {
    if (!isDuplicateKeyError(error, '_id')) throw error;
  }
}

export type UndoOutcome =
  | { status: 'undone'; result: UndoResult; view: ImportView }
  | { status: 'already'; view: ImportView }
  | { status: 'expired' }
  | { status: 'gone' };

/**
 * Undo: the contacts the import created are deleted and the fields it updated restored — except contacts changed
 * since (their version moved on), contacts with visits, and companies that have persons the import did not
 * create: those are kept and listed. Batches of rows, each safe to run again.
 */
export async function undoImport(workspaceId: string, importId: string, userId: string): Promise<UndoOutcome> {
  const _id = asObjectId(importId);
  if (!_id) return { status: 'gone' };
  const doc = await ImportModel.findOne({ workspaceId, _id }).lean<ImportDocument>();
  if (!doc) return { status: 'gone' };
  if (doc.state === 'undone') return { status: 'already', view: toView(doc) };
  if (doc.state !== 'done') return { status: 'gone' };
  if (!doc.finishedAt || Date.now() - doc.finishedAt.getTime() > UNDO_DAYS * 24 * 60 * 60_000)
    return { status: 'expired' };
  const result: UndoResult = { deleted: 0, restored: 0, kept: [], at: new Date(), by: userId };
  const keep = (contact: Pick<Contact, 'no' | 'name'>) => {
    if (result.kept.length < 50) result.kept.push(`${contact.no} ${contact.name}`);
  };
  // Persons first, so a company's own persons are gone before the company is looked at.
  for (const kinds of [['person', 'independent'], ['company']]) {
    let after = 0;
    for (;;) {
      const rows = await ImportRowModel.find(
        {
          workspaceId,
          importId: _id,
          rowNo: { $gt: after },
          outcome: { $in: ['created', 'updated'] },
          kind: { $in: kinds },
        },
        { rowNo: 1, outcome: 1, contactId: 1, before: 1, afterVersion: 1 },
      )
        .sort({ rowNo: 1 })
        .limit(IMPORT_BATCH)
        .lean();
      if (rows.length === 0) break;
      after = rows.at(-1)!.rowNo;
      const ids = rows.map((row) => row.contactId!).filter(Boolean);
      const contacts = new Map(
        (await ContactModel.find({ workspaceId, _id: { $in: ids } }).lean<ContactDocument[]>()).map((c) => [
          c._id.toString(),
          c,
        ]),
      );
      const visited = new Set(
        (await VisitModel.find({ workspaceId, subjects: { $in: ids } }, { subjects: 1 }).lean()).flatMap((v) =>
          (v.subjects ?? []).map(String),
        ),
      );
      const companyIds = rows.filter((r) => r.outcome === 'created').map((r) => r.contactId!);
      const withPersons = new Set(
        (
          await ContactModel.find({ workspaceId, companyId: { $in: companyIds } }, { companyId: 1 }).lean<
            ContactDocument[]
          >()
        ).map((p) => String(p.companyId)),
      );
      const toDelete: Types.ObjectId[] = [];
      for (const row of rows) {
        const contact = row.contactId ? contacts.get(row.contactId.toString()) : undefined;
        if (!contact) continue; // deleted already (an earlier attempt, or by hand)
        const id = contact._id.toString();
        if (row.outcome === 'created') {
          if ((contact.__v ?? 0) !== 0 || visited.has(id) || withPersons.has(id) || contact.deletedAt) keep(contact);
          else toDelete.push(contact._id);
          continue;
        }
        if ((contact.__v ?? 0) !== row.afterVersion || visited.has(id)) {
          keep(contact);
          continue;
        }
        const restored = await updateContact({
          workspaceId,
          actor: { userId, isAdmin: async () => true, nameOf: async (u) => u },
          contactId: id,
          version: row.afterVersion ?? 0,
          // Stored without blanks: a field missing here was blank before the import, and is blank again.
          input: Object.fromEntries(
            Object.entries(row.before as Record<string, unknown>).filter(([, v]) => v !== null),
          ) as ContactInput,
          ignoreDuplicates: true,
        });
        if (restored.status === 'saved') result.restored += 1;
        else keep(contact);
      }
      if (toDelete.length > 0) {
        const deleted = await ContactModel.deleteMany({ workspaceId, _id: { $in: toDelete }, __v: 0 });
        result.deleted += deleted.deletedCount;
      }
    }
  }
  await audit(workspaceId, _id, userId, 'import-undo', [
    { field: 'file', from: '', to: doc.fileName },
    { field: 'deleted', from: '', to: String(result.deleted) },
    { field: 'restored', from: '', to: String(result.restored) },
    { field: 'kept', from: '', to: String(result.kept.length) },
  ]);
  const undone = await ImportModel.findOneAndUpdate(
    { workspaceId, _id, state: 'done' },
    { $set: { state: 'undone', undo: result } },
    { returnDocument: 'after', lean: true },
  );
  if (!undone) {
    const now = await ImportModel.findOne({ workspaceId, _id }).lean<ImportDocument>();
    return now ? { status: 'already', view: toView(now) } : { status: 'gone' };
  }
  return { status: 'undone', result, view: toView(undone as ImportDocument) };
}

/** The rows with errors, in file order (for the CSV report): from the preview's plan, or from what the job did. */
export async function* errorRows(
  workspaceId: string,
  importId: string,
  from: 'preview' | 'result',
): AsyncGenerator<{ rowNo: number; error: RowError }> {
  const _id = new Types.ObjectId(importId);
  if (from === 'result') {
    let after = 0;
    for (;;) {
      const rows = await ImportRowModel.find(
        { workspaceId, importId: _id, outcome: 'failed', rowNo: { $gt: after } },
        { rowNo: 1, error: 1 },
      )
        .sort({ rowNo: 1 })
        .limit(IMPORT_BATCH)
        .lean();
      if (rows.length === 0) return;
      after = rows.at(-1)!.rowNo;
      for (const row of rows)
        yield { rowNo: row.rowNo, error: (row.error as RowError) ?? { key: 'import.error.emptyRow' } };
    }
  }
  const doc = await ImportModel.findOne({ workspaceId, _id }).lean<ImportDocument>();
  if (!doc) return;
  const ctx = await planContext(doc, await getWorkspaceSetup(workspaceId));
  for await (const rows of stagedBatches(workspaceId, _id)) {
    for (const plan of await planRows(ctx, rows))
      if (plan.action === 'error') yield { rowNo: plan.rowNo, error: plan.error };
  }
}

/** Imports the job should be running: queued or running (a restart resumes them). */
export async function unfinishedImports(): Promise<{ workspaceId: string; importId: string }[]> {
  const docs = await ImportModel.find({ state: { $in: ['queued', 'running'] } }, { workspaceId: 1 })
    .limit(100)
    .lean();
  return docs.map((d) => ({ workspaceId: d.workspaceId, importId: d._id.toString() }));
}

/** The first data row's cells (samples for the mapping modal), cut short. */
export async function firstDataRow(workspaceId: string, importId: string): Promise<string[]> {
  const row = await ImportRowModel.findOne({ workspaceId, importId: new Types.ObjectId(importId) }, { cells: 1 })
    .sort({ rowNo: 1 })
    .lean();
  return (row?.cells ?? []).map((cell) => cell.slice(0, 40));
}
