import mongoose from 'mongoose';
import { JOB_DIGEST_RETRY } from '../../../src/jobs/scheduler';
import { DigestLogModel } from '../../../src/models/digest-log.model';
import { saveSetupSection } from '../../../src/services/setup/setup.service';
import { useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();
const MANAGERS = ['U0BOSS', 'U0CHIEF'];

beforeEach(async () => {
  const saved = await saveSetupSection({
    workspaceId: 'T0001',
    userId: 'U0ADMIN',
    section: 'roles',
    version: 0,
    patch: { roles: { admins: [], managers: MANAGERS } },
  });
  expect(saved.status).toBe('saved');
});

const digestRows = () => DigestLogModel.find({ workspaceId: 'T0001' }).lean();
const retryJob = () =>
  mongoose.connection.db!.collection('agendaJobs').findOne({ name: JOB_DIGEST_RETRY, 'data.workspaceId': 'T0001' });

/** Digest DMs Slack accepted, per manager. */
function delivered(): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(MANAGERS.map((id) => [id, 0]));
  for (const call of kontakt.fake.callsTo('chat.postMessage')) {
    const channel = String(call.args.channel);
    if (channel in counts && call.answer?.body.ok === true) counts[channel]! += 1;
  }
  return counts;
}

async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** As if the failed digest's backoff had run out: it and its retry job are due now. */
async function backoffOver(): Promise<void> {
  await DigestLogModel.updateMany(
    { workspaceId: 'T0001', status: 'pending' },
    { $set: { nextAttemptAt: new Date(0) } },
  );
  await mongoose.connection
    .db!.collection('agendaJobs')
    .updateOne({ name: JOB_DIGEST_RETRY, 'data.workspaceId': 'T0001' }, { $set: { nextRunAt: new Date() } });
}

describe('a weekly digest whose post failed', () => {
  it('is retried by the scheduler, with backoff, until it succeeds — still one per manager and week', async () => {
    kontakt.fake.failNext('chat.postMessage', 'fatal_error');
    const started = Date.now();
    await kontakt.running.scheduler.runDigestNow('T0001');
    await until('one digest sent and one pending', async () => {
      const rows = await digestRows();
      return (
        rows.filter((r) => r.status === 'sent').length === 1 &&
        rows.some((r) => r.attempts === 1 && r.status === 'pending')
      );
    });
    const [failed] = (await digestRows()).filter((row) => row.status === 'pending');
    expect(failed!.lastError).toBe('fatal_error');
    expect(failed!.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(started + 60_000);
    expect(failed!.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    // The scheduler holds a retry for exactly then (written just after the rows).
    await until(
      'the retry job',
      async () => (await retryJob())?.nextRunAt?.getTime() === failed!.nextAttemptAt!.getTime(),
    );

    // The retry fails too: the wait doubles, and the retry job follows it.
    kontakt.fake.failNext('chat.postMessage', 'fatal_error');
    const retried = Date.now();
    await backoffOver();
    await until('the second attempt', async () => (await DigestLogModel.findById(failed!._id).lean())!.attempts === 2);
    const second = (await DigestLogModel.findById(failed!._id).lean())!;
    expect(second.status).toBe('pending');
    expect(second.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(retried + 120_000);
    await until(
      'the retry job rescheduled',
      async () => (await retryJob())?.nextRunAt?.getTime() === second.nextAttemptAt!.getTime(),
    );

    // Slack takes it the third time.
    await backoffOver();
    await until('the digest sent', async () => (await DigestLogModel.findById(failed!._id).lean())!.status === 'sent');

    // However often the weekly job runs again, nobody gets a second one this week.
    await kontakt.running.scheduler.runDigestNow('T0001');
    await kontakt.running.scheduler.runDigestNow('T0001');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(delivered()).toEqual({ U0BOSS: 1, U0CHIEF: 1 });
    expect((await digestRows()).map((row) => row.status)).toEqual(['sent', 'sent']);
  });

  it('is given up after a week undelivered (the next week’s digest has taken its place)', async () => {
    kontakt.fake.failNext('chat.postMessage', 'fatal_error', 2);
    await kontakt.running.scheduler.runDigestNow('T0001');
    await until('both pending', async () => (await digestRows()).filter((r) => r.attempts === 1).length === 2);
    await DigestLogModel.updateMany(
      { workspaceId: 'T0001' },
      { $set: { createdAt: new Date(Date.now() - 8 * 86_400_000) } },
    );
    await backoffOver();
    await until('both given up', async () => (await digestRows()).every((row) => row.status === 'abandoned'));
    expect(delivered()).toEqual({ U0BOSS: 0, U0CHIEF: 0 });
  });
});
