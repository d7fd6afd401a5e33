import { ids } from '../../ids';
import { readFollowUpTask } from '../../schemas/task-modal';
import { StateReader } from '../../schemas/view-state';
import { isIsoDate } from '../../services/calendar';
import { assigneeProblem } from '../../services/people/assignee';
import { getUserProfile } from '../../services/people/user-directory';
import { followUpTaskKey } from '../../services/tasks/follow-up-migration';
import { dueDateProblem, latestDueDate } from '../../services/tasks/task-dates';
import { createTask, redateTask, taskOfVisit } from '../../services/tasks/task.service';
import type { Visit } from '../../services/visits/visit.types';
import { kontaktOf, trOf, type ViewArgs } from '../frame';
import { ASSIGNEE_PROBLEM_KEYS } from '../views/task-modal.submit';
import { afterTaskCreated, scheduleReminder, taskActor } from './tasks';

const f = ids.task.fields;

export type FollowUpDraft = { task: { title?: string; assigneeId: string } } | { errors: Record<string, string> };

/**
 * The log-visit modal's "Follow-up task", read and checked before the visit is stored (so a refused assignee or
 * a due date years ahead costs nothing half-written): undefined when no follow-up date was given.
 */
export async function followUpTaskOf(args: ViewArgs, today: string): Promise<FollowUpDraft | undefined> {
  const values = args.view.state.values;
  const date = new StateReader(values, (blockId) => blockId).single(ids.visitField.followUp);
  if (!date) return undefined;
  const tr = trOf(args);
  const { workspaceId } = kontaktOf(args.context);
  const extras = readFollowUpTask(values);
  const assigneeId = extras.assigneeId ?? args.body.user.id;
  const errors: Record<string, string> = {};
  if (isIsoDate(date) && dueDateProblem(date, today) === 'tooLate')
    errors[ids.visitField.followUp] = tr.t('task.error.dueTooLate', { latest: tr.date(latestDueDate(today)) });
  const problem = await assigneeProblem(args.client, workspaceId, assigneeId);
  if (problem) errors[f.followUpAssignee] = tr.t(ASSIGNEE_PROBLEM_KEYS[problem]);
  if (Object.keys(errors).length > 0) return { errors };
  return { task: { ...(extras.title ? { title: extras.title } : {}), assigneeId } };
}

export interface FollowUpTaskResult {
  /** This submission stored or changed the task. */
  created: boolean;
  /** Its reminder, the assignee's DM, the Homes: after the ack. */
  after(): Promise<void>;
}

const nothing: FollowUpTaskResult = { created: false, after: async () => undefined };

/**
 * The visit's follow-up as a task: created once (its key is the visit's); when a visit is edited, a task is made
 * for a follow-up date it did not have, or its open task moves to the new date.
 */
export async function saveFollowUpTask(
  args: ViewArgs,
  visit: Visit,
  options: { followUp?: { title?: string; assigneeId: string }; edited: boolean },
): Promise<FollowUpTaskResult> {
  if (!visit.followUpDate || !visit.contactId) return nothing;
  const tr = trOf(args);
  const { workspaceId, scheduler } = kontaktOf(args.context);
  const userId = args.body.user.id;
  if (options.edited) {
    const existing = await taskOfVisit(workspaceId, visit.id);
    if (existing) {
      if (existing.status !== 'open' || existing.dueDate === visit.followUpDate) return nothing;
      const change = await redateTask(
        workspaceId,
        existing.id,
        taskActor(args.client, workspaceId, userId),
        visit.followUpDate,
      );
      if (change.status !== 'changed') return nothing;
      return { created: true, after: () => scheduleReminder(scheduler, change.task) };
    }
  } else if (!options.followUp) return nothing;
  const assigneeId = options.followUp?.assigneeId ?? visit.salespersonId;
  const assignee = await getUserProfile(args.client, workspaceId, assigneeId);
  const result = await createTask({
    workspaceId,
    actorId: userId,
    input: {
      title:
        options.followUp?.title ??
        tr.t('task.followUpTitle', { type: visit.typeDescription, date: tr.date(visit.date) }),
      contactId: visit.contactId,
      assigneeId,
      dueDate: visit.followUpDate,
      priority: 'normal',
      visitId: visit.id,
    },
    timeZone: assignee.tz,
    idempotencyKey: followUpTaskKey(visit.id),
    tr,
  });
  if (result.status !== 'saved') {
    args.logger.warn(`The follow-up task of visit ${visit.id} was not saved: ${JSON.stringify(result.errors)}`);
    return nothing;
  }
  if (!result.created) return nothing;
  return { created: true, after: () => afterTaskCreated(args, result.task) };
}
