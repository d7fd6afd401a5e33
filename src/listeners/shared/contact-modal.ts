import type { WebClient } from '@slack/web-api';
import type { ContactInput, ContactType } from '../../schemas/contact-input';
import { encodeMetadata, type CardHandle, type ContactModalMetadata } from '../../schemas/view-metadata';
import type { Contact } from '../../services/contacts/contact.types';
import { getContactSetup } from '../../services/setup/setup.service';
import { contactModal } from '../../views/contact/contact-modal.view';
import { contactOptionLabel } from '../../views/contact/contact-option';
import { getContact } from '../../services/contacts/contact.service';
import { newContactId } from '../../services/contacts/contact-ids';

export interface ContactModalRequest {
  workspaceId: string;
  userId: string;
  type: ContactType;
  channelId?: string;
  /** Pre-selected company for a new person ("Add person"). */
  company?: Pick<Contact, 'id' | 'name' | 'no'>;
  /** Edit this contact instead of creating one. */
  contact?: Contact;
  /** The contact card Edit or Add person was chosen on: redrawn in place once the contact is saved. */
  card?: CardHandle;
}

/** The modal for a new contact or an edit, pre-filled; builds it but does not send it. */
async function buildContactModal(request: ContactModalRequest) {
  const setup = await getContactSetup(request.workspaceId);
  const { contact } = request;
  const metadata: ContactModalMetadata = contact
    ? {
        mode: 'edit',
        contactId: contact.id,
        version: contact.version,
        channelId: request.channelId,
        card: request.card,
      }
    : { mode: 'create', contactId: newContactId(), channelId: request.channelId, card: request.card };
  const values: Partial<ContactInput> = contact ? { ...contact, companyId: contact.companyId } : { type: request.type };
  // The picker shows the company as the typeahead would (name and No.), so it must be looked up for an edit.
  const company =
    request.company ?? (contact?.companyId ? await getContact(request.workspaceId, contact.companyId) : undefined);
  return contactModal({
    mode: metadata.mode,
    type: contact?.type ?? request.type,
    values,
    companyOption: company ? { id: company.id, label: contactOptionLabel(company) } : undefined,
    independent: contact ? contact.type === 'person' && !contact.companyId : false,
    setup,
    privateMetadata: encodeMetadata(metadata),
    userId: request.userId,
  });
}

/** Opens the contact modal with a trigger (3 s, once), or pushes it over the modal the user is in. */
export async function openContactModal(
  client: WebClient,
  triggerId: string,
  request: ContactModalRequest,
  options: { push?: boolean } = {},
): Promise<void> {
  const view = await buildContactModal(request);
  if (options.push) await client.views.push({ trigger_id: triggerId, view });
  else await client.views.open({ trigger_id: triggerId, view });
}
