import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { workspacesWithData } from '../services/integrity/integrity-check.service';
import { getUserProfile } from '../services/people/user-directory';
import { getWorkspaceSetup } from '../services/setup/setup.service';
import { migrateVisitFollowUps } from '../services/tasks/follow-up-migration';
import { taskReminderAt } from '../services/tasks/task-dates';
import { ensureTaskCounts } from '../services/tasks/task-counts';
import { ensurePipelineTotals } from '../services/opportunities/pipeline-totals';
import type { Scheduler } from './scheduler';

/**
 * At start: each workspace's visit follow-ups become tasks once (see follow-up-migration.ts), and its kept task
 * counts are built once (task-counts.ts); the new tasks get
 * task reminders and the workspace's old follow-up reminders are taken back, so nobody is reminded twice.
 * One workspace's failure is logged and does not stop the others (it is tried again at the next start).
 */
export async function migrateFollowUpsToTasks(deps: {
  scheduler: Scheduler;
  clientFor: (workspaceId: string) => Promise<WebClient>;
  logger: Logger;
}): Promise<number> {
  let total = 0;
  for (const workspaceId of await workspacesWithData()) {
    try {
      const client = await deps.clientFor(workspaceId).catch(() => undefined);
      const fallback = (await getWorkspaceSetup(workspaceId)).digest.timeZone ?? 'UTC';
      const timeZoneOf = async (userId: string) =>
        client
          ? ((await getUserProfile(client, workspaceId, userId).catch(() => undefined))?.tz ?? fallback)
          : fallback;
      const created = await migrateVisitFollowUps(workspaceId, timeZoneOf);
      // Counts kept per salesperson start from the tasks stored before they were kept (once per workspace).
      if (await ensureTaskCounts(workspaceId)) deps.logger.info(`Counted the open tasks of ${workspaceId}`);
      // Likewise the kept pipeline totals, from the deals stored before they were kept.
      if (await ensurePipelineTotals(workspaceId)) deps.logger.info(`Counted the pipeline of ${workspaceId}`);
      if (!created) continue;
      for (const task of created) {
        const runAt = taskReminderAt(task);
        if (runAt)
          await deps.scheduler.scheduleTaskReminder({ workspaceId, taskId: task.id, dueDate: task.dueDate, runAt });
      }
      await deps.scheduler.cancelVisitFollowUps(workspaceId);
      total += created.length;
      if (created.length > 0)
        deps.logger.info(`Turned ${created.length} visit follow-up(s) of ${workspaceId} into tasks`);
    } catch (error) {
      deps.logger.warn(`Turning the follow-ups of ${workspaceId} into tasks failed: ${(error as Error).message}`);
    }
  }
  return total;
}
