import { Schema, model } from 'mongoose';

/**
 * One row per manager and ISO week a digest was sent for. Inserted before the DM goes out; the unique index is
 * what makes "exactly one digest per manager per week" hold across restarts and several app instances.
 */
const digestLogSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    managerId: { type: String, required: true },
    week: { type: String, required: true },
    sentAt: { type: Date, required: true },
  },
  { collection: 'digest_log' },
);
digestLogSchema.index({ workspaceId: 1, managerId: 1, week: 1 }, { unique: true });

export const DigestLogModel = model('DigestLog', digestLogSchema);
