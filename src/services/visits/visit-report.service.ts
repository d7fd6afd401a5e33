import { Types } from 'mongoose';
import { VisitModel, type VisitDocument } from '../../models/visit.model';
import { addDays } from '../calendar';
import { toVisit } from './visit-record';
import { evaluations, type DateRange, type Evaluation, type Visit, type VisitTotals } from './visit.types';

type Filter = Record<string, unknown>;

interface TotalsRow {
  _id: { code: string; description: string; userId: string; evaluation: Evaluation; failed: boolean };
  count: number;
}

/** Totals of the logged (not cancelled) visits a filter selects, in one aggregation. */
async function totalsOf(filter: Filter): Promise<VisitTotals> {
  const rows = await VisitModel.aggregate<TotalsRow>([
    { $match: { ...filter, status: 'logged' } },
    {
      $group: {
        _id: {
          code: '$typeCode',
          description: '$typeDescription',
          userId: '$salespersonId',
          evaluation: '$evaluation',
          failed: '$attemptFailed',
        },
        count: { $sum: 1 },
      },
    },
  ]);
  const byType = new Map<string, { code: string; description: string; count: number }>();
  const bySalesperson = new Map<string, number>();
  const byEvaluation = Object.fromEntries(evaluations.map((e) => [e, 0])) as Record<Evaluation, number>;
  let visits = 0;
  let failedAttempts = 0;
  for (const row of rows) {
    visits += row.count;
    if (row._id.failed) failedAttempts += row.count;
    const type = byType.get(row._id.code) ?? { code: row._id.code, description: row._id.description, count: 0 };
    type.count += row.count;
    byType.set(row._id.code, type);
    bySalesperson.set(row._id.userId, (bySalesperson.get(row._id.userId) ?? 0) + row.count);
    if (row._id.evaluation in byEvaluation) byEvaluation[row._id.evaluation] += row.count;
  }
  return {
    visits,
    failedAttempts,
    byType: [...byType.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    bySalesperson: [...bySalesperson]
      .map(([userId, count]) => ({ userId, count }))
      .sort((a, b) => b.count - a.count || a.userId.localeCompare(b.userId)),
    byEvaluation,
  };
}

/** A contact's visits, newest first; a company's include its persons' (they carry the company in `subjects`). */
export async function contactVisits(
  workspaceId: string,
  contactId: string,
  page: { skip: number; limit: number },
): Promise<{ visits: Visit[]; total: number; totals: VisitTotals }> {
  const filter = { workspaceId, subjects: new Types.ObjectId(contactId) };
  const [docs, total, totals] = await Promise.all([
    VisitModel.find(filter).sort({ date: -1, createdAt: -1 }).skip(page.skip).limit(page.limit).lean<VisitDocument[]>(),
    VisitModel.countDocuments(filter),
    totalsOf(filter),
  ]);
  return { visits: docs.map(toVisit), total, totals };
}

export type VisitsOf = { kind: 'user'; userId: string } | { kind: 'team' };

/** Visits in a date range, one salesperson's or the team's, newest first (at most `cap`), with totals. */
export async function visitsInRange(
  workspaceId: string,
  who: VisitsOf,
  range: DateRange,
  cap = 200,
): Promise<{ visits: Visit[]; total: number; totals: VisitTotals }> {
  const filter: Filter = {
    workspaceId,
    ...(who.kind === 'user' ? { salespersonId: who.userId } : {}),
    date: { $gte: range.from, $lte: range.to },
  };
  const [docs, total, totals] = await Promise.all([
    VisitModel.find(filter).sort({ date: -1, createdAt: -1 }).limit(cap).lean<VisitDocument[]>(),
    VisitModel.countDocuments(filter),
    totalsOf(filter),
  ]);
  return { visits: docs.map(toVisit), total, totals };
}

/** Only the totals of a range (the App Home's team numbers): no documents travel. */
export async function totalsInRange(workspaceId: string, range: DateRange): Promise<VisitTotals> {
  return totalsOf({ workspaceId, date: { $gte: range.from, $lte: range.to } });
}

/** Contacts visited in `range` that had never been visited before it. */
export async function firstTimeContacts(
  workspaceId: string,
  range: DateRange,
): Promise<{ name: string; no: string }[]> {
  const inRange = await VisitModel.aggregate<{ _id: Types.ObjectId; name: string; no: string }>([
    { $match: { workspaceId, date: { $gte: range.from, $lte: range.to }, status: 'logged', contactId: { $ne: null } } },
    { $group: { _id: '$contactId', name: { $first: '$contactName' }, no: { $first: '$contactNo' } } },
  ]);
  if (inRange.length === 0) return [];
  const before = await VisitModel.aggregate<{ _id: Types.ObjectId }>([
    {
      $match: {
        workspaceId,
        subjects: { $in: inRange.map((c) => c._id) },
        status: 'logged',
        date: { $lt: range.from },
      },
    },
    { $group: { _id: '$contactId' } },
  ]);
  const seen = new Set(before.map((row) => String(row._id)));
  return inRange
    .filter((contact) => !seen.has(String(contact._id)))
    .map(({ name, no }) => ({ name, no }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Salespeople active in the eight weeks before `range` (plus `alsoInclude`) who logged nothing in it. */
export async function salespeopleWithoutVisits(
  workspaceId: string,
  range: DateRange,
  alsoInclude: string[] = [],
): Promise<string[]> {
  const [recent, current] = await Promise.all([
    VisitModel.distinct('salespersonId', { workspaceId, date: { $gte: addDays(range.from, -56), $lte: range.to } }),
    VisitModel.distinct('salespersonId', { workspaceId, date: { $gte: range.from, $lte: range.to }, status: 'logged' }),
  ]);
  const active = new Set(current);
  return [...new Set([...recent, ...alsoInclude])].filter((userId) => !active.has(userId)).sort();
}
