import { Types } from 'mongoose';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { VisitModel } from '../../models/visit.model';
import { isDuplicateKeyError } from '../../db/errors';
import { t } from '../../i18n';
import { contactInputSchema, type ContactInput } from '../../schemas/contact-input';
import { getContactSetup } from '../setup/setup.service';
import type { ContactSetup } from '../setup/setup.types';
import { computedParts, deriveFields, toContact, validateContactFields, type ContactFields } from './contact-record';
import type { Contact, ContactSummary, FieldErrors } from './contact.types';
import { findDuplicateCompanies, summarize } from './duplicate.service';
import {
  applyDefaults,
  changedInheritedFields,
  flowDown,
  inheritFromCompany,
  type InheritableValues,
} from './inheritance';
import { takeNextContactNo } from './numbering.service';

export type SaveResult =
  /** `repeated`: this exact form was saved already (a double click, or Slack delivering it again). */
  | { status: 'saved'; contact: Contact; repeated?: boolean }
  | { status: 'invalid'; errors: FieldErrors }
  | { status: 'duplicates'; candidates: ContactSummary[] };

export interface CreateContactRequest {
  workspaceId: string;
  userId: string;
  input: ContactInput;
  /** Pre-allocated id, so "not a duplicate" can be recorded before the contact is saved. */
  id?: string;
  /** The user saw the duplicate candidates and chose to save anyway. */
  ignoreDuplicates?: boolean;
}

export interface UpdateContactRequest {
  workspaceId: string;
  userId: string;
  contactId: string;
  /** The version the user's modal was opened from. */
  version: number;
  input: ContactInput;
  ignoreDuplicates?: boolean;
}

const MAX_NUMBER_ATTEMPTS = 5;

/** Every field an edit rewrites; a field left blank in the modal is removed from the document. */
const STORED_FIELDS = [
  ...(Object.keys(contactInputSchema.shape) as (keyof ContactInput)[]).filter((key) => key !== 'no'),
  'companyName',
  'searchNameEdited',
  'phoneE164',
  'mobileE164',
];

/** Splits values into $set (defined) and $unset (undefined among `fields`). */
function setAndUnset(
  values: Record<string, unknown>,
  fields: string[],
): { set: Record<string, unknown>; unset: Record<string, 1> } {
  const set = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  const unset = Object.fromEntries(
    fields.filter((field) => values[field] === undefined).map((field) => [field, 1 as const]),
  );
  return { set, unset };
}

export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value);
}

/** A contact of this workspace, or undefined (also for ids that are malformed or belong to another workspace). */
export async function getContact(workspaceId: string, contactId: unknown): Promise<Contact | undefined> {
  if (!isObjectId(contactId)) return undefined;
  const doc = await ContactModel.findOne({ _id: contactId, workspaceId }).lean<ContactDocument>();
  return doc ? toContact(doc) : undefined;
}

async function loadCompany(
  workspaceId: string,
  companyId: string | null | undefined,
): Promise<Contact | undefined | null> {
  if (!companyId) return null;
  const company = await getContact(workspaceId, companyId);
  return company?.type === 'company' ? company : undefined;
}

function inheritable(contact: Partial<Contact> | ContactFields): InheritableValues {
  const {
    salespersonId,
    territory,
    country,
    language,
    address,
    address2,
    postCode,
    city,
    county,
    phone,
    mobile,
    email,
    homePage,
  } = contact;
  return {
    salespersonId,
    territory,
    country,
    language,
    address,
    address2,
    postCode,
    city,
    county,
    phone,
    mobile,
    email,
    homePage,
  };
}

function setupDefaults(setup: ContactSetup): InheritableValues {
  const { country, language, salespersonId, territory } = setup.defaults;
  return { country, language, salespersonId, territory };
}

/** Shape checks shared by create and edit; returns the fields with the company applied, or errors. */
async function resolveCompany(
  workspaceId: string,
  input: ContactInput,
): Promise<{ errors: FieldErrors } | { company: Contact | null }> {
  if (input.type === 'company') return { company: null };
  const company = await loadCompany(workspaceId, input.companyId);
  if (company === undefined) return { errors: { companyId: t('contact.error.companyGone') } };
  return { company };
}

/** Creates a company, a person at a company, or an independent person. */
export async function createContact(request: CreateContactRequest): Promise<SaveResult> {
  const { workspaceId, userId, input } = request;
  const setup = await getContactSetup(workspaceId);
  const errors: FieldErrors = validateContactFields(input);
  if (input.no && !setup.numbering.allowManual) errors.no = t('contact.error.manualNoNotAllowed');
  const resolved = await resolveCompany(workspaceId, input);
  if ('errors' in resolved) Object.assign(errors, resolved.errors);
  if (Object.keys(errors).length > 0 || 'errors' in resolved) return { status: 'invalid', errors };
  const { company } = resolved;

  const { no: manualNo, companyId: _ignored, ...typed } = input;
  let fields: ContactFields = { ...typed, companyId: company?.id ?? null, companyName: company?.name };
  if (company)
    fields = { ...fields, ...inheritFromCompany(inheritable(fields), inheritable(company), setup.inheritance) };
  fields = applyDefaults(fields, setupDefaults(setup));
  const derived = deriveFields(fields);
  const id = request.id && isObjectId(request.id) ? request.id : new Types.ObjectId().toString();

  const provisional = computedParts(
    { ...derived, no: manualNo ?? '' },
    setup.defaults.phoneRegion,
    setup.duplicates.rows,
  );
  if (derived.type === 'company' && !request.ignoreDuplicates) {
    const candidates = await findDuplicateCompanies(workspaceId, provisional.search.dupKeys, setup.duplicates, id);
    if (candidates.length > 0) return { status: 'duplicates', candidates };
  }

  for (let attempt = 1; ; attempt += 1) {
    const no = manualNo ? manualNo.toUpperCase() : await takeNextContactNo(workspaceId, setup.numbering);
    const computed = computedParts({ ...derived, no }, setup.defaults.phoneRegion, setup.duplicates.rows);
    try {
      const [created] = await ContactModel.create([
        { _id: id, workspaceId, no, ...derived, ...computed, createdBy: userId, updatedBy: userId },
      ]);
      return { status: 'saved', contact: toContact(created!.toObject() as ContactDocument) };
    } catch (error) {
      if (isDuplicateKeyError(error, '_id')) {
        // The id was reserved for this form when it opened: it is already saved.
        const existing = await getContact(workspaceId, id);
        if (existing) return { status: 'saved', contact: existing, repeated: true };
      }
      if (!isDuplicateKeyError(error, 'no')) throw error;
      if (manualNo) return { status: 'invalid', errors: { no: t('contact.error.noTaken', { no }) } };
      // A hand-typed number took this one earlier; the series simply moves on.
      if (attempt >= MAX_NUMBER_ATTEMPTS) throw error;
    }
  }
}

/** Edits a contact; company edits flow down to persons, as domain.md describes. */
export async function updateContact(request: UpdateContactRequest): Promise<SaveResult> {
  const { workspaceId, userId, input } = request;
  const existing = await getContact(workspaceId, request.contactId);
  if (!existing) return { status: 'invalid', errors: { form: t('contact.error.gone') } };
  if (existing.version !== request.version)
    return { status: 'invalid', errors: { form: t('contact.error.changedSinceOpened') } };
  const setup = await getContactSetup(workspaceId);
  const errors: FieldErrors = validateContactFields(input);
  if (input.no && input.no.toUpperCase() !== existing.no) errors.no = t('contact.error.noFixed');

  if (input.type !== existing.type) {
    if (existing.stats.interactionCount > 0) errors.type = t('contact.error.typeHasInteractions');
    else if (existing.type === 'company' && (await ContactModel.exists({ workspaceId, companyId: existing.id }))) {
      errors.type = t('contact.error.companyHasPersons');
    }
  }
  const resolved = await resolveCompany(workspaceId, input);
  if ('errors' in resolved) Object.assign(errors, resolved.errors);
  if (!('errors' in resolved) && resolved.company?.id === existing.id) errors.companyId = t('contact.error.ownCompany');
  if (Object.keys(errors).length > 0 || 'errors' in resolved) return { status: 'invalid', errors };
  const { company } = resolved;

  const { no: _no, companyId: _ignored, ...typed } = input;
  const fields: ContactFields = { ...typed, companyId: company?.id ?? null, companyName: company?.name };
  if (company && company.id !== existing.companyId) {
    const previousCompany = existing.companyId ? await getContact(workspaceId, existing.companyId) : undefined;
    const inherited = inheritFromCompany(
      inheritable(existing),
      inheritable(company),
      setup.inheritance,
      previousCompany ? inheritable(previousCompany) : undefined,
    );
    // Only fields the user left as they were take the new company's values.
    for (const [field, value] of Object.entries(inherited) as [keyof InheritableValues, string | undefined][]) {
      if (fields[field] === existing[field]) fields[field] = value;
    }
  }
  const derived = deriveFields(fields, existing);
  const computed = computedParts({ ...derived, no: existing.no }, setup.defaults.phoneRegion, setup.duplicates.rows);
  if (derived.type === 'company' && !request.ignoreDuplicates) {
    const candidates = await findDuplicateCompanies(
      workspaceId,
      computed.search.dupKeys,
      setup.duplicates,
      existing.id,
    );
    if (candidates.length > 0) return { status: 'duplicates', candidates };
  }

  const { set, unset } = setAndUnset({ ...derived, ...computed, updatedBy: userId }, STORED_FIELDS);
  const updated = await ContactModel.findOneAndUpdate(
    { _id: existing.id, workspaceId, __v: existing.version },
    { $set: set, $unset: unset, $inc: { __v: 1 } },
    { returnDocument: 'after', lean: true },
  );
  if (!updated) return { status: 'invalid', errors: { form: t('contact.error.changedSinceOpened') } };
  const contact = toContact(updated as ContactDocument);

  if (contact.type === 'company') await flowDownToPersons(workspaceId, existing, contact, setup);
  return { status: 'saved', contact };
}

/**
 * Company edits reach its persons: inherited fields whose person value still equals the company's old value,
 * and the company name, which always follows. Each person's search keys are rebuilt with it.
 */
async function flowDownToPersons(
  workspaceId: string,
  before: Contact,
  after: Contact,
  setup: ContactSetup,
): Promise<void> {
  const changes = changedInheritedFields(inheritable(before), inheritable(after), setup.inheritance);
  const renamed = before.name !== after.name;
  if (changes.length === 0 && !renamed) return;
  const persons = await ContactModel.find({ workspaceId, companyId: after.id }).lean<ContactDocument[]>();
  const writes = persons.flatMap((doc) => {
    const person = toContact(doc);
    const updates = flowDown(inheritable(person), changes);
    if (Object.keys(updates).length === 0 && !renamed) return [];
    const fields = { ...person, ...updates, companyName: after.name } as ContactFields & { no: string };
    const computed = computedParts(fields, setup.defaults.phoneRegion, setup.duplicates.rows);
    const { set, unset } = setAndUnset({ ...updates, companyName: after.name, ...computed }, Object.keys(updates));
    return [
      { updateOne: { filter: { _id: doc._id, workspaceId }, update: { $set: set, $unset: unset, $inc: { __v: 1 } } } },
    ];
  });
  if (writes.length > 0) await ContactModel.bulkWrite(writes, { ordered: false });
}

/**
 * Deletes a contact; a company's persons go with it. Their visits are kept with the contact link cleared (the
 * names stay on the visits as text).
 */
export async function deleteContact(workspaceId: string, contactId: string): Promise<{ deleted: number } | undefined> {
  const contact = await getContact(workspaceId, contactId);
  if (!contact) return undefined;
  const persons =
    contact.type === 'company'
      ? await ContactModel.find({ workspaceId, companyId: contact.id }, { _id: 1 }).lean()
      : [];
  const ids = [new Types.ObjectId(contact.id), ...persons.map((person) => person._id)];
  const { deletedCount } = await ContactModel.deleteMany({ workspaceId, _id: { $in: ids } });
  await VisitModel.updateMany(
    { workspaceId, subjects: { $in: ids }, contactId: { $in: ids } },
    { $set: { contactId: null } },
  );
  await VisitModel.updateMany(
    { workspaceId, subjects: { $in: ids }, companyId: { $in: ids } },
    { $set: { companyId: null } },
  );
  return { deleted: deletedCount };
}

/** A company's persons, first `limit` by name, with the total. */
export async function listPersons(
  workspaceId: string,
  companyId: string,
  limit = 10,
): Promise<{ persons: ContactSummary[]; total: number }> {
  const filter = { workspaceId, companyId: new Types.ObjectId(companyId) };
  const [docs, total] = await Promise.all([
    ContactModel.find(filter).sort({ 'search.nameKey': 1 }).limit(limit).lean<ContactDocument[]>(),
    ContactModel.countDocuments(filter),
  ]);
  return { persons: docs.map((doc) => summarize(toContact(doc))), total };
}

/** The contacts a user changed most recently (App Home). */
export async function recentContactsOf(workspaceId: string, userId: string, limit = 10): Promise<ContactSummary[]> {
  const docs = await ContactModel.find({ workspaceId, updatedBy: userId })
    .sort({ updatedAt: -1 })
    .limit(limit)
    .lean<ContactDocument[]>();
  return docs.map((doc) => summarize(toContact(doc)));
}
