/**
 * Sales opportunities benchmark (issue 16): 20,000 opportunities with 100,000 entries over 30 salespeople in one
 * workspace, on the test database (notablescan on, so every query must be index-backed or it fails).
 *
 * Measured at the service level, in this process, without Slack or HTTP in between (the suite bench measures the
 * HTTP frame for every request kind): team pipeline (`/contact pipeline team`), the opportunity card's reads, a
 * stage change (Next stage: the version-checked write with its entry), and a manager's Home pipeline section;
 * plus the database commands one pipeline request sends (command monitoring).
 *
 *   npm run bench -- opportunities [--quick] [--samples N]
 */
import { parseArgs } from 'node:util';
import mongoose, { Types } from 'mongoose';
import { translator } from '../src/i18n';
import '../src/models';
import { ensureIndexes } from '../src/db/connection';
import { OpportunityModel } from '../src/models/opportunity.model';
import { getOpportunitySetup } from '../src/services/opportunities/opportunity-setup.service';
import {
  changeOpportunity,
  derived,
  getOpportunity,
  opportunityVisits,
} from '../src/services/opportunities/opportunity.service';
import { pipeline } from '../src/services/opportunities/pipeline.service';
import { recountPipelineTotals } from '../src/services/opportunities/pipeline-totals';
import { homePipeline } from '../src/listeners/shared/home-pipeline';
import { startDatabase } from './lib/database';
import { round, summarize, table } from './lib/stats';

const WORKSPACE = 'T0001';
const TARGETS = { teamPipelineP95: 200, cardP95: 100, stageChangeP95: 100, managerHomeP95: 300, commands: 3 };

async function time<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  samples.push(performance.now() - start);
  return result;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, samples: { type: 'string', default: '60' } },
  });
  const count = values.quick ? 2_000 : 20_000;
  const entriesEach = 5;
  const samples = Number(values.samples);
  const database = await startDatabase();
  await mongoose.connect(database.uri, { monitorCommands: true, autoIndex: false, serverSelectionTimeoutMS: 30_000 });
  await ensureIndexes({ info: () => undefined });
  const setup = await getOpportunitySetup(WORKSPACE);
  const cycle = setup.cycles[0]!;
  const today = new Date().toISOString().slice(0, 10);
  const seedStart = performance.now();
  const ids: string[] = [];
  for (let batch = 0; batch < count; batch += 1_000) {
    const docs = [];
    for (let i = batch; i < Math.min(count, batch + 1_000); i += 1) {
      const stage = cycle.stages[i % cycle.stages.length]!;
      const value = 10_000 + ((i * 7919) % 2_000_000);
      const closed = i % 10 === 0 ? (i % 20 === 0 ? 'won' : 'lost') : undefined;
      const at = new Date(Date.now() - (i % 90) * 86_400_000);
      const entries = Array.from({ length: entriesEach }, (_, e) => ({
        at: new Date(at.getTime() + e * 60_000),
        by: `U${String(i % 30).padStart(4, '0')}`,
        action: e === 0 ? 'created' : 'stage',
        fromStage: null,
        toStage: stage.no,
        estimatedValue: value,
        chancesPct: stage.chancesPct,
        ...derived(cycle, stage.no, stage.chancesPct, value),
      }));
      const id = new Types.ObjectId();
      ids.push(String(id));
      docs.push({
        _id: id,
        workspaceId: WORKSPACE,
        no: `SM${String(i + 1).padStart(6, '0')}`,
        description: `Deal ${i}`,
        contactId: new Types.ObjectId(),
        contactNo: `CT${String(i).padStart(6, '0')}`,
        contactName: `Contact ${i}`,
        subjects: [],
        salespersonId: `U${String(i % 30).padStart(4, '0')}`,
        cycleCode: cycle.code,
        stageNo: stage.no,
        status: closed ?? 'in_progress',
        estimatedValue: value,
        currency: 'NOK',
        chancesPct: stage.chancesPct,
        ...derived(cycle, stage.no, stage.chancesPct, value),
        closingDate: new Date(Date.now() + (i % 120) * 86_400_000).toISOString().slice(0, 10),
        closedDate: closed ? today : null,
        createdBy: 'U0000',
        idempotencyKey: `seed-${i}`,
        entries,
        version: 0,
      });
    }
    await OpportunityModel.collection.insertMany(docs);
  }
  process.stderr.write(
    `[bench] seeded ${count} opportunities, ${count * entriesEach} entries in ${round((performance.now() - seedStart) / 1000)} s\n`,
  );
  // Seeded past the services: the kept pipeline totals are counted once, as the start does for older data.
  const recountStart = performance.now();
  await recountPipelineTotals(WORKSPACE);
  process.stderr.write(
    `[bench] counted the pipeline totals in ${round((performance.now() - recountStart) / 1000)} s\n`,
  );

  let commands = 0;
  const client = mongoose.connection.getClient();
  client.on('commandStarted', () => (commands += 1));
  commands = 0;
  await pipeline({ workspaceId: WORKSPACE, today });
  const pipelineCommands = commands;

  const team: number[] = [];
  const card: number[] = [];
  const change: number[] = [];
  const home: number[] = [];
  const tr = translator('en');
  for (let s = 0; s < samples; s += 1) {
    const id = ids[(s * 331) % ids.length]!;
    await time(team, () => pipeline({ workspaceId: WORKSPACE, today }));
    await time(card, () =>
      Promise.all([getOpportunity(WORKSPACE, id), getOpportunitySetup(WORKSPACE), opportunityVisits(WORKSPACE, id)]),
    );
    const current = await getOpportunity(WORKSPACE, id, 1);
    await time(change, () =>
      changeOpportunity({
        workspaceId: WORKSPACE,
        actor: { userId: current!.salespersonId, isAdmin: false, isManager: false },
        opportunityId: id,
        expectedVersion: current!.version,
        change: { kind: 'stage', stageNo: current!.stageNo === 1 ? 2 : 1 },
        today,
      }),
    );
    await time(home, () => homePipeline(WORKSPACE, 'U0001', true, today, tr));
  }
  const rows: [string, ReturnType<typeof summarize>, number][] = [
    ['team pipeline', summarize(team), TARGETS.teamPipelineP95],
    ['opportunity card (reads)', summarize(card), TARGETS.cardP95],
    ['stage change', summarize(change), TARGETS.stageChangeP95],
    ['manager Home pipeline', summarize(home), TARGETS.managerHomeP95],
  ];
  process.stdout.write(
    `Opportunities bench: ${count} opportunities, ${count * entriesEach} entries, 30 salespeople, ${database.label}, ${samples} samples each\n\n`,
  );
  process.stdout.write(
    `${table(
      ['what', 'p50 ms', 'p95 ms', 'max ms', 'target p95', 'verdict'],
      rows.map(([name, s, target]) => [name, s.p50, s.p95, s.max, target, s.p95 <= target ? 'ok' : 'FAIL']),
    )}\n`,
  );
  process.stdout.write(
    `\nDB commands per pipeline request: ${pipelineCommands} (target ≤ ${TARGETS.commands}) ${pipelineCommands <= TARGETS.commands ? 'ok' : 'FAIL'}\n`,
  );
  await mongoose.disconnect();
  await database.stop();
}
