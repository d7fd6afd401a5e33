import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db/errors';
import type { MessageKey, Vars } from '../../i18n';
import { NumberSeriesModel } from '../../models/number-series.model';
import { OpportunityModel, type OpportunityDocument } from '../../models/opportunity.model';
import { VisitModel } from '../../models/visit.model';
import { isObjectId } from '../contacts/contact.service';
import { getContact } from '../contacts/contact.service';
import { isIsoDate } from '../calendar';
import { cycleOf, getOpportunitySetup, stageOf } from './opportunity-setup.service';
import {
  isOpen,
  type EntryAction,
  type Opportunity,
  type OpportunityEntry,
  type OpportunitySetup,
  type OpportunitySummary,
  type Priority,
  type SalesCycle,
} from './opportunity.types';
import { calculatedValue, probabilityPct } from './probability';
import { finishDealTotals, finishTotalsMarks, totalsMark, type DealFacts } from './pipeline-totals';

const SERIES = 'opportunity';
/** The entries a card shows; the rest stay stored (a deal's whole history). */
export const CARD_ENTRIES = 5;

/** A problem for the user: a text key and what fills it. */
export interface Problem {
  key: MessageKey;
  vars?: Vars;
}

export type FieldProblems = Partial<
  Record<
    | 'contact'
    | 'description'
    | 'salesperson'
    | 'cycle'
    | 'stage'
    | 'value'
    | 'chances'
    | 'closingDate'
    | 'priority'
    | 'closeCode'
    | 'actualValue'
    | 'form',
    Problem
  >
>;

/** Who acts, as the services that re-check rights need it (roles from setup and Slack, checked by the caller). */
export interface OpportunityActor {
  userId: string;
  isManager: boolean;
  isAdmin: boolean;
}

export interface NewOpportunityInput {
  contactId: string;
  description: string;
  salespersonId?: string;
  cycleCode?: string;
  /** Null: not started yet. Undefined: the cycle's first stage. */
  stageNo?: number | null;
  estimatedValue: number;
  currency?: string;
  /** Undefined: the stage's chances. */
  chancesPct?: number;
  closingDate?: string;
  priority?: Priority;
}

export interface OpportunityValues {
  description?: string;
  estimatedValue?: number;
  chancesPct?: number;
  closingDate?: string | null;
  priority?: Priority;
}

export type OpportunityChange =
  | { kind: 'next' }
  | { kind: 'stage'; stageNo: number }
  | { kind: 'update'; values: OpportunityValues }
  | { kind: 'close'; outcome: 'won' | 'lost'; closeCode?: string; actualValue?: number }
  | { kind: 'reopen' };

export type ChangeResult =
  | { status: 'saved'; opportunity: Opportunity; before: Opportunity }
  /** Someone else changed it since the user's card was drawn: nothing was written; here it is as it is now. */
  | { status: 'changed'; opportunity: Opportunity; by: string }
  | { status: 'refused'; opportunity: Opportunity; problem: Problem }
  | { status: 'invalid'; opportunity: Opportunity; errors: FieldProblems }
  | { status: 'missing' };

type Stored = OpportunityDocument;

export function toOpportunity(doc: Stored, entryCount?: number): Opportunity {
  const entries = (doc.entries ?? []).map((entry) => ({
    at: entry.at,
    by: entry.by,
    action: entry.action as EntryAction,
    fromStage: entry.fromStage ?? null,
    toStage: entry.toStage ?? null,
    estimatedValue: entry.estimatedValue,
    chancesPct: entry.chancesPct,
    probabilityPct: entry.probabilityPct,
    calculatedValue: entry.calculatedValue,
    fields: entry.fields ?? undefined,
    closeCode: entry.closeCode ?? undefined,
    actualValue: entry.actualValue ?? undefined,
  }));
  return {
    id: String(doc._id),
    workspaceId: doc.workspaceId,
    no: doc.no,
    description: doc.description,
    contactId: String(doc.contactId),
    contactNo: doc.contactNo,
    contactName: doc.contactName,
    companyId: doc.companyId ? String(doc.companyId) : null,
    companyName: doc.companyName ?? undefined,
    salespersonId: doc.salespersonId,
    cycleCode: doc.cycleCode,
    stageNo: doc.stageNo ?? null,
    status: doc.status as Opportunity['status'],
    estimatedValue: doc.estimatedValue,
    currency: doc.currency,
    chancesPct: doc.chancesPct,
    probabilityPct: doc.probabilityPct,
    calculatedValue: doc.calculatedValue,
    closingDate: doc.closingDate ?? null,
    priority: (doc.priority ?? 'normal') as Priority,
    closeCode: doc.closeCode ?? undefined,
    actualValue: doc.actualValue ?? undefined,
    closedDate: doc.closedDate ?? null,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    version: doc.version,
    entries: entries.reverse(),
    entryCount: entryCount ?? entries.length,
  };
}

export function formatOpportunityNo(numbering: OpportunitySetup['numbering'], value: number): string {
  return `${numbering.prefix}${String(value).padStart(numbering.digits, '0')}`;
}

async function nextNo(workspaceId: string, numbering: OpportunitySetup['numbering']): Promise<string> {
  const series = await NumberSeriesModel.findOneAndUpdate(
    { workspaceId, series: SERIES },
    { $inc: { lastNo: 1 } },
    { upsert: true, returnDocument: 'after' },
  ).lean<{ lastNo: number }>();
  if (!series) throw new Error('The opportunity number series upsert returned nothing');
  return formatOpportunityNo(numbering, series.lastNo);
}

/** The number the next opportunity gets (setup shows it). */
export async function nextOpportunityNo(workspaceId: string): Promise<number> {
  const series = await NumberSeriesModel.findOne({ workspaceId, series: SERIES }).lean<{ lastNo: number }>();
  return (series?.lastNo ?? 0) + 1;
}

/** Setup moves the series: the next opportunity gets `next` (never below a number already handed out). */
export async function setNextOpportunityNo(workspaceId: string, next: number): Promise<void> {
  await NumberSeriesModel.updateOne({ workspaceId, series: SERIES }, { $max: { lastNo: next - 1 } }, { upsert: true });
}

/** Probability and calculated value of a deal at `stageNo` of `cycle` with `chancesPct`. */
export function derived(cycle: SalesCycle, stageNo: number | null, chancesPct: number, estimatedValue: number) {
  const stage = stageOf(cycle, stageNo);
  const probability = stage ? probabilityPct(cycle.calculation, chancesPct, stage.completedPct) : 0;
  return { probabilityPct: probability, calculatedValue: calculatedValue(estimatedValue, probability) };
}

const validPct = (value: number | undefined) =>
  value === undefined || (Number.isFinite(value) && value >= 0 && value <= 100);
const validAmount = (value: number | undefined) =>
  value === undefined || (Number.isFinite(value) && value >= 0 && value <= 1e13);

export type CreateResult =
  { status: 'saved'; opportunity: Opportunity; created: boolean } | { status: 'invalid'; errors: FieldProblems };

/**
 * Creates an opportunity on a contact of this workspace. Everything is checked before anything is written: the
 * contact (a live one of this workspace, not privacy blocked), the cycle and stage, the values. The same form
 * submitted again (`idempotencyKey`) returns the deal it made the first time.
 */
export async function createOpportunity(request: {
  workspaceId: string;
  userId: string;
  idempotencyKey: string;
  input: NewOpportunityInput;
  now?: Date;
}): Promise<CreateResult> {
  const { workspaceId, userId, input } = request;
  const existing = await OpportunityModel.findOne({
    workspaceId,
    idempotencyKey: request.idempotencyKey,
  }).lean<Stored>();
  if (existing) {
    // The same form again: its first submit may have stopped before the pipeline totals took the deal.
    await finishDealTotals(workspaceId, String(existing._id));
    return { status: 'saved', opportunity: toOpportunity(existing), created: false };
  }
  const [setup, contact] = await Promise.all([
    getOpportunitySetup(workspaceId),
    getContact(workspaceId, input.contactId),
  ]);
  const errors: FieldProblems = {};
  if (!contact) errors.contact = { key: 'opp.error.contactMissing' };
  else if (contact.privacyBlocked) errors.contact = { key: 'opp.error.privacyBlocked', vars: { name: contact.name } };
  const description = input.description.trim();
  if (description === '') errors.description = { key: 'opp.error.descriptionRequired' };
  const cycle = cycleOf(setup, input.cycleCode ?? setup.defaultCycle) ?? setup.cycles[0];
  if (!cycle) errors.cycle = { key: 'opp.error.cycleMissing' };
  const stageNo = input.stageNo === undefined ? (cycle?.stages[0]?.no ?? null) : input.stageNo;
  const stage = cycle ? stageOf(cycle, stageNo) : undefined;
  if (cycle && stageNo !== null && !stage)
    errors.stage = { key: 'opp.error.stageNotInCycle', vars: { stage: String(stageNo), cycle: cycle.code } };
  if (!validAmount(input.estimatedValue)) errors.value = { key: 'opp.error.amount' };
  if (!validPct(input.chancesPct)) errors.chances = { key: 'opp.error.pct' };
  if (input.closingDate !== undefined && !isIsoDate(input.closingDate)) errors.closingDate = { key: 'opp.error.date' };
  if (!contact || !cycle || Object.keys(errors).length > 0) return { status: 'invalid', errors };

  const chancesPct = input.chancesPct ?? stage?.chancesPct ?? 0;
  const values = derived(cycle, stageNo, chancesPct, input.estimatedValue);
  const now = request.now ?? new Date();
  const no = await nextNo(workspaceId, setup.numbering);
  const company = contact.type === 'person' && contact.companyId ? contact.companyId : null;
  const entry: OpportunityEntry = {
    at: now,
    by: userId,
    action: 'created',
    fromStage: null,
    toStage: stageNo,
    estimatedValue: input.estimatedValue,
    chancesPct,
    ...values,
  };
  const id = new Types.ObjectId();
  const salespersonId = input.salespersonId ?? userId;
  const status = stageNo === null ? 'not_started' : 'in_progress';
  const closingDate = input.closingDate ?? null;
  // The totals move travels with the deal (one write), then is added and cleared.
  const mark = totalsMark(String(id), 0, undefined, {
    salespersonId,
    status,
    cycleCode: cycle.code,
    stageNo,
    closingDate,
    closedDate: null,
    estimatedValue: input.estimatedValue,
    calculatedValue: values.calculatedValue,
  });
  try {
    const doc = await OpportunityModel.create({
      _id: id,
      workspaceId,
      no,
      description: description.slice(0, 250),
      contactId: new Types.ObjectId(contact.id),
      contactNo: contact.no,
      contactName: contact.name,
      companyId: company ? new Types.ObjectId(company) : null,
      companyName: company ? contact.companyName : undefined,
      subjects: [contact.id, ...(company ? [company] : [])].map((id) => new Types.ObjectId(id)),
      salespersonId,
      cycleCode: cycle.code,
      stageNo,
      status,
      estimatedValue: input.estimatedValue,
      currency: input.currency ?? setup.currency,
      chancesPct,
      ...values,
      closingDate,
      priority: input.priority ?? 'normal',
      closedDate: null,
      createdBy: userId,
      idempotencyKey: request.idempotencyKey,
      entries: [entry],
      version: 0,
      totalsMarks: [mark],
    });
    await finishTotalsMarks(workspaceId, String(id), [mark]);
    return { status: 'saved', opportunity: toOpportunity(doc.toObject() as Stored), created: true };
  } catch (error) {
    if (!isDuplicateKeyError(error, 'idempotencyKey')) throw error;
    const first = await OpportunityModel.findOne({
      workspaceId,
      idempotencyKey: request.idempotencyKey,
    }).lean<Stored>();
    if (!first) throw error;
    await finishDealTotals(workspaceId, String(first._id));
    return { status: 'saved', opportunity: toOpportunity(first), created: false };
  }
}

/** An opportunity of this workspace with its last `entries` entries; undefined for a forged or foreign id. */
export async function getOpportunity(
  workspaceId: string,
  id: unknown,
  entries = CARD_ENTRIES,
): Promise<Opportunity | undefined> {
  if (!isObjectId(id)) return undefined;
  const [doc] = await OpportunityModel.aggregate<Stored & { entryCount: number }>([
    { $match: { workspaceId, _id: new Types.ObjectId(id) } },
    { $addFields: { entryCount: { $size: '$entries' }, entries: { $slice: ['$entries', -entries] } } },
  ]);
  return doc ? toOpportunity(doc, doc.entryCount) : undefined;
}

/** Salesperson, managers and admins may change a deal; reopening a closed one is for managers and admins. */
export function mayChangeOpportunity(
  actor: OpportunityActor,
  opportunity: Pick<Opportunity, 'salespersonId'>,
): boolean {
  return actor.isAdmin || actor.isManager || actor.userId === opportunity.salespersonId;
}

/**
 * One change of a deal — next stage, a stage, an update, a close, a reopen — as one atomic write of the deal
 * and its entry, made only if the deal is still at the version the user's card showed (`expectedVersion`).
 * When two people move the same deal, the first wins; the second is told it changed and by whom, and nothing of
 * theirs is written (so no entry is lost or doubled). Refusals and invalid values write nothing either.
 */
export async function changeOpportunity(request: {
  workspaceId: string;
  actor: OpportunityActor;
  opportunityId: unknown;
  expectedVersion: number;
  change: OpportunityChange;
  /** The actor's today (YYYY-MM-DD), the close date of a won or lost deal. */
  today: string;
  now?: Date;
}): Promise<ChangeResult> {
  const { workspaceId, actor, change } = request;
  // The deal and the setup are read side by side: one round trip before the write, not two.
  const [current, setup] = await Promise.all([
    getOpportunity(workspaceId, request.opportunityId, 1),
    getOpportunitySetup(workspaceId),
  ]);
  if (!current) return { status: 'missing' };
  if (current.version !== request.expectedVersion) {
    // Also the user's retry of a change that went through: one cut off before the totals took it finishes here.
    await finishDealTotals(workspaceId, current.id);
    return { status: 'changed', opportunity: current, by: current.entries[0]?.by ?? current.salespersonId };
  }
  const reopening = change.kind === 'reopen';
  if (reopening ? !(actor.isAdmin || actor.isManager) : !mayChangeOpportunity(actor, current))
    return {
      status: 'refused',
      opportunity: current,
      problem: {
        key: reopening ? 'opp.refused.reopen' : 'opp.refused.notYours',
        vars: { user: `<@${current.salespersonId}>` },
      },
    };
  const cycle = cycleOf(setup, current.cycleCode);
  if (!cycle) return { status: 'refused', opportunity: current, problem: { key: 'opp.error.cycleMissing' } };
  const plan = planChange(current, cycle, setup, change, request.today);
  if ('problem' in plan) return { status: 'refused', opportunity: current, problem: plan.problem };
  if ('errors' in plan) return { status: 'invalid', opportunity: current, errors: plan.errors };

  const entry: OpportunityEntry = {
    at: request.now ?? new Date(),
    by: actor.userId,
    action: plan.action,
    fromStage: current.stageNo,
    toStage: plan.set.stageNo === undefined ? current.stageNo : plan.set.stageNo,
    estimatedValue: plan.set.estimatedValue ?? current.estimatedValue,
    chancesPct: plan.set.chancesPct ?? current.chancesPct,
    probabilityPct: plan.set.probabilityPct ?? current.probabilityPct,
    calculatedValue: plan.set.calculatedValue ?? current.calculatedValue,
    ...(plan.fields ? { fields: plan.fields } : {}),
    ...(plan.set.closeCode ? { closeCode: plan.set.closeCode } : {}),
    ...(plan.set.actualValue !== undefined && plan.set.actualValue !== null
      ? { actualValue: plan.set.actualValue }
      : {}),
  };
  const mark = totalsMark(current.id, request.expectedVersion + 1, factsOf(current), factsAfter(current, plan));
  const updated = await OpportunityModel.findOneAndUpdate(
    { workspaceId, _id: new Types.ObjectId(current.id), version: request.expectedVersion },
    {
      $set: plan.set,
      ...(plan.unset ? { $unset: plan.unset } : {}),
      $push: { entries: entry, totalsMarks: mark },
      $inc: { version: 1 },
    },
    { returnDocument: 'after', projection: { entries: { $slice: -CARD_ENTRIES }, totalsMarks: 0 } },
  ).lean<Stored>();
  if (!updated) {
    const now = await getOpportunity(workspaceId, current.id, 1);
    if (!now) return { status: 'missing' };
    return { status: 'changed', opportunity: now, by: now.entries[0]?.by ?? now.salespersonId };
  }
  await finishTotalsMarks(workspaceId, current.id, [mark]);
  return { status: 'saved', opportunity: toOpportunity(updated, current.entryCount + 1), before: current };
}

/** What of a deal the kept pipeline totals count. */
function factsOf(deal: Opportunity): DealFacts {
  return {
    salespersonId: deal.salespersonId,
    status: deal.status,
    cycleCode: deal.cycleCode,
    stageNo: deal.stageNo,
    closingDate: deal.closingDate,
    closedDate: deal.closedDate,
    estimatedValue: deal.estimatedValue,
    calculatedValue: deal.calculatedValue,
    actualValue: deal.actualValue ?? null,
  };
}

/** The deal as a change's plan leaves it, for the totals move written with the change. */
function factsAfter(current: Opportunity, plan: Plan): DealFacts {
  const set = plan.set as Partial<Record<keyof DealFacts, unknown>>;
  const pick = <K extends keyof DealFacts>(key: K): DealFacts[K] =>
    (key in set && set[key] !== undefined ? set[key] : factsOf(current)[key]) as DealFacts[K];
  return {
    salespersonId: pick('salespersonId'),
    status: pick('status'),
    cycleCode: pick('cycleCode'),
    stageNo: 'stageNo' in set ? (set.stageNo as number | null) : current.stageNo,
    closingDate: 'closingDate' in set ? ((set.closingDate as string | null) ?? null) : current.closingDate,
    closedDate: 'closedDate' in set ? ((set.closedDate as string | null) ?? null) : current.closedDate,
    estimatedValue: pick('estimatedValue'),
    calculatedValue: pick('calculatedValue'),
    actualValue: plan.unset?.actualValue ? null : pick('actualValue'),
  };
}

interface Plan {
  action: EntryAction;
  set: Partial<Record<string, unknown>> & {
    stageNo?: number | null;
    estimatedValue?: number;
    chancesPct?: number;
    probabilityPct?: number;
    calculatedValue?: number;
    closeCode?: string;
    actualValue?: number | null;
  };
  unset?: Record<string, 1>;
  fields?: string[];
}

/** What a change writes, or why it cannot be made. Pure: decided from the deal as the user saw it. */
export function planChange(
  current: Opportunity,
  cycle: SalesCycle,
  setup: OpportunitySetup,
  change: OpportunityChange,
  today: string,
): Plan | { problem: Problem } | { errors: FieldProblems } {
  const open = isOpen(current.status);
  if (change.kind !== 'reopen' && !open) return { problem: { key: 'opp.refused.closed', vars: { no: current.no } } };
  switch (change.kind) {
    case 'next': {
      const index = current.stageNo === null ? -1 : cycle.stages.findIndex((s) => s.no === current.stageNo);
      const next = cycle.stages[index + 1];
      if (!next) return { problem: { key: 'opp.refused.lastStage' } };
      return moveTo(current, cycle, next.no);
    }
    case 'stage':
      return moveTo(current, cycle, change.stageNo);
    case 'update': {
      const v = change.values;
      const errors: FieldProblems = {};
      if (v.description !== undefined && v.description.trim() === '')
        errors.description = { key: 'opp.error.descriptionRequired' };
      if (!validAmount(v.estimatedValue)) errors.value = { key: 'opp.error.amount' };
      if (!validPct(v.chancesPct)) errors.chances = { key: 'opp.error.pct' };
      if (v.closingDate && !isIsoDate(v.closingDate)) errors.closingDate = { key: 'opp.error.date' };
      if (Object.keys(errors).length > 0) return { errors };
      const estimatedValue = v.estimatedValue ?? current.estimatedValue;
      const chancesPct = v.chancesPct ?? current.chancesPct;
      const fields: string[] = [];
      if (v.description !== undefined && v.description.trim() !== current.description) fields.push('description');
      if (estimatedValue !== current.estimatedValue) fields.push('value');
      if (chancesPct !== current.chancesPct) fields.push('chances');
      if (v.closingDate !== undefined && v.closingDate !== current.closingDate) fields.push('closingDate');
      if (v.priority !== undefined && v.priority !== current.priority) fields.push('priority');
      if (fields.length === 0) return { problem: { key: 'opp.refused.nothingChanged' } };
      return {
        action: 'update',
        fields,
        set: {
          ...(v.description !== undefined ? { description: v.description.trim().slice(0, 250) } : {}),
          estimatedValue,
          chancesPct,
          ...(v.closingDate !== undefined ? { closingDate: v.closingDate } : {}),
          ...(v.priority !== undefined ? { priority: v.priority } : {}),
          ...derived(cycle, current.stageNo, chancesPct, estimatedValue),
        },
      };
    }
    case 'close': {
      const errors: FieldProblems = {};
      const codes = setup.closeCodes[change.outcome];
      if (change.closeCode !== undefined && !codes.some((c) => c.code === change.closeCode))
        errors.closeCode = { key: 'opp.error.closeCode' };
      if (codes.length > 0 && change.closeCode === undefined) errors.closeCode = { key: 'opp.error.closeCodeRequired' };
      if (!validAmount(change.actualValue)) errors.actualValue = { key: 'opp.error.amount' };
      if (Object.keys(errors).length > 0) return { errors };
      const won = change.outcome === 'won';
      const actualValue = won ? (change.actualValue ?? current.estimatedValue) : (change.actualValue ?? 0);
      return {
        action: change.outcome,
        set: {
          status: change.outcome,
          closeCode: change.closeCode,
          actualValue,
          closedDate: today,
          probabilityPct: won ? 100 : 0,
          calculatedValue: won ? actualValue : 0,
        },
      };
    }
    case 'reopen': {
      if (open) return { problem: { key: 'opp.refused.notClosed', vars: { no: current.no } } };
      return {
        action: 'reopened',
        set: {
          status: current.stageNo === null ? 'not_started' : 'in_progress',
          closedDate: null,
          ...derived(cycle, current.stageNo, current.chancesPct, current.estimatedValue),
        },
        unset: { closeCode: 1, actualValue: 1 },
      };
    }
  }
}

/**
 * A move to `stageNo`: it must be a stage of the cycle and not the current one; moving forward may leave out
 * only stages that allow skipping (the first one that does not is named). Chances become the new stage's.
 */
function moveTo(
  current: Opportunity,
  cycle: SalesCycle,
  stageNo: number,
): Plan | { problem: Problem } | { errors: FieldProblems } {
  const target = cycle.stages.findIndex((s) => s.no === stageNo);
  const stage = cycle.stages[target];
  if (!stage)
    return {
      errors: { stage: { key: 'opp.error.stageNotInCycle', vars: { stage: String(stageNo), cycle: cycle.code } } },
    };
  if (stageNo === current.stageNo)
    return { problem: { key: 'opp.refused.sameStage', vars: { stage: stage.description } } };
  const from = current.stageNo === null ? -1 : cycle.stages.findIndex((s) => s.no === current.stageNo);
  const blocking = cycle.stages.slice(from + 1, target).find((s) => !s.allowSkip);
  if (target > from && blocking)
    return { problem: { key: 'opp.refused.noSkip', vars: { stage: `${blocking.no} ${blocking.description}` } } };
  return {
    action: 'stage',
    set: {
      stageNo,
      status: 'in_progress',
      chancesPct: stage.chancesPct,
      ...derived(cycle, stageNo, stage.chancesPct, current.estimatedValue),
    },
  };
}

const summaryProjection = {
  no: 1,
  description: 1,
  contactName: 1,
  salespersonId: 1,
  stageNo: 1,
  status: 1,
  estimatedValue: 1,
  calculatedValue: 1,
  currency: 1,
  closingDate: 1,
  cycleCode: 1,
} as const;

function toSummary(doc: Stored): OpportunitySummary {
  return {
    id: String(doc._id),
    no: doc.no,
    description: doc.description,
    contactName: doc.contactName,
    salespersonId: doc.salespersonId,
    stageNo: doc.stageNo ?? null,
    status: doc.status as OpportunitySummary['status'],
    estimatedValue: doc.estimatedValue,
    calculatedValue: doc.calculatedValue,
    currency: doc.currency,
    closingDate: doc.closingDate ?? null,
    cycleCode: doc.cycleCode,
  };
}

/** A contact's open deals (a company's include its persons'), by closing date; at most `limit`. */
export async function openOpportunitiesOf(
  workspaceId: string,
  contactId: unknown,
  limit = 25,
): Promise<OpportunitySummary[]> {
  if (!isObjectId(contactId)) return [];
  const docs = await OpportunityModel.find({
    workspaceId,
    subjects: new Types.ObjectId(contactId),
    status: { $in: ['not_started', 'in_progress'] },
  })
    .select(summaryProjection)
    .limit(limit)
    .lean<Stored[]>();
  return docs
    .map(toSummary)
    .sort((a, b) => (a.closingDate ?? '9999').localeCompare(b.closingDate ?? '9999') || a.no.localeCompare(b.no));
}

/** The visits logged for a deal (the log-visit modal's "Opportunity"), newest first: its card's "Visits". */
export async function opportunityVisits(
  workspaceId: string,
  opportunityId: string,
  limit = 5,
): Promise<{ date: string; typeDescription: string; salespersonId: string }[]> {
  if (!isObjectId(opportunityId)) return [];
  const visits = await VisitModel.find({
    workspaceId,
    opportunityId: new Types.ObjectId(opportunityId),
    status: 'logged',
  })
    .sort({ date: -1 })
    .limit(limit)
    .select({ date: 1, typeDescription: 1, salespersonId: 1 })
    .lean<{ date: string; typeDescription: string; salespersonId: string }[]>();
  return visits.map((v) => ({ date: v.date, typeDescription: v.typeDescription, salespersonId: v.salespersonId }));
}

/** An opportunity of this workspace by its No. (`/contact opp SM000042`). */
export async function opportunityIdByNo(workspaceId: string, no: string): Promise<string | undefined> {
  const doc = await OpportunityModel.findOne({ workspaceId, no: no.toUpperCase() })
    .select({ _id: 1 })
    .lean<{ _id: Types.ObjectId }>();
  return doc ? String(doc._id) : undefined;
}

/**
 * The log-visit modal's "Opportunity": undefined when none was picked, its id when it is an open deal of the
 * visit's contact (or of the contact's company) in this workspace, false for anything else (a forged value).
 */
export async function visitOpportunityOf(
  workspaceId: string,
  picked: string | undefined,
  contactId: string,
): Promise<string | false | undefined> {
  if (picked === undefined) return undefined;
  if (!isObjectId(picked)) return false;
  const contact = await getContact(workspaceId, contactId);
  if (!contact) return false;
  const subjects = [contact.id, ...(contact.companyId ? [contact.companyId] : [])].map((id) => new Types.ObjectId(id));
  const found = await OpportunityModel.exists({
    workspaceId,
    _id: new Types.ObjectId(picked),
    subjects: { $in: subjects },
    status: { $in: ['not_started', 'in_progress'] },
  });
  return found ? picked : false;
}

/** A salesperson's next open deals by estimated closing date (those with one), for Home's "My pipeline". */
export async function nextOpportunitiesOf(
  workspaceId: string,
  salespersonId: string,
  limit = 5,
): Promise<OpportunitySummary[]> {
  const docs = await OpportunityModel.find({
    workspaceId,
    salespersonId,
    status: { $in: ['not_started', 'in_progress'] },
    closingDate: { $gt: '' },
  })
    .sort({ closingDate: 1 })
    .limit(limit)
    .select(summaryProjection)
    .lean<Stored[]>();
  return docs.map(toSummary);
}
