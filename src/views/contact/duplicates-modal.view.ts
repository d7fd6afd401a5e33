import type { KnownBlock, MrkdwnElement, ModalView } from '@slack/types';
import { translator, type MessageKey, type Translator } from '../../i18n';
import { ids } from '../../ids';
import type { ContactSummary } from '../../services/contacts/contact.types';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate } from './text';

export interface DuplicateDraft {
  name: string;
  address?: string;
  postCode?: string;
  city?: string;
  phone?: string;
  vatRegNo?: string;
}

export interface DuplicatesModalArgs {
  draft: DuplicateDraft;
  candidates: ContactSummary[];
  privateMetadata: string;
  /** The reader's language (trOf(args)); English where a listener does not pass it yet. */
  tr?: Translator;
}

type Compared = keyof DuplicateDraft;

const COMPARED: readonly [Compared, MessageKey][] = [
  ['name', 'contact.field.name'],
  ['address', 'contact.field.address'],
  ['postCode', 'contact.field.postCode'],
  ['city', 'contact.field.city'],
  ['phone', 'contact.field.phone'],
  ['vatRegNo', 'contact.field.vatRegNo'],
];

/** Four blocks per candidate: ten keeps the modal well inside Slack's 100 blocks (the service sends five). */
const MAX_CANDIDATES = 10;

function cell(tr: Translator, label: string, value: string | undefined): MrkdwnElement {
  const shown = value && value.trim() !== '' ? escapeMrkdwn(truncate(value, 100)) : tr.t('card.empty');
  return mrkdwn(`*${label}*\n${shown}`, SLACK.fieldText);
}

/**
 * The new company and one candidate side by side: Slack lays section fields out in two columns, so each row
 * pairs the new value (left) with the existing one (right). Seven rows are fourteen fields: two sections.
 */
function comparison(tr: Translator, draft: DuplicateDraft, candidate: ContactSummary): KnownBlock[] {
  const fields: MrkdwnElement[] = [
    mrkdwn(`*${tr.t('contact.duplicates.newColumn')}*`),
    mrkdwn(`*${escapeMrkdwn(tr.t('contact.duplicates.existingColumn', { no: truncate(candidate.no, 30) }))}*`),
  ];
  for (const [field, key] of COMPARED) {
    fields.push(cell(tr, tr.t(key), draft[field]), cell(tr, tr.t(key), candidate[field]));
  }
  const sections: KnownBlock[] = [];
  for (let i = 0; i < fields.length; i += SLACK.sectionFields) {
    sections.push({ type: 'section', fields: fields.slice(i, i + SLACK.sectionFields) });
  }
  return sections;
}

function candidateButtons(tr: Translator, candidate: ContactSummary): KnownBlock {
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        text: plain(tr.t('contact.duplicates.open'), SLACK.buttonText),
        action_id: ids.actions.openExisting,
        value: candidate.id,
      },
      {
        type: 'button',
        text: plain(tr.t('contact.duplicates.notDuplicate'), SLACK.buttonText),
        action_id: ids.actions.notDuplicate,
        value: candidate.id,
      },
    ],
  };
}

/** Pushed over the contact modal when a company looks like one already saved: compare, open, dismiss or save anyway. */
export function duplicatesModal(args: DuplicatesModalArgs): ModalView {
  if (args.privateMetadata.length > SLACK.privateMetadata) {
    throw new RangeError(
      `private_metadata is ${args.privateMetadata.length} characters; Slack allows ${SLACK.privateMetadata}`,
    );
  }
  const { draft } = args;
  const tr = args.tr ?? translator('en');
  const shown = args.candidates.slice(0, MAX_CANDIDATES);
  const name = escapeMrkdwn(truncate(draft.name, 100));
  const intro =
    args.candidates.length === 1
      ? tr.t('contact.duplicates.introOne', { name })
      : tr.t('contact.duplicates.introMany', { name, count: args.candidates.length });
  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(intro) }];
  for (const candidate of shown) {
    blocks.push({ type: 'divider' }, ...comparison(tr, draft, candidate), candidateButtons(tr, candidate));
  }
  if (args.candidates.length > shown.length) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(tr.t('contact.duplicates.more', { count: args.candidates.length - shown.length }))],
    });
  }
  return {
    type: 'modal',
    callback_id: ids.views.duplicatesModal,
    title: plain(tr.t('contact.duplicates.title'), SLACK.modalTitle),
    submit: plain(tr.t('contact.duplicates.submit'), SLACK.modalTitle),
    close: plain(tr.t('contact.duplicates.close'), SLACK.modalTitle),
    private_metadata: args.privateMetadata,
    blocks,
  };
}
