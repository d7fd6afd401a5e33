import type { ActionsBlock, Button, ContextBlock, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { t } from '../../i18n';
import { ids } from '../../ids';
import type { Contact, ContactSummary } from '../../services/contacts/contact.types';
import { cardFieldSections } from './contact-card.fields';
import { escapeMrkdwn, mrkdwn, plain, slackDate, SLACK, truncate } from './text';

export interface ContactCardData {
  contact: Contact;
  /** A person's company. */
  company?: ContactSummary;
  /** A company's first persons and how many it has in all. */
  persons?: { persons: ContactSummary[]; total: number };
  canEdit: boolean;
  canDelete: boolean;
  /** Offer "Share to channel" (false in the modal, which has no channel to share to). */
  shareable: boolean;
  /** The visit history section (last visits and totals); replaces the plain interaction count when given. */
  visits?: KnownBlock[];
}

export interface ContactMessage {
  text: string;
  blocks: KnownBlock[];
}

const NAME_MAX = 100;
const PERSONS_SHOWN = 10;

const typeEmoji = (contact: Contact) => (contact.type === 'company' ? ':office:' : ':bust_in_silhouette:');

/** `Nordlys Maskin AS (CT000042)` as mrkdwn, cut and escaped. */
function nameAndNo(contact: Pick<ContactSummary, 'name' | 'no'>): string {
  return `${escapeMrkdwn(truncate(contact.name, NAME_MAX))} (${escapeMrkdwn(truncate(contact.no, 30))})`;
}

/** Company / Person at Nordlys Maskin AS (CT000042) / Independent person. */
function typeLine(data: ContactCardData): string {
  const { contact, company } = data;
  if (contact.type === 'company') return `*${t('contact.type.company')}*`;
  if (company) return `*${t('contact.type.person')}* · ${t('card.company')}: ${nameAndNo(company)}`;
  if (contact.companyId && contact.companyName)
    return `*${t('contact.type.person')}* · ${t('card.company')}: ${escapeMrkdwn(truncate(contact.companyName, NAME_MAX))}`;
  return `*${t('contact.type.person')}* · ${t('card.independent')}`;
}

function personsSection(persons: { persons: ContactSummary[]; total: number }): SectionBlock {
  const shown = persons.persons.slice(0, PERSONS_SHOWN);
  const total = Math.max(persons.total, shown.length);
  const lines = shown.map((person) => `• ${nameAndNo(person)}`);
  if (total > shown.length) lines.push(`_${t('card.personsMore', { count: total - shown.length })}_`);
  const body = lines.length > 0 ? lines.join('\n') : t('card.personsNone');
  return { type: 'section', text: mrkdwn(`*${t('card.persons', { count: total })}*\n${body}`) };
}

function statsLine(contact: Contact): ContextBlock {
  const last = contact.stats?.lastInteractionAt;
  const lastText = last instanceof Date && !Number.isNaN(last.getTime()) ? slackDate(last) : t('card.empty');
  const count = contact.stats?.interactionCount ?? 0;
  return { type: 'context', elements: [mrkdwn(t('card.stats', { count, last: lastText }))] };
}

function button(text: string, actionId: string, contactId: string, extra: Partial<Button> = {}): Button {
  return { type: 'button', text: plain(text, SLACK.buttonText), action_id: actionId, value: contactId, ...extra };
}

function deleteButton(data: ContactCardData): Button {
  const name = truncate(data.contact.name, NAME_MAX);
  const count = data.contact.type === 'company' ? (data.persons?.total ?? 0) : 0;
  const text =
    count === 0
      ? t('card.delete.text', { name })
      : count === 1
        ? t('card.delete.textOnePerson', { name })
        : t('card.delete.textPersons', { name, count });
  return button(t('card.button.delete'), ids.actions.deleteContact, data.contact.id, {
    style: 'danger',
    confirm: {
      title: plain(t('card.delete.title'), SLACK.confirmTitle),
      text: plain(text, SLACK.confirmText),
      confirm: plain(t('card.delete.confirm'), SLACK.confirmButton),
      deny: plain(t('card.delete.deny'), SLACK.confirmButton),
      style: 'danger',
    },
  });
}

function actionsBlock(data: ContactCardData): ActionsBlock | undefined {
  const { contact } = data;
  const buttons: Button[] = [];
  if (data.canEdit) buttons.push(button(t('card.button.edit'), ids.actions.editContact, contact.id));
  if (contact.type === 'company') buttons.push(button(t('card.button.addPerson'), ids.actions.addPerson, contact.id));
  // A privacy-blocked contact must not get new interactions, so the button is not offered at all.
  if (!contact.privacyBlocked) buttons.push(button(t('card.button.logVisit'), ids.actions.logVisit, contact.id));
  if (data.shareable) buttons.push(button(t('card.button.share'), ids.actions.shareContact, contact.id));
  if (data.canDelete) buttons.push(deleteButton(data));
  return buttons.length > 0 ? { type: 'actions', elements: buttons } : undefined;
}

function cardBlocks(data: ContactCardData): KnownBlock[] {
  const { contact } = data;
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: plain(
        `${typeEmoji(contact)} ${truncate(contact.name, NAME_MAX)} (${truncate(contact.no, 30)})`,
        SLACK.headerText,
      ),
    },
    { type: 'context', elements: [mrkdwn(typeLine(data))] },
  ];
  if (contact.privacyBlocked) blocks.push({ type: 'section', text: mrkdwn(t('card.privacyBlocked')) });
  blocks.push(...cardFieldSections(contact));
  if (contact.type === 'company' && data.persons) blocks.push(personsSection(data.persons));
  if (data.visits) blocks.push(...data.visits);
  else blocks.push(statsLine(contact));
  const actions = actionsBlock(data);
  if (actions) blocks.push(actions);
  return blocks;
}

/** The notification / fallback text: what a phone's lock screen or a screen reader says. */
function fallbackText(contact: Contact): string {
  const type = t(contact.type === 'company' ? 'contact.type.company' : 'contact.type.person');
  return `${truncate(contact.name, NAME_MAX)} (${truncate(contact.no, 30)}) · ${type}`;
}

/** A contact card as a message (ephemeral reply, DM or shared in a channel). */
export function contactCard(data: ContactCardData): ContactMessage {
  return { text: fallbackText(data.contact), blocks: cardBlocks(data).slice(0, SLACK.messageBlocks) };
}

/** The same card in a read-only modal (opened from a typeahead pick or a View button). */
export function contactCardModal(data: ContactCardData): ModalView {
  return {
    type: 'modal',
    callback_id: ids.views.contactCardModal,
    title: plain(t('card.modal.title'), SLACK.modalTitle),
    close: plain(t('card.modal.close'), SLACK.modalTitle),
    blocks: cardBlocks(data).slice(0, SLACK.viewBlocks),
  };
}
