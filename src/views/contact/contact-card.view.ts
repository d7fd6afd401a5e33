import type {
  ActionsBlock,
  Button,
  ContextBlock,
  KnownBlock,
  ModalView,
  Overflow,
  PlainTextOption,
} from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { contactMenuValue, duplicateSeparateValue, type ContactMenuVerb } from '../../schemas/button-values';
import type { Contact, ContactSummary } from '../../services/contacts/contact.types';
import type { RegisterCardPart } from '../../services/company-register/register-card.service';
import type { RegisterWarning } from '../../services/company-register/company-register.service';
import { cardFieldSections, type CardCodes } from './contact-card.fields';
import { escapeMrkdwn, mrkdwn, plain, readerDate, SLACK, truncate } from './text';

export interface ContactCardData {
  contact: Contact;
  /** A person's company. */
  company?: ContactSummary;
  /** A company's first persons and how many it has in all. */
  persons?: { persons: ContactSummary[]; total: number };
  /** "Possible duplicate of CT000123" with a button to open it (the list of possible duplicates has the pair). */
  possibleDuplicate?: Pick<ContactSummary, 'id' | 'no' | 'name'>;
  canEdit: boolean;
  /** Admins and the contact's salesperson (mayManageContact): Delete is in the menu only for them. */
  canDelete: boolean;
  /**
   * Admins: "Personal data…" in the menu (export and erase; for a company with an org.nr. it holds "Update from the
   * register" too, so an admin's menu never passes Slack's 5 entries).
   */
  canManagePrivacy?: boolean;
  /**
   * "Merge with…" in the menu: admins and the contact's salesperson (the merge service re-checks both contacts,
   * since a salesperson may merge only with another of theirs).
   */
  canMerge?: boolean;
  /** Offer "Share to channel": there is a channel to share to and setup allows sharing. */
  shareable: boolean;
  /** The visit history section (last visits and totals); replaces the plain interaction count when given. */
  visits?: KnownBlock[];
  /** The contact's open sales opportunities (views/opportunity: contactOpportunitiesBlocks), above the visits. */
  opportunities?: KnownBlock[];
  /** The contact's open tasks (views/task/task-card.ts), under the visits. */
  tasks?: KnownBlock[];
  /** Setup's code lists, to show codes with what they mean. */
  codes?: CardCodes;
  /** A line above the card saying what just happened ("Saved", "Cancelled the visit of …"), as mrkdwn. */
  notice?: string;
  /** Ask "Delete …?" at the foot of the card, with Delete and Keep it, instead of the actions. */
  confirmDelete?: boolean;
  /** What Enhetsregisteret says of a company with an org.nr.: a warning, and "Update from the register". */
  register?: RegisterCardPart;
}

export interface ContactMessage {
  text: string;
  blocks: KnownBlock[];
}

const NAME_MAX = 100;
const PERSONS_SHOWN = 10;
/** A person's button names them; Slack cuts button text at 75. */
const PERSON_BUTTON_MAX = 40;

const typeEmoji = (contact: Contact) => (contact.type === 'company' ? ':office:' : ':bust_in_silhouette:');

/** `Nordlys Maskin AS (CT000042)` as mrkdwn, cut and escaped. */
function nameAndNo(contact: Pick<ContactSummary, 'name' | 'no'>): string {
  return `${escapeMrkdwn(truncate(contact.name, NAME_MAX))} (${escapeMrkdwn(truncate(contact.no, 30))})`;
}

/** Company / Person at Nordlys Maskin AS (CT000042) [Open company] / Independent person. */
function typeBlock(data: ContactCardData, tr: Translator): KnownBlock {
  const { contact, company } = data;
  const line = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(text)] });
  if (contact.type === 'company') return line(`*${tr.t('contact.type.company')}*`);
  if (company) {
    return {
      type: 'section',
      text: mrkdwn(`*${tr.t('contact.type.person')}* · ${tr.t('card.company')}: ${nameAndNo(company)}`),
      accessory: {
        type: 'button',
        text: plain(tr.t('card.openCompany'), SLACK.buttonText),
        action_id: ids.actions.viewContact,
        value: company.id,
      },
    };
  }
  if (contact.companyId && contact.companyName)
    return line(
      `*${tr.t('contact.type.person')}* · ${tr.t('card.company')}: ${escapeMrkdwn(truncate(contact.companyName, NAME_MAX))}`,
    );
  return line(`*${tr.t('contact.type.person')}* · ${tr.t('card.independent')}`);
}

/** "Possible duplicate of Nordlys Maskin AS (CT000123)" [Open CT000123]. */
function possibleDuplicateBlock(other: Pick<ContactSummary, 'id' | 'no' | 'name'>, tr: Translator): KnownBlock {
  const no = truncate(other.no, 30);
  return {
    type: 'section',
    text: mrkdwn(
      tr.t('card.possibleDuplicate', { name: escapeMrkdwn(truncate(other.name, NAME_MAX)), no: escapeMrkdwn(no) }),
    ),
    accessory: {
      type: 'button',
      text: plain(tr.t('card.possibleDuplicateOpen', { no }), SLACK.buttonText),
      action_id: ids.actions.viewContact,
      value: other.id,
    },
  };
}

/**
 * "Persons (3)" with Add person beside it, then a button per person that opens their card, and how many more
 * there are.
 */
function personsBlocks(
  companyId: string,
  persons: { persons: ContactSummary[]; total: number },
  tr: Translator,
): KnownBlock[] {
  const shown = persons.persons.slice(0, PERSONS_SHOWN);
  const total = Math.max(persons.total, shown.length);
  const heading = `*${tr.t('card.persons', { count: total })}*`;
  const addPerson: Button = {
    type: 'button',
    text: plain(tr.t('card.menu.addPerson'), SLACK.buttonText),
    action_id: ids.actions.addPerson,
    value: companyId,
  };
  if (shown.length === 0)
    return [{ type: 'section', text: mrkdwn(`${heading}\n${tr.t('card.personsNone')}`), accessory: addPerson }];
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(heading), accessory: addPerson },
    {
      type: 'actions',
      elements: shown.map((person, index): Button => ({
        type: 'button',
        text: plain(`:bust_in_silhouette: ${truncate(person.name, PERSON_BUTTON_MAX)}`, SLACK.buttonText),
        action_id: `${ids.actions.viewPersonPrefix}${index}`,
        value: person.id,
      })),
    },
  ];
  if (total > shown.length)
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`_${tr.t('card.personsMore', { count: total - shown.length })}_`)],
    });
  return blocks;
}

function statsLine(contact: Contact, tr: Translator): ContextBlock {
  const last = contact.stats?.lastInteractionAt;
  const lastText = last instanceof Date && !Number.isNaN(last.getTime()) ? readerDate(tr, last) : tr.t('card.empty');
  const count = contact.stats?.interactionCount ?? 0;
  return { type: 'context', elements: [mrkdwn(tr.t('card.stats', { count, last: lastText }))] };
}

/**
 * A ⋯ menu of `options`, or — since Slack wants at least two entries in a menu — a plain button for a lone one,
 * under the same action id and value (the listener takes either).
 */
export function menuElement(actionId: string, options: PlainTextOption[]): Overflow | Button | undefined {
  const [first] = options;
  if (!first) return undefined;
  if (options.length === 1) return { type: 'button', text: first.text, action_id: actionId, value: first.value };
  return { type: 'overflow', action_id: actionId, options: options.slice(0, 5) };
}

function menuOption(text: string, verb: ContactMenuVerb, contactId: string): PlainTextOption {
  return { text: plain(text, SLACK.optionText), value: contactMenuValue.encode(verb, contactId) };
}

const MENU_TEXT = {
  edit: 'card.menu.edit',
  person: 'card.menu.addPerson',
  merge: 'card.menu.merge',
  share: 'card.menu.share',
  register: 'register.card.update',
  privacy: 'card.menu.privacy',
  delete: 'card.menu.delete',
  // Not in the menu (it is full): the Personal data modal's "Changes…" opens the change log.
  history: 'changes.button',
} as const satisfies Record<ContactMenuVerb, string>;

/**
 * The card's ⋯ menu, in order: Edit, Share, then "Update from the register" for those who are not admins, or
 * "Personal data…" for admins (which holds "Update from the register" then: see privacyModal), then Merge with…
 * and Delete — at most 5 entries whoever looks, as Slack allows. A company's Add person sits beside its persons.
 */
export function cardMenuVerbs(card: {
  canEdit: boolean;
  shareable: boolean;
  canDelete: boolean;
  canUpdateFromRegister: boolean;
  canManagePrivacy: boolean;
  canMerge: boolean;
}): ContactMenuVerb[] {
  const verbs: ContactMenuVerb[] = [];
  if (card.canEdit) verbs.push('edit');
  if (card.shareable) verbs.push('share');
  if (card.canManagePrivacy) verbs.push('privacy');
  else if (card.canEdit && card.canUpdateFromRegister) verbs.push('register');
  if (card.canMerge) verbs.push('merge');
  if (card.canDelete) verbs.push('delete');
  return verbs;
}

/** Log visit (the one primary action), New opportunity, Add task, then the ⋯ menu (cardMenuVerbs). */
function actionsBlock(data: ContactCardData, tr: Translator): ActionsBlock | undefined {
  const { contact } = data;
  const elements: (Button | Overflow)[] = [];
  // A privacy-blocked contact must not get new interactions, so the button is not offered at all.
  if (!contact.privacyBlocked)
    elements.push({
      type: 'button',
      text: plain(tr.t('card.button.logVisit'), SLACK.buttonText),
      action_id: ids.actions.logVisit,
      value: contact.id,
      style: 'primary',
    });
  if (!contact.privacyBlocked)
    elements.push({
      type: 'button',
      text: plain(tr.t('opp.button.new'), SLACK.buttonText),
      action_id: ids.opportunity.actions.create,
      value: contact.id,
    });
  // A task is a new interaction to come: not for a privacy-blocked contact either.
  if (!contact.privacyBlocked)
    elements.push({
      type: 'button',
      text: plain(tr.t('card.button.addTask'), SLACK.buttonText),
      action_id: ids.task.actions.add,
      value: contact.id,
    });
  const options = cardMenuVerbs({
    canEdit: data.canEdit,
    shareable: data.shareable,
    canDelete: data.canDelete,
    canUpdateFromRegister: Boolean(data.register?.canUpdate),
    canManagePrivacy: Boolean(data.canManagePrivacy),
    canMerge: Boolean(data.canMerge),
  }).map((verb) => menuOption(tr.t(MENU_TEXT[verb]), verb, contact.id));
  const menu = menuElement(ids.actions.contactMenu, options);
  if (menu) elements.push(menu);
  return elements.length > 0 ? { type: 'actions', elements } : undefined;
}

/** "Bankrupt", "Being wound up" or "Deleted (on …)": what Enhetsregisteret says, under the card's title. */
function registerWarningBlock(contact: Contact, warning: RegisterWarning, tr: Translator): KnownBlock {
  const name = escapeMrkdwn(truncate(contact.name, NAME_MAX));
  const text =
    warning.kind === 'deleted'
      ? warning.on && /^\d{4}-\d{2}-\d{2}$/.test(warning.on)
        ? tr.t('register.warning.deleted', { name, date: tr.date(new Date(`${warning.on}T12:00:00Z`)) })
        : tr.t('register.warning.deletedNoDate', { name })
      : tr.t(warning.kind === 'bankrupt' ? 'register.warning.bankrupt' : 'register.warning.windingUp', { name });
  return { type: 'section', text: mrkdwn(text) };
}

/** The question Delete in the menu asks, in place of the actions: what goes with it, then Delete / Keep it. */
function deleteQuestion(data: ContactCardData, tr: Translator): KnownBlock[] {
  const name = escapeMrkdwn(truncate(data.contact.name, NAME_MAX));
  const count = data.contact.type === 'company' ? (data.persons?.total ?? 0) : 0;
  const text =
    count === 0
      ? tr.t('card.delete.text', { name })
      : count === 1
        ? tr.t('card.delete.textOnePerson', { name })
        : tr.t('card.delete.textPersons', { name, count });
  return [
    { type: 'section', text: mrkdwn(`:warning: *${tr.t('card.delete.title')}* ${text}`) },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain(tr.t('card.delete.confirm'), SLACK.buttonText),
          action_id: ids.actions.deleteContact,
          value: data.contact.id,
          style: 'danger',
        },
        {
          type: 'button',
          text: plain(tr.t('card.delete.deny'), SLACK.buttonText),
          action_id: ids.actions.contactCardBack,
          value: data.contact.id,
        },
      ],
    },
  ];
}

function cardBlocks(data: ContactCardData, tr: Translator): KnownBlock[] {
  const { contact } = data;
  const blocks: KnownBlock[] = [];
  if (data.notice) blocks.push({ type: 'context', elements: [mrkdwn(data.notice)] });
  blocks.push(
    {
      type: 'header',
      text: plain(
        `${typeEmoji(contact)} ${truncate(contact.name, NAME_MAX)} (${truncate(contact.no, 30)})`,
        SLACK.headerText,
      ),
    },
    typeBlock(data, tr),
  );
  if (data.register?.warning) blocks.push(registerWarningBlock(contact, data.register.warning, tr));
  if (contact.privacyBlocked) blocks.push({ type: 'section', text: mrkdwn(tr.t('card.privacyBlocked')) });
  if (contact.type === 'person' && contact.minor)
    blocks.push({
      type: 'context',
      elements: [mrkdwn(tr.t(contact.parentalConsentReceived ? 'card.minorConsent' : 'card.minorNoConsent'))],
    });
  if (data.possibleDuplicate) {
    blocks.push(possibleDuplicateBlock(data.possibleDuplicate, tr));
    // Merging is for admins and the salesperson (the merge service re-checks both contacts).
    if (data.canDelete)
      blocks.push({
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: plain(tr.t('duplicates.button.merge'), SLACK.buttonText),
            action_id: ids.merge.actions.fromCard,
            value: duplicateSeparateValue.encode(contact.id, data.possibleDuplicate.id, 0),
          },
        ],
      });
  }
  blocks.push(...cardFieldSections(contact, tr, { codes: data.codes }));
  if (contact.type === 'company' && data.persons) blocks.push(...personsBlocks(contact.id, data.persons, tr));
  if (data.opportunities) blocks.push(...data.opportunities);
  if (data.visits) blocks.push(...data.visits);
  else blocks.push(statsLine(contact, tr));
  if (data.tasks) blocks.push(...data.tasks);
  if (data.confirmDelete) blocks.push(...deleteQuestion(data, tr));
  else {
    const actions = actionsBlock(data, tr);
    if (actions) blocks.push(actions);
  }
  return blocks;
}

/** The notification / fallback text: what a phone's lock screen or a screen reader says. */
function fallbackText(contact: Contact, tr: Translator): string {
  const type = tr.t(contact.type === 'company' ? 'contact.type.company' : 'contact.type.person');
  return `${truncate(contact.name, NAME_MAX)} (${truncate(contact.no, 30)}) · ${type}`;
}

/**
 * Keeps the card within a message's 50 blocks: the actions (or the delete question) at the foot are never the
 * ones cut, whatever the fields, persons and visits above them take.
 */
function fit(blocks: KnownBlock[], max: number, footLength: number): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  const foot = blocks.slice(blocks.length - footLength);
  return [...blocks.slice(0, max - foot.length), ...foot];
}

const footLength = (data: ContactCardData) => (data.confirmDelete ? 2 : 1);

/** A contact card as a message (an ephemeral reply or a DM to the person looking; never posted to a channel). */
export function contactCard(data: ContactCardData, tr: Translator): ContactMessage {
  return {
    text: fallbackText(data.contact, tr),
    blocks: fit(cardBlocks(data, tr), SLACK.messageBlocks, footLength(data)),
  };
}

/** The same card in a modal (opened from a typeahead pick or a View button); it remembers its contact's id. */
export function contactCardModal(data: ContactCardData, tr: Translator): ModalView {
  return {
    type: 'modal',
    callback_id: ids.views.contactCardModal,
    private_metadata: data.contact.id,
    title: plain(tr.t('card.modal.title'), SLACK.modalTitle),
    close: plain(tr.t('card.modal.close'), SLACK.modalTitle),
    blocks: fit(cardBlocks(data, tr), SLACK.viewBlocks, footLength(data)),
  };
}
