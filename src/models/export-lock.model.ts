import { Schema, model } from 'mongoose';

/**
 * The one export a workspace may run at a time, shared by every app instance through the unique index. The
 * running export pushes `expiresAt` forward while it works; a crashed one stops doing so, and its lock counts as
 * free once `expiresAt` has passed (the TTL index only tidies the collection up, up to a minute late).
 */
const exportLockSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    /** Random per export: only the export that took the lock renews or releases it. */
    holder: { type: String, required: true },
    userId: { type: String, required: true },
    startedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'export_locks' },
);
exportLockSchema.index({ workspaceId: 1 }, { unique: true });
exportLockSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const ExportLockModel = model('ExportLock', exportLockSchema);
