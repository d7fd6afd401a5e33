import { Types } from 'mongoose';
import { TaskModel } from '../../models/task.model';
import { VisitModel } from '../../models/visit.model';
import { getWorkspaceSetup, listSetupWorkspaces } from '../setup/setup.service';
import { refreshContactStats } from './visit.service';

/** Visits read and deleted per round trip (each a range of the workspace/date index). */
const BATCH = 500;

/**
 * The first day a workspace keeps: `years` years before `now`'s day (UTC). Visits dated before it go. A 29
 * February rolls on to 1 March, so a leap-day visit is kept a day longer, never deleted early.
 */
export function retentionCutoff(now: Date, years: number): string {
  const day = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()));
  return day.toISOString().slice(0, 10);
}

/** Workspaces whose setup deletes old visits, with how many years they keep. */
export async function workspacesWithVisitRetention(): Promise<{ workspaceId: string; years: number }[]> {
  const result: { workspaceId: string; years: number }[] = [];
  for (const workspaceId of await listSetupWorkspaces()) {
    const setup = await getWorkspaceSetup(workspaceId);
    if (setup.visitRetentionYears) result.push({ workspaceId, years: setup.visitRetentionYears });
  }
  return result;
}

/**
 * Deletes a workspace's visits dated before `cutoff` (YYYY-MM-DD), logged or cancelled, a batch at a time: a
 * task made from a visit loses the link first (the task stays), then the visits go, then the visit figures of
 * their contacts are recomputed from the visits left. A round cut off after a delete leaves figures that the
 * hourly integrity round recomputes (visitFigures); the next night's round deletes what is left. Returns how
 * many visits were deleted.
 */
export async function deleteVisitsBefore(workspaceId: string, cutoff: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const batch = await VisitModel.find({ workspaceId, date: { $lt: cutoff } }, { _id: 1, contactId: 1, companyId: 1 })
      .sort({ date: -1 })
      .limit(BATCH)
      .lean<{ _id: Types.ObjectId; contactId?: Types.ObjectId | null; companyId?: Types.ObjectId | null }[]>();
    if (batch.length === 0) return deleted;
    const ids = batch.map((visit) => visit._id);
    await TaskModel.updateMany({ workspaceId, visitId: { $in: ids } }, { $set: { visitId: null } });
    const result = await VisitModel.deleteMany({ workspaceId, _id: { $in: ids }, date: { $lt: cutoff } });
    deleted += result.deletedCount;
    const contacts = new Set(
      batch.flatMap((visit) => [visit.contactId, visit.companyId]).filter((id): id is Types.ObjectId => Boolean(id)),
    );
    for (const contactId of [...contacts].map(String)) await refreshContactStats(workspaceId, contactId);
  }
}
