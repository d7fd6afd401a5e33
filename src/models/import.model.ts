import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/** A reason a row cannot be imported, as an i18n key and its values, so each reader gets it in their language. */
const rowErrorSchema = new Schema({ key: { type: String, required: true }, vars: Schema.Types.Mixed }, { _id: false });

/**
 * One import of a file, from the preview to its undo. The rows themselves are staged in `import_rows`, so the
 * preview, a changed mapping, the job (on any instance, after a restart) and the undo all read the same rows.
 */
const importSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    userId: { type: String, required: true },
    fileName: { type: String, required: true },
    /** reading → previewed → queued → running → done (→ undone); `failed` when the file could not be read. */
    state: { type: String, required: true },
    headerRowNo: Number,
    headers: { type: [String], default: [] },
    /** Target per column (null: ignored). */
    mapping: { type: [String], default: [] },
    options: {
      keepNumbers: { type: Boolean, default: false },
      onMatch: { type: String, default: 'skip' },
    },
    /** Salesperson values of the file and the Slack user each is (null: matches nobody; reported). */
    salespeople: [new Schema({ value: String, userId: String }, { _id: false })],
    preview: Schema.Types.Mixed,
    /** Where the job is: rows of this phase up to `throughRowNo` are finished. */
    progress: {
      phase: String,
      throughRowNo: { type: Number, default: 0 },
      done: { type: Number, default: 0 },
      total: { type: Number, default: 0 },
      /** The highest number of the series among the contacts created so far (the series moves past it at the end). */
      highestNo: Number,
      /**
       * The ids and numbers chosen for the batch in hand, stored before its contacts are written: an attempt cut off
       * half-way is finished with the same contacts, never a second one. Cleared when the batch is done.
       */
      pending: {
        type: [new Schema({ rowNo: Number, id: Schema.Types.ObjectId, no: String }, { _id: false })],
        default: undefined,
      },
    },
    counts: {
      created: { type: Number, default: 0 },
      updated: { type: Number, default: 0 },
      skipped: { type: Number, default: 0 },
      failed: { type: Number, default: 0 },
    },
    /** The admin's DM and the progress message in it (kept so a resumed job updates the same message). */
    dm: { channel: String, ts: String },
    startedAt: Date,
    finishedAt: Date,
    undo: Schema.Types.Mixed,
    /** After this the staged rows are removed (by their TTL) and the import can no longer be undone. */
    expiresAt: { type: Date, required: true },
  },
  { collection: 'imports', timestamps: true },
);
importSchema.index({ workspaceId: 1, _id: 1 });
importSchema.index({ state: 1, updatedAt: 1 });
importSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type ImportDocument = InferSchemaType<typeof importSchema> & { _id: Types.ObjectId };
export const ImportModel = model('Import', importSchema);

/** One row of an imported file: its cells, what the preview made of it, and what the job did with it. */
const importRowSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    importId: { type: Schema.Types.ObjectId, required: true },
    rowNo: { type: Number, required: true },
    cells: { type: [String], default: [] },
    /** company | person | independent | invalid (set from the mapping; `error` says why it is invalid). */
    kind: { type: String, required: true },
    /** The file's No. for this row, upper-cased. */
    fileNo: String,
    /** Folded name of a valid company row, so persons find it by name. */
    nameKey: String,
    error: { type: rowErrorSchema, default: undefined },
    /** The No. the job gave the row's contact. */
    plannedNo: String,
    /** created | updated | skipped | failed, once the job has done the row. */
    outcome: String,
    contactId: Schema.Types.ObjectId,
    /** For updates: the contact's fields before, and its version after, so an undo can tell later changes. */
    before: Schema.Types.Mixed,
    afterVersion: Number,
    expiresAt: { type: Date, required: true },
  },
  { collection: 'import_rows' },
);
importRowSchema.index({ workspaceId: 1, importId: 1, rowNo: 1 }, { unique: true });
importRowSchema.index({ workspaceId: 1, importId: 1, fileNo: 1 });
importRowSchema.index({ workspaceId: 1, importId: 1, nameKey: 1 });
importRowSchema.index({ workspaceId: 1, importId: 1, outcome: 1, rowNo: 1 });
importRowSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type ImportRowDocument = InferSchemaType<typeof importRowSchema> & { _id: Types.ObjectId };
export const ImportRowModel = model('ImportRow', importRowSchema);
