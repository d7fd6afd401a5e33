import type { Types } from 'mongoose';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { isObjectId } from '../contacts/contact.service';
import { OpportunityModel } from '../../models/opportunity.model';
import type { Actor } from '../people/permissions.service';

/** The contact a privacy request is about, with a company's persons (deleted ones too: they are still held). */
export interface PrivacySubject {
  contact: ContactDocument;
  persons: ContactDocument[];
  /** The contact and its persons. */
  ids: Types.ObjectId[];
}

export type SubjectRefusal =
  | { status: 'gone' }
  | { status: 'notAdmin' }
  | { status: 'hasOpportunities'; opportunities: { no: string; description: string }[] };

/**
 * The contact a request names, checked: it must be this workspace's (an id from a payload is untrusted), and the
 * asker an admin. Deleted contacts count (until the purge they are still held); a contact being erased does not.
 */
export async function privacySubject(
  workspaceId: string,
  contactId: unknown,
  actor: Actor,
): Promise<PrivacySubject | SubjectRefusal> {
  if (!(await actor.isAdmin())) return { status: 'notAdmin' };
  if (!isObjectId(contactId)) return { status: 'gone' };
  const contact = await ContactModel.findOne({ _id: contactId, workspaceId }).lean<ContactDocument>();
  if (!contact || contact.deletedBy === ERASING) return { status: 'gone' };
  const persons =
    contact.type === 'company'
      ? await ContactModel.find({ workspaceId, companyId: contact._id }).lean<ContactDocument[]>()
      : [];
  return { contact, persons, ids: [contact._id, ...persons.map((person) => person._id)] };
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
