import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db/errors';
import { translator, type Translator } from '../../i18n';
import { TaskModel, type TaskDocument } from '../../models/task.model';
import { addDays } from '../calendar';
import { getContact, isObjectId } from '../contacts/contact.service';
import { getVisit } from '../visits/visit.service';
import { getOpportunity } from '../opportunities/opportunity.service';
import { toTask } from './task-record';
import { bucketOf, COUNT_PENDING, moveTaskCount } from './task-counts';
import type { Task, TaskErrors, TaskInput, TaskRefusal } from './task.types';

/** Who acts on a task: the rule asks whether they are a manager (or admin) only when they are not on the task. */
export interface TaskActor {
  userId: string;
  isManager(): Promise<boolean>;
}

export type CreateTaskResult =
  { status: 'saved'; task: Task; created: boolean } | { status: 'invalid'; errors: TaskErrors };

export type TaskChange =
  { status: 'changed'; task: Task; before: Task } | { status: 'refused'; why: TaskRefusal; task?: Task };

/** Titles longer than this are cut by the modal already; a service caller gets the same bound. */
export const TITLE_MAX = 150;
export const NOTE_MAX = 2000;

/** The assignee, the creator, managers and admins may change a task; anyone else sees it read-only. */
export async function mayChangeTask(task: Pick<Task, 'assigneeId' | 'createdBy'>, actor: TaskActor): Promise<boolean> {
  if (task.assigneeId === actor.userId || task.createdBy === actor.userId) return true;
  return actor.isManager();
}

export async function getTask(workspaceId: string, taskId: unknown): Promise<Task | undefined> {
  if (!isObjectId(taskId)) return undefined;
  const doc = await TaskModel.findOne({ _id: taskId, workspaceId }).lean<TaskDocument>();
  return doc ? toTask(doc) : undefined;
}

/** The task a visit's follow-up became, if any. */
export async function taskOfVisit(workspaceId: string, visitId: string): Promise<Task | undefined> {
  if (!isObjectId(visitId)) return undefined;
  const doc = await TaskModel.findOne({ workspaceId, visitId: new Types.ObjectId(visitId) }).lean<TaskDocument>();
  return doc ? toTask(doc) : undefined;
}

/**
 * Stores a task. The contact must be a live, not privacy-blocked contact of this workspace, a visit one of its
 * visits, an opportunity a well-formed id (the opportunity service checks it further once it exists). Idempotent:
 * the same key stores one task, however often the form is delivered. Whether the assignee may be given a task is
 * Slack's to say (see people/assignee.ts), checked by the caller before this.
 */
export async function createTask(request: {
  workspaceId: string;
  actorId: string;
  input: TaskInput;
  /** The assignee's time zone: the due day and time are theirs. */
  timeZone: string;
  idempotencyKey: string;
  tr?: Translator;
}): Promise<CreateTaskResult> {
  const { workspaceId, input } = request;
  const tr = request.tr ?? translator('en');
  const errors: TaskErrors = {};
  const contact = await getContact(workspaceId, input.contactId);
  if (!contact) errors.contactId = tr.t('task.error.contactGone');
  else if (contact.privacyBlocked) errors.contactId = tr.t('task.error.privacyBlocked', { name: contact.name });
  if (input.visitId !== undefined && !(await getVisit(workspaceId, input.visitId)))
    errors.form = tr.t('task.error.visitGone');
  if (input.opportunityId !== undefined && !(await getOpportunity(workspaceId, input.opportunityId)))
    errors.form = tr.t('task.error.opportunityGone');
  const title = input.title.trim().slice(0, TITLE_MAX);
  if (title === '') errors.title = tr.t('task.error.titleRequired');
  if (!contact || Object.keys(errors).length > 0) return { status: 'invalid', errors };
  try {
    const [doc] = await TaskModel.create([
      {
        workspaceId,
        title,
        contactId: new Types.ObjectId(contact.id),
        contactNo: contact.no,
        contactName: contact.name,
        opportunityId: input.opportunityId ? new Types.ObjectId(input.opportunityId) : null,
        visitId: input.visitId ? new Types.ObjectId(input.visitId) : null,
        assigneeId: input.assigneeId,
        createdBy: request.actorId,
        dueDate: input.dueDate,
        dueTime: input.dueTime ?? null,
        timeZone: request.timeZone,
        priority: input.priority,
        note: (input.note ?? '').slice(0, NOTE_MAX),
        idempotencyKey: request.idempotencyKey,
        ...COUNT_PENDING,
      },
    ]);
    const task = toTask(doc!.toObject() as TaskDocument);
    await moveTaskCount(workspaceId, task.id, undefined, bucketOf(task));
    return { status: 'saved', task, created: true };
  } catch (error) {
    if (!isDuplicateKeyError(error, 'idempotencyKey')) throw error;
    const existing = await TaskModel.findOne({
      workspaceId,
      idempotencyKey: request.idempotencyKey,
    }).lean<TaskDocument>();
    if (!existing) throw error;
    return { status: 'saved', task: toTask(existing), created: false };
  }
}

/** Why an open-only change found nothing to change: the task as it is now says. */
async function refusalFor(workspaceId: string, taskId: string): Promise<TaskChange> {
  const now = await getTask(workspaceId, taskId);
  if (!now) return { status: 'refused', why: 'gone' };
  if (now.status === 'done') return { status: 'refused', why: 'alreadyDone', task: now };
  if (now.status === 'cancelled') return { status: 'refused', why: 'cancelled', task: now };
  return { status: 'refused', why: 'changed', task: now };
}

/**
 * One change to an open task, for someone allowed to make it: applied only to the version read (optimistic
 * concurrency), so a Done and a Snooze racing each other cannot both win, and a second Done is told it was done.
 */
async function changeOpenTask(
  workspaceId: string,
  taskId: unknown,
  actor: TaskActor,
  change: (task: Task) => Record<string, unknown>,
  /** The version the actor saw (an edit modal's): a task changed since is refused, not overwritten. */
  expectedVersion?: number,
): Promise<TaskChange> {
  const before = await getTask(workspaceId, taskId);
  if (!before) return { status: 'refused', why: 'gone' };
  if (!(await mayChangeTask(before, actor))) return { status: 'refused', why: 'notAllowed', task: before };
  if (before.status !== 'open') return refusalFor(workspaceId, before.id);
  if (expectedVersion !== undefined && before.version !== expectedVersion)
    return { status: 'refused', why: 'changed', task: before };
  const doc = await TaskModel.findOneAndUpdate(
    // A task stored without the field (an import, an older write) is version 0.
    {
      _id: before.id,
      workspaceId,
      status: 'open',
      version: before.version === 0 ? { $in: [0, null] } : before.version,
    },
    { $set: { ...change(before), ...COUNT_PENDING }, $inc: { version: 1 } },
    { returnDocument: 'after', lean: true },
  );
  if (!doc) return refusalFor(workspaceId, before.id);
  const task = toTask(doc as TaskDocument);
  await moveTaskCount(workspaceId, task.id, bucketOf(before), bucketOf(task));
  return { status: 'changed', task, before };
}

/** Done: the task is closed by `actor`; no reminder for it goes out after this. */
export function completeTask(workspaceId: string, taskId: unknown, actor: TaskActor): Promise<TaskChange> {
  return changeOpenTask(workspaceId, taskId, actor, () => ({
    status: 'done',
    doneAt: new Date(),
    doneBy: actor.userId,
  }));
}

/** Snooze or re-date: the task is due on `dueDate` (its time kept), and is reminded on that day only. */
export function redateTask(
  workspaceId: string,
  taskId: unknown,
  actor: TaskActor,
  dueDate: string,
  timeZone?: string,
): Promise<TaskChange> {
  return changeOpenTask(workspaceId, taskId, actor, () => ({ dueDate, ...(timeZone ? { timeZone } : {}) }));
}

/** Cancel: the task stays, marked, and is neither listed as open nor reminded. */
export function cancelTask(
  workspaceId: string,
  taskId: unknown,
  actor: TaskActor,
  expectedVersion?: number,
): Promise<TaskChange> {
  return changeOpenTask(
    workspaceId,
    taskId,
    actor,
    () => ({ status: 'cancelled', cancelledAt: new Date(), cancelledBy: actor.userId }),
    expectedVersion,
  );
}

export type UpdateTaskResult = TaskChange | { status: 'invalid'; errors: TaskErrors };

/**
 * Edit: every field of an open task, for someone allowed to change it, on the version the modal was opened with.
 * The contact is re-checked (live, of this workspace, not privacy-blocked); a new due date is reminded on that day.
 */
export async function updateTask(request: {
  workspaceId: string;
  actor: TaskActor;
  taskId: unknown;
  version: number;
  input: TaskInput;
  /** The (new) assignee's time zone. */
  timeZone: string;
  tr?: Translator;
}): Promise<UpdateTaskResult> {
  const { workspaceId, input } = request;
  const tr = request.tr ?? translator('en');
  const current = await getTask(workspaceId, request.taskId);
  if (!current) return { status: 'refused', why: 'gone' };
  if (!(await mayChangeTask(current, request.actor))) return { status: 'refused', why: 'notAllowed', task: current };
  const errors: TaskErrors = {};
  const contact = await getContact(workspaceId, input.contactId);
  if (!contact) errors.contactId = tr.t('task.error.contactGone');
  else if (contact.privacyBlocked) errors.contactId = tr.t('task.error.privacyBlocked', { name: contact.name });
  const title = input.title.trim().slice(0, TITLE_MAX);
  if (title === '') errors.title = tr.t('task.error.titleRequired');
  if (!contact || Object.keys(errors).length > 0) return { status: 'invalid', errors };
  return changeOpenTask(
    workspaceId,
    current.id,
    request.actor,
    () => ({
      title,
      contactId: new Types.ObjectId(contact.id),
      contactNo: contact.no,
      contactName: contact.name,
      assigneeId: input.assigneeId,
      dueDate: input.dueDate,
      dueTime: input.dueTime ?? null,
      timeZone: request.timeZone,
      priority: input.priority,
      note: (input.note ?? '').slice(0, NOTE_MAX),
    }),
    request.version,
  );
}

/**
 * A contact deletion's step: the open tasks of its contacts are cancelled, each marked with the deletion so its
 * restore opens them again. Idempotent (a resumed deletion cancels what is still open); returns how many it cancelled.
 */
export async function cancelTasksForDeletion(
  workspaceId: string,
  contactIds: Types.ObjectId[],
  deletion: { id: Types.ObjectId; by: string },
): Promise<number> {
  if (contactIds.length === 0) return 0;
  const open = await TaskModel.find(
    { workspaceId, contactId: { $in: contactIds }, status: 'open' },
    { _id: 1, assigneeId: 1, dueDate: 1, status: 1 },
  ).lean<Pick<TaskDocument, '_id' | 'assigneeId' | 'dueDate' | 'status'>[]>();
  let cancelled = 0;
  for (const task of open) {
    // One at a time and only while still open: a task done meanwhile stays done, and its count moves once.
    const doc = await TaskModel.findOneAndUpdate(
      { _id: task._id, workspaceId, status: 'open' },
      {
        $set: {
          status: 'cancelled',
          cancelledAt: new Date(),
          cancelledBy: deletion.by,
          cancelledFor: deletion.id,
          ...COUNT_PENDING,
        },
        $inc: { version: 1 },
      },
      { returnDocument: 'before', lean: true },
    );
    if (!doc) continue;
    await moveTaskCount(workspaceId, task._id.toString(), bucketOf(doc as TaskDocument), undefined);
    cancelled += 1;
  }
  return cancelled;
}

/** A contact restore's step: the tasks its deletion cancelled are open again. Idempotent; returns the tasks opened. */
export async function reopenTasksOfDeletion(workspaceId: string, deletionId: Types.ObjectId): Promise<Task[]> {
  const cancelled = await TaskModel.find(
    { workspaceId, cancelledFor: deletionId, status: 'cancelled' },
    { _id: 1 },
  ).lean<{ _id: Types.ObjectId }[]>();
  const reopened: Task[] = [];
  for (const { _id } of cancelled) {
    const doc = await TaskModel.findOneAndUpdate(
      { _id, workspaceId, cancelledFor: deletionId, status: 'cancelled' },
      {
        $set: { status: 'open', cancelledAt: null, cancelledBy: null, cancelledFor: null, ...COUNT_PENDING },
        $inc: { version: 1 },
      },
      { returnDocument: 'after', lean: true },
    );
    if (!doc) continue;
    const task = toTask(doc as TaskDocument);
    await moveTaskCount(workspaceId, task.id, undefined, bucketOf(task));
    reopened.push(task);
  }
  return reopened;
}

/**
 * Takes the reminder for a task's due date: true for exactly one caller per task and due date, and only while the
 * task is open and still due that day — however many instances run the job, and after any restart.
 */
export async function claimReminder(workspaceId: string, taskId: string, dueDate: string): Promise<Task | undefined> {
  if (!isObjectId(taskId)) return undefined;
  const doc = await TaskModel.findOneAndUpdate(
    { _id: taskId, workspaceId, status: 'open', dueDate, remindedFor: { $ne: dueDate } },
    { $set: { remindedFor: dueDate } },
    { returnDocument: 'after', lean: true, timestamps: false },
  );
  return doc ? toTask(doc as TaskDocument) : undefined;
}

/** A reminder that could not be delivered is given back, so the next attempt may send it. */
export async function releaseReminder(workspaceId: string, taskId: string, dueDate: string): Promise<void> {
  await TaskModel.updateOne(
    { _id: taskId, workspaceId, remindedFor: dueDate },
    { $set: { remindedFor: null } },
    { timestamps: false },
  );
}

// ---- lists ---------------------------------------------------------------------------------------------------

export interface HomeTasks {
  /** Open tasks due by the end of the next 7 days, overdue first, at most `limit`. */
  tasks: Task[];
  overdue: number;
  today: number;
  /** Due after today, within 7 days. */
  week: number;
}

/** "My tasks" on Home: overdue, today, the next 7 days; counted in full, listed up to `limit`. */
export async function homeTasks(workspaceId: string, userId: string, today: string, limit: number): Promise<HomeTasks> {
  const mine = { workspaceId, assigneeId: userId, status: 'open' as const };
  const weekEnd = addDays(today, 7);
  const [tasks, overdue, dueToday, week] = await Promise.all([
    TaskModel.find({ ...mine, dueDate: { $lte: weekEnd } })
      .sort({ dueDate: 1 })
      .limit(limit)
      .lean<TaskDocument[]>(),
    TaskModel.countDocuments({ ...mine, dueDate: { $lt: today } }),
    TaskModel.countDocuments({ ...mine, dueDate: today }),
    TaskModel.countDocuments({ ...mine, dueDate: { $gt: today, $lte: weekEnd } }),
  ]);
  return { tasks: tasks.map(toTask), overdue, today: dueToday, week };
}

export { openTasksByAssignee, type AssigneeCounts } from './task-counts';

/** Open tasks, soonest due first: one person's or (no assignee) the team's, optionally only overdue ones. */
export async function listOpenTasks(
  workspaceId: string,
  filter: { assigneeId?: string; overdueBefore?: string },
  limit: number,
): Promise<{ tasks: Task[]; total: number }> {
  const query = {
    workspaceId,
    ...(filter.assigneeId ? { assigneeId: filter.assigneeId } : {}),
    status: 'open' as const,
    ...(filter.overdueBefore ? { dueDate: { $lt: filter.overdueBefore } } : {}),
  };
  const [tasks, total] = await Promise.all([
    TaskModel.find(query).sort({ dueDate: 1 }).limit(limit).lean<TaskDocument[]>(),
    TaskModel.countDocuments(query),
  ]);
  return { tasks: tasks.map(toTask), total };
}

/** Open tasks due within `range` (the digest's "due next week"), soonest first, and how many there are. */
export async function openTasksDueIn(
  workspaceId: string,
  range: { from: string; to: string },
  limit: number,
): Promise<{ tasks: Task[]; total: number }> {
  const query = { workspaceId, status: 'open' as const, dueDate: { $gte: range.from, $lte: range.to } };
  const [tasks, total] = await Promise.all([
    TaskModel.find(query).sort({ dueDate: 1 }).limit(limit).lean<TaskDocument[]>(),
    TaskModel.countDocuments(query),
  ]);
  return { tasks: tasks.map(toTask), total };
}

/** The team's oldest overdue open tasks (`/contact tasks team`; their number comes from the kept counts). */
export async function oldestOverdueTasks(workspaceId: string, today: string, limit: number): Promise<Task[]> {
  const tasks = await TaskModel.find({ workspaceId, status: 'open', dueDate: { $lt: today } })
    .sort({ dueDate: 1 })
    .limit(limit)
    .lean<TaskDocument[]>();
  return tasks.map(toTask);
}

/** Per assignee: tasks done between two instants (the digest's week). */
export async function doneTasksByAssignee(
  workspaceId: string,
  from: Date,
  to: Date,
): Promise<{ userId: string; done: number }[]> {
  const rows = await TaskModel.aggregate<{ _id: string; done: number }>([
    { $match: { workspaceId, status: 'done', doneAt: { $gte: from, $lt: to } } },
    { $group: { _id: '$assigneeId', done: { $sum: 1 } } },
  ]);
  return rows.map((row) => ({ userId: row._id, done: row.done }));
}

/** An opportunity's open tasks, soonest due first (its card). */
export async function opportunityOpenTasks(
  workspaceId: string,
  opportunityId: string,
  limit: number,
): Promise<{ tasks: Task[]; total: number }> {
  if (!isObjectId(opportunityId)) return { tasks: [], total: 0 };
  const query = { workspaceId, opportunityId: new Types.ObjectId(opportunityId), status: 'open' as const };
  const [tasks, total] = await Promise.all([
    TaskModel.find(query).sort({ dueDate: 1 }).limit(limit).lean<TaskDocument[]>(),
    TaskModel.countDocuments(query),
  ]);
  return { tasks: tasks.map(toTask), total };
}

/** A contact's open tasks, soonest due first (the card). */
export async function contactOpenTasks(
  workspaceId: string,
  contactId: string,
  limit: number,
): Promise<{ tasks: Task[]; total: number }> {
  if (!isObjectId(contactId)) return { tasks: [], total: 0 };
  const query = { workspaceId, contactId: new Types.ObjectId(contactId), status: 'open' as const };
  const [tasks, total] = await Promise.all([
    TaskModel.find(query).sort({ dueDate: 1 }).limit(limit).lean<TaskDocument[]>(),
    TaskModel.countDocuments(query),
  ]);
  return { tasks: tasks.map(toTask), total };
}
