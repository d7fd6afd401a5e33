import { Types } from 'mongoose';
import { ContactModel } from '../../models/contact.model';
import { VisitModel, type VisitDocument } from '../../models/visit.model';
import { live } from '../contacts/live';
import { addDays } from '../calendar';
import { toVisit } from './visit-record';
import { evaluations, type DateRange, type Evaluation, type Visit, type VisitTotals } from './visit.types';
import { translator, type Translator } from '../../i18n';

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
  const bySalesperson = new Map<string, { count: number; failedAttempts: number }>();
  const byEvaluation = Object.fromEntries(evaluations.map((e) => [e, 0])) as Record<Evaluation, number>;
  let visits = 0;
  let failedAttempts = 0;
  for (const row of rows) {
    visits += row.count;
    if (row._id.failed) failedAttempts += row.count;
    const type = byType.get(row._id.code) ?? { code: row._id.code, description: row._id.description, count: 0 };
    type.count += row.count;
    byType.set(row._id.code, type);
    const person = bySalesperson.get(row._id.userId) ?? { count: 0, failedAttempts: 0 };
    person.count += row.count;
    if (row._id.failed) person.failedAttempts += row.count;
    bySalesperson.set(row._id.userId, person);
    if (row._id.evaluation in byEvaluation) byEvaluation[row._id.evaluation] += row.count;
  }
  return {
    visits,
    failedAttempts,
    byType: [...byType.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    bySalesperson: [...bySalesperson]
      .map(([userId, person]) => ({ userId, ...person }))
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

/**
 * Contacts visited in `range` that had never been visited before it, in the reader's alphabetical order (`tr`: the
 * digest's language; in Norwegian Æ, Ø, Å come after Z). English order when left out.
 */
export async function firstTimeContacts(
  workspaceId: string,
  range: DateRange,
  tr: Pick<Translator, 'compare'> = translator('en'),
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
  // A deleted contact is not a new customer worth a line (its visits stay in the totals).
  const existing = await ContactModel.find(
    { workspaceId, _id: { $in: inRange.map((c) => c._id) }, ...live },
    { _id: 1 },
  )
    .lean<{ _id: Types.ObjectId }[]>()
    .then((docs) => new Set(docs.map((doc) => String(doc._id))));
  return inRange
    .filter((contact) => !seen.has(String(contact._id)) && existing.has(String(contact._id)))
    .map(({ name, no }) => ({ name, no }))
    .sort((a, b) => tr.compare(a.name, b.name));
}

/**
 * The team's numbers for a range and who of the team logged nothing in it (salespeople active in the eight weeks
 * before it who have no logged visit in it): the week's visits are scanned once, for both (App Home, digest).
 */
export async function teamWeek(
  workspaceId: string,
  range: DateRange,
): Promise<{ totals: VisitTotals; salespeopleWithoutVisits: string[] }> {
  const [totals, recent] = await Promise.all([
    totalsInRange(workspaceId, range),
    VisitModel.distinct('salespersonId', { workspaceId, date: { $gte: addDays(range.from, -56), $lte: range.to } }),
  ]);
  // totals count logged visits only, per salesperson: those with a row were active in the range.
  const active = new Set(totals.bySalesperson.filter((row) => row.count > 0).map((row) => row.userId));
  return {
    totals,
    salespeopleWithoutVisits: [...new Set<string>(recent)].filter((userId) => !active.has(userId)).sort(),
  };
}

const BEST: Evaluation[] = ['very_positive', 'positive'];
const WORST: Evaluation[] = ['very_negative', 'negative'];
/** How many candidates a highlight looks at; the week's newest of them are ranked. */
const HIGHLIGHT_SCAN = 100;

/**
 * The digest's highlights: the best and the worst evaluated visits of a period (very positive before positive,
 * very negative before negative, then newest), at most `limit` each; cancelled ones left out.
 */
export async function highlightVisits(
  workspaceId: string,
  range: DateRange,
  limit = 3,
): Promise<{ best: Visit[]; worst: Visit[] }> {
  const pick = async (ranked: Evaluation[]) => {
    const docs = await VisitModel.find({
      workspaceId,
      date: { $gte: range.from, $lte: range.to },
      status: 'logged',
      evaluation: { $in: ranked },
    })
      .sort({ date: -1 })
      .limit(HIGHLIGHT_SCAN)
      .lean<VisitDocument[]>();
    return docs
      .map(toVisit)
      .sort((a, b) => ranked.indexOf(a.evaluation) - ranked.indexOf(b.evaluation))
      .slice(0, limit);
  };
  const [best, worst] = await Promise.all([pick(BEST), pick(WORST)]);
  return { best, worst };
}
