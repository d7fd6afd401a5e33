import { OpportunityModel } from '../../models/opportunity.model';
import { foldText as fold } from '../search/fold';
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

interface SumRow {
  _id: { c: string; s: number | null } | string | null;
  n: number;
  e: number;
  v: number;
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
  const [openFacets, closed] = await Promise.all([
    OpportunityModel.aggregate<{ stages: SumRow[]; people: SumRow[]; month: SumRow[] }>([
      { $match: match },
      {
        $facet: {
          stages: [{ $group: { _id: { c: '$cycleCode', s: '$stageNo' }, ...sums } }],
          people: [{ $group: { _id: salespersonId ? null : '$salespersonId', ...sums } }],
          month: [
            { $match: { closingDate: { $gte: month.from, $lte: month.to } } },
            { $group: { _id: null, ...sums } },
          ],
        },
      },
    ]),
    OpportunityModel.aggregate<{ _id: string; n: number; a: number }>([
      { $match: { workspaceId, closedDate: { $gte: quarter.from, $lte: quarter.to }, ...owner } },
      { $group: { _id: '$status', n: { $sum: 1 }, a: { $sum: { $ifNull: ['$actualValue', 0] } } } },
    ]),
  ]);
  const facets = openFacets[0] ?? { stages: [], people: [], month: [] };
  const order = (line: StageLine) => {
    const cycleIndex = setup.cycles.findIndex((c) => c.code === line.cycleCode);
    const stageIndex = setup.cycles[cycleIndex]?.stages.findIndex((s) => s.no === line.stageNo) ?? -1;
    return (cycleIndex < 0 ? 999 : cycleIndex) * 1000 + stageIndex;
  };
  const stages = facets.stages
    .map((row) => {
      const id = row._id as { c: string; s: number | null };
      return { cycleCode: id.c, stageNo: id.s ?? null, count: row.n, estimated: row.e, calculated: row.v };
    })
    .sort((a, b) => order(a) - order(b));
  const total = stages.reduce(
    (sum, s) => ({
      count: sum.count + s.count,
      estimated: sum.estimated + s.estimated,
      calculated: sum.calculated + s.calculated,
    }),
    { count: 0, estimated: 0, calculated: 0 },
  );
  const m = facets.month[0];
  const outcome = (status: string) => {
    const row = closed.find((r) => r._id === status);
    return { count: row?.n ?? 0, value: row?.a ?? 0 };
  };
  return {
    setup,
    stages,
    salespeople: (salespersonId ? [] : facets.people)
      .map((row) => ({ salespersonId: String(row._id), count: row.n, estimated: row.e, calculated: row.v }))
      .sort((a, b) => b.calculated - a.calculated),
    total,
    closingThisMonth: { count: m?.n ?? 0, estimated: m?.e ?? 0, calculated: m?.v ?? 0 },
    won: outcome('won'),
    lost: outcome('lost'),
    currency: setup.currency,
    ...(unknownStage ? { unknownStage } : {}),
  };
}
