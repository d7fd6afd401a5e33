import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const searchSchema = new Schema(
  {
    /** Folded full name (see services/search/fold.ts): exact and starts-with matches, sort order. */
    // Empty when the name has nothing searchable (an emoji-only name is still a name).
    nameKey: { type: String, default: '' },
    /** Folded search name, when it differs from the name. */
    searchNameKey: { type: String },
    /** Folded No. (`ct000042`). */
    noKey: { type: String, required: true },
    /** Every folded word and digit string the contact can be found by (prefix-searched through an index). */
    terms: { type: [String], default: [] },
    /** Symmetric-delete keys of name words: candidates for similar spellings. */
    fuzzy: { type: [String], default: [] },
    /** Duplicate-search strings of companies, `FIELD:F|L:VALUE`. */
    dupKeys: { type: [String], default: [] },
    cityKey: { type: String },
    /** The e-mail address lower-cased: persons sharing one are possible duplicates (duplicate-candidates.service.ts). */
    emailKey: { type: String },
    /** Every code-list value the contact uses, `list:CODE` (industryGroups:MANU, territories:WEST…): filters and usage counts. */
    codes: { type: [String], default: [] },
  },
  { _id: false },
);

const contactSchema = new Schema(
  {
    workspaceId: { type: String, required: true },
    no: { type: String, required: true },
    type: { type: String, enum: ['company', 'person'], required: true },
    name: { type: String, required: true },
    name2: String,
    searchName: { type: String, required: true },
    /** Search Name follows Name until a user edits it. */
    searchNameEdited: { type: Boolean, default: false },
    firstName: String,
    middleName: String,
    surname: String,
    companyId: { type: Schema.Types.ObjectId, default: null },
    /** The company's name, kept in step with it, for lists and cards without a second query. */
    companyName: String,
    address: String,
    address2: String,
    postCode: String,
    city: String,
    county: String,
    country: String,
    phone: String,
    phoneE164: String,
    mobile: String,
    mobileE164: String,
    email: String,
    homePage: String,
    salespersonId: String,
    territory: String,
    language: String,
    vatRegNo: String,
    industryGroups: { type: [String], default: [] },
    businessRelations: { type: [String], default: [] },
    jobTitle: String,
    organizationalLevel: String,
    jobResponsibilities: { type: [String], default: [] },
    salutation: String,
    privacyBlocked: { type: Boolean, default: false },
    /** Persons: a minor (setting it sets privacyBlocked until parental consent is received). */
    minor: { type: Boolean, default: false },
    parentalConsentReceived: { type: Boolean, default: false },
    stats: {
      interactionCount: { type: Number, default: 0 },
      lastInteractionAt: Date,
      lastAttemptAt: Date,
    },
    search: { type: searchSchema, required: true },
    createdBy: { type: String, required: true },
    updatedBy: { type: String, required: true },
    /**
     * Soft delete: set when the contact (or its company) was deleted; it is then left out of every question the
     * app asks, until an admin restores it or the purge job removes it for good (see contact-deletion.model.ts).
     */
    deletedAt: Date,
    deletedBy: String,
    /** The deletion record this contact went with (a company and its persons share one). */
    deletionId: Schema.Types.ObjectId,
    /** Merged into another contact (contact_merges): hidden like a deleted one until the merge is undone. */
    mergedInto: Schema.Types.ObjectId,
    /** On a merged contact: its merge record. On a kept contact: the last merge that wrote its values. */
    mergeRecordId: Schema.Types.ObjectId,
    /** Nos. of contacts merged into this one: `/contact <old No.>` and search still find it. */
    aliasNos: { type: [String], default: undefined },
    /** The same, folded like search.noKey. */
    aliasNoKeys: { type: [String], default: undefined },
    /**
     * A company edit whose changes have not yet reached all its persons. Written in the same update as the
     * company, cleared once every person has them: a retry, the next edit or the repair job finishes it.
     */
    flowDown: {
      type: new Schema(
        {
          by: { type: String, required: true },
          /** The version the edit was made from (the company is at fromVersion + 1 while this is set). */
          fromVersion: { type: Number, required: true },
          at: { type: Date, required: true },
          changes: [new Schema({ field: String, from: String, to: String }, { _id: false })],
        },
        { _id: false },
      ),
      default: undefined,
    },
    /**
     * A change not yet in the change log (change-log.service.ts): written in the same update as the change,
     * cleared once the log row is written; the next edit, a retry or the repair job finishes it.
     */
    changeMark: {
      type: new Schema(
        {
          key: { type: String, required: true },
          kind: { type: String, required: true },
          by: { type: String, required: true },
          at: { type: Date, required: true },
          fields: [new Schema({ field: String, old: String, new: String }, { _id: false })],
        },
        { _id: false },
      ),
      default: undefined,
    },
  },
  { timestamps: true, optimisticConcurrency: true, collection: 'contacts' },
);

// Every query starts with the workspace; each index below serves one kind of question.
contactSchema.index({ workspaceId: 1, no: 1 }, { unique: true });
contactSchema.index({ workspaceId: 1, 'search.terms': 1 });
contactSchema.index({ workspaceId: 1, 'search.fuzzy': 1 });
contactSchema.index({ workspaceId: 1, 'search.dupKeys': 1 });
contactSchema.index({ workspaceId: 1, 'search.nameKey': 1 });
contactSchema.index({ workspaceId: 1, companyId: 1, 'search.nameKey': 1 });
contactSchema.index({ workspaceId: 1, salespersonId: 1, 'search.nameKey': 1 });
contactSchema.index({ workspaceId: 1, 'search.cityKey': 1, 'search.nameKey': 1 });
contactSchema.index({ workspaceId: 1, 'search.codes': 1 });
contactSchema.index({ workspaceId: 1, type: 1, _id: 1 });
contactSchema.index({ workspaceId: 1, updatedBy: 1, updatedAt: -1 });
contactSchema.index({ workspaceId: 1, _id: 1 });
// An import matches a person to an existing one by e-mail.
contactSchema.index({ workspaceId: 1, email: 1 });
// Persons sharing an e-mail address or a mobile number are possible duplicates (duplicate-candidates.service.ts).
contactSchema.index({ workspaceId: 1, 'search.emailKey': 1 });
contactSchema.index({ workspaceId: 1, mobileE164: 1 });
// A merged contact's old No. finds the contact it was merged into (contact-search.service.ts).
contactSchema.index(
  { workspaceId: 1, aliasNoKeys: 1 },
  { partialFilterExpression: { aliasNoKeys: { $exists: true } }, name: 'alias_nos' },
);
// Live contacts are asked for with `deletedAt: null` on top of the indexes above: deleted ones are at most 30 days'
// worth, so the filter skips few index entries, and a null in the keys would split each index range in two
// (null and missing) and lose the sort order several lists take from their index. Deleted ones are found by
// their deletion, through this small index that holds only them.
contactSchema.index(
  { workspaceId: 1, deletionId: 1 },
  { partialFilterExpression: { deletionId: { $exists: true } }, name: 'deleted_by_deletion' },
);

export type ContactDocument = InferSchemaType<typeof contactSchema> & { _id: Types.ObjectId; __v?: number };
export const ContactModel = model('Contact', contactSchema);
