/**
 * Issue 18's safety rule, tested as it says: the process is killed (SIGKILL, no shutdown) in the middle of a merge
 * that moves a company's 40 persons and 3,000 visits, and the next start finishes it. Kontakt runs as `npm start`
 * runs it (src/index.ts in a child process) against the test database and the fake Slack; the test drives it with
 * signed requests and reads the database itself.
 */
import { randomBytes } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { connectDatabase, disconnectDatabase, ensureIndexes, withDatabaseName } from '../src/db/connection';
import { ids } from '../src/ids';
import { findIntegrityProblems } from '../src/services/integrity/integrity-check.service';
import { repairWorkspace } from '../src/services/integrity/integrity-repair.service';
import { FakeSlackApi } from './harness/fake-slack-api';
import { blockActions, buttonAction, viewSubmission } from './harness/payloads';
import { SlackRequestSender } from './harness/slack-request';
import { viewOf, type SentView } from './support/contact-flows';
import { seedMergePair } from './support/merge-seed';
import { fillView } from './support/modal-state';
import { killLeftoverProcesses, runKontakt, START_PATIENCE_MS, waitFor } from './support/kontakt-process';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './support/test-app';

const TEAM = 'T0001';
const ADMIN = 'U0ADMIN';
const PERSONS = 40;
const VISITS = 3_000;
/** Patience for the merge to be found under way, and for the second start to finish it (not speed checks). */
const PATIENCE_MS = 120_000;

jest.setTimeout(2 * START_PATIENCE_MS + 2 * PATIENCE_MS);
afterEach(killLeftoverProcesses);

const uri = withDatabaseName(
  process.env.KONTAKT_TEST_MONGODB_URI as string,
  `kontakt_merge_crash_${randomBytes(4).toString('hex')}`,
);
let fake: FakeSlackApi;

beforeAll(async () => {
  await connectDatabase(uri);
  await ensureIndexes({ info: () => undefined });
  fake = await FakeSlackApi.start();
  fake.setUser(ADMIN, { is_admin: true });
});

afterAll(async () => {
  await mongoose.connection.db?.dropDatabase().catch(() => undefined);
  await disconnectDatabase();
  await fake?.close();
});

/** Two companies, the newer with persons and visits enough that moving them takes a while. */
async function seed() {
  const { keep, merge } = await seedMergePair({
    workspaceId: TEAM,
    userId: ADMIN,
    persons: PERSONS,
    visits: VISITS,
    keyPrefix: 'crash',
  });
  // The visits were inserted as they are stored, without the contacts' figures: the repair counts those, so the
  // workspace is consistent before the merge and any problem after it is the merge's.
  await repairWorkspace(TEAM);
  expect(await findIntegrityProblems(TEAM)).toEqual([]);
  return { keep, merge };
}

const db = () => mongoose.connection.db!;
const visitsAt = (id: string) =>
  db()
    .collection('visits')
    .countDocuments({ workspaceId: TEAM, subjects: new Types.ObjectId(id) });
const personsAt = (id: string) =>
  db()
    .collection('contacts')
    .countDocuments({ workspaceId: TEAM, companyId: new Types.ObjectId(id) });

function kontaktEnv(port: number): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    PORT: String(port),
    MONGODB_URI: uri,
    NODE_ENV: 'production',
    LOG_FORMAT: 'json',
  };
}

describe('a merge whose process is killed half-way', () => {
  it('is finished by the next start: every person and visit on the kept company, none left behind', async () => {
    const { keep, merge } = await seed();
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const slack = new SlackRequestSender({
      url: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: TEST_SIGNING_SECRET,
    });
    let killedWhile: { visitsMoved: number; status: unknown } | undefined;

    const first = await runKontakt(kontaktEnv(port), async (output) => {
      await waitFor(() => output().includes('Kontakt is listening'), START_PATIENCE_MS, 'the first start');
      await slack.interactive(
        blockActions({
          userId: ADMIN,
          actions: [buttonAction({ actionId: ids.merge.actions.fromList, value: `${keep.id}:${merge.id}:0` })],
        }),
      );
      await waitFor(() => fake.callsTo('views.open').length > 0, PATIENCE_MS, 'the merge form');
      const view: SentView = { ...viewOf(fake.callsTo('views.open')[0]!), id: 'V0CRASH' };
      expect(view.callback_id).toBe(ids.merge.modal);
      const answer = await slack.interactive(
        viewSubmission({
          userId: ADMIN,
          viewId: view.id,
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          blocks: view.blocks,
          values: fillView(view, {}),
        }),
      );
      // A merge this large is answered at once and runs after the answer.
      expect(answer.json).toMatchObject({ response_action: 'update' });
      // Killed as soon as the moving has begun, while the merge is still running.
      const giveUp = Date.now() + PATIENCE_MS;
      for (;;) {
        const moved = await visitsAt(keep.id);
        const record = await db().collection('contact_merges').findOne({ workspaceId: TEAM });
        if (moved > 0 && record?.status === 'running') {
          killedWhile = { visitsMoved: moved, status: record.status };
          throw new Error('kill now');
        }
        if (record?.status === 'done' || Date.now() > giveUp) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });
    // (What the first process said, when it was not killed half-way: the failure below then explains itself.)
    if (!killedWhile) console.log((first.stdout + first.stderr).slice(-3000));
    // The test's whileRunning threw on purpose: the process got SIGKILL, no shutdown ran.
    expect(first.stoppedByTest).toBe(false);
    expect(killedWhile).toEqual({ visitsMoved: expect.any(Number), status: 'running' });

    const second = await runKontakt(kontaktEnv(port), async (output) => {
      await waitFor(() => output().includes('Kontakt is listening'), START_PATIENCE_MS, 'the second start');
      const giveUp = Date.now() + PATIENCE_MS;
      while (Date.now() < giveUp) {
        const record = await db().collection('contact_merges').findOne({ workspaceId: TEAM });
        if (record?.status === 'done') return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    expect(second.stdout).toContain('Finished 1 interrupted merge(s)');
    expect(await db().collection('contact_merges').findOne({ workspaceId: TEAM })).toMatchObject({ status: 'done' });
    expect({ visits: await visitsAt(keep.id), persons: await personsAt(keep.id) }).toEqual({
      visits: VISITS,
      persons: PERSONS,
    });
    expect({ visits: await visitsAt(merge.id), persons: await personsAt(merge.id) }).toEqual({ visits: 0, persons: 0 });
    expect(await findIntegrityProblems(TEAM)).toEqual([]);
  });
});
