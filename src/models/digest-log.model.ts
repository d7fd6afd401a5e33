import { Schema, model } from 'mongoose';

/**
 * One row per manager and ISO week: that week's digest, pending until its DM went out, then sent. The unique
 * index is what makes "at most one digest per manager per week" hold across restarts, retries and several app
 * instances; a claim (`claimedUntil`) keeps two instances from posting the same pending row at once.
 * Rows written before digests were retried have no status and a `sentAt`: they count as sent.
 */
const digestLogSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    managerId: { type: String, required: true },
    week: { type: String, required: true },
    /** The days the digest covers (YYYY-MM-DD), so a retry on a later day sends the same week. */
    from: String,
    to: String,
    status: { type: String, enum: ['pending', 'sent', 'abandoned'] },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: Date,
    claimedUntil: Date,
    /** Why the last attempt failed (a Slack error code or a message; never a token). */
    lastError: String,
    createdAt: Date,
    sentAt: Date,
  },
  { collection: 'digest_log' },
);
digestLogSchema.index({ workspaceId: 1, managerId: 1, week: 1 }, { unique: true });
digestLogSchema.index({ workspaceId: 1, status: 1, nextAttemptAt: 1 });

export const DigestLogModel = model('DigestLog', digestLogSchema);
