import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * One change of an opportunity (NAV's opportunity entry): who, when, the stage from → to, and the value and
 * chances after it. Kept inside the opportunity, so the change and its entry are one atomic write: two people
 * moving the same deal can never leave a change without its entry or an entry without its change.
 */
const entrySchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: String, required: true },
    action: {
      type: String,
      enum: ['created', 'stage', 'update', 'won', 'lost', 'reopened', 'recalculated'],
      required: true,
    },
    fromStage: { type: Number, default: null },
    toStage: { type: Number, default: null },
    estimatedValue: { type: Number, required: true },
    chancesPct: { type: Number, required: true },
    probabilityPct: { type: Number, required: true },
    calculatedValue: { type: Number, required: true },
    /** What an update changed, as field names (value, closingDate, chances, priority, description). */
    fields: { type: [String], default: undefined },
    closeCode: String,
    actualValue: Number,
  },
  { _id: false },
);

/**
 * A sales opportunity (NAV's Opportunity): a deal a salesperson is working on with a contact, moved through the
 * stages of a sales cycle. The contact's number and name are kept as text so lists need no join.
 */
const opportunitySchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    no: { type: String, required: true },
    description: { type: String, required: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    contactNo: { type: String, required: true },
    contactName: { type: String, required: true },
    /** A person's company, kept too: the company's card lists its persons' deals. */
    companyId: { type: Schema.Types.ObjectId, default: null },
    companyName: String,
    /** Contact and company ids: one index answers "open deals of X" for persons and companies alike. */
    subjects: { type: [Schema.Types.ObjectId], default: [] },
    salespersonId: { type: String, required: true },
    cycleCode: { type: String, required: true },
    /** The current stage's no.; null while not started. */
    stageNo: { type: Number, default: null },
    status: { type: String, enum: ['not_started', 'in_progress', 'won', 'lost'], required: true },
    estimatedValue: { type: Number, required: true, default: 0 },
    currency: { type: String, required: true, default: 'NOK' },
    chancesPct: { type: Number, required: true, default: 0 },
    /** Derived: the cycle's calculation over chances and the stage's completed %, and value × probability. */
    probabilityPct: { type: Number, required: true, default: 0 },
    calculatedValue: { type: Number, required: true, default: 0 },
    /** Estimated closing day, YYYY-MM-DD. */
    closingDate: { type: String, default: null },
    priority: { type: String, enum: ['low', 'normal', 'high'], default: 'normal' },
    closeCode: String,
    actualValue: Number,
    /** The day it was won or lost, YYYY-MM-DD; null while open. */
    closedDate: { type: String, default: null },
    createdBy: { type: String, required: true },
    /** The New opportunity form it came from: the same form submitted twice stores one deal. */
    idempotencyKey: { type: String, required: true },
    entries: { type: [entrySchema], default: [] },
    /** Bumped by every change: a change made from an older version is refused and the user told. */
    version: { type: Number, required: true, default: 0 },
    /**
     * The moves of the kept pipeline totals (models/pipeline-total.model.ts) still to be added: written in the same
     * write as the change, cleared once added (services/opportunities/pipeline-totals.ts).
     */
    totalsMarks: {
      type: [
        new Schema(
          {
            key: { type: String, required: true },
            at: { type: Date, required: true },
            moves: [new Schema({ s: String, p: String, d: Number }, { _id: false })],
          },
          { _id: false },
        ),
      ],
      default: undefined,
    },
  },
  { collection: 'opportunities', timestamps: true },
);
opportunitySchema.index({ workspaceId: 1, no: 1 }, { unique: true });
opportunitySchema.index({ workspaceId: 1, idempotencyKey: 1 }, { unique: true });
/** My pipeline, My pipeline on Home (next by closing date), `@user`. */
opportunitySchema.index({ workspaceId: 1, salespersonId: 1, status: 1, closingDate: 1 });
/** The team's pipeline and the closing filters. */
opportunitySchema.index({ workspaceId: 1, status: 1, closingDate: 1 });
/** Won / lost this quarter. */
opportunitySchema.index({ workspaceId: 1, closedDate: 1 });
/** A contact's (or its company's) open deals: the card, the log-visit select, the delete refusal. */
opportunitySchema.index({ workspaceId: 1, subjects: 1, status: 1 });
/** The digest's "this week": deals with an entry in the week. */
opportunitySchema.index({ workspaceId: 1, 'entries.at': 1 });
opportunitySchema.index({ workspaceId: 1, _id: 1 });
/** Deals whose pipeline totals move is not added yet (the repair's question). */
opportunitySchema.index({ workspaceId: 1, 'totalsMarks.at': 1 });

export type OpportunityEntryDocument = InferSchemaType<typeof entrySchema>;
export type OpportunityDocument = InferSchemaType<typeof opportunitySchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};
export const OpportunityModel = model('Opportunity', opportunitySchema);

const stageSchema = new Schema(
  {
    no: { type: Number, required: true },
    description: { type: String, required: true },
    completedPct: { type: Number, required: true },
    chancesPct: { type: Number, required: true },
    allowSkip: { type: Boolean, default: false },
  },
  { _id: false },
);

const codeSchema = new Schema({ code: String, description: String }, { _id: false });

/**
 * A workspace's opportunity setup: number series, sales cycles with their stages, close codes, the default cycle
 * and currency, and the deal news channel. Absent until first needed; then written from the defaults in the
 * workspace's language, so the ready cycle keeps its names if the language changes later.
 */
const opportunitySetupSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    numbering: { prefix: String, digits: Number },
    cycles: [
      new Schema(
        {
          code: { type: String, required: true },
          description: { type: String, required: true },
          calculation: { type: String, enum: ['multiply', 'add', 'chances', 'completed'], required: true },
          stages: [stageSchema],
        },
        { _id: false },
      ),
    ],
    closeCodes: { won: [codeSchema], lost: [codeSchema] },
    defaultCycle: String,
    currency: String,
    news: {
      channelId: String,
      won: Boolean,
      created: Boolean,
      lost: Boolean,
      /** Post a move to this stage no. or beyond (absent: moves are not posted). */
      movedFrom: Number,
    },
    version: { type: Number, required: true, default: 0 },
    /** Set while a changed cycle's deals get new values, until the kept pipeline totals are recounted. */
    totalsStale: { type: Date, default: undefined },
    /**
     * A setup save whose follow-ups (the number series, the audit entry) are not done yet: written with the save,
     * cleared after them; the next save finishes them first (as setups' `pending`).
     */
    pending: {
      type: new Schema(
        {
          by: { type: String, required: true },
          fromVersion: { type: Number, required: true },
          at: { type: Date, required: true },
          section: { type: String, required: true },
          auditId: { type: Schema.Types.ObjectId, required: true },
          changes: [new Schema({ field: String, from: String, to: String }, { _id: false })],
          nextNo: Number,
        },
        { _id: false },
      ),
      default: undefined,
    },
  },
  { collection: 'opportunity_setups', timestamps: true },
);
opportunitySetupSchema.index({ workspaceId: 1 }, { unique: true });

export type OpportunitySetupDocument = InferSchemaType<typeof opportunitySetupSchema>;
export const OpportunitySetupModel = model('OpportunitySetup', opportunitySetupSchema);
