import type { WebClient } from '@slack/web-api';
import { loadContactCard } from '../../services/contacts/contact-card.service';
import { canDeleteContact } from '../../services/people/permissions.service';
import { contactCard, contactCardModal } from '../../views/contact/contact-card.view';

async function cardData(client: WebClient, workspaceId: string, userId: string, contactId: unknown) {
  const data = await loadContactCard(workspaceId, contactId);
  if (!data) return undefined;
  const canDelete = await canDeleteContact(client, workspaceId, userId, data.contact);
  return { ...data, canEdit: true, canDelete };
}

/** The card as a message (ephemeral reply, or shared in a channel); undefined when not in this workspace. */
export async function contactCardMessage(client: WebClient, workspaceId: string, userId: string, contactId: unknown) {
  const data = await cardData(client, workspaceId, userId, contactId);
  return data ? contactCard({ ...data, shareable: true }) : undefined;
}

/** The card as a modal (from a typeahead pick or a View button). */
export async function contactCardView(client: WebClient, workspaceId: string, userId: string, contactId: unknown) {
  const data = await cardData(client, workspaceId, userId, contactId);
  return data ? contactCardModal({ ...data, shareable: false }) : undefined;
}
