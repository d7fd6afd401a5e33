import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db/errors';
import { TaskMigrationModel } from '../../models/task-migration.model';
import { TaskModel, type TaskDocument } from '../../models/task.model';
import { VisitModel, type VisitDocument } from '../../models/visit.model';
import { translatorForRecipient } from '../language/language.service';
import { toTask } from './task-record';
import { bucketOf, COUNT_PENDING, moveTaskCount } from './task-counts';
import { TITLE_MAX } from './task.service';
import type { Task } from './task.types';

export const FOLLOW_UP_MIGRATION = 'visit-follow-ups-to-tasks';
const BATCH = 500;

/** The one key a visit's follow-up task is stored under, whether the visit form or the migration writes it. */
export const followUpTaskKey = (visitId: string) => `follow-up:${visitId}`;

/** "Follow up: Visit on Dec 4, 2026", in the salesperson's language. */
async function followUpTitle(visit: VisitDocument): Promise<string> {
  const tr = await translatorForRecipient(visit.workspaceId, { userId: visit.salespersonId });
  return tr.t('task.followUpTitle', { type: visit.typeDescription, date: tr.date(visit.date) }).slice(0, TITLE_MAX);
}

/**
 * The one-off migration of a workspace: every open follow-up date on a logged visit (not done, its contact not
 * deleted) becomes an open task for the visit's salesperson, due that day. Idempotent: each visit's task has one key,
 * and a finished workspace is marked, so a restart (or a second instance starting at the same time) adds nothing.
 * Returns the tasks this run created, to be scheduled by the caller; `timeZoneOf` gives each salesperson's zone.
 */
export async function migrateVisitFollowUps(
  workspaceId: string,
  timeZoneOf: (userId: string) => Promise<string>,
): Promise<Task[] | undefined> {
  if (await TaskMigrationModel.exists({ workspaceId, name: FOLLOW_UP_MIGRATION })) return undefined;
  const created: Task[] = [];
  let after: string | undefined;
  for (;;) {
    const visits = await VisitModel.find({
      workspaceId,
      followUpDate: after === undefined ? { $gt: '' } : { $gte: after },
    })
      .sort({ followUpDate: 1 })
      .limit(BATCH)
      .lean<VisitDocument[]>();
    // Pages by date: the last date of a full page is read again in full on the next one (the keys make it harmless).
    for (const visit of visits) {
      if (visit.status === 'cancelled' || visit.followUpDoneAt || !visit.contactId || !visit.followUpDate) continue;
      try {
        const [doc] = await TaskModel.create([
          {
            workspaceId,
            title: await followUpTitle(visit),
            contactId: visit.contactId,
            contactNo: visit.contactNo,
            contactName: visit.contactName,
            visitId: new Types.ObjectId(visit._id.toString()),
            assigneeId: visit.salespersonId,
            createdBy: visit.salespersonId,
            dueDate: visit.followUpDate,
            timeZone: await timeZoneOf(visit.salespersonId),
            priority: 'normal',
            idempotencyKey: followUpTaskKey(visit._id.toString()),
            ...COUNT_PENDING,
          },
        ]);
        const task = toTask(doc!.toObject() as TaskDocument);
        await moveTaskCount(workspaceId, task.id, undefined, bucketOf(task));
        created.push(task);
      } catch (error) {
        if (!isDuplicateKeyError(error, 'idempotencyKey')) throw error;
      }
    }
    if (visits.length < BATCH) break;
    const last = visits.at(-1)?.followUpDate;
    if (!last || last === after) break;
    after = last;
  }
  await TaskMigrationModel.updateOne(
    { workspaceId, name: FOLLOW_UP_MIGRATION },
    { $setOnInsert: { doneAt: new Date(), count: created.length } },
    { upsert: true },
  ).catch((error: unknown) => {
    if (!isDuplicateKeyError(error)) throw error;
  });
  return created;
}
