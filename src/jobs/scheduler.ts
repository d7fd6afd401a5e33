import { Agenda, type Job } from 'agenda';
import { boundedWaits, START_PATIENCE_MS } from '../db/bounds';
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { WorkspaceSetup } from '../services/setup/setup.types';
import { sendWeeklyDigest } from './weekly-digest.job';
import { sendFollowUpReminder } from './follow-up.job';
import { removeWorkspaceDataIfDue } from '../services/workspace-lifecycle.service';

export const JOB_FOLLOW_UP = 'visit-follow-up';
export const JOB_WEEKLY_DIGEST = 'weekly-digest';
export const JOB_REMOVE_WORKSPACE_DATA = 'remove-workspace-data';

export interface SchedulerDependencies {
  /** The same MongoDB the app uses; agenda keeps its jobs in the `agendaJobs` collection there. */
  mongoUri: string;
  /** A Web API client for a workspace (one bot token today; per-installation tokens later). */
  clientFor: (workspaceId: string) => Promise<WebClient>;
  logger: Logger;
  /** How often due jobs are looked for. */
  pollMs: number;
}

export interface Scheduler {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Reminds the salesperson on the follow-up day at 09:00 their time (at once if that has passed). */
  scheduleFollowUp(job: { workspaceId: string; visitId: string; userId: string; runAt: Date }): Promise<void>;
  /** (Re)schedules a workspace's weekly digest from its setup; removes it when off or nobody would get it. */
  scheduleDigest(
    workspaceId: string,
    setup: Pick<WorkspaceSetup, 'digest' | 'roles'>,
    fallbackTimeZone?: string,
  ): Promise<void>;
  /** Runs the digest job for a workspace now (it still sends at most one per manager and week). */
  runDigestNow(workspaceId: string): Promise<void>;
  /** After an uninstall: delete the workspace's data at `runAt` unless it is reinstalled first. */
  scheduleDataRemoval(workspaceId: string, runAt: Date): Promise<void>;
  /** A reinstall: no data removal, no jobs left over from before. */
  cancelDataRemoval(workspaceId: string): Promise<void>;
  /** An uninstall: reminders and digests of that workspace stop. */
  cancelWorkspaceJobs(workspaceId: string): Promise<void>;
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
      options: { ...boundedWaits, serverSelectionTimeoutMS: START_PATIENCE_MS },
    },
    processEvery: `${deps.pollMs} milliseconds`,
    defaultLockLifetime: 5 * 60_000,
  });
  agenda.on('error', (error: Error) => deps.logger.error(`Scheduler: ${error.message}`));
  agenda.on('fail', (error: Error, job: Job) => deps.logger.error(`Job ${job.attrs.name} failed: ${error.message}`));

  agenda.define(JOB_FOLLOW_UP, async (job: Job) => {
    const data = job.attrs.data as { workspaceId: string; visitId: string; userId: string };
    await sendFollowUpReminder(await deps.clientFor(data.workspaceId), data);
  });
  agenda.define(JOB_WEEKLY_DIGEST, async (job: Job) => {
    const data = job.attrs.data as { workspaceId: string };
    const sent = await sendWeeklyDigest(await deps.clientFor(data.workspaceId), data.workspaceId, new Date());
    if (sent > 0) deps.logger.info(`Weekly digest sent to ${sent} manager(s) of ${data.workspaceId}`);
  });

  agenda.define(JOB_REMOVE_WORKSPACE_DATA, async (job: Job) => {
    const data = job.attrs.data as { workspaceId: string };
    const deleted = await removeWorkspaceDataIfDue(data.workspaceId);
    if (deleted !== undefined)
      deps.logger.info(
        `Deleted ${deleted} documents of uninstalled workspace ${data.workspaceId} after its grace period`,
      );
  });

  return {
    start: async () => {
      await agenda.start();
    },
    stop: async () => {
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
    cancelWorkspaceJobs: async (workspaceId) => {
      await agenda.cancel({ name: { $in: [JOB_FOLLOW_UP, JOB_WEEKLY_DIGEST] }, 'data.workspaceId': workspaceId });
    },
  };
}
