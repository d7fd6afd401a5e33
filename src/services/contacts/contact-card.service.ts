import type { Contact, ContactSummary } from './contact.types';
import { getContact, listPersons } from './contact.service';
import { summarize } from './duplicate.service';
import { possibleDuplicateOf } from './duplicate-candidates.service';

export interface ContactCardData {
  contact: Contact;
  /** A person's company. */
  company?: ContactSummary;
  /** A company's first persons and how many it has. */
  persons?: { persons: ContactSummary[]; total: number };
  /** The most alike contact in the list of possible duplicates, if any. */
  possibleDuplicate?: Pick<ContactSummary, 'id' | 'no' | 'name'>;
}

/** Everything a contact card shows; undefined when the contact is not in this workspace (or gone). */
export async function loadContactCard(workspaceId: string, contactId: unknown): Promise<ContactCardData | undefined> {
  const contact = await getContact(workspaceId, contactId);
  if (!contact) return undefined;
  const possibleDuplicate = await possibleDuplicateOf(workspaceId, contact.id);
  if (contact.type === 'company')
    return { contact, persons: await listPersons(workspaceId, contact.id), possibleDuplicate };
  const company = contact.companyId ? await getContact(workspaceId, contact.companyId) : undefined;
  return { contact, company: company ? summarize(company) : undefined, possibleDuplicate };
}
