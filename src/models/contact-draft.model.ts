import { Schema, model } from 'mongoose';

/**
 * A contact form held while the user looks at possible duplicates: Slack's submission of the pushed duplicates
 * view does not carry the form under it. Drafts expire after an hour.
 */
const contactDraftSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
    /** Create: the id the new contact will get. Edit: the contact's id. */
    contactId: { type: Schema.Types.ObjectId, required: true },
    mode: { type: String, enum: ['create', 'edit'], required: true },
    version: Number,
    channelId: String,
    input: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, default: () => new Date() },
  },
  { collection: 'contact_drafts' },
);
contactDraftSchema.index({ workspaceId: 1, userId: 1, contactId: 1 }, { unique: true });
contactDraftSchema.index({ createdAt: 1 }, { expireAfterSeconds: 3600 });

export const ContactDraftModel = model('ContactDraft', contactDraftSchema);
