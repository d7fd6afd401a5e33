import type { Context, Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Translator } from '../../i18n';
import type { Scheduler } from '../../jobs/scheduler';
import { encodeMetadata } from '../../schemas/view-metadata';
import type { TaskModalMetadata } from '../../schemas/task-values';
import type { z } from 'zod';
import type { taskEditMetadataSchema } from '../../schemas/task-values';
import { todayIn } from '../../services/calendar';
import type { Contact } from '../../services/contacts/contact.types';
import { translatorForRecipient } from '../../services/language/language.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import { taskReminderAt } from '../../services/tasks/task-dates';
import type { TaskActor, TaskChange } from '../../services/tasks/task.service';
import type { Task } from '../../services/tasks/task.types';
import { contactOptionLabel } from '../../views/contact/contact-option';
import { taskAssignedMessage } from '../../views/task/task-messages';
import { taskModal } from '../../views/task/task-modal.view';
import { kontaktOf } from '../frame';
import { refreshHomes } from './home';

/** The acting user as the task rules need them: a manager or admin check only when they are not on the task. */
export function taskActor(client: WebClient, workspaceId: string, userId: string): TaskActor {
  let manager: Promise<boolean> | undefined;
  return {
    userId,
    isManager: () => (manager ??= rolesOf(client, workspaceId, userId).then((roles) => roles.isManager)),
  };
}

/** The new-task modal (or, with `task`, the edit modal), the contact picked when known; "today" is the actor's. */
export async function buildTaskModal(
  client: WebClient,
  request: {
    workspaceId: string;
    userId: string;
    tr: Translator;
    contact?: Pick<Contact, 'id' | 'name' | 'no' | 'companyName'>;
    title?: string;
    metadata?: TaskModalMetadata;
    /** Edit: the task the modal starts from, and what its submit needs to find it again. */
    task?: Task;
    editMetadata?: z.infer<typeof taskEditMetadataSchema>;
  },
) {
  const profile = await getUserProfile(client, request.workspaceId, request.userId);
  return taskModal(request.tr, {
    userId: request.userId,
    today: todayIn(profile.tz),
    contactOption: request.contact ? { id: request.contact.id, label: contactOptionLabel(request.contact) } : undefined,
    title: request.title,
    task: request.task,
    privateMetadata: encodeMetadata(request.editMetadata ?? request.metadata ?? {}),
  });
}

/** The reminder for a task's due date (or none, when that moment has passed or the task is closed). */
export async function scheduleReminder(scheduler: Scheduler, task: Task): Promise<void> {
  const runAt = task.status === 'open' ? taskReminderAt(task) : undefined;
  if (runAt)
    await scheduler.scheduleTaskReminder({
      workspaceId: task.workspaceId,
      taskId: task.id,
      dueDate: task.dueDate,
      runAt,
    });
  else await scheduler.cancelTaskReminder({ workspaceId: task.workspaceId, taskId: task.id });
}

/**
 * After a task is stored: its reminder, a DM at once to an assignee who is not the author, and the Homes that list
 * it. Failures are logged: the task is saved, and the Home and card show it whatever happens here.
 */
export async function afterTaskCreated(
  args: { context: Context; client: WebClient; logger: Logger },
  task: Task,
): Promise<void> {
  const { scheduler } = kontaktOf(args.context);
  await scheduleReminder(scheduler, task).catch((error: Error) =>
    args.logger.error(`Scheduling a task reminder failed: ${error.message}`),
  );
  if (task.assigneeId !== task.createdBy) {
    try {
      const tr = await translatorForRecipient(task.workspaceId, { userId: task.assigneeId });
      await args.client.chat.postMessage({
        channel: task.assigneeId,
        ...taskAssignedMessage(tr, task, { today: todayIn(task.timeZone) }),
      });
    } catch (error) {
      args.logger.warn(`Telling the assignee about a new task failed: ${(error as Error).message}`);
    }
  }
  refreshHomes(args, [task.assigneeId, task.createdBy]);
}

/** The sentence for a refused change to a task. */
export function refusalText(tr: Translator, change: Extract<TaskChange, { status: 'refused' }>): string {
  const task = change.task;
  switch (change.why) {
    case 'gone':
      return tr.t('task.refused.gone');
    case 'alreadyDone':
      return tr.t('task.refused.alreadyDone', {
        title: task?.title ?? '',
        user: task?.doneBy ? `<@${task.doneBy}>` : '',
        date: task?.doneAt ? tr.date(task.doneAt, task.timeZone) : '',
      });
    case 'cancelled':
      return tr.t('task.refused.cancelled', { title: task?.title ?? '' });
    case 'notAllowed':
      return tr.t('task.refused.notAllowed', { user: task ? `<@${task.assigneeId}>` : '' });
    default:
      return tr.t('task.refused.changed');
  }
}
