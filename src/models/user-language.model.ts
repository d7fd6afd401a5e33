import { Schema, model } from 'mongoose';

/**
 * The language a user chose for themselves (`/contact language nb`), one document per user and workspace. Kept as
 * written: a value a later version no longer knows is read as "no choice", never as an error.
 */
const userLanguageSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
    locale: { type: String, required: true },
    updatedAt: Date,
  },
  { collection: 'user_languages' },
);
userLanguageSchema.index({ workspaceId: 1, userId: 1 }, { unique: true });

export const UserLanguageModel = model('UserLanguage', userLanguageSchema);
