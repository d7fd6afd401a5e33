import { OpportunityModel } from '../../models/opportunity.model';
import { foldText as fold } from '../search/fold';
import { addDays, zonedTime } from '../calendar';
import { getOpportunitySetup } from './opportunity-setup.service';
import type { OpportunitySetup } from './opportunity.types';
import { parseOpenCell, readPipelineTotals } from './pipeline-totals';

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

/** The months (YYYY-MM) from `from` to `to` (days), both included. */
function monthsOf(range: { from: string; to: string }): (month: string | null) => boolean {
  const from = range.from.slice(0, 7);
  const to = range.to.slice(0, 7);
  return (month) => month !== null && month >= from && month <= to;
}

/**
 * The open deals grouped by stage (and, for the team, by salesperson), with this month's closings; and the won
 * and lost of this quarter. Read from the kept totals (pipeline-totals.ts), never from the deals: two database
 * commands whatever the size — the setup, and one indexed read of one small document per salesperson.
 */
export async function pipeline(request: PipelineRequest): Promise<Pipeline> {
  const { workspaceId, salespersonId, today } = request;
  const [setup, kept] = await Promise.all([
    getOpportunitySetup(workspaceId),
    readPipelineTotals(workspaceId, salespersonId),
  ]);
  const inClosing = request.closing ? monthsOf(closingRange(request.closing, today)) : () => true;
  let unknownStage = false;
  let inStage: (cycleCode: string, stageNo: number | null) => boolean = () => true;
  if (request.stage !== undefined) {
    const pairs = stagesNamed(setup, request.stage);
    if (pairs.length === 0) unknownStage = true;
    inStage = (cycleCode, stageNo) => pairs.some((p) => p.cycleCode === cycleCode && p.stageNo === stageNo);
  }
  const thisMonth = today.slice(0, 7);
  const inQuarter = monthsOf(quarterRange(today));
  const order = (line: StageLine) => {
    const cycleIndex = setup.cycles.findIndex((c) => c.code === line.cycleCode);
    const stageIndex = setup.cycles[cycleIndex]?.stages.findIndex((s) => s.no === line.stageNo) ?? -1;
    return (cycleIndex < 0 ? 999 : cycleIndex) * 1000 + stageIndex;
  };
  // Sums in whole cents, as kept: exact, turned into amounts at the end.
  const byStage = new Map<string, StageLine>();
  const byPerson = new Map<string, Pipeline['salespeople'][number]>();
  const m = { count: 0, estimated: 0, calculated: 0 };
  const outcomes = { won: { count: 0, value: 0 }, lost: { count: 0, value: 0 } };
  for (const totals of kept) {
    for (const [cell, sums] of Object.entries(totals.open)) {
      if (!sums || !(sums.n > 0)) continue;
      const { cycleCode, stageNo, month } = parseOpenCell(cell);
      if (!inClosing(month) || !inStage(cycleCode, stageNo)) continue;
      const key = `${cycleCode}\u0000${stageNo ?? ''}`;
      const stage = byStage.get(key) ?? { cycleCode, stageNo, count: 0, estimated: 0, calculated: 0 };
      stage.count += sums.n;
      stage.estimated += sums.e;
      stage.calculated += sums.v;
      byStage.set(key, stage);
      const person = byPerson.get(totals.salespersonId) ?? {
        salespersonId: totals.salespersonId,
        count: 0,
        estimated: 0,
        calculated: 0,
      };
      person.count += sums.n;
      person.estimated += sums.e;
      person.calculated += sums.v;
      byPerson.set(totals.salespersonId, person);
      if (month === thisMonth) {
        m.count += sums.n;
        m.estimated += sums.e;
        m.calculated += sums.v;
      }
    }
    for (const [cell, sums] of Object.entries(totals.closed)) {
      const [status, month = null] = cell.split('|');
      if (!sums || !(sums.n > 0) || (status !== 'won' && status !== 'lost') || !inQuarter(month)) continue;
      outcomes[status].count += sums.n;
      outcomes[status].value += sums.a;
    }
  }
  const amount = (value: number) => value / 100;
  const stages = [...byStage.values()]
    .map((s) => ({ ...s, estimated: amount(s.estimated), calculated: amount(s.calculated) }))
    .sort((a, b) => order(a) - order(b));
  const total = [...byStage.values()].reduce(
    (sum, s) => ({
      count: sum.count + s.count,
      estimated: sum.estimated + s.estimated,
      calculated: sum.calculated + s.calculated,
    }),
    { count: 0, estimated: 0, calculated: 0 },
  );
  return {
    setup,
    stages,
    salespeople: salespersonId
      ? []
      : [...byPerson.values()]
          .sort((a, b) => b.calculated - a.calculated || a.salespersonId.localeCompare(b.salespersonId))
          .map((p) => ({ ...p, estimated: amount(p.estimated), calculated: amount(p.calculated) })),
    total: { count: total.count, estimated: amount(total.estimated), calculated: amount(total.calculated) },
    closingThisMonth: { count: m.count, estimated: amount(m.estimated), calculated: amount(m.calculated) },
    won: { count: outcomes.won.count, value: amount(outcomes.won.value) },
    lost: { count: outcomes.lost.count, value: amount(outcomes.lost.value) },
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
