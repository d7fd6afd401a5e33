import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db/errors';
import { OpportunityModel, OpportunitySetupModel } from '../../models/opportunity.model';
import { PipelineTotalModel } from '../../models/pipeline-total.model';
import { TaskMigrationModel } from '../../models/task-migration.model';

/**
 * Kept pipeline totals (models/pipeline-total.model.ts): per salesperson, the open deals by cycle, stage and
 * closing month, and the won and lost by close month — all the pipeline shows, whatever its filters, without
 * reading a single deal. Kept as task_counts keeps open tasks (services/tasks/task-counts.ts): MongoDB here has no
 * transaction, so every deal write stores its move as a mark on the deal in the same write (`totalsMarks`), adds
 * the move to the totals, then clears the mark. Adding is idempotent (the totals remember the keys they took), so a
 * mark can be finished again by the user's retry, by the next look at the deal, or by the repair job; a recount
 * (the first start, a setup change that re-derives values, the repair of a stale flag) builds them afresh.
 */

const OPEN_STATUSES = ['not_started', 'in_progress'];
/** How many write keys a salesperson's totals remember (a mark is finished within moments, or by the repair). */
const APPLIED_KEPT = 500;
/** Deals read per batch when recounting. */
const RECOUNT_BATCH = 1_000;
export const PIPELINE_TOTALS = 'pipeline-totals';

/** What of a deal the totals count. */
export interface DealFacts {
  salespersonId: string;
  status: string;
  cycleCode: string;
  stageNo: number | null;
  closingDate: string | null;
  closedDate: string | null;
  estimatedValue: number;
  calculatedValue: number;
  actualValue?: number | null;
}

/** One number to add: to salesperson `s`'s totals, at path `p`, `d`. */
export interface TotalsMove {
  s: string;
  p: string;
  d: number;
}

/** A deal write's move, stored on the deal until it is added. */
export interface TotalsMark {
  key: string;
  at: Date;
  moves: TotalsMove[];
}

export const cents = (value: number | null | undefined): number => Math.round((value ?? 0) * 100);
/** Cycle codes are the admin's text: encoded, so a `.`, `$` or `|` never reaches a field name. */
const part = (text: string) => encodeURIComponent(text).replace(/\./g, '%2E');
const month = (day: string | null | undefined) => (day ? day.slice(0, 7) : '-');

/** The cell of an open deal: `cycle|stage|closing month` (`-` for none). */
export function openCell(cycleCode: string, stageNo: number | null, closingDate: string | null): string {
  return `${part(cycleCode)}|${stageNo ?? '-'}|${month(closingDate)}`;
}

export function parseOpenCell(cell: string): { cycleCode: string; stageNo: number | null; month: string | null } {
  const [cycle = '', stage = '-', closing = '-'] = cell.split('|');
  return {
    cycleCode: decodeURIComponent(cycle),
    stageNo: stage === '-' ? null : Number(stage),
    month: closing === '-' ? null : closing,
  };
}

/** The cell of a closed deal: `won|month` or `lost|month` of its close date. */
export function closedCell(status: string, closedDate: string): string {
  return `${status}|${month(closedDate)}`;
}

/** What one deal adds to the totals. */
function contribution(deal: DealFacts): TotalsMove[] {
  const s = deal.salespersonId;
  if (OPEN_STATUSES.includes(deal.status)) {
    const cell = `open.${openCell(deal.cycleCode, deal.stageNo, deal.closingDate)}`;
    return [
      { s, p: `${cell}.n`, d: 1 },
      { s, p: `${cell}.e`, d: cents(deal.estimatedValue) },
      { s, p: `${cell}.v`, d: cents(deal.calculatedValue) },
    ];
  }
  if ((deal.status === 'won' || deal.status === 'lost') && deal.closedDate) {
    const cell = `closed.${closedCell(deal.status, deal.closedDate)}`;
    return [
      { s, p: `${cell}.n`, d: 1 },
      { s, p: `${cell}.a`, d: cents(deal.actualValue) },
    ];
  }
  return [];
}

/** The moves that take a deal from `before` (undefined: not there) to `after` (undefined: gone). */
export function movesBetween(before: DealFacts | undefined, after: DealFacts | undefined): TotalsMove[] {
  const sums = new Map<string, TotalsMove>();
  const add = (moves: TotalsMove[], sign: number) => {
    for (const move of moves) {
      const id = `${move.s}\u0000${move.p}`;
      const sum = sums.get(id) ?? { s: move.s, p: move.p, d: 0 };
      sum.d += sign * move.d;
      sums.set(id, sum);
    }
  };
  if (before) add(contribution(before), -1);
  if (after) add(contribution(after), 1);
  return [...sums.values()].filter((move) => move.d !== 0);
}

/** The mark a deal write carries: `key` names the write (the deal and the version it makes). */
export function totalsMark(
  dealId: string,
  version: number,
  before: DealFacts | undefined,
  after: DealFacts | undefined,
  at = new Date(),
): TotalsMark {
  return { key: `${dealId}:${version}`, at, moves: movesBetween(before, after) };
}

/** Adds one write's moves to one salesperson's totals, unless that write was added already. */
async function addToTotals(
  workspaceId: string,
  salespersonId: string,
  key: string,
  inc: Record<string, number>,
): Promise<void> {
  const filter = { workspaceId, salespersonId, applied: { $ne: key } };
  const update = { $inc: { ...inc, gen: 1 }, $push: { applied: { $each: [key], $slice: -APPLIED_KEPT } } };
  try {
    await PipelineTotalModel.updateOne(filter, update, { upsert: true });
  } catch (error) {
    // The document is there: it took this write already (nothing to do), or another first write made it meanwhile.
    if (!isDuplicateKeyError(error)) throw error;
    await PipelineTotalModel.updateOne(filter, update);
  }
}

/** Adds each mark's moves (once) and clears the marks from the deal. Every step can run again. */
export async function finishTotalsMarks(workspaceId: string, dealId: string, marks: TotalsMark[]): Promise<void> {
  for (const mark of marks) {
    const bySalesperson = new Map<string, Record<string, number>>();
    for (const move of mark.moves) {
      const inc = bySalesperson.get(move.s) ?? {};
      inc[move.p] = (inc[move.p] ?? 0) + move.d;
      bySalesperson.set(move.s, inc);
    }
    for (const [salespersonId, inc] of bySalesperson) await addToTotals(workspaceId, salespersonId, mark.key, inc);
    await OpportunityModel.updateOne(
      { workspaceId, _id: new Types.ObjectId(dealId), 'totalsMarks.key': mark.key },
      { $pull: { totalsMarks: { key: mark.key } } },
      { timestamps: false },
    );
  }
}

/** Finishes whatever marks a deal still carries (a write cut off after the deal: its retry, the repair). */
export async function finishDealTotals(workspaceId: string, dealId: string): Promise<void> {
  const doc = await OpportunityModel.findOne(
    { workspaceId, _id: new Types.ObjectId(dealId) },
    { totalsMarks: 1 },
  ).lean<{ totalsMarks?: TotalsMark[] | null }>();
  if (doc?.totalsMarks?.length) await finishTotalsMarks(workspaceId, dealId, doc.totalsMarks);
}

/** Deals with a mark written before `olderThan` (all marks without it): writes whose totals move did not finish. */
export async function unfinishedTotals(workspaceId: string, olderThan: Date | undefined, limit: number) {
  const docs = await OpportunityModel.find(
    { workspaceId, 'totalsMarks.at': { $lte: olderThan ?? new Date(8.64e15) } },
    { _id: 1, no: 1 },
  )
    .limit(limit)
    .lean<{ _id: Types.ObjectId; no: string }[]>();
  return docs.map((doc) => ({ id: String(doc._id), no: doc.no }));
}

type Cells<T> = Record<string, T>;
export interface OpenSums {
  n: number;
  e: number;
  v: number;
}
export interface ClosedSums {
  n: number;
  a: number;
}

/** One salesperson's totals counted from the deals (read in batches through the salesperson's index). */
async function countSalesperson(workspaceId: string, salespersonId: string) {
  const open: Cells<OpenSums> = {};
  const closed: Cells<ClosedSums> = {};
  const marked: { id: Types.ObjectId; keys: string[] }[] = [];
  const projection = {
    salespersonId: 1,
    status: 1,
    cycleCode: 1,
    stageNo: 1,
    closingDate: 1,
    closedDate: 1,
    estimatedValue: 1,
    calculatedValue: 1,
    actualValue: 1,
    'totalsMarks.key': 1,
  };
  let count = 0;
  const cursor = OpportunityModel.find({ workspaceId, salespersonId }, projection)
    .batchSize(RECOUNT_BATCH)
    .lean<(DealFacts & { _id: Types.ObjectId; totalsMarks?: { key: string }[] | null })[]>()
    .cursor();
  for await (const deal of cursor) {
    count += 1;
    for (const move of contribution({
      ...deal,
      stageNo: deal.stageNo ?? null,
      closingDate: deal.closingDate ?? null,
    })) {
      const [kind, cell, field] = splitPath(move.p);
      const cells = (kind === 'open' ? open : closed) as unknown as Cells<Record<string, number>>;
      const sums = (cells[cell] ??= kind === 'open' ? { n: 0, e: 0, v: 0 } : { n: 0, a: 0 });
      sums[field] = (sums[field] ?? 0) + move.d;
    }
    if (deal.totalsMarks?.length) marked.push({ id: deal._id, keys: deal.totalsMarks.map((mark) => mark.key) });
  }
  return { open, closed, marked, count };
}

/** `open.<cell>.n` → ['open', cell, 'n'] (cells hold no dots). */
function splitPath(path: string): [string, string, string] {
  const first = path.indexOf('.');
  const last = path.lastIndexOf('.');
  return [path.slice(0, first), path.slice(first + 1, last), path.slice(last + 1)];
}

/**
 * Counts one salesperson's totals afresh and replaces the kept ones. A write added meanwhile (`gen` moved) makes it
 * count again; the marks of the deals it read are taken as added (their keys remembered), then cleared.
 */
export async function recountSalesperson(workspaceId: string, salespersonId: string): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    const kept = await PipelineTotalModel.findOne({ workspaceId, salespersonId }, { gen: 1 }).lean<{ gen?: number }>();
    const { open, closed, marked, count } = await countSalesperson(workspaceId, salespersonId);
    const keys = marked.flatMap((deal) => deal.keys);
    try {
      const result = await PipelineTotalModel.updateOne(
        { workspaceId, salespersonId, gen: kept ? (kept.gen ?? 0) : { $exists: false } },
        {
          $set: { open, closed },
          $inc: { gen: 1 },
          ...(keys.length > 0 ? { $push: { applied: { $each: keys, $slice: -APPLIED_KEPT } } } : {}),
        },
        { upsert: true },
      );
      if (result.matchedCount === 0 && result.upsertedCount === 0) throw new Error('not replaced');
    } catch (error) {
      if (attempt >= 5) throw error;
      if (!isDuplicateKeyError(error) && (error as Error).message !== 'not replaced') throw error;
      continue;
    }
    for (const deal of marked)
      await OpportunityModel.updateOne(
        { workspaceId, _id: deal.id },
        { $pull: { totalsMarks: { key: { $in: deal.keys } } } },
        { timestamps: false },
      );
    return count;
  }
}

/**
 * Counts a workspace's totals afresh, salesperson by salesperson (the first start, and the repair of a setup change
 * whose re-derived values were not counted); then clears the stale flag set before it began.
 */
export async function recountPipelineTotals(workspaceId: string): Promise<number> {
  const started = new Date();
  const [dealPeople, keptPeople] = await Promise.all([
    OpportunityModel.distinct('salespersonId', { workspaceId }) as Promise<string[]>,
    PipelineTotalModel.distinct('salespersonId', { workspaceId }) as Promise<string[]>,
  ]);
  let count = 0;
  for (const salespersonId of [...new Set([...dealPeople, ...keptPeople])].sort())
    count += await recountSalesperson(workspaceId, salespersonId);
  await OpportunitySetupModel.updateOne(
    { workspaceId, totalsStale: { $lte: started } },
    { $unset: { totalsStale: 1 } },
    { timestamps: false },
  );
  return count;
}

/** Builds a workspace's kept totals once (at start, for deals written before totals were kept). */
export async function ensurePipelineTotals(workspaceId: string): Promise<boolean> {
  if (await TaskMigrationModel.exists({ workspaceId, name: PIPELINE_TOTALS })) return false;
  const count = await recountPipelineTotals(workspaceId);
  await TaskMigrationModel.updateOne(
    { workspaceId, name: PIPELINE_TOTALS },
    { $setOnInsert: { doneAt: new Date(), count } },
    { upsert: true },
  ).catch((error: unknown) => {
    if (!isDuplicateKeyError(error)) throw error;
  });
  return true;
}

/** When a setup change's re-derived values still wait for their recount (set before they are written). */
export async function pipelineTotalsStaleSince(workspaceId: string): Promise<Date | undefined> {
  const setup = await OpportunitySetupModel.findOne({ workspaceId }, { totalsStale: 1 }).lean<{
    totalsStale?: Date | null;
  }>();
  return setup?.totalsStale ?? undefined;
}

/** Marks the totals stale before a setup change re-derives deal values (cleared by the recount after). */
export async function markPipelineTotalsStale(workspaceId: string, at = new Date()): Promise<void> {
  await OpportunitySetupModel.updateOne({ workspaceId }, { $set: { totalsStale: at } }, { timestamps: false });
}

export interface KeptTotals {
  salespersonId: string;
  open: Cells<OpenSums>;
  closed: Cells<ClosedSums>;
}

/** The kept totals of the team (or of one salesperson): one indexed read of one small document per salesperson. */
export async function readPipelineTotals(workspaceId: string, salespersonId?: string): Promise<KeptTotals[]> {
  const docs = await PipelineTotalModel.find(
    { workspaceId, ...(salespersonId ? { salespersonId } : {}) },
    { _id: 0, salespersonId: 1, open: 1, closed: 1 },
  ).lean<{ salespersonId: string; open?: Cells<OpenSums> | null; closed?: Cells<ClosedSums> | null }[]>();
  return docs.map((doc) => ({ salespersonId: doc.salespersonId, open: doc.open ?? {}, closed: doc.closed ?? {} }));
}
