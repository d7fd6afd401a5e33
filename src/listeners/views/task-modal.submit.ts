import { ids } from '../../ids';
import type { MessageKey } from '../../i18n';
import { decodeMetadata } from '../../schemas/view-metadata';
import { dueDateError, parseTaskModal, readSnoozeDate, taskErrorsToBlockErrors } from '../../schemas/task-modal';
import { snoozeMetadataSchema, taskModalMetadataSchema } from '../../schemas/task-values';
import { todayIn } from '../../services/calendar';
import { assigneeProblem, type AssigneeProblem } from '../../services/people/assignee';
import { getUserProfile } from '../../services/people/user-directory';
import { createTask, redateTask } from '../../services/tasks/task.service';
import { replaceOriginal } from '../../slack/response-url';
import { notifyUser } from '../../slack/notify';
import { taskHandledMessage, taskSavedMessage } from '../../views/task/task-messages';
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
