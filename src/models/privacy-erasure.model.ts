import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * One erasure of a person's (or a company's and its persons') data, and its log. Written first, with status
 * `running` and the ids to erase — never the erased values — then every scrub runs (each idempotent), then the
 * status says `done`. A record left `running` by a crash is finished at the next start (services/privacy:
 * resumeUnfinishedErasures). What stays afterwards is who erased which No. and when: the erasure's own log.
 */
const privacyErasureSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    /** The contact asked for (a company's persons are in `contactIds` too). */
    contactId: { type: Schema.Types.ObjectId, required: true },
    /** Which No. was erased: the log keeps it, without name or any other value. */
    no: { type: String, required: true },
    type: { type: String, enum: ['company', 'person'], required: true },
    /** Every contact the erasure removes: the contact and, for a company, its persons. */
    contactIds: { type: [Schema.Types.ObjectId], required: true },
    status: { type: String, enum: ['running', 'done'], required: true },
    requestedBy: { type: String, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: Date,
    /** The scrubs finished so far (by name), for progress and the log. */
    done: { type: [String], default: [] },
    /** How many documents each scrub changed or removed (numbers only). */
    counts: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'privacy_erasures' },
);
privacyErasureSchema.index({ workspaceId: 1, startedAt: -1 });
privacyErasureSchema.index({ status: 1, startedAt: 1 });
privacyErasureSchema.index({ workspaceId: 1, contactId: 1, startedAt: -1 });
/** One running erasure per contact: a double click continues the first. */
privacyErasureSchema.index(
  { workspaceId: 1, contactId: 1 },
  { unique: true, partialFilterExpression: { status: 'running' }, name: 'one_running_per_contact' },
);

export type PrivacyErasureDocument = InferSchemaType<typeof privacyErasureSchema> & { _id: Types.ObjectId };
export const PrivacyErasureModel = model('PrivacyErasure', privacyErasureSchema);
