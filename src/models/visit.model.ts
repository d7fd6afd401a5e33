import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * A logged interaction with a contact (NAV's interaction log entry). Names are kept as text so the entry stays
 * readable after its contact is deleted; a cancelled entry stays, marked, and drops out of totals.
 */
const visitSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    /** Null once the contact has been deleted. */
    contactId: { type: Schema.Types.ObjectId, default: null },
    contactNo: { type: String, required: true },
    contactName: { type: String, required: true },
    /** The contact's company when the visit happened: it stays there if the person moves on. */
    companyId: { type: Schema.Types.ObjectId, default: null },
    companyName: String,
    /** Contact and company ids: one index answers "history of X" for persons and companies alike. */
    subjects: { type: [Schema.Types.ObjectId], default: [] },
    salespersonId: { type: String, required: true },
    typeCode: { type: String, required: true },
    typeDescription: { type: String, required: true },
    /** Calendar day of the visit (YYYY-MM-DD) in the salesperson's time zone. */
    date: { type: String, required: true },
    description: { type: String, default: '' },
    evaluation: {
      type: String,
      enum: ['very_positive', 'positive', 'neutral', 'negative', 'very_negative'],
      default: 'neutral',
    },
    attemptFailed: { type: Boolean, default: false },
    durationMin: { type: Number, default: 0 },
    cost: { type: Number, default: 0 },
    followUpDate: String,
    /** The salesperson marked the follow-up handled (Done on the reminder): no reminder goes out after that. */
    followUpDoneAt: Date,
    followUpDoneBy: String,
    source: { channelId: String, messageTs: String, permalink: String },
    /** The same submission delivered twice stores one visit: the key is unique per workspace. */
    idempotencyKey: { type: String, required: true },
    status: { type: String, enum: ['logged', 'cancelled'], default: 'logged' },
    cancelledBy: String,
    cancelledAt: Date,
    updatedBy: String,
    /**
     * Contacts whose visit figures an edit of this visit still has to recompute (the one it left, the one it
     * moved to). Written with the edit, cleared after: a retry of the edit finds what is left to do here.
     */
    restat: { type: [Schema.Types.ObjectId], default: undefined },
    /** The sales opportunity the visit was for (the log-visit modal's optional "Opportunity"). */
    opportunityId: { type: Schema.Types.ObjectId, default: undefined },
  },
  { collection: 'visits', timestamps: true },
);
visitSchema.index({ workspaceId: 1, idempotencyKey: 1 }, { unique: true });
visitSchema.index({ workspaceId: 1, subjects: 1, date: -1 });
visitSchema.index({ workspaceId: 1, salespersonId: 1, date: -1 });
visitSchema.index({ workspaceId: 1, date: -1 });
visitSchema.index({ workspaceId: 1, _id: 1 });
/** The digest's follow-ups due next week. */
visitSchema.index({ workspaceId: 1, followUpDate: 1 });
/** An opportunity's visits, on its card. */
visitSchema.index({ workspaceId: 1, opportunityId: 1, date: -1 });

export type VisitDocument = InferSchemaType<typeof visitSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const VisitModel = model('Visit', visitSchema);
