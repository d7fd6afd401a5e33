import type { ActionsBlock, Button, KnownBlock, ModalView } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate } from '../contact/text';

const NAME_MAX = 100;

/** The contact a privacy surface is about. */
export interface PrivacyContact {
  id: string;
  no: string;
  name: string;
  type: 'company' | 'person';
}

/** What an erasure removes and keeps, counted (services/privacy: ErasurePlan). */
export interface ErasureCounts {
  contact: PrivacyContact;
  persons: number;
  visitsAsContact: number;
  visitsKept: number;
  opportunities: number;
  tasks: number;
}

const nameOf = (contact: PrivacyContact): string => escapeMrkdwn(truncate(contact.name, NAME_MAX));
const noOf = (contact: PrivacyContact): string => escapeMrkdwn(truncate(contact.no, 30));

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: plain(text, SLACK.buttonText),
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/**
 * "Personal data…" from a card's ⋯ menu (admins): Export and Erase…, each with what it does; for a company with an
 * org.nr. also "Update from the register", which an admin's full menu has no room for.
 */
export function privacyModal(
  args: { contact: PrivacyContact; persons: number; canUpdateFromRegister: boolean; notice?: string },
  tr: Translator,
): ModalView {
  const { contact } = args;
  const persons = args.persons > 0 ? tr.t('privacy.modal.persons', { count: args.persons }) : '';
  const blocks: KnownBlock[] = [];
  if (args.notice) blocks.push({ type: 'context', elements: [mrkdwn(args.notice)] });
  blocks.push(
    {
      type: 'section',
      text: mrkdwn(tr.t('privacy.modal.text', { name: nameOf(contact), no: noOf(contact), persons })),
    },
    { type: 'divider' },
    {
      type: 'section',
      text: mrkdwn(tr.t('privacy.modal.exportHint')),
      accessory: button(tr.t('privacy.modal.export'), ids.privacy.actions.export, contact.id, 'primary'),
    },
    {
      type: 'section',
      text: mrkdwn(tr.t('privacy.modal.eraseHint')),
      accessory: button(tr.t('privacy.modal.erase'), ids.privacy.actions.askErase, contact.id, 'danger'),
    },
  );
  // The change log (views/contact/contact-changes.view.ts), pushed over this modal.
  blocks.push({
    type: 'section',
    text: mrkdwn(tr.t('changes.hint')),
    accessory: button(tr.t('changes.button'), ids.actions.contactChanges, contact.id),
  });
  if (args.canUpdateFromRegister)
    blocks.push({
      type: 'section',
      text: mrkdwn(tr.t('privacy.modal.registerHint')),
      accessory: button(tr.t('register.card.update'), ids.actions.registerUpdate, contact.id),
    });
  return {
    type: 'modal',
    callback_id: ids.privacy.views.modal,
    private_metadata: contact.id,
    title: plain(tr.t('privacy.modal.title'), SLACK.modalTitle),
    close: plain(tr.t('privacy.modal.close'), SLACK.modalTitle),
    blocks,
  };
}

/** The erase question: what is removed for good and what is kept (counted), then Erase / Cancel. */
export function erasureQuestionBlocks(plan: ErasureCounts, tr: Translator): KnownBlock[] {
  const { contact } = plan;
  const erased = tr.t(contact.type === 'company' ? 'privacy.erased.company' : 'privacy.erased.person');
  const removed = [tr.t('privacy.erase.removedHeading'), tr.t('privacy.erase.removed.contact')];
  if (plan.persons > 0) removed.push(tr.t('privacy.erase.removed.persons', { count: plan.persons }));
  if (plan.visitsAsContact > 0) removed.push(tr.t('privacy.erase.removed.notes', { count: plan.visitsAsContact }));
  removed.push(tr.t('privacy.erase.removed.copies'));
  const kept = [tr.t('privacy.erase.keptHeading', { erased })];
  kept.push(tr.t('privacy.erase.kept.visits', { count: plan.visitsKept }));
  if (plan.opportunities > 0) kept.push(tr.t('privacy.erase.kept.opportunities', { count: plan.opportunities }));
  if (plan.tasks > 0) kept.push(tr.t('privacy.erase.kept.tasks', { count: plan.tasks }));
  const actions: ActionsBlock = {
    type: 'actions',
    elements: [
      button(tr.t('privacy.erase.confirm'), ids.privacy.actions.erase, contact.id, 'danger'),
      button(tr.t('privacy.erase.cancel'), ids.privacy.actions.cancel, contact.id),
    ],
  };
  return [
    { type: 'section', text: mrkdwn(tr.t('privacy.erase.question', { name: nameOf(contact), no: noOf(contact) })) },
    { type: 'section', text: mrkdwn(removed.join('\n')) },
    { type: 'section', text: mrkdwn(kept.join('\n')) },
    actions,
  ];
}

/** The erase question as a message (an ephemeral answer to `/contact privacy erase`). */
export function erasureQuestionMessage(plan: ErasureCounts, tr: Translator): { text: string; blocks: KnownBlock[] } {
  return {
    text: tr.t('privacy.erase.question', { name: truncate(plan.contact.name, NAME_MAX), no: plan.contact.no }),
    blocks: erasureQuestionBlocks(plan, tr),
  };
}

/** The erase question in the Personal data modal (Erase… there). */
export function erasureQuestionModal(plan: ErasureCounts, tr: Translator): ModalView {
  return {
    type: 'modal',
    callback_id: ids.privacy.views.modal,
    private_metadata: plan.contact.id,
    title: plain(tr.t('privacy.modal.title'), SLACK.modalTitle),
    close: plain(tr.t('privacy.modal.close'), SLACK.modalTitle),
    blocks: erasureQuestionBlocks(plan, tr),
  };
}

/** `/contact privacy purge`: how many cancelled visits go, then Purge / Cancel. */
export function purgeQuestionMessage(count: number, tr: Translator): { text: string; blocks: KnownBlock[] } {
  const text = tr.t('privacy.purge.question', { count });
  return {
    text,
    blocks: [
      { type: 'section', text: mrkdwn(`:warning: ${text}`) },
      {
        type: 'actions',
        elements: [
          button(tr.t('privacy.purge.confirm'), ids.privacy.actions.purge, 'purge', 'danger'),
          button(tr.t('privacy.erase.cancel'), ids.privacy.actions.cancel, 'purge'),
        ],
      },
    ],
  };
}
