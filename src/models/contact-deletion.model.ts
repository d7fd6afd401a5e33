import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * One deletion of a contact (a company with its persons, or one person): who deleted what and when, and where
 * it stands. The record outlives the contact, as the audit of the deletion.
 *
 * `pending` → `deleted` (the contacts are marked) → `restoring` → `restored`, or `deleted` → `purging` →
 * `purged` after the grace period. `abandoned`: the deletion failed before any contact was marked. Each move is
 * a conditional update from the state before it, so a restore and the purge can never both happen; a record
 * left in `pending`, `restoring` or `purging` by a failure is finished by a retry or by the repair job.
 */
const contactDeletionSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    contactNo: { type: String, required: true },
    contactName: { type: String, required: true },
    type: { type: String, enum: ['company', 'person'], required: true },
    /** A company's persons that went with it. */
    personIds: { type: [Schema.Types.ObjectId], default: [] },
    deletedBy: { type: String, required: true },
    deletedAt: { type: Date, required: true },
    /** Restorable until then; the purge job removes the contacts after it. */
    purgeAfter: { type: Date, required: true },
    status: {
      type: String,
      enum: ['pending', 'deleted', 'restoring', 'restored', 'purging', 'purged', 'abandoned'],
      required: true,
    },
    /** When the status last moved (a record stuck in a passing state is finished by the repair job). */
    statusAt: { type: Date, required: true },
    restoredBy: String,
    restoredAt: Date,
    purgedAt: Date,
  },
  { collection: 'contact_deletions' },
);
// The admins' list of recent deletions, newest first.
contactDeletionSchema.index({ workspaceId: 1, deletedAt: -1 });
// Due purges and unfinished moves.
contactDeletionSchema.index({ workspaceId: 1, status: 1, purgeAfter: 1 });
// One deletion in progress per contact: a second Delete click continues the first instead of starting another.
contactDeletionSchema.index(
  { workspaceId: 1, contactId: 1 },
  { unique: true, partialFilterExpression: { status: 'pending' }, name: 'one_pending_per_contact' },
);

export type ContactDeletionDocument = InferSchemaType<typeof contactDeletionSchema> & { _id: Types.ObjectId };
export const ContactDeletionModel = model('ContactDeletion', contactDeletionSchema);
