import { isDuplicateKeyError } from '../../db/errors';
import { TaskCountModel } from '../../models/task-count.model';
import { TaskMigrationModel } from '../../models/task-migration.model';
import { TaskModel } from '../../models/task.model';

/**
 * Kept counts of open tasks per salesperson and due date (models/task-count.model.ts), so the team's view reads
 * one small document per salesperson, not every open task. MongoDB (standalone here) has no transaction to write a
 * task and its count together, so each write marks its task `countPending` in the same write as the change, moves
 * the count, then clears the mark; a mark left behind by a failure makes the repair job recount the workspace.
 */

/** Where a task is counted: open tasks under their assignee and due date; done and cancelled ones nowhere. */
export type CountBucket = { assigneeId: string; dueDate: string } | undefined;

export function bucketOf(task: { status: string; assigneeId: string; dueDate: string }): CountBucket {
  return task.status === 'open' ? { assigneeId: task.assigneeId, dueDate: task.dueDate } : undefined;
}

export const TASK_COUNTS = 'task-counts';
/** Set in the same write as a task change whose count is still to be moved. */
export const COUNT_PENDING = { countPending: true } as const;

async function incCount(workspaceId: string, assigneeId: string, due: Record<string, number>): Promise<void> {
  const open = Object.values(due).reduce((sum, n) => sum + n, 0);
  const inc: Record<string, number> = { open };
  for (const [date, n] of Object.entries(due)) if (n !== 0) inc[`due.${date}`] = n;
  const write = () => TaskCountModel.updateOne({ workspaceId, assigneeId }, { $inc: inc }, { upsert: true });
  try {
    await write();
  } catch (error) {
    // Two first counts of one salesperson at once: the other upsert made the document; this one adds to it.
    if (!isDuplicateKeyError(error)) throw error;
    await write();
  }
}

/** Moves one task's unit from the bucket it was counted in to the one it is in now, then clears its mark. */
export async function moveTaskCount(
  workspaceId: string,
  taskId: string,
  from: CountBucket,
  to: CountBucket,
): Promise<void> {
  const moves = new Map<string, Record<string, number>>();
  const add = (bucket: CountBucket, n: number) => {
    if (!bucket) return;
    const due = moves.get(bucket.assigneeId) ?? {};
    due[bucket.dueDate] = (due[bucket.dueDate] ?? 0) + n;
    moves.set(bucket.assigneeId, due);
  };
  add(from, -1);
  add(to, 1);
  for (const [assigneeId, due] of moves)
    if (Object.values(due).some((n) => n !== 0)) await incCount(workspaceId, assigneeId, due);
  await TaskModel.updateOne({ _id: taskId, workspaceId }, { $unset: { countPending: 1 } }, { timestamps: false });
}

/**
 * Counts a workspace's open tasks afresh and replaces the kept counts (the first start with kept counts, and the
 * repair of a write that stopped between a task and its count); then clears the marks written before it began.
 */
export async function recountTasks(workspaceId: string): Promise<number> {
  const started = new Date();
  const rows = await TaskModel.find({ workspaceId, status: 'open' }, { _id: 0, assigneeId: 1, dueDate: 1 }).lean<
    { assigneeId: string; dueDate: string }[]
  >();
  const counts = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const due = counts.get(row.assigneeId) ?? {};
    due[row.dueDate] = (due[row.dueDate] ?? 0) + 1;
    counts.set(row.assigneeId, due);
  }
  for (const [assigneeId, due] of counts)
    await TaskCountModel.updateOne(
      { workspaceId, assigneeId },
      { $set: { open: Object.values(due).reduce((sum, n) => sum + n, 0), due } },
      { upsert: true },
    );
  await TaskCountModel.updateMany(
    { workspaceId, assigneeId: { $nin: [...counts.keys()] } },
    { $set: { open: 0, due: {} } },
  );
  await TaskModel.updateMany(
    { workspaceId, countPending: true, updatedAt: { $lte: started } },
    { $unset: { countPending: 1 } },
    { timestamps: false },
  );
  return rows.length;
}

/** Builds a workspace's kept counts once (at start, for tasks written before counts were kept). */
export async function ensureTaskCounts(workspaceId: string): Promise<boolean> {
  if (await TaskMigrationModel.exists({ workspaceId, name: TASK_COUNTS })) return false;
  const count = await recountTasks(workspaceId);
  await TaskMigrationModel.updateOne(
    { workspaceId, name: TASK_COUNTS },
    { $setOnInsert: { doneAt: new Date(), count } },
    { upsert: true },
  ).catch((error: unknown) => {
    if (!isDuplicateKeyError(error)) throw error;
  });
  return true;
}

/** A task whose count was not moved (a failure between the two writes), older than `olderThan`. */
export async function countsPendingSince(workspaceId: string, olderThan?: Date): Promise<boolean> {
  return (
    (await TaskModel.exists({
      workspaceId,
      countPending: true,
      ...(olderThan ? { updatedAt: { $lte: olderThan } } : {}),
    })) !== null
  );
}

export interface AssigneeCounts {
  userId: string;
  open: number;
  overdue: number;
}

/** Per salesperson: open tasks and how many of them are overdue on `today`, from the kept counts. */
export async function openTasksByAssignee(workspaceId: string, today: string): Promise<AssigneeCounts[]> {
  const docs = await TaskCountModel.find({ workspaceId }, { _id: 0, assigneeId: 1, open: 1, due: 1 }).lean<
    { assigneeId: string; open?: number; due?: Record<string, number> }[]
  >();
  return docs
    .map((doc) => {
      let overdue = 0;
      for (const [date, n] of Object.entries(doc.due ?? {})) if (date < today) overdue += n;
      return { userId: doc.assigneeId, open: doc.open ?? 0, overdue };
    })
    .filter((row) => row.open > 0)
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.userId.localeCompare(b.userId));
}
