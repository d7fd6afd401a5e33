import { ids } from '../../ids';
import type { MessageKey } from '../../i18n';
import { decodeMetadata } from '../../schemas/view-metadata';
import { dueDateError, parseTaskModal, readSnoozeDate, taskErrorsToBlockErrors } from '../../schemas/task-modal';
import { snoozeMetadataSchema, taskEditMetadataSchema, taskModalMetadataSchema } from '../../schemas/task-values';
import { todayIn } from '../../services/calendar';
import { assigneeProblem, type AssigneeProblem } from '../../services/people/assignee';
import { getUserProfile } from '../../services/people/user-directory';
import { cancelTask, createTask, getTask, redateTask, updateTask } from '../../services/tasks/task.service';
import { translatorForRecipient } from '../../services/language/language.service';
import { taskAssignedMessage } from '../../views/task/task-messages';
import { replaceOriginal } from '../../slack/response-url';
import { notifyUser } from '../../slack/notify';
import { taskHandledMessage, taskSavedMessage } from '../../views/task/task-messages';
import { taskNoticeModal } from '../../views/task/task-modal.view';
import type { Task } from '../../services/tasks/task.types';
import { errorsAck, guardedSubmit, kontaktOf, trOf, type ViewArgs } from '../frame';
import { redrawCardFromHandle } from '../shared/contact-card';
import { refreshHomes } from '../shared/home';
import { afterTaskCreated, refusalText, scheduleReminder, taskActor } from '../shared/tasks';

export const ASSIGNEE_PROBLEM_KEYS: Record<AssigneeProblem, MessageKey> = {
  bot: 'task.error.assigneeBot',
  deactivated: 'task.error.assigneeDeactivated',
  foreign: 'task.error.assigneeForeign',
  unknown: 'task.error.assigneeUnknown',
};

const f = ids.task.fields;

/**
 * The new-task modal: every problem inline in one round (the assignee as Slack knows them, the contact as the
 * service finds it); stored once however often Slack delivers it (the key is the view's id); then the reminder,
 * the assignee's DM, and the card it came from redrawn.
 */
export function submitTaskModal(args: ViewArgs): Promise<void> {
  const { body, view, client } = args;
  return guardedSubmit(args, 'Saving a task', f.contact, async () => {
    const tr = trOf(args);
    const userId = body.user.id;
    const { workspaceId } = kontaktOf(args.context);
    const metadata = decodeMetadata(taskModalMetadataSchema, view.private_metadata);
    if (!metadata) return errorsAck({ [f.contact]: tr.t('task.error.formExpired') });
    const actor = await getUserProfile(client, workspaceId, userId);
    const parsed = parseTaskModal(view.state.values, { today: todayIn(actor.tz), tr });
    // The assignee is checked even when other fields are wrong, so every problem shows in one round.
    const picked = (view.state.values[f.assignee]?.[f.assignee] as { selected_user?: string } | undefined)
      ?.selected_user;
    const problem = picked ? await assigneeProblem(client, workspaceId, picked) : undefined;
    const assigneeError: Record<string, string> = problem ? { [f.assignee]: tr.t(ASSIGNEE_PROBLEM_KEYS[problem]) } : {};
    if (!parsed.ok) return errorsAck({ ...parsed.errors, ...assigneeError });
    if (problem) return errorsAck(assigneeError);
    const assignee =
      parsed.input.assigneeId === userId ? actor : await getUserProfile(client, workspaceId, parsed.input.assigneeId);
    const result = await createTask({
      workspaceId,
      actorId: userId,
      input: { ...parsed.input, opportunityId: metadata.opportunityId, visitId: metadata.visitId },
      timeZone: assignee.tz,
      idempotencyKey: `view:${view.id}`,
      tr,
    });
    if (result.status === 'invalid') return errorsAck(taskErrorsToBlockErrors(result.errors));
    if (!result.created) return {};
    const task = result.task;
    return {
      after: async () => {
        const redrawn = await redrawCardFromHandle(client, workspaceId, userId, metadata.card, tr).catch(() => false);
        if (!redrawn)
          await notifyUser(
            client,
            args.logger,
            { userId },
            taskSavedMessage(tr, task, { today: todayIn(actor.tz), actorId: userId }),
          );
        await afterTaskCreated(args, task);
      },
    };
  });
}

/** "Pick a date" from Snooze: the task is re-dated (the same rules as Snooze), the reminder DM it came from replaced. */
export function submitSnoozeModal(args: ViewArgs): Promise<void> {
  const { body, view, client } = args;
  return guardedSubmit(args, 'Snoozing a task', f.snoozeDate, async () => {
    const tr = trOf(args);
    const userId = body.user.id;
    const { workspaceId, scheduler } = kontaktOf(args.context);
    const metadata = decodeMetadata(snoozeMetadataSchema, view.private_metadata);
    if (!metadata) return errorsAck({ [f.snoozeDate]: tr.t('task.error.formExpired') });
    const profile = await getUserProfile(client, workspaceId, userId);
    const today = todayIn(profile.tz);
    const date = readSnoozeDate(view.state.values);
    const problem = dueDateError(tr, date, today) ?? (date && date < today ? tr.t('task.error.snoozePast') : undefined);
    if (problem || !date) return errorsAck({ [f.snoozeDate]: problem ?? tr.t('task.error.dueRequired') });
    const change = await redateTask(workspaceId, metadata.taskId, taskActor(client, workspaceId, userId), date);
    if (change.status === 'refused') return errorsAck({ [f.snoozeDate]: refusalText(tr, change) });
    return {
      after: async () => {
        await scheduleReminder(scheduler, change.task);
        if (metadata.responseUrl)
          await replaceOriginal(client, metadata.responseUrl, taskHandledMessage(tr, change.task, { snoozedTo: date }));
        refreshHomes(args, [change.task.assigneeId, userId]);
      },
    };
  });
}

/**
 * Edit: the same fields and checks as a new task, every problem inline in one round; the task is read again in this
 * workspace, and saved only for who may change it and only if nobody changed it since the modal opened. A new
 * assignee is told at once; the reminder follows the new due date and time.
 */
export function submitTaskEdit(args: ViewArgs): Promise<void> {
  const { body, view, client } = args;
  return guardedSubmit(args, 'Saving a task edit', f.contact, async () => {
    const tr = trOf(args);
    const userId = body.user.id;
    const { workspaceId, scheduler } = kontaktOf(args.context);
    const metadata = decodeMetadata(taskEditMetadataSchema, view.private_metadata);
    if (!metadata) return errorsAck({ [f.contact]: tr.t('task.error.formExpired') });
    const current = await getTask(workspaceId, metadata.taskId);
    if (!current) return errorsAck({ [f.contact]: tr.t('task.refused.gone') });
    const actor = await getUserProfile(client, workspaceId, userId);
    const parsed = parseTaskModal(view.state.values, { today: todayIn(actor.tz), tr, keepDueDate: current.dueDate });
    const picked = (view.state.values[f.assignee]?.[f.assignee] as { selected_user?: string } | undefined)
      ?.selected_user;
    // An assignee kept as they were is not asked about again (they may since have left; the task is still theirs).
    const problem =
      picked && picked !== current.assigneeId ? await assigneeProblem(client, workspaceId, picked) : undefined;
    const assigneeError: Record<string, string> = problem ? { [f.assignee]: tr.t(ASSIGNEE_PROBLEM_KEYS[problem]) } : {};
    if (!parsed.ok) return errorsAck({ ...parsed.errors, ...assigneeError });
    if (problem) return errorsAck(assigneeError);
    const assigneeId = parsed.input.assigneeId;
    const timeZone =
      assigneeId === current.assigneeId ? current.timeZone : (await getUserProfile(client, workspaceId, assigneeId)).tz;
    const result = await updateTask({
      workspaceId,
      actor: taskActor(client, workspaceId, userId),
      taskId: current.id,
      version: metadata.version,
      input: parsed.input,
      timeZone,
      tr,
    });
    if (result.status === 'invalid') return errorsAck(taskErrorsToBlockErrors(result.errors));
    if (result.status === 'refused') return errorsAck({ [f.contact]: refusalText(tr, result) });
    const { task, before } = result;
    return {
      after: async () => {
        await scheduleReminder(scheduler, task);
        if (metadata.responseUrl)
          await replaceOriginal(client, metadata.responseUrl, taskHandledMessage(tr, task, { edited: true }));
        if (task.assigneeId !== before.assigneeId && task.assigneeId !== userId) await tellNewAssignee(args, task);
        refreshHomes(args, [before.assigneeId, task.assigneeId, userId]);
      },
    };
  });
}

async function tellNewAssignee(args: ViewArgs, task: Task): Promise<void> {
  try {
    const tr = await translatorForRecipient(task.workspaceId, { userId: task.assigneeId });
    await args.client.chat.postMessage({
      channel: task.assigneeId,
      ...taskAssignedMessage(tr, { ...task, createdBy: args.body.user.id }, { today: todayIn(task.timeZone) }),
    });
  } catch (error) {
    args.logger.warn(`Telling the new assignee about a task failed: ${(error as Error).message}`);
  }
}

/** "Cancel this task?" confirmed: cancelled if still open, unchanged since, and the clicker may change it. */
export function submitTaskCancel(args: ViewArgs): Promise<void> {
  const { body, view, client } = args;
  return guardedSubmit(
    args,
    'Cancelling a task',
    (text) => ({ response_action: 'update', view: taskNoticeModal(trOf(args), text) }),
    async () => {
      const tr = trOf(args);
      const userId = body.user.id;
      const { workspaceId, scheduler } = kontaktOf(args.context);
      const metadata = decodeMetadata(taskEditMetadataSchema, view.private_metadata);
      if (!metadata)
        return { ack: { response_action: 'update', view: taskNoticeModal(tr, tr.t('task.error.formExpired')) } };
      const change = await cancelTask(
        workspaceId,
        metadata.taskId,
        taskActor(client, workspaceId, userId),
        metadata.version,
      );
      if (change.status === 'refused')
        return { ack: { response_action: 'update', view: taskNoticeModal(tr, refusalText(tr, change)) } };
      return {
        after: async () => {
          await scheduleReminder(scheduler, change.task);
          if (metadata.responseUrl)
            await replaceOriginal(
              client,
              metadata.responseUrl,
              taskHandledMessage(tr, change.task, { cancelled: true }),
            );
          refreshHomes(args, [change.task.assigneeId, change.before.createdBy, userId]);
        },
      };
    },
  );
}
