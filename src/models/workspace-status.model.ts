import { Schema, model } from 'mongoose';

/**
 * Whether a workspace's data is waiting to be deleted after an uninstall. A reinstall before `deleteAfter`
 * clears it; the data-removal job deletes what is left after that.
 */
const workspaceStatusSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    uninstalledAt: Date,
    deleteAfter: Date,
  },
  { collection: 'workspace_status', timestamps: true },
);
workspaceStatusSchema.index({ workspaceId: 1 }, { unique: true });

export const WorkspaceStatusModel = model('WorkspaceStatus', workspaceStatusSchema);
