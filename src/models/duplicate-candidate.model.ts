import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * Two live contacts that look like duplicates (`/contact duplicates`, the card's "Possible duplicate of …"),
 * `a` < `b` so a pair is stored once. Kept in step when contacts change; rebuilt for a whole workspace by a scan
 * (duplicate_scans) when setup's duplicate rules change or on demand. Pairs marked "not a duplicate"
 * (separate_contacts) are never stored here.
 */
const duplicateCandidateSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    a: { type: Schema.Types.ObjectId, required: true },
    b: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: ['company', 'person'], required: true },
    /** 0–100: how alike; the list shows the most alike first. */
    score: { type: Number, required: true },
    /** Why: `rules` (companies: setup's search strings), `email`, `mobile`, `nameAtCompany` (persons). */
    reasons: { type: [String], default: [] },
    /** Companies: how many of setup's search strings are equal, and how many rows there were. */
    hits: Number,
    rows: Number,
    /** The workspace scan that last wrote the pair; a finished scan removes pairs older than itself. */
    gen: { type: Number, default: 0 },
  },
  { collection: 'duplicate_candidates', timestamps: true },
);
duplicateCandidateSchema.index({ workspaceId: 1, a: 1, b: 1 }, { unique: true });
duplicateCandidateSchema.index({ workspaceId: 1, b: 1 });
// The list: most alike first, then in a fixed order so pages never overlap.
duplicateCandidateSchema.index({ workspaceId: 1, score: -1, _id: 1 });
duplicateCandidateSchema.index({ workspaceId: 1, gen: 1 });

export type DuplicateCandidateDocument = InferSchemaType<typeof duplicateCandidateSchema> & { _id: Types.ObjectId };
export const DuplicateCandidateModel = model('DuplicateCandidate', duplicateCandidateSchema);

/** A workspace's rebuild of its candidates: walked in _id batches, resumed from `after` if it stopped. */
const duplicateScanSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    /** Bumped by every request for a rebuild; a running scan that sees a newer one starts over. */
    gen: { type: Number, required: true },
    status: { type: String, enum: ['running', 'done'], required: true },
    /** The last contact done (the walk is by _id). */
    after: { type: Schema.Types.ObjectId, default: null },
    done: { type: Number, default: 0 },
    total: { type: Number, default: 0 },
    /** The runner holds the scan until then, renewing it after every batch; a lapsed lease may be taken over. */
    leaseUntil: Date,
    finishedAt: Date,
  },
  { collection: 'duplicate_scans', timestamps: true },
);
duplicateScanSchema.index({ workspaceId: 1 }, { unique: true });
duplicateScanSchema.index({ status: 1, leaseUntil: 1 });

export type DuplicateScanDocument = InferSchemaType<typeof duplicateScanSchema> & { _id: Types.ObjectId };
export const DuplicateScanModel = model('DuplicateScan', duplicateScanSchema);
