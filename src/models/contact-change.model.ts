import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

export const contactChangeKinds = ['create', 'edit', 'delete', 'restore', 'import', 'merge', 'erase'] as const;
export type ContactChangeKind = (typeof contactChangeKinds)[number];

/**
 * One change to one contact, for the change log admins read on the card (and the per-person export): who, when,
 * what kind, and field by field the old and new values. `key` names the write it records (`edit:<id>:<version>`,
 * `delete:<deletionId>:<id>`…), unique per workspace, so recording the same write twice (a retry, the repair
 * job) leaves one row. An erasure drops the values and the name (`erased`), keeping who, when, kind and fields.
 */
const contactChangeSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    key: { type: String, required: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    contactNo: { type: String, required: true },
    /** The contact's name when the change was made (dropped on erasure). */
    contactName: String,
    at: { type: Date, required: true },
    /** A Slack user id, or 'import' / 'system'. */
    by: { type: String, required: true },
    kind: { type: String, enum: contactChangeKinds, required: true },
    /** The values came from the contact's company (a company edit flowing down to its persons). */
    inherited: { type: Boolean, default: undefined },
    fields: {
      type: [new Schema({ field: { type: String, required: true }, old: String, new: String }, { _id: false })],
      default: [],
    },
    /** Set when the personal values were dropped (erasure). */
    erased: { type: Boolean, default: undefined },
  },
  { collection: 'contact_changes' },
);
contactChangeSchema.index({ workspaceId: 1, key: 1 }, { unique: true });
// The card's "latest changes" and the erasure's sweep of one contact.
contactChangeSchema.index({ workspaceId: 1, contactId: 1, at: -1 });

export type ContactChangeDocument = InferSchemaType<typeof contactChangeSchema> & { _id: Types.ObjectId };
export const ContactChangeModel = model('ContactChange', contactChangeSchema);
