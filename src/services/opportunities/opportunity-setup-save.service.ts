import type { AnyBulkWriteOperation } from 'mongoose';
import { translator, type Translator } from '../../i18n';
import { OpportunityModel, OpportunitySetupModel } from '../../models/opportunity.model';
import {
  finishPendingSave,
  pendingSave,
  settlePendingSave,
  type PendingSave,
  type PendingSaveStore,
} from '../setup/pending-save';
import { getOpportunitySetup } from './opportunity-setup.service';
import { derived, nextOpportunityNo, setNextOpportunityNo } from './opportunity.service';
import type { OppSetupSection } from './opportunity-setup.sections';
import { markPipelineTotalsStale, pipelineTotalsStaleSince, recountPipelineTotals } from './pipeline-totals';
import type { CloseCode, OpportunitySetup, SalesCycle } from './opportunity.types';

export interface OppSetupPatch {
  cycles?: SalesCycle[];
  closeCodes?: OpportunitySetup['closeCodes'];
  numbering?: OpportunitySetup['numbering'];
  /** The number the next opportunity gets; stored in the number series, not in setup. */
  nextNo?: number;
  defaultCycle?: string;
  currency?: string;
  news?: OpportunitySetup['news'];
}

export type OppSetupSaveResult =
  | { status: 'saved'; setup: OpportunitySetup }
  | { status: 'conflict' }
  /** Keyed by what was wrong: `stages`, `cycle`, `nextNo`, `defaultCycle`. */
  | { status: 'invalid'; errors: Record<string, string> };

const openStatuses: ('not_started' | 'in_progress')[] = ['not_started', 'in_progress'];
/** How many opportunity Nos. a refusal names before "…". */
const NAMED = 10;

/** The Nos. of open opportunities of `cycleCode` (in `stageNos`, when given), oldest first. */
async function openDealsIn(workspaceId: string, cycleCode: string, stageNos?: number[]): Promise<string[]> {
  const deals = await OpportunityModel.find(
    {
      workspaceId,
      status: { $in: openStatuses },
      cycleCode,
      ...(stageNos ? { stageNo: { $in: stageNos } } : {}),
    },
    { no: 1 },
  )
    .sort({ no: 1 })
    .limit(NAMED + 1)
    .lean();
  return deals.map((deal) => deal.no);
}

const listed = (nos: string[]) => (nos.length > NAMED ? `${nos.slice(0, NAMED).join(', ')}, …` : nos.join(', '));

/** Stages or cycles the patch takes away that open opportunities sit in: what to say, by cycle. */
async function stagesStillInUse(
  workspaceId: string,
  before: OpportunitySetup,
  cycles: SalesCycle[],
  tr: Translator,
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  for (const old of before.cycles) {
    const now = cycles.find((cycle) => cycle.code === old.code);
    if (!now) {
      const nos = await openDealsIn(workspaceId, old.code);
      if (nos.length > 0) errors.cycle = tr.t('oppSetup.error.cycleInUse', { code: old.code, nos: listed(nos) });
      continue;
    }
    const kept = new Set(now.stages.map((stage) => stage.no));
    const removed = old.stages.filter((stage) => !kept.has(stage.no)).map((stage) => stage.no);
    if (removed.length === 0) continue;
    const problems: string[] = [];
    for (const no of removed) {
      const nos = await openDealsIn(workspaceId, old.code, [no]);
      if (nos.length > 0) problems.push(tr.t('oppSetup.error.stageInUse', { no, nos: listed(nos) }));
    }
    if (problems.length > 0) errors.stages = problems.join(' ');
  }
  return errors;
}

/** The cycles a save changed, as its audit changes name them ('opp.cycles', the cycle as JSON). */
function changedCycles(pending: PendingSave): Set<string> {
  const codes = new Set<string>();
  for (const change of pending.changes) {
    if (change.field !== 'opp.cycles' || !change.to) continue;
    try {
      const code = (JSON.parse(change.to) as { code?: unknown }).code;
      if (typeof code === 'string') codes.add(code);
    } catch {
      // Not a cycle as this version writes it: nothing to re-derive from.
    }
  }
  return codes;
}

/**
 * Open opportunities of the changed cycles get their probability and calculated value again, from the stages the
 * setup has now, with an entry in their history by the admin who saved (`by`). Idempotent: a deal that has them
 * already is left alone.
 */
async function rederive(workspaceId: string, setup: OpportunitySetup, codes: Set<string>, by: string): Promise<void> {
  let stale = false;
  for (const cycle of setup.cycles) {
    if (!codes.has(cycle.code)) continue;
    const deals = await OpportunityModel.find(
      { workspaceId, status: { $in: openStatuses }, cycleCode: cycle.code },
      { stageNo: 1, chancesPct: 1, estimatedValue: 1, probabilityPct: 1, calculatedValue: 1 },
    ).lean();
    const updates: AnyBulkWriteOperation[] = [];
    for (const deal of deals) {
      const next = derived(cycle, deal.stageNo ?? null, deal.chancesPct, deal.estimatedValue);
      if (next.probabilityPct === deal.probabilityPct && next.calculatedValue === deal.calculatedValue) continue;
      // Only if the deal is as read: a move derives its values from the new setup itself, and a second run (two
      // saves at once, a retry) finds the new values and adds no second entry.
      const stageNo = deal.stageNo ?? null;
      const entry = { at: new Date(), by, action: 'recalculated', fromStage: stageNo, toStage: stageNo };
      updates.push({
        updateOne: {
          filter: {
            workspaceId,
            _id: deal._id,
            stageNo,
            chancesPct: deal.chancesPct,
            estimatedValue: deal.estimatedValue,
            probabilityPct: deal.probabilityPct,
            calculatedValue: deal.calculatedValue,
          },
          // A new version: a change made from a card read before (its probability, its totals move from the old
          // calculated value) is refused as changed meanwhile — by the admin, as the entry says — instead of
          // undoing this or skewing the totals.
          update: {
            $set: next,
            $push: {
              entries: { ...entry, estimatedValue: deal.estimatedValue, chancesPct: deal.chancesPct, ...next },
            },
            $inc: { version: 1 },
          },
        },
      });
    }
    if (updates.length === 0) continue;
    // The kept pipeline totals hold the calculated values: stale from here until recounted (the repair recounts
    // them if this stops half-way).
    await markPipelineTotalsStale(workspaceId);
    await OpportunityModel.bulkWrite(updates as never, { ordered: false });
    stale = true;
  }
  // Also when this run wrote nothing: an attempt cut off after writing the values left the totals flagged stale.
  if (stale || (await pipelineTotalsStaleSince(workspaceId))) await recountPipelineTotals(workspaceId);
}

type Changes = { field: string; from: string; to: string }[];

/** Where the opportunity setup's pending save moves the opportunity number series and clears its mark. */
const oppSetupStore: PendingSaveStore = {
  // Only ever forward ($max): a concurrent create may have moved it meanwhile.
  moveSeries: setNextOpportunityNo,
  // Before the mark goes: a save cut off while its deals follow the new stages is finished like its other
  // follow-ups (the admin's retry, the next save, the repair job), not left with deals at the old probabilities.
  async followUp(workspaceId, pending) {
    const codes = changedCycles(pending);
    if (codes.size > 0) await rederive(workspaceId, await getOpportunitySetup(workspaceId), codes, pending.by);
  },
  async clearMark(workspaceId, auditId) {
    await OpportunitySetupModel.updateOne(
      { workspaceId, 'pending.auditId': auditId },
      { $unset: { pending: 1 } },
      { timestamps: false },
    );
  },
};

async function readPending(workspaceId: string) {
  return OpportunitySetupModel.findOne({ workspaceId }, { pending: 1, version: 1 }).lean<{
    pending?: PendingSave<OppSetupSection> | null;
    version?: number;
  }>();
}

/** An opportunity setup save whose follow-ups did not all happen (for the repair job), with when it was made. */
export async function unfinishedOpportunitySetupSave(workspaceId: string): Promise<{ at: Date } | undefined> {
  const stored = await readPending(workspaceId);
  return stored?.pending ? { at: stored.pending.at } : undefined;
}

/** Finishes an opportunity setup save's follow-ups (number series, audit entry), if one is waiting. */
export async function finishUnfinishedOpportunitySetupSave(workspaceId: string): Promise<boolean> {
  const stored = await readPending(workspaceId);
  if (!stored?.pending) return false;
  await finishPendingSave(workspaceId, stored.pending, oppSetupStore);
  return true;
}

function diffByCode<T extends { code: string }>(field: string, before: T[], after: T[], changes: Changes): void {
  const old = new Map(before.map((entry) => [entry.code, entry]));
  const now = new Map(after.map((entry) => [entry.code, entry]));
  for (const entry of after) {
    const was = old.get(entry.code);
    if (!was) changes.push({ field, from: '', to: JSON.stringify(entry) });
    else if (JSON.stringify(was) !== JSON.stringify(entry))
      changes.push({ field, from: JSON.stringify(was), to: JSON.stringify(entry) });
  }
  for (const entry of before) if (!now.has(entry.code)) changes.push({ field, from: JSON.stringify(entry), to: '' });
}

const shown = (value: unknown): string => (value === undefined || value === null || value === '' ? '—' : String(value));

/** The audit log's changes: cycles and close codes entry by entry (as JSON), the rest field by field. */
export function diffOpportunitySetup(before: OpportunitySetup, after: OpportunitySetup): Changes {
  const changes: Changes = [];
  diffByCode('opp.cycles', before.cycles, after.cycles, changes);
  diffByCode<CloseCode>('opp.closeCodes.won', before.closeCodes.won, after.closeCodes.won, changes);
  diffByCode<CloseCode>('opp.closeCodes.lost', before.closeCodes.lost, after.closeCodes.lost, changes);
  const leaves: [string, unknown, unknown][] = [
    ['opp.numbering.prefix', before.numbering.prefix, after.numbering.prefix],
    ['opp.numbering.digits', before.numbering.digits, after.numbering.digits],
    ['opp.defaultCycle', before.defaultCycle, after.defaultCycle],
    ['opp.currency', before.currency, after.currency],
    ['opp.news.channelId', before.news.channelId, after.news.channelId],
    ['opp.news.won', before.news.won, after.news.won],
    ['opp.news.created', before.news.created, after.news.created],
    ['opp.news.lost', before.news.lost, after.news.lost],
    ['opp.news.movedFrom', before.news.movedFrom, after.news.movedFrom],
  ];
  for (const [field, from, to] of leaves)
    if (shown(from) !== shown(to)) changes.push({ field, from: shown(from), to: shown(to) });
  return changes;
}

/**
 * Saves one sales-opportunity section if nobody saved the opportunity setup since `version` was read. Refused,
 * with nothing written, when it would take away a cycle or a stage open opportunities sit in (naming them), leave
 * the default cycle out, or move the number series back. Open opportunities of a changed cycle follow its new
 * stages (probability, calculated value). Error texts are in `tr`'s language.
 */
export async function saveOpportunitySetup(request: {
  workspaceId: string;
  userId: string;
  section: OppSetupSection;
  version: number;
  patch: OppSetupPatch;
  tr?: Translator;
}): Promise<OppSetupSaveResult> {
  const { workspaceId, userId, section, patch } = request;
  const tr = request.tr ?? translator('en');
  // The admin's retry of a save whose follow-ups failed: it was saved, so it goes on from there (not a conflict).
  const version = await settlePendingSave(
    workspaceId,
    await readPending(workspaceId),
    { userId, version: request.version },
    oppSetupStore,
  );
  const before = await getOpportunitySetup(workspaceId);
  if (before.version !== version) return { status: 'conflict' };

  const { nextNo, ...rest } = patch;
  const after: OpportunitySetup = { ...before, ...rest, version: before.version };
  const errors = patch.cycles ? await stagesStillInUse(workspaceId, before, patch.cycles, tr) : {};
  if (!after.cycles.some((cycle) => cycle.code === after.defaultCycle))
    errors.defaultCycle = tr.t('oppSetup.error.defaultCycleGone', { code: after.defaultCycle });
  const currentNext = await nextOpportunityNo(workspaceId);
  if (nextNo !== undefined && nextNo < currentNext)
    errors.nextNo = tr.t('oppSetup.error.nextNoTooLow', { next: currentNext - 1 });
  if (Object.keys(errors).length > 0) return { status: 'invalid', errors };

  const changes = diffOpportunitySetup(before, after);
  if (nextNo !== undefined && nextNo !== currentNext)
    changes.push({ field: 'opp.numbering.nextNo', from: String(currentNext), to: String(nextNo) });
  // Nothing changed (the cycles' Done, a form saved as it was): nothing to write or record, the version stays.
  if (changes.length === 0) return { status: 'saved', setup: before };
  const { channelId, movedFrom, ...news } = after.news;
  const unset = {
    ...(channelId ? {} : { 'news.channelId': 1 }),
    ...(movedFrom !== undefined ? {} : { 'news.movedFrom': 1 }),
  };
  const pending = pendingSave<OppSetupSection>({
    by: userId,
    fromVersion: before.version,
    section,
    changes,
    ...(nextNo !== undefined && nextNo !== currentNext ? { nextNo } : {}),
  });
  const saved = await OpportunitySetupModel.findOneAndUpdate(
    { workspaceId, version: before.version },
    {
      $set: {
        numbering: after.numbering,
        cycles: after.cycles,
        closeCodes: after.closeCodes,
        defaultCycle: after.defaultCycle,
        currency: after.currency,
        'news.won': news.won,
        'news.created': news.created,
        'news.lost': news.lost,
        ...(channelId ? { 'news.channelId': channelId } : {}),
        ...(movedFrom !== undefined ? { 'news.movedFrom': movedFrom } : {}),
        pending,
      },
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
      $inc: { version: 1 },
    },
    { returnDocument: 'after' },
  ).lean();
  if (!saved) return { status: 'conflict' };
  await finishPendingSave(workspaceId, pending, oppSetupStore);
  return { status: 'saved', setup: await getOpportunitySetup(workspaceId) };
}
