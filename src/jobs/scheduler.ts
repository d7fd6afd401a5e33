import { Agenda, type Job } from 'agenda';
import { boundedWaits, START_PATIENCE_MS } from '../db/bounds';
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { WorkspaceSetup } from '../services/setup/setup.types';
import { deliverDueDigests, sendWeeklyDigest, type DigestRun } from './weekly-digest.job';
import { sendFollowUpReminder } from './follow-up.job';
import { sendTaskReminder } from './task-reminder.job';
import { removeWorkspaceDataIfDue } from '../services/workspace-lifecycle.service';
import { runIntegrityRound } from './integrity.job';
import { resumeUnfinishedMerges } from '../services/contacts/merge/merge.service';
import { runVisitRetentionRound } from './visit-retention.job';
import { runImportJob } from './import.job';
import { unfinishedImports } from '../services/import/import.service';
import { resumeUnfinishedErasures } from '../services/privacy/erasure.service';
import { DIGEST_RETRY_FIRST_MS } from '../services/digest/digest-delivery.service';
import type { CompanyRegister } from '../services/company-register/company-register.service';
import type { RegisterCheckRun } from '../services/company-register/register-check.service';
import { runRegisterCheckJob } from './register-check.job';

export const JOB_FOLLOW_UP = 'visit-follow-up';
export const JOB_WEEKLY_DIGEST = 'weekly-digest';
export const JOB_DIGEST_RETRY = 'weekly-digest-retry';
export const JOB_REMOVE_WORKSPACE_DATA = 'remove-workspace-data';
export const JOB_INTEGRITY = 'integrity-round';
export const JOB_IMPORT = 'contact-import';
export const JOB_TASK_REMINDER = 'task-reminder';
/** Deletes visits older than setup's "Delete visits older than N years", every night (visit-retention.job.ts). */
export const JOB_VISIT_RETENTION = 'visit-retention';
export const VISIT_RETENTION_EVERY = '0 2 * * *';
export const JOB_REGISTER_CHECK = 'register-check';
/** Companies are due a week after their last check; the hourly run spreads a big workspace over the week. */
export const REGISTER_CHECK_EVERY = '1 hour';
/** An import job's lock: touched after every batch, so a job whose instance died is taken over this soon. */
export const IMPORT_LOCK_MS = 60_000;
/**
 * When an import job that failed (the database, mostly) runs again: 10 s, 20 s, 40 s … up to 10 minutes. The import
 * is stored batch by batch, so the run resumes where it stopped instead of waiting for the next restart.
 */
export function importRetryDelayMs(failures: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, failures - 1), 10 * 60_000);
}
/** How often deleted contacts past their 30 days are purged and half-done writes repaired. */
export const INTEGRITY_EVERY = '1 hour';

export interface SchedulerDependencies {
  /** The same MongoDB the app uses; agenda keeps its jobs in the `agendaJobs` collection there. */
  mongoUri: string;
  /** A Web API client for a workspace (one bot token today; per-installation tokens later). */
  clientFor: (workspaceId: string) => Promise<WebClient>;
  logger: Logger;
  /** How often due jobs are looked for. */
  pollMs: number;
  /** Enhetsregisteret, for the weekly check of companies (a workspace turns it on in setup). */
  register?: CompanyRegister;
  /** Milliseconds between two questions to the register in the weekly check (tests ask for less). */
  registerPaceMs?: number;
}

export interface Scheduler {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Reminds the salesperson on the follow-up day at 09:00 their time (at once if that has passed). */
  scheduleFollowUp(job: { workspaceId: string; visitId: string; userId: string; runAt: Date }): Promise<void>;
  /** Takes back a visit's reminder (its follow-up was removed or moved to a moment already past). */
  cancelFollowUp(job: { workspaceId: string; visitId: string }): Promise<void>;
  /** (Re)schedules a workspace's weekly digest from its setup; removes it when off or nobody would get it. */
  scheduleDigest(
    workspaceId: string,
    setup: Pick<WorkspaceSetup, 'digest' | 'roles'>,
    fallbackTimeZone?: string,
  ): Promise<void>;
  /**
   * Runs the digest job for a workspace now (it still sends at most one per manager and week; a failed post is
   * retried by a `weekly-digest-retry` job when its backoff runs out).
   */
  runDigestNow(workspaceId: string): Promise<void>;
  /** After an uninstall: delete the workspace's data at `runAt` unless it is reinstalled first. */
  scheduleDataRemoval(workspaceId: string, runAt: Date): Promise<void>;
  /** A reinstall: no data removal, no jobs left over from before. */
  cancelDataRemoval(workspaceId: string): Promise<void>;
  /** An uninstall: reminders and digests of that workspace stop. */
  cancelWorkspaceJobs(workspaceId: string): Promise<void>;
  /** Runs an import (see import.job.ts) now; one job per import, whatever calls this twice. */
  startImport(job: { workspaceId: string; importId: string }): Promise<void>;
  /** A task's reminder at `runAt` for its due date: one job per task, so a new date moves it. */
  scheduleTaskReminder(job: { workspaceId: string; taskId: string; dueDate: string; runAt: Date }): Promise<void>;
  /** Takes back a task's reminder (done, cancelled, or re-dated to a moment already past). */
  cancelTaskReminder(job: { workspaceId: string; taskId: string }): Promise<void>;
  /** The visit follow-up reminders of a workspace, replaced by task reminders once its follow-ups are tasks. */
  cancelVisitFollowUps(workspaceId: string): Promise<void>;
  /** Runs the weekly register check now, in this process (the hourly job does the same), and says what it did. */
  checkRegisterNow(): Promise<RegisterCheckRun>;
}

/**
 * Scheduled work on MongoDB through agenda: jobs survive restarts, and agenda's locks make one instance run each
 * job even when several app instances poll the same collection.
 */
export function createScheduler(deps: SchedulerDependencies): Scheduler {
  // agenda 5 brings its own MongoDB driver (4.x); it connects by URI rather than sharing mongoose's client.
  const agenda = new Agenda({
    // Scheduling happens on request paths too (a follow-up date, a digest schedule), after the ack: the same bounded
    // waits, except finding a server. agenda connects in its constructor and throws (an uncaught exception) when it
    // cannot, so it gets start-up's patience there.
    db: {
      address: deps.mongoUri,
      collection: 'agendaJobs',
      options: { ...boundedWaits(), serverSelectionTimeoutMS: START_PATIENCE_MS },
    },
    // In seconds: human-interval (agenda's parser) reads "5000 milliseconds" as 5,000 *seconds*, which made agenda
    // scan every 83 minutes and lock every job due in that window at once, running it from a timer with the data
    // it had when locked (a moved or cancelled job still ran) — or, past the 5-minute lock, up to a scan late.
    processEvery: `${deps.pollMs / 1000} seconds`,
    defaultLockLifetime: 5 * 60_000,
  });
  agenda.on('error', (error: Error) => deps.logger.error(`Scheduler: ${error.message}`));
  agenda.on('fail', (error: Error, job: Job) => deps.logger.error(`Job ${job.attrs.name} failed: ${error.message}`));

  agenda.define(JOB_TASK_REMINDER, async (job: Job) => {
    const data = job.attrs.data as { workspaceId: string; taskId: string; dueDate: string };
    await sendTaskReminder(await deps.clientFor(data.workspaceId), data);
  });
  agenda.define(JOB_FOLLOW_UP, async (job: Job) => {
    const data = job.attrs.data as { workspaceId: string; visitId: string; userId: string };
    await sendFollowUpReminder(await deps.clientFor(data.workspaceId), data);
  });
  /** Logs what a digest run did. */
  const logDigests = (workspaceId: string, run: DigestRun): void => {
    if (run.sent > 0) deps.logger.info(`Weekly digest sent to ${run.sent} manager(s) of ${workspaceId}`);
    if (run.failed > 0)
      deps.logger.warn(
        `Weekly digest of ${workspaceId}: ${run.failed} post(s) failed, next attempt at ${run.retryAt?.toISOString()}`,
      );
    if (run.abandoned > 0)
      deps.logger.warn(`Weekly digest of ${workspaceId}: gave up on ${run.abandoned} digest(s) undelivered for a week`);
  };
  /** One retry job per workspace, due when the earliest failed digest is. */
  const scheduleDigestRetry = async (workspaceId: string, runAt: Date): Promise<void> => {
    const retry = agenda.create(JOB_DIGEST_RETRY, { workspaceId });
    retry.unique({ 'data.workspaceId': workspaceId });
    retry.schedule(runAt);
    await retry.save();
  };
  const soon = () => new Date(Date.now() + DIGEST_RETRY_FIRST_MS);
  agenda.define(JOB_WEEKLY_DIGEST, async (job: Job) => {
    const { workspaceId } = job.attrs.data as { workspaceId: string };
    let run: DigestRun;
    try {
      run = await sendWeeklyDigest(() => deps.clientFor(workspaceId), workspaceId, new Date());
    } catch (error) {
      // The database failed mid-run: whatever was queued is delivered by the retry.
      await scheduleDigestRetry(workspaceId, soon()).catch(() => undefined);
      throw error;
    }
    logDigests(workspaceId, run);
    if (run.retryAt) await scheduleDigestRetry(workspaceId, run.retryAt);
  });
  agenda.define(JOB_DIGEST_RETRY, async (job: Job) => {
    const { workspaceId } = job.attrs.data as { workspaceId: string };
    // agenda saves this job when the handler returns, so rescheduling this very job is what keeps it.
    try {
      const run = await deliverDueDigests(() => deps.clientFor(workspaceId), workspaceId, new Date());
      logDigests(workspaceId, run);
      if (run.retryAt) job.schedule(run.retryAt);
    } catch (error) {
      job.schedule(soon());
      throw error;
    }
  });

  agenda.define(JOB_REMOVE_WORKSPACE_DATA, async (job: Job) => {
    const data = job.attrs.data as { workspaceId: string };
    const deleted = await removeWorkspaceDataIfDue(data.workspaceId);
    if (deleted !== undefined)
      deps.logger.info(
        `Deleted ${deleted} documents of uninstalled workspace ${data.workspaceId} after its grace period`,
      );
  });

  agenda.define(JOB_INTEGRITY, async () => {
    await runIntegrityRound(deps.logger);
    // An import whose job could not even record its retry (the database was down at that moment too) is picked up
    // here; one whose job is queued or running is left to it (the job is unique per import, and locked while it runs).
    for (const unfinished of await unfinishedImports()) await queueImport(unfinished);
  });

  agenda.define(JOB_VISIT_RETENTION, async () => {
    await runVisitRetentionRound(deps.clientFor, deps.logger);
  });

  let stopping = false;
  agenda.define(JOB_IMPORT, { lockLifetime: IMPORT_LOCK_MS, concurrency: 2 }, async (job: Job) => {
    const data = job.attrs.data as { workspaceId: string; importId: string };
    try {
      await runImportJob(
        {
          client: await deps.clientFor(data.workspaceId),
          logger: deps.logger,
          touch: async () => {
            await job.touch();
          },
          stopping: () => stopping,
        },
        data,
      );
    } catch (error) {
      // agenda saves the job after a failure too: scheduling it again here is what makes it run again.
      if (!stopping) job.schedule(new Date(Date.now() + importRetryDelayMs((job.attrs.failCount ?? 0) + 1)));
      throw error;
    }
  });
  const registerCheck = (touch?: () => Promise<void>): Promise<RegisterCheckRun> =>
    deps.register
      ? runRegisterCheckJob({
          register: deps.register,
          clientFor: deps.clientFor,
          logger: deps.logger,
          paceMs: deps.registerPaceMs,
          touch,
          stopping: () => stopping,
        })
      : Promise.resolve({ workspaces: 0, checked: 0, told: 0 });
  // A run asks the register for up to 45 minutes, touching its lock after every batch of companies.
  agenda.define(JOB_REGISTER_CHECK, { lockLifetime: 10 * 60_000 }, async (job: Job) => {
    await registerCheck(async () => {
      await job.touch();
    });
  });

  const queueImport = async ({ workspaceId, importId }: { workspaceId: string; importId: string }) => {
    const job = agenda.create(JOB_IMPORT, { workspaceId, importId });
    job.unique({ 'data.importId': importId, 'data.workspaceId': workspaceId });
    job.schedule(new Date());
    await job.save();
  };

  return {
    start: async () => {
      stopping = false;
      await agenda.start();
      // Imports a stopped or crashed instance left unfinished: resumed from their last finished batch.
      for (const unfinished of await unfinishedImports()) await queueImport(unfinished);
      // Erasures a stopped or crashed instance left running: finished before anything else (their contacts are
      // hidden already; the rest of their data must not linger).
      await resumeUnfinishedErasures()
        .then((count) => count > 0 && deps.logger.info(`Finished ${count} interrupted erasure(s)`))
        .catch((error: Error) => deps.logger.error(`Finishing interrupted erasures failed: ${error.message}`));
      // The same for merges and their undos: a merged contact is not left with half its records moved.
      await resumeUnfinishedMerges()
        .then((count) => count > 0 && deps.logger.info(`Finished ${count} interrupted merge(s)`))
        .catch((error: Error) => deps.logger.error(`Finishing interrupted merges failed: ${error.message}`));
      // One repeating job for every instance. Inserted once: a restart leaves its next run where it was (so
      // frequent deploys cannot keep postponing it), and the first round is an hour after the first start.
      const round = agenda.create(JOB_INTEGRITY, {});
      round.unique({ name: JOB_INTEGRITY }, { insertOnly: true });
      round.repeatEvery(INTEGRITY_EVERY, { skipImmediate: true });
      await round.save();
      // The same for old visits: one nightly job (02:00 UTC) for every workspace whose setup asks for it.
      const retention = agenda.create(JOB_VISIT_RETENTION, {});
      retention.unique({ name: JOB_VISIT_RETENTION }, { insertOnly: true });
      retention.repeatEvery(VISIT_RETENTION_EVERY, { timezone: 'UTC', skipImmediate: true });
      await retention.save();
      if (deps.register?.enabled) {
        const check = agenda.create(JOB_REGISTER_CHECK, {});
        check.unique({ name: JOB_REGISTER_CHECK }, { insertOnly: true });
        check.repeatEvery(REGISTER_CHECK_EVERY, { skipImmediate: true });
        await check.save();
      }
    },
    stop: async () => {
      stopping = true;
      await agenda.stop();
      await agenda.close({ force: true });
    },
    scheduleFollowUp: async ({ workspaceId, visitId, userId, runAt }) => {
      const job = agenda.create(JOB_FOLLOW_UP, { workspaceId, visitId, userId });
      // One reminder per visit: editing the follow-up date moves it rather than adding a second.
      job.unique({ 'data.visitId': visitId, 'data.workspaceId': workspaceId });
      job.schedule(runAt);
      await job.save();
    },
    cancelFollowUp: async ({ workspaceId, visitId }) => {
      await agenda.cancel({ name: JOB_FOLLOW_UP, 'data.visitId': visitId, 'data.workspaceId': workspaceId });
    },
    scheduleDigest: async (workspaceId, setup, fallbackTimeZone) => {
      const recipients = new Set([...setup.roles.managers, ...setup.roles.admins]);
      if (!setup.digest.enabled || recipients.size === 0) {
        await agenda.cancel({ name: JOB_WEEKLY_DIGEST, 'data.workspaceId': workspaceId });
        return;
      }
      const [hour, minute] = setup.digest.time.split(':').map(Number);
      const job = agenda.create(JOB_WEEKLY_DIGEST, { workspaceId });
      job.unique({ 'data.workspaceId': workspaceId });
      // cron weekdays: 0 = Sunday; ISO 7 is Sunday.
      job.repeatEvery(`${minute} ${hour} * * ${setup.digest.weekday % 7}`, {
        timezone: setup.digest.timeZone ?? fallbackTimeZone ?? 'UTC',
        skipImmediate: true,
      });
      await job.save();
    },
    runDigestNow: async (workspaceId) => {
      await agenda.now(JOB_WEEKLY_DIGEST, { workspaceId });
    },
    scheduleDataRemoval: async (workspaceId, runAt) => {
      const job = agenda.create(JOB_REMOVE_WORKSPACE_DATA, { workspaceId });
      job.unique({ 'data.workspaceId': workspaceId });
      job.schedule(runAt);
      await job.save();
    },
    cancelDataRemoval: async (workspaceId) => {
      await agenda.cancel({ name: JOB_REMOVE_WORKSPACE_DATA, 'data.workspaceId': workspaceId });
    },
    startImport: queueImport,
    scheduleTaskReminder: async ({ workspaceId, taskId, dueDate, runAt }) => {
      const job = agenda.create(JOB_TASK_REMINDER, { workspaceId, taskId, dueDate });
      // One job per task: snoozing or re-dating moves it (with its new date) rather than adding a second.
      job.unique({ 'data.taskId': taskId, 'data.workspaceId': workspaceId });
      job.schedule(runAt);
      await job.save();
    },
    cancelTaskReminder: async ({ workspaceId, taskId }) => {
      await agenda.cancel({ name: JOB_TASK_REMINDER, 'data.taskId': taskId, 'data.workspaceId': workspaceId });
    },
    checkRegisterNow: () => registerCheck(),
    cancelVisitFollowUps: async (workspaceId) => {
      await agenda.cancel({ name: JOB_FOLLOW_UP, 'data.workspaceId': workspaceId });
    },
    cancelWorkspaceJobs: async (workspaceId) => {
      await agenda.cancel({
        name: { $in: [JOB_FOLLOW_UP, JOB_WEEKLY_DIGEST, JOB_DIGEST_RETRY, JOB_TASK_REMINDER] },
        'data.workspaceId': workspaceId,
      });
    },
  };
}
