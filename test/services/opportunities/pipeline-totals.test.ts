/**
 * The kept pipeline totals (services/opportunities/pipeline-totals.ts) against the deals themselves: after a mixed
 * run of writes — creates, next stage, moves, updates, won, lost, reopen, a cycle change that re-derives values —
 * and after writes cut off at each of their steps (the user's retry, or no retry and the repair job), the kept
 * totals equal a count made from the deals here, and the pipeline users see says the same.
 */
import mongoose from 'mongoose';
import '../../../src/models';
import { OpportunityModel } from '../../../src/models/opportunity.model';
import { contactInputSchema } from '../../../src/schemas/contact-input';
import { createContact } from '../../../src/services/contacts/contact.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import {
  describeIntegrityProblem,
  findIntegrityProblems,
} from '../../../src/services/integrity/integrity-check.service';
import { repairWorkspace } from '../../../src/services/integrity/integrity-repair.service';
import { saveOpportunitySetup } from '../../../src/services/opportunities/opportunity-setup-save.service';
import { getOpportunitySetup } from '../../../src/services/opportunities/opportunity-setup.service';
import {
  changeOpportunity,
  createOpportunity,
  getOpportunity,
  type OpportunityActor,
  type OpportunityChange,
} from '../../../src/services/opportunities/opportunity.service';
import type { Opportunity } from '../../../src/services/opportunities/opportunity.types';
import { pipeline } from '../../../src/services/opportunities/pipeline.service';
import { ensurePipelineTotals, recountPipelineTotals } from '../../../src/services/opportunities/pipeline-totals';
import { clearCollections, useTestDatabase } from '../../support/database';
import { InjectedFault, WriteFaults, type FaultMode } from '../../support/fault-injection';

useTestDatabase();
const faults = new WriteFaults();
beforeAll(() => faults.install());
afterAll(() => faults.uninstall());

const WS = 'T0001';
const TODAY = '2026-12-07';
const BOSS: OpportunityActor = { userId: 'U0BOSS', isManager: true, isAdmin: false };
let person: Contact;
let key = 0;

/** An empty workspace with one person to sell to. */
async function fresh(): Promise<void> {
  await clearCollections();
  const result = await createContact({
    workspaceId: WS,
    userId: 'U0001',
    input: contactInputSchema.parse({ type: 'person', name: 'Kari Nordmann' }),
    ignoreDuplicates: true,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  person = result.contact;
}
beforeEach(fresh);

async function newDeal(fields: Partial<Parameters<typeof createOpportunity>[0]['input']>, idempotencyKey?: string) {
  const result = await createOpportunity({
    workspaceId: WS,
    userId: 'U0KARI',
    idempotencyKey: idempotencyKey ?? `k${(key += 1)}`,
    input: { contactId: person.id, description: 'Forklifts', estimatedValue: 1_000_000, ...fields },
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.opportunity;
}

async function change(deal: Opportunity, c: OpportunityChange, today = TODAY): Promise<Opportunity> {
  const result = await changeOpportunity({
    workspaceId: WS,
    actor: BOSS,
    opportunityId: deal.id,
    expectedVersion: deal.version,
    change: c,
    today,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.opportunity;
}

type Sums = Record<string, number>;
type Table = Record<string, Record<string, Sums>>;

/** The totals as the deals say, counted here from every deal of the workspace (cents, by salesperson and cell). */
async function countedFromDeals(): Promise<Table> {
  const deals = await OpportunityModel.find({ workspaceId: WS }).lean();
  const table: Table = {};
  const add = (salesperson: string, cell: string, sums: Sums) => {
    const row = (table[salesperson] ??= {});
    const to = (row[cell] ??= {});
    for (const [k, v] of Object.entries(sums)) to[k] = (to[k] ?? 0) + v;
  };
  const c = (value: number | null | undefined) => Math.round((value ?? 0) * 100);
  for (const deal of deals) {
    if (deal.status === 'not_started' || deal.status === 'in_progress')
      add(deal.salespersonId, `open ${deal.cycleCode} ${deal.stageNo ?? '-'} ${deal.closingDate?.slice(0, 7) ?? '-'}`, {
        n: 1,
        e: c(deal.estimatedValue),
        v: c(deal.calculatedValue),
      });
    else if (deal.closedDate)
      add(deal.salespersonId, `closed ${deal.status} ${deal.closedDate.slice(0, 7)}`, {
        n: 1,
        a: c(deal.actualValue),
      });
  }
  return table;
}

/** The kept totals in the same shape, cells that went back to nothing left out. */
async function kept(): Promise<Table> {
  const docs = await mongoose.connection.db!.collection('pipeline_totals').find({ workspaceId: WS }).toArray();
  const table: Table = {};
  for (const doc of docs) {
    const row: Record<string, Sums> = {};
    for (const [kind, cells] of [
      ['open', doc.open],
      ['closed', doc.closed],
    ] as const)
      for (const [cell, sums] of Object.entries((cells ?? {}) as Record<string, Sums>)) {
        if (Object.values(sums).every((v) => v === 0)) continue;
        row[`${kind} ${decodeURIComponent(cell).split('|').join(' ')}`] = sums;
      }
    if (Object.keys(row).length > 0) table[doc.salespersonId as string] = row;
  }
  return table;
}

async function expectTotalsRight(): Promise<void> {
  const expected = await countedFromDeals();
  expect(await kept()).toEqual(expected);
  const marks = await OpportunityModel.countDocuments({ workspaceId: WS, 'totalsMarks.at': { $lte: new Date() } });
  expect(marks).toBe(0);
}

describe('kept pipeline totals', () => {
  it('equal a count from the deals after a mixed run of writes, and the pipeline shows them', async () => {
    const a = await newDeal({ estimatedValue: 1_250_000.5, closingDate: '2026-12-20' });
    const b = await newDeal({ estimatedValue: 300_000, salespersonId: 'U0OLA', closingDate: '2027-01-10' });
    const c = await newDeal({ estimatedValue: 80_000, stageNo: null });
    const d = await newDeal({ estimatedValue: 45_000, salespersonId: 'U0OLA', closingDate: '2026-11-02' });
    const e = await newDeal({ estimatedValue: 12_345.67, salespersonId: 'U0PER' });
    let a2 = await change(a, { kind: 'next' });
    a2 = await change(a2, { kind: 'update', values: { estimatedValue: 1_400_000, chancesPct: 35 } });
    a2 = await change(a2, { kind: 'stage', stageNo: 1 });
    const b2 = await change(b, { kind: 'update', values: { closingDate: null, description: 'More forklifts' } });
    await change(b2, { kind: 'stage', stageNo: 3 });
    await change(c, { kind: 'next' });
    const d2 = await change(d, { kind: 'close', outcome: 'won', closeCode: 'PRICE', actualValue: 50_000 });
    await change(d2, { kind: 'reopen' });
    await change(await change(e, { kind: 'close', outcome: 'lost', closeCode: 'PRICE' }), { kind: 'reopen' }).then(
      (reopened) => change(reopened, { kind: 'close', outcome: 'won', closeCode: 'PRICE' }, '2026-10-30'),
    );
    await change(a2, { kind: 'close', outcome: 'lost', closeCode: 'COMPETITOR', actualValue: 10 });
    // A cycle change re-derives the open deals' calculated values: the totals are recounted with it.
    const setup = await getOpportunitySetup(WS);
    const cycles = setup.cycles.map((cycle, i) =>
      i === 0
        ? { ...cycle, stages: cycle.stages.map((s) => ({ ...s, completedPct: Math.min(100, s.completedPct + 7) })) }
        : cycle,
    );
    const saved = await saveOpportunitySetup({
      workspaceId: WS,
      userId: 'U0ADMIN',
      section: 'salesCycles',
      version: setup.version,
      patch: { cycles },
    });
    expect(saved.status).toBe('saved');
    await expectTotalsRight();

    // What users see: the team's pipeline from the totals matches the deals.
    const team = await pipeline({ workspaceId: WS, today: TODAY });
    const open = await OpportunityModel.find({
      workspaceId: WS,
      status: { $in: ['not_started', 'in_progress'] },
    }).lean();
    expect(team.total.count).toBe(open.length);
    expect(team.total.estimated).toBeCloseTo(
      open.reduce((sum, deal) => sum + deal.estimatedValue, 0),
      2,
    );
    expect(team.total.calculated).toBeCloseTo(
      open.reduce((sum, deal) => sum + deal.calculatedValue, 0),
      2,
    );
    expect(team.salespeople.map((p) => p.salespersonId).sort()).toEqual(['U0KARI', 'U0OLA']);
    expect(team.won).toEqual({ count: 1, value: 12_345.67 });
    expect(team.lost).toEqual({ count: 1, value: 10 });
    expect((await pipeline({ workspaceId: WS, today: TODAY, closing: 'this-month' })).total.count).toBe(0);
    expect((await pipeline({ workspaceId: WS, today: TODAY, closing: 'this-quarter' })).total.count).toBe(1);
    const ola = await pipeline({ workspaceId: WS, today: TODAY, salespersonId: 'U0OLA' });
    expect(ola.total.count).toBe(2);
    expect(ola.salespeople).toEqual([]);

    // And a recount from scratch leaves them as they were.
    const before = await kept();
    await mongoose.connection.db!.collection('pipeline_totals').deleteMany({ workspaceId: WS });
    await recountPipelineTotals(WS);
    expect(await kept()).toEqual(before);
  });
});

describe('a sales cycle change racing a stage move', () => {
  it('the move, read before the change and written after it, is refused as changed: the totals stay right', async () => {
    const deal = await newDeal({ estimatedValue: 1_000_000, closingDate: '2026-12-20' });
    const setup = await getOpportunitySetup(WS);
    const steeper = setup.cycles.map((cycle) => ({
      ...cycle,
      stages: cycle.stages.map((s) => ({ ...s, completedPct: Math.min(100, s.completedPct + 7) })),
    }));
    // The admin's save lands between the move's read of the deal and its write.
    faults.beforeWrite(1, { model: 'Opportunity', method: 'findOneAndUpdate' }, async () => {
      const saved = await saveOpportunitySetup({
        workspaceId: WS,
        userId: 'U0ADMIN',
        section: 'salesCycles',
        version: setup.version,
        patch: { cycles: steeper },
      });
      expect(saved.status).toBe('saved');
    });
    const moved = await changeOpportunity({
      workspaceId: WS,
      actor: BOSS,
      opportunityId: deal.id,
      expectedVersion: deal.version,
      change: { kind: 'stage', stageNo: 3 },
      today: TODAY,
    });
    faults.count();
    if (moved.status !== 'changed') throw new Error(`expected 'changed', got ${JSON.stringify(moved)}`);
    // The user is told who changed it: the admin, whose recalculation is in the deal's history.
    expect(moved.by).toBe('U0ADMIN');
    expect(moved.opportunity.entries[0]).toMatchObject({
      by: 'U0ADMIN',
      action: 'recalculated',
      fromStage: deal.stageNo,
      toStage: deal.stageNo,
      probabilityPct: moved.opportunity.probabilityPct,
    });
    // The deal has what the new stages give it, and the totals count that, as a recount would.
    expect(moved.opportunity.probabilityPct).toBeGreaterThan(deal.probabilityPct);
    await expectTotalsRight();
    // Moved again from the card it was shown instead, it goes through.
    await change(moved.opportunity, { kind: 'stage', stageNo: 3 });
    await expectTotalsRight();
  });
});

describe('the first start with kept totals', () => {
  it('counts the deals stored before totals were kept, once', async () => {
    await newDeal({ estimatedValue: 700_000, closingDate: '2026-12-31' });
    // Deals written before the upgrade: stored, never added to any totals.
    const older = await OpportunityModel.find({ workspaceId: WS }).lean();
    await OpportunityModel.collection.insertMany(
      older.map(({ _id: _ignored, ...deal }, i) => ({
        ...deal,
        no: `OLD${i}`,
        idempotencyKey: `old-${i}`,
        salespersonId: 'U0OLD',
        status: 'won',
        closedDate: '2026-10-01',
        actualValue: 99.99,
      })),
    );
    await mongoose.connection.db!.collection('pipeline_totals').deleteMany({ workspaceId: WS });
    expect(await ensurePipelineTotals(WS)).toBe(true);
    await expectTotalsRight();
    expect((await pipeline({ workspaceId: WS, today: TODAY })).won).toEqual({ count: 1, value: 99.99 });
    expect(await ensurePipelineTotals(WS)).toBe(false);
  });
});

/** A write cut off at its `n`th database write (`mode`); the error reaches the caller as the user's failure. */
async function cutOff(n: number, mode: FaultMode, run: () => Promise<unknown>): Promise<boolean> {
  faults.failWrite(n, mode);
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  const fired = faults.fired;
  faults.count();
  if (fired) expect(error).toBeInstanceOf(InjectedFault);
  return fired;
}

const problems = async () => (await findIntegrityProblems(WS)).map(describeIntegrityProblem);

interface WriteCase {
  name: string;
  seed(): Promise<Opportunity | undefined>;
  run(seed: Opportunity | undefined): Promise<unknown>;
}

const writeCases: WriteCase[] = [
  {
    name: 'a new opportunity',
    seed: async () => undefined,
    run: () => newDeal({ estimatedValue: 500_000, closingDate: '2026-12-24' }, 'view:new-1'),
  },
  {
    name: 'a stage change',
    seed: () => newDeal({ estimatedValue: 500_000 }),
    // The user's retry is their same click, from the version their card showed.
    run: (deal) =>
      changeOpportunity({
        workspaceId: WS,
        actor: BOSS,
        opportunityId: deal!.id,
        expectedVersion: deal!.version,
        change: { kind: 'next' },
        today: TODAY,
      }),
  },
  {
    name: 'closing as won',
    seed: () => newDeal({ estimatedValue: 500_000 }),
    run: (deal) =>
      changeOpportunity({
        workspaceId: WS,
        actor: BOSS,
        opportunityId: deal!.id,
        expectedVersion: deal!.version,
        change: { kind: 'close', outcome: 'won', closeCode: 'RELATION', actualValue: 450_000 },
        today: TODAY,
      }),
  },
];

describe.each(writeCases.map((c) => [c.name, c] as const))('%s cut off at each write', (_name, writeCase) => {
  for (const mode of ['before', 'after'] as const) {
    it(`(${mode} it reaches the database): the user's retry leaves the totals right`, async () => {
      for (let n = 1; ; n++) {
        await fresh();
        const seed = await writeCase.seed();
        if (!(await cutOff(n, mode, () => writeCase.run(seed)))) {
          // Every case has more writes than the deal's own (the totals' and the mark's clearing).
          expect(n).toBeGreaterThan(3);
          break;
        }
        await writeCase.run(seed);
        await expectTotalsRight();
        expect({ n, problems: await problems() }).toEqual({ n, problems: [] });
      }
    });

    it(`(${mode} it reaches the database), with no retry: the repair job puts the totals right`, async () => {
      for (let n = 1; ; n++) {
        await fresh();
        const seed = await writeCase.seed();
        if (!(await cutOff(n, mode, () => writeCase.run(seed)))) {
          expect(n).toBeGreaterThan(3);
          break;
        }
        const report = await repairWorkspace(WS);
        expect(report.failures).toEqual([]);
        await expectTotalsRight();
        expect({ n, problems: await problems() }).toEqual({ n, problems: [] });
      }
    });
  }

  it('a write finished twice (its own finish and a retry racing it) is counted once', async () => {
    const seed = await writeCase.seed();
    await writeCase.run(seed);
    // Put back a mark as if the write had stopped after adding its move: finishing it again adds nothing.
    const [deal] = await OpportunityModel.find({ workspaceId: WS }).sort({ _id: -1 }).limit(1).lean();
    const now = await getOpportunity(WS, String(deal!._id), 1);
    const totals = await kept();
    const applied = await mongoose.connection
      .db!.collection('pipeline_totals')
      .findOne({ workspaceId: WS, salespersonId: now!.salespersonId });
    const lastKey = (applied!.applied as string[]).at(-1)!;
    await OpportunityModel.updateOne(
      { workspaceId: WS, _id: deal!._id },
      {
        $push: {
          totalsMarks: { key: lastKey, at: new Date(0), moves: [{ s: now!.salespersonId, p: 'open.x|1|-.n', d: 5 }] },
        },
      },
    );
    expect(await problems()).toHaveLength(1);
    await repairWorkspace(WS);
    expect(await kept()).toEqual(totals);
    expect(await problems()).toEqual([]);
  });
});
