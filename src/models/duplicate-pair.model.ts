import { Schema, model } from 'mongoose';

/** Two contacts (companies or persons) a user said are not duplicates ("Separate Contacts"); `a` < `b` so a pair is stored once. */
const duplicatePairSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    a: { type: Schema.Types.ObjectId, required: true },
    b: { type: Schema.Types.ObjectId, required: true },
    markedBy: { type: String, required: true },
  },
  { collection: 'separate_contacts', timestamps: true },
);
duplicatePairSchema.index({ workspaceId: 1, a: 1, b: 1 }, { unique: true });
duplicatePairSchema.index({ workspaceId: 1, b: 1 });

export const DuplicatePairModel = model('DuplicatePair', duplicatePairSchema);
