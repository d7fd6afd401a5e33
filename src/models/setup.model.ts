import { Schema, model } from 'mongoose';

const codeEntry = new Schema(
  { code: { type: String, required: true }, description: { type: String, default: '' } },
  { _id: false },
);

/**
 * A workspace's setup (NAV's Marketing Setup), one document per workspace. Absent until an admin first saves;
 * until then the documented defaults apply. `version` guards against two admins overwriting each other.
 */
const setupSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    version: { type: Number, required: true, default: 0 },
    /** The sections an admin has saved at least once: the day-one checklist ticks what was decided. */
    decided: { type: [String], default: undefined },
    numbering: { prefix: String, digits: Number, allowManual: Boolean },
    inheritance: {
      salesperson: Boolean,
      territory: Boolean,
      country: Boolean,
      language: Boolean,
      address: Boolean,
      communication: Boolean,
    },
    defaults: { country: String, language: String, salespersonId: String, territory: String, phoneRegion: String },
    duplicates: {
      autosearch: Boolean,
      hitPercent: Number,
      rows: [new Schema({ field: String, part: String, length: Number }, { _id: false })],
    },
    codes: {
      businessRelations: [codeEntry],
      industryGroups: [codeEntry],
      territories: [codeEntry],
      jobResponsibilities: [codeEntry],
      organizationalLevels: [codeEntry],
    },
    interactionTypes: [
      new Schema(
        { code: String, description: String, durationMin: Number, cost: Number, flow: String, initiatedBy: String },
        { _id: false },
      ),
    ],
    roles: { admins: [String], managers: [String] },
    digest: { enabled: Boolean, weekday: Number, time: String, timeZone: String },
    language: String,
    importForEveryone: Boolean,
    /** Contact cards may be shared to channels (absent: on). */
    sharingEnabled: Boolean,
    /** Visits older than this many years are deleted every night (absent or null: kept). */
    visitRetentionYears: Number,
    /** The weekly check of companies against Enhetsregisteret (absent: off). */
    registerCheck: Boolean,
    updatedBy: String,
    /**
     * The duplicate search rows (JSON) the companies' search strings were last built from. Rows that differ from
     * it mean the rebuild after a change has not finished: the next save or the repair job finishes it.
     */
    duplicateKeysFor: String,
    /**
     * A save whose follow-up writes (number series, audit entry) are not all done yet. Written with the save,
     * cleared after them: a retry, the next save or the repair job finishes them.
     */
    pending: {
      type: new Schema(
        {
          by: { type: String, required: true },
          /** The version the save was made from (setup is at fromVersion + 1 while this is set). */
          fromVersion: { type: Number, required: true },
          at: { type: Date, required: true },
          section: { type: String, required: true },
          /** The audit entry's id, chosen before it is written, so writing it twice stores it once. */
          auditId: { type: Schema.Types.ObjectId, required: true },
          changes: [new Schema({ field: String, from: String, to: String }, { _id: false })],
          /** The number series moves to this next number (absent: it does not move). */
          nextNo: Number,
        },
        { _id: false },
      ),
      default: undefined,
    },
  },
  { collection: 'setups', timestamps: true, minimize: false },
);
setupSchema.index({ workspaceId: 1 }, { unique: true });

export const SetupModel = model('Setup', setupSchema);

/** Who changed what in setup, for admins to review. */
const setupAuditSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
    at: { type: Date, required: true },
    section: { type: String, required: true },
    changes: [new Schema({ field: String, from: String, to: String }, { _id: false })],
  },
  { collection: 'setup_audit' },
);
setupAuditSchema.index({ workspaceId: 1, at: -1 });

export const SetupAuditModel = model('SetupAudit', setupAuditSchema);
