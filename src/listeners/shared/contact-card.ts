import type { WebClient } from '@slack/web-api';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import type { CardHandle } from '../../schemas/view-metadata';
import { loadContactCard } from '../../services/contacts/contact-card.service';
import type { CompanyRegister } from '../../services/company-register/company-register.service';
import { registerCardPart } from '../../services/company-register/register-card.service';
import { sharingAllowed } from '../../services/contacts/contact-share.service';
import { mayManageContact, rolesOf } from '../../services/people/permissions.service';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { contactVisits } from '../../services/visits/visit-report.service';
import { replaceOriginal } from '../../slack/response-url';
import { contactCard, contactCardModal } from '../../views/contact/contact-card.view';
import { contactSavedMessage } from '../../views/contact/contact-saved.message';
import { visitHistoryBlocks } from '../../views/visit/visit-history.view';
import { contactOpportunityData } from './opportunity-card';
import { contactOpportunitiesBlocks } from '../../views/opportunity/opportunity-card.view';
import { todayIn } from '../../services/calendar';
import { getUserProfile } from '../../services/people/user-directory';
import { contactOpenTasks } from '../../services/tasks/task.service';
import { CARD_TASKS, taskCardBlocks } from '../../views/task/task-card';

const CARD_VISITS = 5;

/** What a redraw of the card adds: a line saying what just happened, or a question asked in place. */
export interface CardState {
  notice?: string;
  confirmDelete?: boolean;
  /** The visit whose Cancel is being asked. */
  confirmCancel?: string;
  /** Enhetsregisteret, when the request has it: a company's card warns and offers "Update from the register". */
  register?: CompanyRegister;
}

/**
 * The card's data as `userId` may see it: the contact, its company or persons, its last visits (a company's
 * include its persons'), setup's code descriptions, and which menu entries they get. Undefined when the contact
 * is not in this workspace.
 */
async function cardData(
  client: WebClient,
  workspaceId: string,
  userId: string,
  contactId: unknown,
  register?: CompanyRegister,
) {
  const [data, setup] = await Promise.all([loadContactCard(workspaceId, contactId), getWorkspaceSetup(workspaceId)]);
  if (!data) return undefined;
  const [roles, history, registerPart, opportunities, openTasks, profile] = await Promise.all([
    rolesOf(client, workspaceId, userId, setup),
    contactVisits(workspaceId, data.contact.id, { skip: 0, limit: CARD_VISITS }),
    registerCardPart(register, data.contact),
    contactOpportunityData(workspaceId, data.contact.id),
    contactOpenTasks(workspaceId, data.contact.id, CARD_TASKS),
    getUserProfile(client, workspaceId, userId),
  ]);
  const canDelete = mayManageContact({ userId, isAdmin: roles.isAdmin }, data.contact);
  return {
    ...data,
    canEdit: true,
    canDelete,
    // The same rule as Delete for the card's side; the merge service checks the other contact too.
    canMerge: canDelete,
    canManagePrivacy: roles.isAdmin,
    codes: setup.codes,
    sharing: sharingAllowed(setup),
    isAdmin: roles.isAdmin,
    history,
    register: registerPart,
    opportunityData: opportunities,
    openTasks: { ...openTasks, today: todayIn(profile.tz) },
  };
}

type Data = NonNullable<Awaited<ReturnType<typeof cardData>>>;

const opportunitiesOf = (data: Data, tr: Translator) =>
  contactOpportunitiesBlocks(data.opportunityData.opportunities, data.opportunityData.cycles, tr);

function visitsOf(data: Data, userId: string, state: CardState, tr: Translator) {
  return visitHistoryBlocks(
    {
      visits: data.history.visits,
      total: data.history.total,
      totals: data.history.totals,
      contactId: data.contact.id,
      includesPersons: data.contact.type === 'company',
      viewerId: userId,
      canCancelAll: data.isAdmin,
      confirmCancel: state.confirmCancel,
    },
    tr,
  );
}

/** What every form of the card lists under the contact: its visits, open opportunities and open tasks. */
function cardLists(data: Data, userId: string, state: CardState, tr: Translator) {
  return {
    visits: visitsOf(data, userId, state, tr),
    opportunities: opportunitiesOf(data, tr),
    tasks: taskCardBlocks(tr, data.openTasks),
  };
}

/**
 * The card as a message to the person looking (an ephemeral reply or a DM); undefined when not in this
 * workspace. It offers Share when setup allows it: a message has a channel to share to.
 */
export async function contactCardMessage(
  client: WebClient,
  workspaceId: string,
  userId: string,
  contactId: unknown,
  tr: Translator,
  state: CardState = {},
) {
  const data = await cardData(client, workspaceId, userId, contactId, state.register);
  if (!data) return undefined;
  return contactCard(
    {
      ...data,
      shareable: data.sharing,
      ...cardLists(data, userId, state, tr),
      notice: state.notice,
      confirmDelete: state.confirmDelete,
    },
    tr,
  );
}

/** "Saved Nordlys Maskin AS (CT000042)" and the card, for whoever saved it; undefined when not in this workspace. */
export async function contactSavedCard(
  client: WebClient,
  workspaceId: string,
  userId: string,
  contactId: unknown,
  tr: Translator,
  created: boolean,
) {
  const data = await cardData(client, workspaceId, userId, contactId);
  if (!data) return undefined;
  return contactSavedMessage(
    {
      ...data,
      shareable: data.sharing,
      ...cardLists(data, userId, {}, tr),
      created,
    },
    tr,
  );
}

/** The card as a modal (from a typeahead pick or a View button); a modal has no channel, so no Share. */
export async function contactCardView(
  client: WebClient,
  workspaceId: string,
  userId: string,
  contactId: unknown,
  tr: Translator,
  state: CardState = {},
) {
  const data = await cardData(client, workspaceId, userId, contactId, state.register);
  if (!data) return undefined;
  return contactCardModal(
    {
      ...data,
      shareable: false,
      ...cardLists(data, userId, state, tr),
      notice: state.notice,
      confirmDelete: state.confirmDelete,
    },
    tr,
  );
}

/** A click's payload, as far as finding the card it was on goes. */
export interface ClickSource {
  view?: { id?: string; hash?: string; callback_id?: string; private_metadata?: string; type?: string };
  container?: { type?: string; is_ephemeral?: boolean; channel_id?: string };
  response_url?: string;
}

/**
 * Whether the click came from a message only its reader sees (an ephemeral card or Kontakt's DM), so replacing
 * that message shows nothing to anyone else. A card in a channel (an old share) is never redrawn in place.
 */
export function fromPrivateMessage(body: ClickSource): boolean {
  const container = body.container;
  if (body.view || container?.type !== 'message') return false;
  return container.is_ephemeral === true || (container.channel_id ?? '').startsWith('D');
}

/** Where a card a click came from lives, so a modal opened from it can redraw it once it is saved. */
export function cardHandleOf(body: ClickSource, contactId: string): CardHandle | undefined {
  const view = body.view;
  if (view?.callback_id === ids.views.contactCardModal && typeof view.id === 'string')
    return { c: contactId, v: view.id };
  if (fromPrivateMessage(body) && typeof body.response_url === 'string') return { c: contactId, u: body.response_url };
  return undefined;
}

/**
 * Draws the card a modal was opened from again, in place, with what was just saved: the card modal under it
 * (views.update) or the message it came from (its response_url). False when there is no such card, it is gone,
 * or Slack refused; the caller then confirms the usual way.
 */
export async function redrawCardFromHandle(
  client: WebClient,
  workspaceId: string,
  userId: string,
  handle: CardHandle | undefined,
  tr: Translator,
  state: CardState = {},
): Promise<boolean> {
  if (!handle) return false;
  if (handle.v) {
    const view = await contactCardView(client, workspaceId, userId, handle.c, tr, state);
    if (!view) return false;
    await client.views.update({ view_id: handle.v, view });
    return true;
  }
  if (handle.u) {
    const message = await contactCardMessage(client, workspaceId, userId, handle.c, tr, state);
    return message ? replaceOriginal(client, handle.u, message) : false;
  }
  return false;
}
