/**
 * Tasks benchmark: the tasks issue's targets, measured end to end.
 *
 *   "With 50,000 tasks over 30 salespeople: App Home for a salesperson with 200 open tasks ≤ 300 ms p95;
 *    `/contact tasks team` ≤ 200 ms p95; Done/Snooze ack ≤ 100 ms p95; every query index-backed."
 *
 * MongoDB as the tests start it (notablescan on, so a query no index serves fails instead of scanning; MONGODB_TEST_URI
 * wins); one workspace seeded through the Task model: U0001 has exactly 200 open tasks (overdue, today and later),
 * the other 29 salespeople share the rest (open, done, cancelled). Kontakt runs in this process with startKontakt()
 * against the fake Slack; signed requests are sent one at a time:
 *
 * - Home: app_home_opened for U0001 → until the fake Slack receives views.publish;
 * - team: `/contact tasks team` by a manager → until the response_url POST;
 * - Done / Snooze (tomorrow), alternately, on U0001's open tasks → the HTTP ack's round trip.
 *
 * A measurement, not a test: a missed target prints FAIL and the run still exits 0.
 *
 *   npm run bench -- tasks [--quick] [--tasks N] [--samples N]
 */
import { parseArgs } from 'node:util';
import { Types } from 'mongoose';
import { secretsOf } from '../src/config/env';
import { benchAppConfig } from './lib/app-config';
import { disconnectDatabase, ensureIndexes } from '../src/db/connection';
import { ids } from '../src/ids';
import { createLogger } from '../src/logging/logger';
import { TaskModel } from '../src/models';
import { startKontakt } from '../src/server';
import { addDays, todayIn } from '../src/services/calendar';
import { saveSetupSection } from '../src/services/setup/setup.service';
import { defaultUser } from '../test/harness/fake-slack-answers';
import { FakeSlackApi } from '../test/harness/fake-slack-api';
import { appHomeOpened, blockActions, buttonAction, eventCallback, slashCommand } from '../test/harness/payloads';
import { SlackRequestSender } from '../test/harness/slack-request';
import { TEST_SIGNING_SECRET } from '../test/support/test-app';
import { connectForSeeding, describeServer, startDatabase } from './lib/database';
import { Random } from './lib/random';
import { summarize, table } from './lib/stats';

const TARGETS = { homeP95Ms: 300, teamP95Ms: 200, ackP95Ms: 100 } as const;
const WORKSPACE = 'T0001';
const SALESPERSON = 'U0001';
const MANAGER = 'U0900';
const TEAM = Array.from({ length: 30 }, (_, i) => `U${String(i + 1).padStart(4, '0')}`);
const MY_OPEN = 200;
const RESULT_TIMEOUT_MS = 15_000;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** 50,000 tasks (or --tasks): U0001's 200 open ones, then the team's mix of open, done and cancelled. */
async function seedTasks(total: number, today: string): Promise<void> {
  const random = new Random(17);
  const contacts = Array.from({ length: 500 }, (_, i) => ({
    id: new Types.ObjectId(),
    no: `CT${String(i + 1).padStart(6, '0')}`,
    name: `Kunde ${i + 1} AS`,
  }));
  let made = 0;
  const batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await TaskModel.insertMany(batch, { ordered: false, lean: true });
    batch.length = 0;
  };
  while (made < total) {
    const mine = made < MY_OPEN;
    const assigneeId = mine ? SALESPERSON : (TEAM[1 + random.int(0, TEAM.length - 1 - 1)] as string);
    const roll = random.int(0, 100 - 1);
    const status = mine || roll < 55 ? 'open' : roll < 95 ? 'done' : 'cancelled';
    const contact = contacts[random.int(0, contacts.length - 1)]!;
    const dueDate = addDays(today, mine ? -20 + random.int(0, 60 - 1) : -60 + random.int(0, 120 - 1));
    batch.push({
      workspaceId: WORKSPACE,
      title: `Task ${made + 1}: follow up the offer`,
      contactId: contact.id,
      contactNo: contact.no,
      contactName: contact.name,
      assigneeId,
      createdBy: assigneeId,
      dueDate,
      timeZone: defaultUser(assigneeId).tz,
      priority: random.int(0, 10 - 1) === 0 ? 'high' : 'normal',
      status,
      ...(status === 'done'
        ? { doneAt: new Date(Date.now() - random.int(0, 14 - 1) * 86_400_000), doneBy: assigneeId }
        : {}),
      idempotencyKey: `bench:${made}`,
    });
    made += 1;
    if (batch.length >= 2_000) await flush();
  }
  await flush();
}

/** Time to result; a result that never came (or an error told instead) counts as the timeout, and is logged. */
async function timed(send: () => Promise<unknown>, until: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  try {
    await send();
    await until();
  } catch (error) {
    log(`no result: ${(error as Error).message.split('\n')[0]}`);
    return RESULT_TIMEOUT_MS;
  }
  return performance.now() - started;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      tasks: { type: 'string' },
      samples: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('npm run bench -- tasks [--quick] [--tasks N] [--samples N]\n');
    return;
  }
  const total = Number(values.tasks ?? (values.quick ? 5_000 : 50_000));
  const samples = Number(values.samples ?? (values.quick ? 20 : 60));
  const database = await startDatabase();
  const fake = await FakeSlackApi.start();
  const watchdog = setTimeout(() => {
    log('watchdog: the run took too long');
    process.exit(1);
  }, 20 * 60_000);
  try {
    await connectForSeeding(database.uri);
    await describeServer(database);
    await ensureIndexes({ info: () => undefined });
    const today = todayIn(defaultUser(SALESPERSON).tz);
    const seedStart = performance.now();
    await seedTasks(total, today);
    await saveSetupSection({
      workspaceId: WORKSPACE,
      userId: 'U0ADMIN',
      section: 'roles',
      version: 0,
      patch: { roles: { admins: [], managers: [MANAGER] } },
    });
    log(`seeded ${total.toLocaleString('en')} tasks in ${Math.round(performance.now() - seedStart)} ms`);
    await disconnectDatabase();

    const config = benchAppConfig(fake.url, database.uri);
    const logger = createLogger({ level: 'warn', format: 'json', secrets: secretsOf(config), write: () => undefined });
    const running = await startKontakt(config, logger);
    const sender = new SlackRequestSender({
      url: `http://127.0.0.1:${running.port}/slack/events`,
      signingSecret: TEST_SIGNING_SECRET,
    });
    try {
      const home: number[] = [];
      const team: number[] = [];
      const acks: number[] = [];
      const open = await TaskModel.find({ workspaceId: WORKSPACE, assigneeId: SALESPERSON, status: 'open' })
        .select({ _id: 1 })
        .lean();
      for (let i = -3; i < samples; i += 1) {
        await running.home.settled();
        const publishes = fake.callsTo('views.publish').length;
        const homeMs = await timed(
          () => sender.event(eventCallback(appHomeOpened({ userId: SALESPERSON }))),
          () =>
            fake.waitForCall(
              'views.publish',
              () => fake.callsTo('views.publish').length > publishes,
              RESULT_TIMEOUT_MS,
            ),
        );
        const key = `team${i}`;
        const teamMs = await timed(
          () =>
            sender.command(slashCommand({ text: 'tasks team', userId: MANAGER, responseUrl: fake.responseUrl(key) })),
          async () => {
            const reply = await fake.waitForResponse((r) => r.key === key, RESULT_TIMEOUT_MS);
            if (!JSON.stringify(reply.body).includes('header'))
              throw new Error(`refused: ${JSON.stringify(reply.body)}`);
          },
        );
        const task = open[(i + 3) % open.length]!._id.toString();
        const action =
          i % 2 === 0
            ? buttonAction({ actionId: ids.task.actions.done, value: task })
            : ({
                type: 'static_select',
                action_id: ids.task.actions.snooze,
                block_id: 'b1',
                selected_option: { text: { type: 'plain_text', text: 'x' }, value: `tomorrow:${task}` },
                action_ts: '1700000000.000100',
              } as never);
        const started = performance.now();
        const response = await sender.interactive(
          blockActions({ userId: SALESPERSON, channelId: 'D0001', actions: [action], responseUrl: fake.responseUrl() }),
        );
        const ackMs = performance.now() - started;
        if (response.status !== 200) log(`Done/Snooze answered ${response.status}`);
        if (i >= 0) {
          home.push(homeMs);
          team.push(teamMs);
          acks.push(ackMs);
        }
      }
      const rows = [
        ['Home (200 open tasks)', home, TARGETS.homeP95Ms],
        ['/contact tasks team', team, TARGETS.teamP95Ms],
        ['Done/Snooze ack', acks, TARGETS.ackP95Ms],
      ] as const;
      process.stdout.write(
        `\nTasks benchmark: ${total.toLocaleString('en')} tasks over ${TEAM.length} salespeople, ${database.label}` +
          `${database.version ? ` ${database.version}` : ''}, notablescan on\n\n`,
      );
      process.stdout.write(
        `${table(
          ['request', 'n', 'p50 ms', 'p95 ms', 'max ms', 'target p95', ''],
          rows.map(([name, data, target]) => {
            const s = summarize(data);
            return [name, s.count, s.p50, s.p95, s.max, target, s.p95 <= target ? 'ok' : 'FAIL'];
          }),
        )}\n`,
      );
    } finally {
      await running.stop();
    }
  } finally {
    clearTimeout(watchdog);
    await fake.close();
    await database.stop();
  }
}
