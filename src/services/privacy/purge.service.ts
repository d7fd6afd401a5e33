import type { Types } from 'mongoose';
import { TaskModel } from '../../models/task.model';
import { VisitModel } from '../../models/visit.model';
import type { Actor } from '../people/permissions.service';

const BATCH = 1_000;

export type PurgeResult = { status: 'notAdmin' } | { status: 'purged'; count: number };

/** How many cancelled visits the workspace holds (the purge's question names it). */
export async function countCancelledVisits(workspaceId: string): Promise<number> {
  return VisitModel.countDocuments({ workspaceId, status: 'cancelled' });
}

/**
 * Removes every cancelled visit of the workspace, of any contact (Business Central's "delete canceled
 * interactions"): a cancelled visit counts nowhere, but still holds its notes and who it was with. Admins only.
 * In batches; a task that came from such a visit's follow-up stays, without the link. Running it again after a
 * stop finishes the rest.
 */
export async function purgeCancelledVisits(workspaceId: string, actor: Actor): Promise<PurgeResult> {
  if (!(await actor.isAdmin())) return { status: 'notAdmin' };
  let count = 0;
  for (;;) {
    const batch = await VisitModel.find({ workspaceId, status: 'cancelled' }, { _id: 1 })
      .limit(BATCH)
      .lean<{ _id: Types.ObjectId }[]>();
    if (batch.length === 0) break;
    const ids = batch.map((visit) => visit._id);
    await TaskModel.updateMany({ workspaceId, visitId: { $in: ids } }, { $set: { visitId: null } });
    count += (await VisitModel.deleteMany({ workspaceId, _id: { $in: ids }, status: 'cancelled' })).deletedCount;
    if (batch.length < BATCH) break;
  }
  return { status: 'purged', count };
}
