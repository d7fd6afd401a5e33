import type { Translator } from '../../i18n';
import { encodeMetadata } from '../../schemas/view-metadata';
import { getContact } from '../../services/contacts/contact.service';
import { getOpportunitySetup } from '../../services/opportunities/opportunity-setup.service';
import { contactOptionLabel } from '../../views/contact/contact-option';
import { newOpportunityModal } from '../../views/opportunity/opportunity-modals.view';

/** The New opportunity modal, with the contact picked when one is given (and of this workspace). */
export async function buildNewOpportunityModal(request: {
  workspaceId: string;
  userId: string;
  tr: Translator;
  contactId?: unknown;
  channelId?: string;
}) {
  const [setup, contact] = await Promise.all([
    getOpportunitySetup(request.workspaceId),
    request.contactId ? getContact(request.workspaceId, request.contactId) : undefined,
  ]);
  const channelId =
    request.channelId && /^[CDG][A-Z0-9]{2,20}$/.test(request.channelId) ? request.channelId : undefined;
  return newOpportunityModal(request.tr, {
    setup,
    userId: request.userId,
    contactOption: contact ? { id: contact.id, label: contactOptionLabel(contact) } : undefined,
    privateMetadata: encodeMetadata(channelId ? { channelId } : {}),
  });
}
