import mongoose from 'mongoose';
import { InstallationModel } from '../models/installation.model';
import { WorkspaceStatusModel } from '../models/workspace-status.model';
import { installationKey } from '../oauth/installation-store';
import { clearUserCache } from './people/user-directory';

/** Every collection that holds a workspace's own data (each document carries `workspaceId`). */
const WORKSPACE_COLLECTIONS = [
  'Contact',
  'ContactDeletion',
  'Visit',
  'Setup',
  'SetupAudit',
  'ContactDraft',
  'NumberSeries',
  'DuplicatePair',
  'DigestLog',
  'ExportLock',
];

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
  for (const name of WORKSPACE_COLLECTIONS) {
    deleted += (await mongoose.model(name).deleteMany({ workspaceId })).deletedCount;
  }
  await WorkspaceStatusModel.deleteOne({ workspaceId });
  return deleted;
}
