import type { MessageKey } from '../../i18n';
import { ids } from '../../ids';
import { contactMenuValue } from '../../schemas/button-values';
import { deleteContact } from '../../services/contacts/contact-deletion.service';
import { contactToShare } from '../../services/contacts/contact-share.service';
import { getContact } from '../../services/contacts/contact.service';
import { latestContactChanges } from '../../services/contacts/change-log.service';
import { CHANGES_SHOWN, contactChangesModal } from '../../views/contact/contact-changes.view';
import { actorMayManageContact, slackActor } from '../../services/people/permissions.service';
import { slackErrorCode } from '../../slack/failure-text';
import { contactDeletedMessage, contactDeletedModal } from '../../views/contact/contact-deleted.message';
import { sharedContactMessage } from '../../views/contact/contact-shared.message';
import {
  cardHandleOf,
  contactCardMessage,
  contactCardView,
  fromPrivateMessage,
  type CardState,
} from '../shared/contact-card';
import { openContactModal } from '../shared/contact-modal';
import {
  guarded,
  openOrPush,
  sourceView,
  tell,
  trOf,
  workspaceIdOf,
  type ButtonArgs,
  type OverflowArgs,
  kontaktOf,
} from '../frame';
import { refreshHomes } from '../shared/home';
import { openMergePick } from './merge.actions';
import { openPrivacyModal } from './privacy.actions';
import { registerUpdateFor } from './register.actions';

type CardClick = ButtonArgs | OverflowArgs;

/** The value a click carries: a menu entry's, or a button's (a menu with one entry is drawn as a button). */
export function clickedValue(args: CardClick): string | undefined {
  const action = args.action as { selected_option?: { value?: unknown }; value?: unknown };
  const value = action.selected_option?.value ?? action.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Draws the card a click came from again, in place: the card modal (views.update) or the private message it is
 * (replace_original). A card in a channel is never replaced — the new card goes to the clicker alone.
 */
export async function redrawCard(args: CardClick, contactId: string, cardState: CardState = {}): Promise<void> {
  const state: CardState = { register: kontaktOf(args.context).register, ...cardState };
  const workspaceId = workspaceIdOf(args);
  const userId = args.body.user.id;
  const tr = trOf(args);
  const view = args.body.view;
  if (view || !args.body.response_url) {
    const card = await contactCardView(args.client, workspaceId, userId, contactId, tr, state);
    if (!card) return tell(args, tr.t('contact.error.gone'));
    if (view?.callback_id === ids.views.contactCardModal)
      await args.client.views.update({ view_id: view.id, hash: view.hash, view: card });
    else await openOrPush(args, card);
    return;
  }
  const card = await contactCardMessage(args.client, workspaceId, userId, contactId, tr, state);
  if (!card) return tell(args, tr.t('contact.error.gone'));
  await args.respond({ response_type: 'ephemeral', replace_original: fromPrivateMessage(args.body), ...card });
}

/**
 * View (search results, a shared card's "View in Kontakt", a card's persons and company): the card in a modal,
 * for whoever clicks, checked against their workspace. From a card modal the card is replaced (the modal stack
 * holds three views); from any other modal it is pushed.
 */
export async function viewContact(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening a contact card', async () => {
    const tr = trOf(args);
    const view = await contactCardView(args.client, workspaceIdOf(args), args.body.user.id, args.action.value, tr, {
      register: kontaktOf(args.context).register,
    });
    if (!view) return tell(args, tr.t('contact.error.gone'));
    const current = args.body.view;
    if (current?.callback_id === ids.views.contactCardModal)
      await args.client.views.update({ view_id: current.id, hash: current.hash, view });
    else await openOrPush(args, view);
  });
}

/** Edit: the contact modal, pre-filled; once saved, the card it was chosen on is redrawn in place. */
async function openEdit(args: CardClick, contactId: unknown): Promise<void> {
  const workspaceId = workspaceIdOf(args);
  const contact = await getContact(workspaceId, contactId);
  if (!contact) return tell(args, trOf(args).t('contact.error.gone'));
  await openContactModal(
    args.client,
    args.body.trigger_id,
    {
      workspaceId,
      userId: args.body.user.id,
      tr: trOf(args),
      type: contact.type,
      contact,
      channelId: args.body.channel?.id,
      card: cardHandleOf(args.body, contact.id),
    },
    { push: Boolean(sourceView(args.body)) },
  );
}

/** Add person: a new person with this company already picked; the company's card then lists them. */
async function openAddPerson(args: CardClick, contactId: unknown): Promise<void> {
  const workspaceId = workspaceIdOf(args);
  const company = await getContact(workspaceId, contactId);
  if (!company || company.type !== 'company') return tell(args, trOf(args).t('contact.error.gone'));
  await openContactModal(
    args.client,
    args.body.trigger_id,
    {
      workspaceId,
      userId: args.body.user.id,
      tr: trOf(args),
      type: 'person',
      company,
      channelId: args.body.channel?.id,
      card: cardHandleOf(args.body, company.id),
    },
    { push: Boolean(sourceView(args.body)) },
  );
}

/** Why Slack would not take the post, in a sentence, for the refusals a channel can give. */
const SHARE_REFUSALS: Record<string, MessageKey> = {
  not_in_channel: 'share.error.notInChannel',
  channel_not_found: 'share.error.channelNotFound',
  is_archived: 'share.error.archived',
  restricted_action: 'share.error.restricted',
  restricted_action_read_only_channel: 'share.error.restricted',
  restricted_action_non_threadable_channel: 'share.error.restricted',
  restricted_action_thread_only_channel: 'share.error.restricted',
  ekm_access_denied: 'share.error.restricted',
};

/**
 * Share to channel: a compact, read-only card posted in the channel the card was shown in, saying who shared
 * it. Refused with a sentence when setup has sharing off (the menu hides it then; a forged click still comes),
 * when there is no channel, and when Slack will not let Kontakt post there.
 */
async function share(args: CardClick, contactId: unknown): Promise<void> {
  const tr = trOf(args);
  const check = await contactToShare(workspaceIdOf(args), contactId);
  if (check.status === 'off') return tell(args, tr.t('share.off'));
  if (check.status === 'gone') return tell(args, tr.t('contact.error.gone'));
  const body = args.body as { channel?: { id?: string }; container?: { channel_id?: string } };
  const channel = args.body.view ? undefined : (body.channel?.id ?? body.container?.channel_id);
  if (!channel) return tell(args, tr.t('share.noChannel'));
  // The channel's readers are many: the post takes the workspace's language once there is one (for now the
  // sharer's translator).
  const message = sharedContactMessage({ contact: check.contact, sharedBy: args.body.user.id }, tr);
  try {
    await args.client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
  } catch (error) {
    const code = slackErrorCode(error);
    if (!code) throw error;
    const known = SHARE_REFUSALS[code];
    await tell(args, known ? tr.t(known) : tr.t('share.error.other', { reason: code }));
  }
}

/** Delete in the menu: the card asks in place what deleting takes with it, with Delete and Keep it. */
async function askDelete(args: CardClick, contactId: unknown): Promise<void> {
  const tr = trOf(args);
  const workspaceId = workspaceIdOf(args);
  const contact = await getContact(workspaceId, contactId);
  if (!contact) return tell(args, tr.t('contact.error.gone'));
  const actor = slackActor(args.client, workspaceId, args.body.user.id);
  if (!(await actorMayManageContact(actor, contact))) {
    const salesperson = contact.salespersonId ? `<@${contact.salespersonId}>` : tr.t('contact.delete.noSalesperson');
    return tell(args, tr.t('contact.delete.notAllowed', { salesperson }));
  }
  await redrawCard(args, contact.id, { confirmDelete: true });
}

/**
 * Changes… (admins): the contact's change log in a modal, pushed over the card modal it came from. Checked here,
 * whatever the menu showed: a forged click from a non-admin gets a sentence and nothing else.
 */
async function openChanges(args: CardClick, contactId: unknown): Promise<void> {
  const tr = trOf(args);
  const workspaceId = workspaceIdOf(args);
  const actor = slackActor(args.client, workspaceId, args.body.user.id);
  if (!(await actor.isAdmin())) return tell(args, tr.t('changes.refused'));
  const contact = await getContact(workspaceId, contactId);
  if (!contact) return tell(args, tr.t('contact.error.gone'));
  const changes = await latestContactChanges(workspaceId, contact.id, CHANGES_SHOWN);
  await openOrPush(args, contactChangesModal(contact, changes, tr));
}

/** "Changes…" in the Personal data modal (admins): the change log, pushed over it. */
export const contactChanges = (args: ButtonArgs) =>
  guarded(args, 'Opening a contact’s changes', () => openChanges(args, args.action.value));

/**
 * The card's ⋯ menu: Edit, Share, Update from the register, Personal data…, Merge with…, Delete (and Add person, from
 * menus drawn before it moved beside a company's persons). A value that is not
 * one of ours is refused in a sentence.
 */
export async function contactMenu(args: CardClick): Promise<void> {
  await guarded(args, 'A contact card menu entry', async () => {
    const entry = contactMenuValue.decode(clickedValue(args));
    if (!entry) return tell(args, trOf(args).t('contact.error.gone'));
    if (entry.verb === 'edit') return openEdit(args, entry.contactId);
    if (entry.verb === 'person') return openAddPerson(args, entry.contactId);
    if (entry.verb === 'share') return share(args, entry.contactId);
    if (entry.verb === 'register') return registerUpdateFor(args, entry.contactId);
    if (entry.verb === 'privacy') return openPrivacyModal(args, entry.contactId);
    if (entry.verb === 'history') return openChanges(args, entry.contactId);
    if (entry.verb === 'merge') return openMergePick(args, entry.contactId);
    return askDelete(args, entry.contactId);
  });
}

/** Edit / Add person / Share as buttons: on cards drawn before the ⋯ menu, still in people's messages. */
export const editContact = (args: ButtonArgs) =>
  guarded(args, 'Opening the edit modal', () => openEdit(args, args.action.value));
export const addPerson = (args: ButtonArgs) =>
  guarded(args, 'Opening the new-person modal', () => openAddPerson(args, args.action.value));
export const shareContact = (args: ButtonArgs) =>
  guarded(args, 'Sharing a contact', () => share(args, args.action.value));

/** Delete (admins and the contact's salesperson, checked by the service) once the card's question is answered. */
export async function removeContact(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Deleting a contact', async () => {
    const tr = trOf(args);
    const workspaceId = workspaceIdOf(args);
    const actor = slackActor(args.client, workspaceId, args.body.user.id);
    const result = await deleteContact({ workspaceId, actor, contactId: args.action.value });
    if (result.status === 'gone') return tell(args, tr.t('contact.error.gone'));
    if (result.status === 'hasOpportunities') {
      const list = result.opportunities.map((o) => `• ${o.no} ${o.description}`).join('\n');
      return tell(args, tr.t('opp.delete.refused', { count: result.opportunities.length, list }));
    }
    if (result.status === 'refused') {
      const salesperson = result.salespersonId ? `<@${result.salespersonId}>` : tr.t('contact.delete.noSalesperson');
      return tell(args, tr.t('contact.delete.notAllowed', { salesperson }));
    }
    // A deleted contact leaves the actor's "Recent contacts".
    refreshHomes(args, [args.body.user.id]);
    const confirmation = { deletion: result.deletion, undo: await actor.isAdmin() };
    const view = sourceView(args.body);
    if (view)
      await args.client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: contactDeletedModal({ ...confirmation, tr: trOf(args) }),
      });
    else
      // The card asked in a message only this user sees; an old card in a channel is left as it is.
      await args.respond({
        response_type: 'ephemeral',
        replace_original: fromPrivateMessage(args.body),
        ...contactDeletedMessage({ ...confirmation, tr: trOf(args) }),
      });
  });
}
