import type { Types } from 'mongoose';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { orgNoOf } from '../company-register/org-no';
import { isObjectId } from '../contacts/contact.service';
import { OpportunityModel } from '../../models/opportunity.model';
import { ContactMergeModel } from '../../models/contact-merge.model';
import type { Actor } from '../people/permissions.service';

/** The contact a privacy request is about, with a company's persons (deleted ones too: they are still held). */
export interface PrivacySubject {
  contact: ContactDocument;
  persons: ContactDocument[];
  /** Contacts merged into these and kept hidden for the merge's undo (until purged): the same person's data. */
  merged: ContactDocument[];
  /** The contact, its persons and the contacts merged into them. */
  ids: Types.ObjectId[];
}

/** Merges are undone or purged long before a chain gets this deep; the bound only stops a cycle. */
const MERGE_CHAIN_LIMIT = 10;

/** The contacts merged into `ids` (and into those, for a chain of merges) that are still held for an undo. */
async function mergedInto(workspaceId: string, ids: Types.ObjectId[]): Promise<ContactDocument[]> {
  const found: ContactDocument[] = [];
  const seen = new Set(ids.map(String));
  let frontier = ids;
  for (let depth = 0; frontier.length > 0 && depth < MERGE_CHAIN_LIMIT; depth += 1) {
    const merges = await ContactMergeModel.find(
      { workspaceId, keepId: { $in: frontier }, status: { $in: ['running', 'done', 'undoing'] } },
      { mergeId: 1 },
    ).lean<{ mergeId: Types.ObjectId }[]>();
    const next = merges.map((merge) => merge.mergeId).filter((id) => !seen.has(String(id)));
    if (next.length === 0) break;
    const contacts = await ContactModel.find({ workspaceId, _id: { $in: next } }).lean<ContactDocument[]>();
    for (const contact of contacts) seen.add(String(contact._id));
    found.push(...contacts);
    frontier = contacts.map((contact) => contact._id);
  }
  return found;
}

/** The contact is not this workspace's (or unknown, or being erased), or the asker is no admin. */
export type AccessRefusal = { status: 'gone' } | { status: 'notAdmin' };

export type SubjectRefusal =
  | AccessRefusal
  | { status: 'hasOpportunities'; no: string; name: string; opportunities: { no: string; description: string }[] };

/**
 * The contact a request names, checked: it must be this workspace's (an id from a payload is untrusted), and the
 * asker an admin. Deleted contacts count (until the purge they are still held); a contact being erased does not.
 */
export async function privacySubject(
  workspaceId: string,
  contactId: unknown,
  actor: Actor,
): Promise<PrivacySubject | AccessRefusal> {
  if (!(await actor.isAdmin())) return { status: 'notAdmin' };
  if (!isObjectId(contactId)) return { status: 'gone' };
  const contact = await ContactModel.findOne({ _id: contactId, workspaceId }).lean<ContactDocument>();
  if (!contact || contact.deletedBy === ERASING) return { status: 'gone' };
  const persons =
    contact.type === 'company'
      ? await ContactModel.find({ workspaceId, companyId: contact._id }).lean<ContactDocument[]>()
      : [];
  const own = [contact._id, ...persons.map((person) => person._id)];
  const merged = await mergedInto(workspaceId, own);
  return { contact, persons, merged, ids: [...own, ...merged.map((other) => other._id)] };
}

/** The open deals that stop an erasure (a company's include its persons'). */
export async function openDealsOf(
  workspaceId: string,
  subject: PrivacySubject,
): Promise<{ no: string; description: string }[]> {
  const deals = await OpportunityModel.find(
    { workspaceId, subjects: { $in: subject.ids }, status: { $in: ['not_started', 'in_progress'] } },
    { no: 1, description: 1 },
  ).lean<{ no: string; description: string }[]>();
  return deals.map((deal) => ({ no: deal.no, description: deal.description })).sort((a, b) => a.no.localeCompare(b.no));
}

/** `deletedBy` of a contact hidden by an erasure under way: out of every search at once, gone at the end. */
export const ERASING = 'kontakt:erasure';

/** The contact a privacy request is about (a company with its persons): what the Personal data modal shows. */
export async function privacyOverview(
  workspaceId: string,
  contactId: unknown,
  actor: Actor,
): Promise<
  | AccessRefusal
  | {
      status: 'found';
      contact: { id: string; no: string; name: string; type: 'company' | 'person' };
      persons: number;
      /** A company with a Norwegian org.nr.: "Update from the register" applies. */
      hasOrgNo: boolean;
    }
> {
  const subject = await privacySubject(workspaceId, contactId, actor);
  if ('status' in subject) return subject;
  const { contact } = subject;
  return {
    status: 'found',
    contact: { id: contact._id.toString(), no: contact.no, name: contact.name, type: contact.type },
    persons: subject.persons.length,
    hasOrgNo: contact.type === 'company' && orgNoOf(contact.vatRegNo) !== undefined,
  };
}

/** A contact of the workspace by its exact No. (deleted and privacy-blocked ones too, not one being erased). */
export async function privacyContactIdByNo(workspaceId: string, text: string): Promise<string | undefined> {
  const no = text.trim().toUpperCase();
  if (!/^[A-Z0-9-]{1,30}$/.test(no)) return undefined;
  const doc = await ContactModel.findOne({ workspaceId, no }, { _id: 1, deletedBy: 1 }).lean<ContactDocument>();
  return doc && doc.deletedBy !== ERASING ? doc._id.toString() : undefined;
}

/** The No. of a contact of the workspace (hidden or not), for messages about a request on it. */
export async function privacyContactNo(workspaceId: string, contactId: unknown): Promise<string | undefined> {
  if (!isObjectId(contactId)) return undefined;
  const doc = await ContactModel.findOne({ _id: contactId, workspaceId }, { no: 1 }).lean<{ no: string }>();
  return doc?.no;
}
