import { OpportunityModel } from '../../models/opportunity.model';
import { foldText as fold } from '../search/fold';
import { addDays, zonedTime } from '../calendar';
import { getOpportunitySetup } from './opportunity-setup.service';
import type { OpportunitySetup } from './opportunity.types';

export type ClosingFilter = 'this-month' | 'next-month' | 'this-quarter';

export interface PipelineRequest {
  workspaceId: string;
  /** One salesperson's deals; undefined: the team's. */
  salespersonId?: string;
  closing?: ClosingFilter;
  /** A stage's no. or (the start of) its name, in any cycle. */
  stage?: string;
  /** The reader's today, YYYY-MM-DD. */
  today: string;
}

export interface StageLine {
  cycleCode: string;
  stageNo: number | null;
  count: number;
  estimated: number;
  calculated: number;
}

export interface Pipeline {
  setup: OpportunitySetup;
  stages: StageLine[];
  /** Team only: per salesperson. */
  salespeople: { salespersonId: string; count: number; estimated: number; calculated: number }[];
  total: { count: number; estimated: number; calculated: number };
  closingThisMonth: { count: number; estimated: number; calculated: number };
  won: { count: number; value: number };
  lost: { count: number; value: number };
  /** The stage filter matched no stage of any cycle. */
  unknownStage?: boolean;
  /** The currency of the sums (setup's; deals in other currencies are summed as they are). */
  currency: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthRange(year: number, month: number): { from: string; to: string } {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(last)}` };
}

/** The calendar ranges a filter names, from the reader's today. */
export function closingRange(filter: ClosingFilter, today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (filter === 'this-month') return monthRange(year, month);
  if (filter === 'next-month') return monthRange(year, month + 1);
  return quarterRange(today);
}

export function quarterRange(today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const first = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1;
  return { from: monthRange(year, first).from, to: monthRange(year, first + 2).to };
}

/** The (cycle, stage) pairs a `stage:` filter names: a no., or the start of a stage's name. */
export function stagesNamed(setup: OpportunitySetup, text: string): { cycleCode: string; stageNo: number }[] {
  const wanted = fold(text.trim());
  if (wanted === '') return [];
  return setup.cycles.flatMap((cycle) =>
    cycle.stages
      .filter((stage) => String(stage.no) === wanted || fold(stage.description).startsWith(wanted))
      .map((stage) => ({ cycleCode: cycle.code, stageNo: stage.no })),
  );
}

interface CellRow {
  _id: { c: string; s: number | null; p: string };
  n: number;
  e: number;
  v: number;
  mn: number;
  me: number;
  mv: number;
}

/**
 * The open deals grouped by stage (and, for the team, by salesperson), with this month's closings; and the won
 * and lost of this quarter. Three database commands whatever the size: the setup, one aggregation over the open
 * deals (index: workspace, [salesperson,] status, closing date), one over the closed ones (workspace, closed date).
 */
export async function pipeline(request: PipelineRequest): Promise<Pipeline> {
  const { workspaceId, salespersonId, today } = request;
  const setup = await getOpportunitySetup(workspaceId);
  const owner = salespersonId ? { salespersonId } : {};
  const match: Record<string, unknown> = { workspaceId, ...owner, status: { $in: ['not_started', 'in_progress'] } };
  if (request.closing) {
    const range = closingRange(request.closing, today);
    match.closingDate = { $gte: range.from, $lte: range.to };
  }
  let unknownStage = false;
  if (request.stage !== undefined) {
    const pairs = stagesNamed(setup, request.stage);
    if (pairs.length === 0) unknownStage = true;
    match.$or =
      pairs.length > 0 ? pairs.map((p) => ({ cycleCode: p.cycleCode, stageNo: p.stageNo })) : [{ stageNo: -1 }];
  }
  const month = closingRange('this-month', today);
  const quarter = quarterRange(today);
  const sums = { n: { $sum: 1 }, e: { $sum: '$estimatedValue' }, v: { $sum: '$calculatedValue' } };
  const inMonth = { $and: [{ $gte: ['$closingDate', month.from] }, { $lte: ['$closingDate', month.to] }] };
  const [cells, closed] = await Promise.all([
    // One $group over the open deals (by cycle, stage and salesperson, with this month's closings summed by a
    // condition): one pass, where a $facet would walk them once per facet.
    OpportunityModel.aggregate<CellRow>([
      { $match: match },
      {
        $group: {
          _id: { c: '$cycleCode', s: '$stageNo', p: '$salespersonId' },
          ...sums,
          mn: { $sum: { $cond: [inMonth, 1, 0] } },
          me: { $sum: { $cond: [inMonth, '$estimatedValue', 0] } },
          mv: { $sum: { $cond: [inMonth, '$calculatedValue', 0] } },
        },
      },
    ]),
    OpportunityModel.aggregate<{ _id: string; n: number; a: number }>([
      { $match: { workspaceId, closedDate: { $gte: quarter.from, $lte: quarter.to }, ...owner } },
      { $group: { _id: '$status', n: { $sum: 1 }, a: { $sum: { $ifNull: ['$actualValue', 0] } } } },
    ]),
  ]);
  const order = (line: StageLine) => {
    const cycleIndex = setup.cycles.findIndex((c) => c.code === line.cycleCode);
    const stageIndex = setup.cycles[cycleIndex]?.stages.findIndex((s) => s.no === line.stageNo) ?? -1;
    return (cycleIndex < 0 ? 999 : cycleIndex) * 1000 + stageIndex;
  };
  const byStage = new Map<string, StageLine>();
  const byPerson = new Map<string, Pipeline['salespeople'][number]>();
  const m = { count: 0, estimated: 0, calculated: 0 };
  for (const cell of cells) {
    const key = `${cell._id.c}\u0000${cell._id.s ?? ''}`;
    const stage = byStage.get(key) ?? {
      cycleCode: cell._id.c,
      stageNo: cell._id.s ?? null,
      count: 0,
      estimated: 0,
      calculated: 0,
    };
    stage.count += cell.n;
    stage.estimated += cell.e;
    stage.calculated += cell.v;
    byStage.set(key, stage);
    const person = byPerson.get(cell._id.p) ?? { salespersonId: cell._id.p, count: 0, estimated: 0, calculated: 0 };
    person.count += cell.n;
    person.estimated += cell.e;
    person.calculated += cell.v;
    byPerson.set(cell._id.p, person);
    m.count += cell.mn;
    m.estimated += cell.me;
    m.calculated += cell.mv;
  }
  const cents = (value: number) => Math.round(value * 100) / 100;
  const stages = [...byStage.values()]
    .map((s) => ({ ...s, estimated: cents(s.estimated), calculated: cents(s.calculated) }))
    .sort((a, b) => order(a) - order(b));
  const total = stages.reduce(
    (sum, s) => ({
      count: sum.count + s.count,
      estimated: cents(sum.estimated + s.estimated),
      calculated: cents(sum.calculated + s.calculated),
    }),
    { count: 0, estimated: 0, calculated: 0 },
  );
  const outcome = (status: string) => {
    const row = closed.find((r) => r._id === status);
    return { count: row?.n ?? 0, value: row?.a ?? 0 };
  };
  return {
    setup,
    stages,
    salespeople: salespersonId ? [] : [...byPerson.values()].sort((a, b) => b.calculated - a.calculated),
    total,
    closingThisMonth: { count: m.count, estimated: cents(m.estimated), calculated: cents(m.calculated) },
    won: outcome('won'),
    lost: outcome('lost'),
    currency: setup.currency,
    ...(unknownStage ? { unknownStage } : {}),
  };
}

/** How many deals and what they are worth. */
export interface DealSum {
  count: number;
  value: number;
}

/** A week of the pipeline for the digest: deals opened, moved on, won (actual value) and lost (estimated value). */
export interface WeekDeals {
  created: DealSum;
  moved: DealSum;
  won: DealSum;
  lost: DealSum;
  currency: string;
}

/**
 * What happened to the team's deals in a week (`range`, days in `timeZone`): from the entries every change writes
 * (created, stage) and the close dates. A deal moved twice counts once; values are the deals' current ones.
 */
export async function dealsOfWeek(
  workspaceId: string,
  range: { from: string; to: string },
  timeZone: string,
): Promise<WeekDeals> {
  const from = zonedTime(range.from, '00:00', timeZone);
  const until = zonedTime(addDays(range.to, 1), '00:00', timeZone);
  const happened = (action: string) => ({
    workspaceId,
    entries: { $elemMatch: { at: { $gte: from, $lt: until }, action } },
  });
  const sumOf = async (match: Record<string, unknown>, value: unknown): Promise<DealSum> => {
    const [row] = await OpportunityModel.aggregate<{ n: number; v: number }>([
      { $match: match },
      { $group: { _id: null, n: { $sum: 1 }, v: { $sum: value } } },
    ]);
    return { count: row?.n ?? 0, value: Math.round((row?.v ?? 0) * 100) / 100 };
  };
  const closedIn = { workspaceId, closedDate: { $gte: range.from, $lte: range.to } };
  const [setup, created, moved, won, lost] = await Promise.all([
    getOpportunitySetup(workspaceId),
    sumOf(happened('created'), '$estimatedValue'),
    sumOf(happened('stage'), '$estimatedValue'),
    sumOf({ ...closedIn, status: 'won' }, { $ifNull: ['$actualValue', '$estimatedValue'] }),
    sumOf({ ...closedIn, status: 'lost' }, '$estimatedValue'),
  ]);
  return { created, moved, won, lost, currency: setup.currency };
}
