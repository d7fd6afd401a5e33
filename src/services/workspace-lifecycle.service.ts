import mongoose from 'mongoose';
// Every model registered, so workspaceModels() sees them all whoever imported this first.
import '../models';
import { InstallationModel } from '../models/installation.model';
import { WorkspaceStatusModel } from '../models/workspace-status.model';
import { installationKey } from '../oauth/installation-store';
import { clearUserCache } from './people/user-directory';

/** The models that record the installation itself: the removal's own bookkeeping, not the workspace's data. */
const LIFECYCLE_MODELS = new Set(['Installation', 'WorkspaceStatus']);

/**
 * Every model that holds a workspace's own data: each with a `workspaceId` path. Read from the registered models
 * rather than listed, so a collection added later (imports and opportunities once were missed) is removed too.
 */
function workspaceModels(): string[] {
  return mongoose
    .modelNames()
    .filter((name) => !LIFECYCLE_MODELS.has(name) && mongoose.model(name).schema.path('workspaceId') !== undefined);
}

/**
 * An uninstall: the tokens go at once, the data is kept until `deleteAfter` (a reinstall before then restores
 * access to all of it). Returns when the data will be deleted.
 */
export async function markUninstalled(
  installation: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean },
  retentionDays: number,
  now = new Date(),
): Promise<{ workspaceId: string; deleteAfter: Date }> {
  const workspaceId = installationKey(installation);
  await InstallationModel.deleteOne({ key: workspaceId });
  clearUserCache(workspaceId);
  const deleteAfter = new Date(now.getTime() + retentionDays * 86_400_000);
  await WorkspaceStatusModel.updateOne(
    { workspaceId },
    { $set: { uninstalledAt: now, deleteAfter } },
    { upsert: true },
  );
  return { workspaceId, deleteAfter };
}

/** An install or reinstall: nothing is pending deletion any more. */
export async function markInstalled(workspaceId: string): Promise<void> {
  await WorkspaceStatusModel.deleteOne({ workspaceId });
}

/**
 * Deletes everything a workspace stored, if it is still uninstalled and its grace period is over (a reinstall
 * in between cancels it). Returns how many documents were deleted, or undefined when nothing was due.
 */
export async function removeWorkspaceDataIfDue(workspaceId: string, now = new Date()): Promise<number | undefined> {
  const status = await WorkspaceStatusModel.findOne({ workspaceId }).lean();
  if (!status?.deleteAfter || status.deleteAfter > now) return undefined;
  let deleted = 0;
  for (const name of workspaceModels()) deleted += await deleteAllOf(name, workspaceId);
  await WorkspaceStatusModel.deleteOne({ workspaceId });
  return deleted;
}

const REMOVAL_BATCH = 1_000;

/**
 * Deletes a workspace's documents a batch at a time: one deleteMany of a big workspace could outlast the database
 * operation bound (db/connection.ts), and a batch that fails leaves the rest for the job's next run.
 */
async function deleteAllOf(modelName: string, workspaceId: string): Promise<number> {
  const model = mongoose.model(modelName);
  let deleted = 0;
  for (;;) {
    const batch = await model.find({ workspaceId }, { _id: 1 }).limit(REMOVAL_BATCH).lean<{ _id: unknown }[]>();
    if (batch.length === 0) return deleted;
    deleted += (await model.deleteMany({ workspaceId, _id: { $in: batch.map((doc) => doc._id) } })).deletedCount;
  }
}
