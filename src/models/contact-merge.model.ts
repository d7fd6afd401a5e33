import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * One merge of two contacts (Business Central's "Merge duplicate records"): the kept contact takes the chosen
 * values, the merged one's persons, visits, opportunities, tasks and "not a duplicate" pairs, and keeps its No. as
 * an alias; the merged contact is then hidden (soft, like a deletion). The record is written first, with the
 * whole plan, so every later step is an idempotent function of it; it outlives the merge as its audit.
 *
 * `running` → `done` → `undoing` → `undone`; `abandoned`: stopped before the merged contact was hidden (nothing
 * to undo). A record left in `running` or `undoing` by a failure is finished by the repair job.
 */
const idList = { type: [Schema.Types.ObjectId], default: [] };

const contactMergeSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    keepId: { type: Schema.Types.ObjectId, required: true },
    mergeId: { type: Schema.Types.ObjectId, required: true },
    type: { type: String, enum: ['company', 'person'], required: true },
    keepNo: { type: String, required: true },
    mergeNo: { type: String, required: true },
    keepName: { type: String, required: true },
    mergeName: { type: String, required: true },
    /** The versions the user merged from: the kept contact is at keepVersion + 1 once its values are in. */
    keepVersion: { type: Number, required: true },
    mergeVersion: { type: Number, required: true },
    /** Field → which side's value survived ('keep' | 'merge'), for the fields where the two differed. */
    choices: { type: Schema.Types.Mixed, default: {} },
    /** The kept contact's values before the merge, and the values it takes (undefined = cleared). */
    before: { type: Schema.Types.Mixed, required: true },
    after: { type: Schema.Types.Mixed, required: true },
    /** Both contacts in full as they were, for the audit. */
    keepDoc: { type: Schema.Types.Mixed, required: true },
    mergeDoc: { type: Schema.Types.Mixed, required: true },
    /** What moves from the merged contact to the kept one (and back on undo). */
    personIds: idList,
    visitIds: idList,
    companyVisitIds: idList,
    opportunityIds: idList,
    companyOpportunityIds: idList,
    taskIds: idList,
    pairIds: idList,
    /** The "not a duplicate" pairs as they were (a, b, markedBy), written when they move: undo puts them back. */
    pairs: { type: Schema.Types.Mixed, default: undefined },
    /**
     * The pairs the merge added to the kept contact (a, b): copies of the merged one's that it did not have yet,
     * written before they are. Undo removes exactly these, and the kept contact's own marks stay.
     */
    copiedPairs: { type: Schema.Types.Mixed, default: undefined },
    /** One merge in progress per contact: both ids, under a unique index while `active` (running or undoing). */
    locks: idList,
    active: Boolean,
    mergedBy: { type: String, required: true },
    mergedAt: { type: Date, required: true },
    finishedAt: Date,
    /** Undoable until then. */
    undoUntil: { type: Date, required: true },
    status: { type: String, enum: ['running', 'done', 'undoing', 'undone', 'abandoned'], required: true },
    statusAt: { type: Date, required: true },
    /** A roll-forward found the kept contact changed by someone else: its values were left as they were. */
    valuesSkipped: Boolean,
    undoneBy: String,
    undoneAt: Date,
    /**
     * Past undoUntil the merged contact is removed for good (purgeDueMerges): `purgingAt` claims the record (an
     * undo is refused from then on), `purgedAt` says it is done. The record itself stays, for the audit, and the
     * kept contact keeps the alias No.
     */
    purgingAt: Date,
    purgedAt: Date,
    /** Set when a contact on either side was erased (privacy): the documents and names are gone, no undo. */
    erasedAt: Date,
  },
  { collection: 'contact_merges', minimize: false },
);
contactMergeSchema.index({ workspaceId: 1, mergedAt: -1 });
contactMergeSchema.index({ workspaceId: 1, status: 1, statusAt: 1 });
// At start, the merges any workspace left half-done (resumeUnfinishedMerges).
contactMergeSchema.index({ status: 1, statusAt: 1 });
// Merges past their undo period whose merged contact is still kept (purgeDueMerges).
contactMergeSchema.index({ workspaceId: 1, status: 1, undoUntil: 1 });
contactMergeSchema.index({ workspaceId: 1, keepId: 1, mergedAt: -1 });
// An erasure finds the merges a contact was merged away in (erasure-scrubbers.ts).
contactMergeSchema.index({ workspaceId: 1, mergeId: 1 });
contactMergeSchema.index(
  { workspaceId: 1, locks: 1 },
  { unique: true, partialFilterExpression: { active: true }, name: 'one_merge_per_contact' },
);

export type ContactMergeDocument = InferSchemaType<typeof contactMergeSchema> & { _id: Types.ObjectId };
export const ContactMergeModel = model('ContactMerge', contactMergeSchema);
