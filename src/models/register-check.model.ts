import { Schema, Types, model } from 'mongoose';

/**
 * What the weekly check last learned from Enhetsregisteret about one company of a workspace, and what its
 * salesperson was told. A company is checked again a week after `checkedAt`; news (bankrupt, deleted) is told
 * once per status, so a bankruptcy is not repeated every week, and a DM that failed is sent on the next run.
 */
const registerCheckSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    contactId: { type: Types.ObjectId, required: true },
    /** The org.nr. checked (a company whose VAT number changed is checked again at once). */
    orgNo: { type: String, required: true },
    status: { type: String, enum: ['active', 'bankrupt', 'windingUp', 'deleted', 'unknown'], required: true },
    /** `YYYY-MM-DD`, when the register gave the deletion date. */
    deletedOn: String,
    checkedAt: { type: Date, required: true },
    /** The status the salesperson (or the admins) were last told about; unset while there is nothing to tell. */
    toldStatus: String,
  },
  { collection: 'register_checks' },
);
registerCheckSchema.index({ workspaceId: 1, contactId: 1 }, { unique: true });
// The news not told yet: few, read by every run.
registerCheckSchema.index({ workspaceId: 1, status: 1 });

export const RegisterCheckModel = model('RegisterCheck', registerCheckSchema);
