import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db/errors';
import { slackPermalinkOrNothing } from '../../schemas/slack-permalink';
import { translator, type Translator } from '../../i18n';
import { ContactModel } from '../../models/contact.model';
import { VisitModel, type VisitDocument } from '../../models/visit.model';
import { getContact, isObjectId } from '../contacts/contact.service';
import type { Contact } from '../contacts/contact.types';
import { getWorkspaceSetup } from '../setup/setup.service';
import type { WorkspaceSetup } from '../setup/setup.types';
import { toVisit } from './visit-record';
import type { Visit, VisitInput, VisitSource } from './visit.types';

export type VisitErrors = Partial<Record<keyof VisitInput | 'form', string>>;

export type LogVisitResult =
  | {
      status: 'saved';
      visit: Visit;
      contact: Contact;
      /** This delivery stored the visit (false: it was stored by an earlier delivery of the same form). */
      created: boolean;
      /** An earlier delivery stored it but failed before the contact's figures were updated; this one finished it. */
      completed?: boolean;
    }
  | { status: 'invalid'; errors: VisitErrors };

async function checkContact(
  workspaceId: string,
  contactId: string,
  tr: Translator,
): Promise<{ contact: Contact } | { errors: VisitErrors }> {
  const contact = await getContact(workspaceId, contactId);
  if (!contact) return { errors: { contactId: tr.t('visit.error.contactGone') } };
  if (contact.privacyBlocked)
    return { errors: { contactId: tr.t('visit.error.privacyBlocked', { name: contact.name }) } };
  return { contact };
}

/** The interaction type's values, with the type's defaults where the user left duration or cost empty. */
async function typeValues(
  workspaceId: string,
  input: VisitInput,
  tr: Translator,
  known?: Pick<WorkspaceSetup, 'interactionTypes'>,
): Promise<{ errors: VisitErrors } | { typeDescription: string; durationMin: number; cost: number }> {
  const setup = known ?? (await getWorkspaceSetup(workspaceId));
  const type = setup.interactionTypes.find((candidate) => candidate.code === input.typeCode);
  if (!type) return { errors: { typeCode: tr.t('visit.error.typeGone') } };
  return {
    typeDescription: type.description,
    durationMin: input.durationMin ?? type.durationMin,
    cost: input.cost ?? type.cost,
  };
}

/** The contact a visit is about, as the visit keeps it (names as text; its company at this moment). */
function contactFields(contact: Contact) {
  return {
    contactId: contact.id,
    contactNo: contact.no,
    contactName: contact.name,
    companyId: contact.companyId,
    companyName: contact.companyName,
    subjects: [contact.id, ...(contact.companyId ? [contact.companyId] : [])].map((id) => new Types.ObjectId(id)),
  };
}

/** What the user entered, with the type's description and defaults applied. */
function enteredFields(input: VisitInput, type: { typeDescription: string; durationMin: number; cost: number }) {
  return {
    typeCode: input.typeCode,
    typeDescription: type.typeDescription,
    date: input.date,
    description: input.description,
    evaluation: input.evaluation,
    attemptFailed: !input.successful,
    durationMin: type.durationMin,
    cost: type.cost,
  };
}

/**
 * Recomputes a contact's interaction figures from its own logged visits (after a cancel or an edit, on a retry,
 * in the repair job). Idempotent. Returns whether the figures were wrong (and are now right).
 */
export async function refreshContactStats(workspaceId: string, contactId: string): Promise<boolean> {
  const id = new Types.ObjectId(contactId);
  const own = { workspaceId, subjects: id, contactId: id, status: 'logged' as const };
  const [count, lastDone, lastAttempt] = await Promise.all([
    VisitModel.countDocuments(own),
    VisitModel.findOne({ ...own, attemptFailed: false })
      .sort({ date: -1 })
      .lean<VisitDocument>(),
    VisitModel.findOne(own).sort({ date: -1 }).lean<VisitDocument>(),
  ]);
  const asDate = (date?: string) => (date ? new Date(`${date}T00:00:00Z`) : null);
  // Without timestamps: the figures are derived, not an edit, and modifiedCount then says whether they were wrong.
  const result = await ContactModel.updateOne(
    { _id: id, workspaceId },
    {
      $set: {
        'stats.interactionCount': count,
        'stats.lastInteractionAt': asDate(lastDone?.date),
        'stats.lastAttemptAt': asDate(lastAttempt?.date),
      },
    },
    { timestamps: false },
  );
  return result.modifiedCount > 0;
}

/** The source as given, except a permalink that is not Slack's (it is dropped, the visit still saved). */
function withCheckedPermalink(source: VisitSource | undefined): VisitSource {
  if (!source) return {};
  const { permalink, ...rest } = source;
  const checked = slackPermalinkOrNothing(permalink);
  return checked ? { ...rest, permalink: checked } : rest;
}

/**
 * Logs a visit. Idempotent: the same key (one per modal) stores one visit however often Slack delivers the
 * submission. The contact's company at this moment is kept with the visit.
 */
export async function logVisit(request: {
  workspaceId: string;
  userId: string;
  input: VisitInput;
  idempotencyKey: string;
  source?: VisitSource;
  /** The caller's copy of setup, when it has one (saves a read on the hot path). */
  setup?: Pick<WorkspaceSetup, 'interactionTypes'>;
  /** The language the errors are worded in (the acting user's); English when left out. */
  tr?: Translator;
  /** An open sales opportunity of the contact the visit was for (checked by the caller: visitOpportunityOf). */
  opportunityId?: string;
}): Promise<LogVisitResult> {
  const { workspaceId, userId, input } = request;
  const tr = request.tr ?? translator('en');
  const checked = await checkContact(workspaceId, input.contactId, tr);
  if ('errors' in checked) return { status: 'invalid', errors: checked.errors };
  const type = await typeValues(workspaceId, input, tr, request.setup);
  if ('errors' in type) return { status: 'invalid', errors: type.errors };
  const { contact } = checked;
  try {
    const [doc] = await VisitModel.create([
      {
        workspaceId,
        ...contactFields(contact),
        salespersonId: userId,
        ...enteredFields(input, type),
        followUpDate: input.followUpDate,
        source: withCheckedPermalink(request.source),
        idempotencyKey: request.idempotencyKey,
        updatedBy: userId,
        ...(request.opportunityId ? { opportunityId: request.opportunityId } : {}),
      },
    ]);
    // One atomic update rather than a recount: logging must answer fast (the modal waits for it).
    const day = new Date(`${input.date}T00:00:00Z`);
    await ContactModel.updateOne(
      { _id: contact.id, workspaceId },
      {
        $inc: { 'stats.interactionCount': 1 },
        $max: { 'stats.lastAttemptAt': day, ...(input.successful ? { 'stats.lastInteractionAt': day } : {}) },
      },
    );
    return { status: 'saved', visit: toVisit(doc!.toObject() as VisitDocument), contact, created: true };
  } catch (error) {
    if (!isDuplicateKeyError(error, 'idempotencyKey')) throw error;
    // Delivered again (a double click, or the user's retry after an error): the first delivery stored the visit.
    // It may have failed before counting it on the contact, so the figures are recomputed, which changes nothing
    // when they were right.
    const existing = await VisitModel.findOne({
      workspaceId,
      idempotencyKey: request.idempotencyKey,
    }).lean<VisitDocument>();
    if (!existing) throw error;
    const completed = existing.contactId
      ? await refreshContactStats(workspaceId, existing.contactId.toString())
      : false;
    return { status: 'saved', visit: toVisit(existing), contact, created: false, completed };
  }
}

export async function getVisit(workspaceId: string, visitId: unknown): Promise<Visit | undefined> {
  if (!isObjectId(visitId)) return undefined;
  const doc = await VisitModel.findOne({ _id: visitId, workspaceId }).lean<VisitDocument>();
  return doc ? toVisit(doc) : undefined;
}

/** Only the salesperson edits a visit; the salesperson or an admin cancels it. */
export function mayChangeVisit(visit: Visit, userId: string, isAdmin: boolean, change: 'edit' | 'cancel'): boolean {
  return visit.salespersonId === userId || (change === 'cancel' && isAdmin);
}

/**
 * The follow-up reminder's buttons act for the salesperson it was sent to: the visit must be a live one of this
 * workspace (the id comes from a button, untrusted) with a follow-up, and theirs.
 */
export async function followUpOf(
  workspaceId: string,
  visitId: unknown,
  userId: string,
): Promise<{ visit: Visit } | { error: 'gone' | 'notYours' }> {
  const visit = await getVisit(workspaceId, visitId);
  if (!visit || visit.status === 'cancelled' || !visit.followUpDate) return { error: 'gone' };
  if (visit.salespersonId !== userId) return { error: 'notYours' };
  return { visit };
}

/** Marks a visit's follow-up handled (Done on the reminder); no reminder for it goes out after this. Idempotent. */
export async function markFollowUpDone(workspaceId: string, visitId: string, userId: string): Promise<void> {
  await VisitModel.updateOne(
    { _id: visitId, workspaceId, followUpDoneAt: null },
    { $set: { followUpDoneAt: new Date(), followUpDoneBy: userId } },
  );
}

/** Edits one's own visit (the contact may change too). */
export async function updateVisit(request: {
  workspaceId: string;
  userId: string;
  visitId: string;
  input: VisitInput;
  /** The language the errors are worded in (the acting user's); English when left out. */
  tr?: Translator;
}): Promise<LogVisitResult> {
  const { workspaceId, userId, input } = request;
  const tr = request.tr ?? translator('en');
  const stored = isObjectId(request.visitId)
    ? await VisitModel.findOne({ _id: request.visitId, workspaceId }).lean<VisitDocument>()
    : null;
  const visit = stored ? { ...toVisit(stored), restat: (stored.restat ?? []).map(String) } : undefined;
  if (!visit || visit.status === 'cancelled') return { status: 'invalid', errors: { form: tr.t('visit.error.gone') } };
  if (!mayChangeVisit(visit, userId, false, 'edit'))
    return { status: 'invalid', errors: { form: tr.t('visit.error.notYours') } };
  const checked = await checkContact(workspaceId, input.contactId, tr);
  if ('errors' in checked) return { status: 'invalid', errors: checked.errors };
  const type = await typeValues(workspaceId, input, tr);
  if ('errors' in type) return { status: 'invalid', errors: type.errors };
  const { contact } = checked;
  const moved = contact.id !== visit.contactId;
  // The contacts whose figures this edit changes, remembered on the visit in the same write: when the database
  // fails before they are recomputed, the retry (the visit now points at the new contact) still knows the old one.
  const restat = [...new Set([contact.id, ...(visit.contactId ? [visit.contactId] : []), ...visit.restat])];
  const doc = await VisitModel.findOneAndUpdate(
    { _id: visit.id, workspaceId, status: 'logged' },
    {
      $set: {
        // A visit moved to another contact takes that contact's company as it is now.
        ...(moved ? contactFields(contact) : {}),
        ...enteredFields(input, type),
        followUpDate: input.followUpDate ?? null,
        updatedBy: userId,
        restat: restat.map((id) => new Types.ObjectId(id)),
      },
    },
    { returnDocument: 'after', lean: true },
  );
  if (!doc) return { status: 'invalid', errors: { form: tr.t('visit.error.gone') } };
  await finishVisitEdit(workspaceId, visit.id, restat);
  return { status: 'saved', visit: toVisit(doc as VisitDocument), contact, created: false };
}

/** Recomputes the figures of the contacts a visit edit touched, then forgets them. Idempotent. */
export async function finishVisitEdit(workspaceId: string, visitId: string, contactIds: string[]): Promise<void> {
  for (const contactId of contactIds) await refreshContactStats(workspaceId, contactId);
  await VisitModel.updateOne(
    { _id: visitId, workspaceId },
    { $pullAll: { restat: contactIds.map((id) => new Types.ObjectId(id)) } },
    { timestamps: false },
  );
}

/** Cancels a visit: it stays, marked, and no longer counts. Idempotent. */
export async function cancelVisit(workspaceId: string, visitId: string, userId: string): Promise<Visit | undefined> {
  const doc = await VisitModel.findOneAndUpdate(
    { _id: visitId, workspaceId },
    { $set: { status: 'cancelled', cancelledBy: userId, cancelledAt: new Date() } },
    { returnDocument: 'after', lean: true },
  );
  if (!doc) return undefined;
  const visit = toVisit(doc as VisitDocument);
  if (visit.contactId) await refreshContactStats(workspaceId, visit.contactId);
  return visit;
}

/** A visit pointing at a contact that no longer exists keeps its names as text, with the link cleared. */
export async function clearVisitLink(
  workspaceId: string,
  visitId: string,
  field: 'contactId' | 'companyId',
  contactId: string,
): Promise<void> {
  await VisitModel.updateOne(
    { _id: visitId, workspaceId, [field]: new Types.ObjectId(contactId) },
    { $set: { [field]: null } },
    { timestamps: false },
  );
}
