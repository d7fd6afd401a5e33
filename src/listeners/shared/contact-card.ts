import type { WebClient } from '@slack/web-api';
import { loadContactCard } from '../../services/contacts/contact-card.service';
import { mayManageContact, rolesOf } from '../../services/people/permissions.service';
import { contactVisits } from '../../services/visits/visit-report.service';
import { visitHistoryBlocks } from '../../views/visit/visit-history.view';
import { contactCard, contactCardModal } from '../../views/contact/contact-card.view';

const CARD_VISITS = 5;

/** The card's data: the contact, its company or persons, its last visits (a company's include its persons'). */
async function cardData(client: WebClient, workspaceId: string, userId: string, contactId: unknown) {
  const data = await loadContactCard(workspaceId, contactId);
  if (!data) return undefined;
  const [roles, history] = await Promise.all([
    rolesOf(client, workspaceId, userId),
    contactVisits(workspaceId, data.contact.id, { skip: 0, limit: CARD_VISITS }),
  ]);
  const canDelete = mayManageContact({ userId, isAdmin: roles.isAdmin }, data.contact);
  const visits = visitHistoryBlocks({
    visits: history.visits,
    total: history.total,
    totals: history.totals,
    contactId: data.contact.id,
    includesPersons: data.contact.type === 'company',
    viewerId: userId,
    canCancelAll: roles.isAdmin,
  });
  return { ...data, canEdit: true, canDelete, visits };
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
