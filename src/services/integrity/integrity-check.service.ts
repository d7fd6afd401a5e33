import type { Types } from 'mongoose';
import { countsPendingSince } from '../tasks/task-counts';
import { pipelineTotalsStaleSince, unfinishedTotals } from '../opportunities/pipeline-totals';
import { ContactModel } from '../../models/contact.model';
import { OpportunityModel, OpportunitySetupModel } from '../../models/opportunity.model';
import { TaskModel } from '../../models/task.model';
import { VisitModel } from '../../models/visit.model';
import { unfinishedDeletions } from '../contacts/contact-deletion.service';
import { unfinishedMerges } from '../contacts/merge/merge.service';
import { unfinishedOpportunitySetupSave } from '../opportunities/opportunity-setup-save.service';
import { duplicateKeysState, listSetupWorkspaces, unfinishedSetupSave } from '../setup/setup.service';

/** A contact's visit figures: how many logged visits, the last successful one, the last attempt (YYYY-MM-DD). */
export interface VisitFigures {
  count: number;
  lastInteraction?: string;
  lastAttempt?: string;
}

/**
 * A relation that should hold in a workspace and does not: what a write that stopped half-way leaves behind.
 * Each kind has a repair (integrity-repair.service.ts).
 */
export type IntegrityProblem =
  | { kind: 'visitFigures'; contactId: string; no: string; stored: VisitFigures; actual: VisitFigures }
  | { kind: 'companyName'; personId: string; no: string; companyId: string; stored?: string; actual: string }
  | { kind: 'companyMissing'; personId: string; no: string; companyId: string }
  | { kind: 'personOfDeletedCompany'; personId: string; no: string; companyId: string; deletionId: string }
  | { kind: 'visitLinkBroken'; visitId: string; field: 'contactId' | 'companyId'; contactId: string }
  | { kind: 'visitEditUnfinished'; visitId: string; contactIds: string[] }
  | { kind: 'flowDownUnfinished'; companyId: string; no: string }
  | { kind: 'changeLogUnfinished'; contactId: string; no: string }
  | { kind: 'deletionUnfinished'; deletionId: string; status: string; contactNo: string }
  | { kind: 'mergeUnfinished'; mergeId: string; status: string; keepNo: string; mergeNo: string }
  | { kind: 'setupSaveUnfinished' }
  | { kind: 'opportunitySetupSaveUnfinished' }
  | { kind: 'duplicateKeysStale' }
  | { kind: 'taskCountsStale' }
  | { kind: 'pipelineTotalsUnfinished'; opportunityId: string; no: string }
  | { kind: 'pipelineTotalsStale' };

export interface CheckOptions {
  /**
   * Only marks and figures last written before this count: anything newer may belong to a request still under
   * way (the repair job passes a minute ago; tests pass nothing and see everything).
   */
  olderThan?: Date;
  /** Documents read per query (every read is one indexed range of this size). */
  batchSize?: number;
}

const DEFAULT_BATCH = 500;

interface ContactRow {
  _id: Types.ObjectId;
  no: string;
  type: 'company' | 'person';
  name: string;
  companyId?: Types.ObjectId | null;
  companyName?: string | null;
  stats?: { interactionCount?: number | null; lastInteractionAt?: Date | null; lastAttemptAt?: Date | null } | null;
  deletedAt?: Date | null;
  deletionId?: Types.ObjectId | null;
  flowDown?: { at: Date } | null;
  changeMark?: { at: Date } | null;
  updatedAt?: Date;
}

const CONTACT_FIELDS = {
  no: 1,
  type: 1,
  name: 1,
  companyId: 1,
  companyName: 1,
  stats: 1,
  deletedAt: 1,
  deletionId: 1,
  flowDown: 1,
  changeMark: 1,
  updatedAt: 1,
};

interface FiguresRow {
  _id: Types.ObjectId;
  count: number;
  lastDone: string | null;
  lastAttempt: string | null;
  touched: Date | null;
}

const day = (date: Date | null | undefined): string | undefined =>
  date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : undefined;

const settled = (at: Date | null | undefined, options: CheckOptions): boolean =>
  !options.olderThan || !at || at <= options.olderThan;

/** A batch's visit figures as the visits say they should be (one aggregation on the subjects index). */
async function actualFigures(workspaceId: string, ids: Types.ObjectId[]): Promise<Map<string, FiguresRow>> {
  const logged = { $eq: ['$status', 'logged'] };
  const rows = await VisitModel.aggregate<FiguresRow>([
    { $match: { workspaceId, subjects: { $in: ids }, contactId: { $in: ids } } },
    {
      $group: {
        _id: '$contactId',
        count: { $sum: { $cond: [logged, 1, 0] } },
        lastDone: { $max: { $cond: [{ $and: [logged, { $eq: ['$attemptFailed', false] }] }, '$date', null] } },
        lastAttempt: { $max: { $cond: [logged, '$date', null] } },
        touched: { $max: '$updatedAt' },
      },
    },
  ]);
  return new Map(rows.map((row) => [String(row._id), row]));
}

async function checkContacts(workspaceId: string, batch: ContactRow[], options: CheckOptions) {
  const problems: IntegrityProblem[] = [];
  const figures = await actualFigures(
    workspaceId,
    batch.map((contact) => contact._id),
  );
  const companyIds = [...new Set(batch.filter((c) => c.companyId).map((c) => String(c.companyId)))];
  const companies = new Map(
    (await ContactModel.find({ workspaceId, _id: { $in: companyIds } }, CONTACT_FIELDS).lean<ContactRow[]>()).map(
      (company) => [String(company._id), company],
    ),
  );
  for (const contact of batch) {
    const id = String(contact._id);
    const row = figures.get(id);
    const stored: VisitFigures = {
      count: contact.stats?.interactionCount ?? 0,
      lastInteraction: day(contact.stats?.lastInteractionAt),
      lastAttempt: day(contact.stats?.lastAttemptAt),
    };
    const actual: VisitFigures = {
      count: row?.count ?? 0,
      lastInteraction: row?.lastDone ?? undefined,
      lastAttempt: row?.lastAttempt ?? undefined,
    };
    const differ =
      stored.count !== actual.count ||
      stored.lastInteraction !== actual.lastInteraction ||
      stored.lastAttempt !== actual.lastAttempt;
    if (differ && settled(contact.updatedAt, options) && settled(row?.touched, options))
      problems.push({ kind: 'visitFigures', contactId: id, no: contact.no, stored, actual });

    if (contact.flowDown && settled(contact.flowDown.at, options))
      problems.push({ kind: 'flowDownUnfinished', companyId: id, no: contact.no });

    if (contact.changeMark && settled(contact.changeMark.at, options))
      problems.push({ kind: 'changeLogUnfinished', contactId: id, no: contact.no });

    if (!contact.companyId) continue;
    const companyId = String(contact.companyId);
    const company = companies.get(companyId);
    if (!company || company.type !== 'company') {
      if (settled(contact.updatedAt, options))
        problems.push({ kind: 'companyMissing', personId: id, no: contact.no, companyId });
      continue;
    }
    if (!contact.deletedAt && company.deletedAt && company.deletionId && settled(contact.updatedAt, options))
      problems.push({
        kind: 'personOfDeletedCompany',
        personId: id,
        no: contact.no,
        companyId,
        deletionId: String(company.deletionId),
      });
    // A company with an unfinished flow-down is reported once, as that.
    if (!company.flowDown && contact.companyName !== company.name && settled(contact.updatedAt, options))
      problems.push({
        kind: 'companyName',
        personId: id,
        no: contact.no,
        companyId,
        stored: contact.companyName ?? undefined,
        actual: company.name,
      });
  }
  return problems;
}

interface VisitRow {
  _id: Types.ObjectId;
  contactId?: Types.ObjectId | null;
  companyId?: Types.ObjectId | null;
  restat?: Types.ObjectId[] | null;
  updatedAt?: Date;
}

async function checkVisits(workspaceId: string, batch: VisitRow[], options: CheckOptions) {
  const problems: IntegrityProblem[] = [];
  const linked = [
    ...new Set(batch.flatMap((v) => [v.contactId, v.companyId]).filter((id): id is Types.ObjectId => Boolean(id))),
  ];
  const existing = new Set(
    (await ContactModel.find({ workspaceId, _id: { $in: linked } }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>()).map(
      (doc) => String(doc._id),
    ),
  );
  for (const visit of batch) {
    const visitId = String(visit._id);
    if (!settled(visit.updatedAt, options)) continue;
    for (const field of ['contactId', 'companyId'] as const) {
      const target = visit[field];
      if (target && !existing.has(String(target)))
        problems.push({ kind: 'visitLinkBroken', visitId, field, contactId: String(target) });
    }
    if (visit.restat && visit.restat.length > 0)
      problems.push({ kind: 'visitEditUnfinished', visitId, contactIds: visit.restat.map(String) });
  }
  return problems;
}

/** Walks a collection of one workspace in `_id` order, a batch at a time (the `{workspaceId, _id}` index). */
async function walk<Row extends { _id: Types.ObjectId }>(
  read: (filter: Record<string, unknown>, limit: number) => Promise<Row[]>,
  workspaceId: string,
  batchSize: number,
  onBatch: (batch: Row[]) => Promise<void>,
): Promise<void> {
  let after: Types.ObjectId | undefined;
  for (;;) {
    const batch = await read({ workspaceId, ...(after ? { _id: { $gt: after } } : {}) }, batchSize);
    if (batch.length === 0) return;
    await onBatch(batch);
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1]!._id;
  }
}

/**
 * Checks every relation Kontakt keeps in a workspace, batch by batch, handing each batch's problems to
 * `onProblems` before reading the next (the repair job repairs them there, so memory never holds more than a
 * batch): contacts' visit figures against their visits, persons against their companies, visits against their
 * contacts, and the marks multi-step writes leave until they are done (company flow-downs, visit edits,
 * deletions, setup saves, duplicate search strings). Deleted contacts are checked too: they may be restored.
 */
export async function walkIntegrity(
  workspaceId: string,
  options: CheckOptions,
  onProblems: (problems: IntegrityProblem[]) => Promise<void>,
): Promise<void> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const report = async (problems: IntegrityProblem[]) => {
    if (problems.length > 0) await onProblems(problems);
  };
  await walk(
    (filter, limit) => ContactModel.find(filter, CONTACT_FIELDS).sort({ _id: 1 }).limit(limit).lean<ContactRow[]>(),
    workspaceId,
    batchSize,
    async (batch) => report(await checkContacts(workspaceId, batch, options)),
  );
  await walk(
    (filter, limit) =>
      VisitModel.find(filter, { contactId: 1, companyId: 1, restat: 1, updatedAt: 1 })
        .sort({ _id: 1 })
        .limit(limit)
        .lean<VisitRow[]>(),
    workspaceId,
    batchSize,
    async (batch) => report(await checkVisits(workspaceId, batch, options)),
  );
  const deletions = await unfinishedDeletions(workspaceId, options.olderThan ?? new Date(8.64e15), batchSize);
  await report(
    deletions.map((record) => ({
      kind: 'deletionUnfinished' as const,
      deletionId: String(record._id),
      status: record.status,
      contactNo: record.contactNo,
    })),
  );
  const merges = await unfinishedMerges(workspaceId, options.olderThan ?? new Date(8.64e15), batchSize);
  await report(
    merges.map((record) => ({
      kind: 'mergeUnfinished' as const,
      mergeId: String(record._id),
      status: record.status,
      keepNo: record.keepNo,
      mergeNo: record.mergeNo,
    })),
  );
  const setupSave = await unfinishedSetupSave(workspaceId);
  if (setupSave && settled(setupSave.at, options)) await report([{ kind: 'setupSaveUnfinished' }]);
  const oppSetupSave = await unfinishedOpportunitySetupSave(workspaceId);
  if (oppSetupSave && settled(oppSetupSave.at, options)) await report([{ kind: 'opportunitySetupSaveUnfinished' }]);
  const keys = await duplicateKeysState(workspaceId);
  if (keys.stale && settled(keys.since, options)) await report([{ kind: 'duplicateKeysStale' }]);
  if (await countsPendingSince(workspaceId, options.olderThan)) await report([{ kind: 'taskCountsStale' }]);
  const deals = await unfinishedTotals(workspaceId, options.olderThan, batchSize);
  await report(
    deals.map((deal) => ({ kind: 'pipelineTotalsUnfinished' as const, opportunityId: deal.id, no: deal.no })),
  );
  const stale = await pipelineTotalsStaleSince(workspaceId);
  if (stale && settled(stale, options)) await report([{ kind: 'pipelineTotalsStale' }]);
}

/** Every problem in a workspace (for tests and checks; the repair job walks and repairs batch by batch). */
export async function findIntegrityProblems(
  workspaceId: string,
  options: CheckOptions = {},
): Promise<IntegrityProblem[]> {
  const problems: IntegrityProblem[] = [];
  await walkIntegrity(workspaceId, options, async (batch) => {
    problems.push(...batch);
  });
  return problems;
}

/** One line per problem, for logs and test failures. */
export function describeIntegrityProblem(problem: IntegrityProblem): string {
  switch (problem.kind) {
    case 'visitFigures':
      return `contact ${problem.no} says ${JSON.stringify(problem.stored)}, its visits say ${JSON.stringify(problem.actual)}`;
    case 'companyName':
      return `person ${problem.no} says company "${problem.stored ?? ''}", the company is "${problem.actual}"`;
    case 'companyMissing':
      return `person ${problem.no} points at a company that does not exist`;
    case 'personOfDeletedCompany':
      return `person ${problem.no} is live, but its company was deleted`;
    case 'visitLinkBroken':
      return `visit ${problem.visitId} points (${problem.field}) at a contact that does not exist`;
    case 'visitEditUnfinished':
      return `visit ${problem.visitId} was edited, but the figures of ${problem.contactIds.length} contact(s) were not recomputed`;
    case 'flowDownUnfinished':
      return `company ${problem.no} was edited, but its persons were not all brought in step`;
    case 'changeLogUnfinished':
      return `contact ${problem.no} was changed, but the change is not in the change log`;
    case 'deletionUnfinished':
      return `the deletion of ${problem.contactNo} stopped while ${problem.status}`;
    case 'mergeUnfinished':
      return `the merge of ${problem.mergeNo} into ${problem.keepNo} stopped while ${problem.status}`;
    case 'setupSaveUnfinished':
      return 'a setup save did not finish (number series or audit entry)';
    case 'opportunitySetupSaveUnfinished':
      return 'an opportunity setup save did not finish (number series or audit entry)';
    case 'duplicateKeysStale':
      return 'the companies’ duplicate search strings are behind the duplicate rules in setup';
    case 'taskCountsStale':
      return 'a task was changed but the kept counts of open tasks were not moved with it';
    case 'pipelineTotalsUnfinished':
      return `opportunity ${problem.no} was changed, but the kept pipeline totals were not moved with it`;
    case 'pipelineTotalsStale':
      return 'a sales cycle change re-derived deal values, but the kept pipeline totals were not recounted';
  }
}

/**
 * Every workspace with anything the repair job's round looks after: contacts, visits, setup, opportunities and
 * their setup, tasks (a workspace that has only begun with opportunities or tasks has half-done writes too).
 */
export async function workspacesWithData(): Promise<string[]> {
  // An empty filter: the one question that spans workspaces, answered from the workspace-first indexes.
  const lists = await Promise.all([
    ContactModel.distinct('workspaceId') as Promise<string[]>,
    VisitModel.distinct('workspaceId') as Promise<string[]>,
    listSetupWorkspaces(),
    OpportunityModel.distinct('workspaceId') as Promise<string[]>,
    OpportunitySetupModel.distinct('workspaceId') as Promise<string[]>,
    TaskModel.distinct('workspaceId') as Promise<string[]>,
  ]);
  return [...new Set(lists.flat())].sort();
}
