import { Types } from 'mongoose';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { isDuplicateKeyError } from '../../db/errors';
import { translator, type Translator } from '../../i18n';
import { contactInputSchema, type ContactInput } from '../../schemas/contact-input';
import { actorMayManageContact, type Actor } from '../people/permissions.service';
import { getContactSetup } from '../setup/setup.service';
import type { ContactSetup } from '../setup/setup.types';
import { finishFlowDown, pendingFlowDownOf, type PendingFlowDown } from './company-flow-down';
import {
  computedParts,
  deriveFields,
  inheritable,
  setAndUnset,
  toContact,
  validateContactFields,
  type ContactFields,
} from './contact-record';
import type { Contact, ContactSummary, FieldErrors } from './contact.types';
import { refreshDuplicateCandidates } from './duplicate-candidates.service';
import { findDuplicateCompanies, summarize } from './duplicate.service';
import { changedInheritedFields, inheritFromCompany, valuesFromCompany, type InheritableValues } from './inheritance';
import { live } from './live';
import { newContactFields } from './new-contact';
import { claimContactNo, releaseContactNo } from './numbering.service';
import { changeMarkOf, finishContactChanges } from './change-log.service';
import type { ContactChangeKind } from '../../models/contact-change.model';

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
  /**
   * The language the errors are worded in: the acting user's (trOf(args)). Jobs and imports, which show none of
   * them, may leave it out (English).
   */
  tr?: Translator;
}

export interface UpdateContactRequest {
  workspaceId: string;
  /** Who edits: anyone may, but only admins and the contact's salesperson change the salesperson. */
  actor: Actor;
  contactId: string;
  /** The version the user's modal was opened from. */
  version: number;
  input: ContactInput;
  ignoreDuplicates?: boolean;
  /**
   * The language the errors are worded in: the acting user's (trOf(args)). Jobs and imports, which show none of
   * them, may leave it out (English).
   */
  tr?: Translator;
  /** How the change log files this edit: an import's "update the existing contact" is an import. */
  changeKind?: Extract<ContactChangeKind, 'edit' | 'import'>;
}

const MAX_NUMBER_ATTEMPTS = 5;

const readerOf = (request: { tr?: Translator }): Translator => request.tr ?? translator('en');

/** The format checks' problems (text keys) worded for the reader. */
function formatErrors(input: ContactInput, tr: Translator): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, key] of Object.entries(validateContactFields(input))) {
    if (key) errors[field as keyof FieldErrors] = tr.t(key);
  }
  return errors;
}

/** Every field an edit rewrites; a field left blank in the modal is removed from the document. */
const STORED_FIELDS = [
  ...(Object.keys(contactInputSchema.shape) as (keyof ContactInput)[]).filter((key) => key !== 'no'),
  'companyName',
  'searchNameEdited',
  'phoneE164',
  'mobileE164',
];

export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value);
}

/** A contact of this workspace, or undefined (also for ids that are malformed or belong to another workspace). */
export async function getContact(workspaceId: string, contactId: unknown): Promise<Contact | undefined> {
  const doc = await liveContactDoc(workspaceId, contactId);
  return doc ? toContact(doc) : undefined;
}

async function liveContactDoc(workspaceId: string, contactId: unknown): Promise<ContactDocument | undefined> {
  if (!isObjectId(contactId)) return undefined;
  return (await ContactModel.findOne({ _id: contactId, workspaceId, ...live }).lean<ContactDocument>()) ?? undefined;
}

/**
 * A company of this workspace and what a new person there would take from it under the workspace's inheritance
 * switches; undefined when the id is not a live company of this workspace (a forged or stale id).
 */
export async function companyInheritance(
  workspaceId: string,
  companyId: unknown,
  setup: ContactSetup,
): Promise<{ company: Contact; values: InheritableValues } | undefined> {
  const company = await getContact(workspaceId, companyId);
  if (!company || company.type !== 'company') return undefined;
  return { company, values: valuesFromCompany(inheritable(company), setup.inheritance) };
}

async function loadCompany(
  workspaceId: string,
  companyId: string | null | undefined,
): Promise<Contact | undefined | null> {
  if (!companyId) return null;
  const company = await getContact(workspaceId, companyId);
  return company?.type === 'company' ? company : undefined;
}

/** Shape checks shared by create and edit; returns the fields with the company applied, or errors. */
async function resolveCompany(
  workspaceId: string,
  input: ContactInput,
  tr: Translator,
): Promise<{ errors: FieldErrors } | { company: Contact | null }> {
  if (input.type === 'company') return { company: null };
  const company = await loadCompany(workspaceId, input.companyId);
  if (company === undefined) return { errors: { companyId: tr.t('contact.error.companyGone') } };
  return { company };
}

/** Creates a company, a person at a company, or an independent person. */
export async function createContact(request: CreateContactRequest): Promise<SaveResult> {
  const { workspaceId, userId, input } = request;
  const tr = readerOf(request);
  const setup = await getContactSetup(workspaceId);
  const errors = formatErrors(input, tr);
  if (input.no && !setup.numbering.allowManual) errors.no = tr.t('contact.error.manualNoNotAllowed');
  const resolved = await resolveCompany(workspaceId, input, tr);
  if ('errors' in resolved) Object.assign(errors, resolved.errors);
  if (Object.keys(errors).length > 0 || 'errors' in resolved) return { status: 'invalid', errors };
  const { company } = resolved;

  const { no: manualNo, companyId: _ignored, ...typed } = input;
  const derived = newContactFields(typed, company, setup);
  const id = request.id && isObjectId(request.id) ? request.id : new Types.ObjectId().toString();

  const provisional = computedParts(
    { ...derived, no: manualNo ?? '' },
    setup.defaults.phoneRegion,
    setup.duplicates.rows,
  );
  if (derived.type === 'company' && !request.ignoreDuplicates) {
    const candidates = await findDuplicateCompanies(workspaceId, provisional.search.dupKeys, setup.duplicates, id, tr);
    if (candidates.length > 0) return { status: 'duplicates', candidates };
  }

  for (let attempt = 1; ; attempt += 1) {
    // The number belongs to this form (the reserved id): submitting it again gets the same number, not a new one.
    const no = manualNo ? manualNo.toUpperCase() : await claimContactNo(workspaceId, setup.numbering, id);
    const computed = computedParts({ ...derived, no }, setup.defaults.phoneRegion, setup.duplicates.rows);
    try {
      // The change log's row travels with the contact (see change-log.service.ts).
      const changeMark = changeMarkOf('create', `create:${id}`, userId, undefined, { ...derived, no });
      const [created] = await ContactModel.create([
        { _id: id, workspaceId, no, ...derived, ...computed, createdBy: userId, updatedBy: userId, changeMark },
      ]);
      await finishContactChanges(workspaceId, [created!.toObject() as ContactDocument & { _id: Types.ObjectId }]);
      await refreshDuplicateCandidates(workspaceId, [id]);
      return { status: 'saved', contact: toContact(created!.toObject() as ContactDocument) };
    } catch (error) {
      if (!isDuplicateKeyError(error, '_id') && !isDuplicateKeyError(error, 'no')) throw error;
      // This form was saved already (its id and number collide with itself): answer with what it saved.
      const saved = await ContactModel.findOne({ _id: id, workspaceId }).lean<ContactDocument>();
      if (saved && !saved.deletedAt) {
        // The change log and the possible duplicates too, in case the first attempt stopped before them.
        await finishContactChanges(workspaceId, [saved]);
        await refreshDuplicateCandidates(workspaceId, [id]);
        return { status: 'saved', contact: toContact(saved), repeated: true };
      }
      if (saved) return { status: 'invalid', errors: { form: tr.t('contact.error.formExpired') } };
      if (!isDuplicateKeyError(error, 'no')) throw error;
      if (manualNo) return { status: 'invalid', errors: { no: tr.t('contact.error.noTaken', { no }) } };
      // A hand-typed number took this one earlier; the form lets it go and the series simply moves on.
      if (attempt >= MAX_NUMBER_ATTEMPTS) throw error;
      await releaseContactNo(workspaceId, id);
    }
  }
}

/**
 * Whether an edit may set the contact's salesperson to `wanted` (see mayManageContact). Returns the error for
 * the salesperson field, or undefined when it may.
 */
async function salespersonError(
  actor: Actor,
  existing: Contact,
  wanted: string | undefined,
  tr: Translator,
): Promise<string | undefined> {
  if (wanted === existing.salespersonId || (await actorMayManageContact(actor, existing))) return undefined;
  if (!existing.salespersonId) return tr.t('contact.error.salespersonUnset');
  const salesperson = await actor.nameOf(existing.salespersonId).catch(() => existing.salespersonId as string);
  return tr.t('contact.error.salespersonNotYours', { salesperson });
}

/**
 * The contact an edit starts from. A company edit that was saved but did not reach all persons (the database
 * failed half-way) is finished first. When it was this user's own edit from the version their form was opened
 * at, their retry continues from the half-saved version instead of being told someone else changed it.
 */
async function editBase(
  request: UpdateContactRequest,
): Promise<{ existing: Contact; version: number } | { error: string }> {
  const { workspaceId, actor } = request;
  const doc = await liveContactDoc(workspaceId, request.contactId);
  if (!doc) return { error: readerOf(request).t('contact.error.gone') };
  // A change the log has not got yet (the last save stopped after the contact was written) is recorded first.
  await finishContactChanges(workspaceId, [doc]);
  const pending = pendingFlowDownOf(doc);
  if (!pending) return { existing: toContact(doc), version: request.version };
  await finishFlowDown(workspaceId, doc, await getContactSetup(workspaceId));
  const own = pending.by === actor.userId && pending.fromVersion === request.version && doc.__v === request.version + 1;
  return { existing: toContact(doc), version: own ? (doc.__v ?? 0) : request.version };
}

/** Edits a contact; company edits flow down to persons, as domain.md describes. */
export async function updateContact(request: UpdateContactRequest): Promise<SaveResult> {
  const { workspaceId, actor, input } = request;
  const tr = readerOf(request);
  const userId = actor.userId;
  const base = await editBase(request);
  if ('error' in base) return { status: 'invalid', errors: { form: base.error } };
  const { existing } = base;
  const changedSinceOpened = { status: 'invalid', errors: { form: tr.t('contact.error.changedSinceOpened') } } as const;
  // One version on from the form, saved by this user: perhaps this very form, whose answer got lost. It is then
  // answered as saved if it changes nothing; anything else from an outdated form is refused.
  const stale = existing.version !== base.version;
  if (stale && !(existing.version === base.version + 1 && existing.updatedBy === userId)) return changedSinceOpened;
  const setup = await getContactSetup(workspaceId);
  const errors = formatErrors(input, tr);
  if (input.no && input.no.toUpperCase() !== existing.no) errors.no = tr.t('contact.error.noFixed');
  const salesperson = await salespersonError(actor, existing, input.salespersonId, tr);
  if (salesperson) errors.salespersonId = salesperson;

  if (input.type !== existing.type) {
    if (existing.stats.interactionCount > 0) errors.type = tr.t('contact.error.typeHasInteractions');
    // Deleted persons count too: restored, they would work for a person.
    else if (existing.type === 'company' && (await ContactModel.exists({ workspaceId, companyId: existing.id }))) {
      errors.type = tr.t('contact.error.companyHasPersons');
    }
  }
  const resolved = await resolveCompany(workspaceId, input, tr);
  if ('errors' in resolved) Object.assign(errors, resolved.errors);
  if (!('errors' in resolved) && resolved.company?.id === existing.id)
    errors.companyId = tr.t('contact.error.ownCompany');
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
    // Moving to a company does not hand the contact to the company's salesperson unless the user may do that.
    if (fields.salespersonId !== existing.salespersonId && !(await actorMayManageContact(actor, existing)))
      fields.salespersonId = existing.salespersonId;
  }
  const derived = deriveFields(fields, existing);
  const computed = computedParts({ ...derived, no: existing.no }, setup.defaults.phoneRegion, setup.duplicates.rows);
  if (stale) {
    if (!changesNothing(existing, { ...derived, ...computed })) return changedSinceOpened;
    await refreshDuplicateCandidates(workspaceId, [existing.id]);
    return { status: 'saved', contact: existing, repeated: true };
  }
  if (derived.type === 'company' && !request.ignoreDuplicates) {
    const candidates = await findDuplicateCompanies(
      workspaceId,
      computed.search.dupKeys,
      setup.duplicates,
      existing.id,
      tr,
    );
    if (candidates.length > 0) return { status: 'duplicates', candidates };
  }

  const flowDown = await flowDownOf(workspaceId, existing, derived, setup, userId);
  const changeKind = request.changeKind ?? 'edit';
  const changeMark = changeMarkOf(
    'edit',
    `${changeKind}:${existing.id}:${existing.version + 1}`,
    userId,
    existing as unknown as Record<string, unknown>,
    derived,
  );
  if (changeMark) changeMark.kind = changeKind;
  const { set, unset } = setAndUnset(
    {
      ...derived,
      ...computed,
      updatedBy: userId,
      ...(flowDown ? { flowDown } : {}),
      ...(changeMark ? { changeMark } : {}),
    },
    STORED_FIELDS,
  );
  const updated = await ContactModel.findOneAndUpdate(
    { _id: existing.id, workspaceId, __v: existing.version, ...live },
    { $set: set, $unset: unset, $inc: { __v: 1 } },
    { returnDocument: 'after', lean: true },
  );
  if (!updated) return { status: 'invalid', errors: { form: tr.t('contact.error.changedSinceOpened') } };
  // The change log's row, then the persons: each marked on the contact in the update above, so if either fails
  // the retry, the next edit or the repair job finishes it.
  await finishContactChanges(workspaceId, [updated as ContactDocument]);
  // The company is saved with the flow-down marked on it; if this fails, the retry (or the repair job) finishes it.
  if (flowDown) await finishFlowDown(workspaceId, updated as ContactDocument, setup);
  await refreshDuplicateCandidates(workspaceId, [existing.id]);
  return { status: 'saved', contact: toContact(updated as ContactDocument) };
}

/** Whether saving `values` would leave every stored field of the contact as it is. */
function changesNothing(existing: Contact, values: Record<string, unknown>): boolean {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return STORED_FIELDS.every((field) => same(values[field], (existing as unknown as Record<string, unknown>)[field]));
}

/**
 * A company edit that persons must follow (changed inherited fields, a new name), when it has persons: stored
 * on the company in the same write, so the flow-down can be finished if the database fails before it is done.
 */
async function flowDownOf(
  workspaceId: string,
  before: Contact,
  after: ContactFields,
  setup: ContactSetup,
  userId: string,
): Promise<PendingFlowDown | undefined> {
  if (before.type !== 'company' || after.type !== 'company') return undefined;
  const changes = changedInheritedFields(inheritable(before), inheritable(after), setup.inheritance);
  if (changes.length === 0 && before.name === after.name) return undefined;
  if (!(await ContactModel.exists({ workspaceId, companyId: new Types.ObjectId(before.id) }))) return undefined;
  return { by: userId, fromVersion: before.version, at: new Date(), changes };
}

/** A company's persons, first `limit` by name, with the total. */
export async function listPersons(
  workspaceId: string,
  companyId: string,
  limit = 10,
): Promise<{ persons: ContactSummary[]; total: number }> {
  const filter = { workspaceId, companyId: new Types.ObjectId(companyId), ...live };
  const [docs, total] = await Promise.all([
    ContactModel.find(filter).sort({ 'search.nameKey': 1 }).limit(limit).lean<ContactDocument[]>(),
    ContactModel.countDocuments(filter),
  ]);
  return { persons: docs.map((doc) => summarize(toContact(doc))), total };
}

/** The contacts a user changed most recently (App Home). */
export async function recentContactsOf(workspaceId: string, userId: string, limit = 10): Promise<ContactSummary[]> {
  const docs = await ContactModel.find({ workspaceId, updatedBy: userId, ...live })
    .sort({ updatedAt: -1 })
    .limit(limit)
    .lean<ContactDocument[]>();
  return docs.map((doc) => summarize(toContact(doc)));
}
