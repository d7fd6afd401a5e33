import type { KnownBlock, ModalView } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import type { Visit } from '../../services/visits/visit.types';
import { charLength, escapeMrkdwn, mrkdwn, plain, SLACK, userText } from '../contact/text';
import { visitDateLabel } from './visit-date';
import { evaluationEmoji, mention } from './visit-format';

const NOTE_SECTIONS = 4;
const NOTE_CHUNK = SLACK.sectionText - 100;

/** A note as sections of at most ~2,900 characters each, cut at line ends where it can be. */
function noteSections(note: string): KnownBlock[] {
  const escaped = escapeMrkdwn(note.trim());
  const chunks: string[] = [];
  let rest = escaped;
  while (rest !== '' && chunks.length < NOTE_SECTIONS) {
    if (charLength(rest) <= NOTE_CHUNK) {
      chunks.push(rest);
      break;
    }
    const window = [...rest].slice(0, NOTE_CHUNK).join('');
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '), Math.floor(window.length / 2));
    // Never end a chunk inside an entity (`&amp;`).
    const amp = window.lastIndexOf('&', cut);
    const end = amp >= 0 && !window.slice(amp, cut).includes(';') ? amp : cut;
    chunks.push(window.slice(0, end));
    rest = rest.slice(end).trimStart();
  }
  return chunks.map((chunk) => ({ type: 'section', text: mrkdwn(chunk) }));
}

export interface VisitDetailOptions {
  /**
   * Opened from the contact's own card ("View" in a visit line's ⋯ menu): the card is already there, so no
   * "Open contact" button.
   */
  fromCard?: boolean;
}

/**
 * One visit in full, read-only: who, whom, when, how it went, the whole note, where it was logged from, and the
 * contact's card one click away. Opened from the team report's "Open a visit…" and from "View" on a card's visit line.
 */
export function visitDetailModal(tr: Translator, visit: Visit, options: VisitDetailOptions = {}): ModalView {
  const contact = `*${userText(visit.contactName, 150)}* (${userText(visit.contactNo, 30)})`;
  const company =
    visit.companyName && visit.companyId !== visit.contactId
      ? ` ${tr.t('visits.detail.company', { company: userText(visit.companyName, 150) })}`
      : '';
  const field = (label: string, value: string) => mrkdwn(`*${label}*\n${value}`, SLACK.fieldText);
  const fields = [
    field(tr.t('visits.detail.type'), userText(visit.typeDescription || visit.typeCode, 100)),
    field(tr.t('visits.detail.date'), visitDateLabel(visit.date, tr)),
    field(tr.t('visits.detail.salesperson'), mention(visit.salespersonId)),
    field(
      tr.t('visits.detail.evaluation'),
      `${evaluationEmoji[visit.evaluation] ?? ''} ${tr.t(`visit.evaluation.${visit.evaluation}`)}`.trim(),
    ),
    field(
      tr.t('visits.detail.outcome'),
      visit.attemptFailed ? `_${tr.t('visits.detail.failed')}_` : tr.t('visits.detail.successful'),
    ),
  ];
  if (visit.durationMin > 0)
    fields.push(field(tr.t('visits.detail.duration'), tr.t('visits.detail.minutes', { count: visit.durationMin })));
  if (visit.cost > 0) fields.push(field(tr.t('visits.detail.cost'), tr.number(visit.cost)));
  if (visit.followUpDate) fields.push(field(tr.t('visits.detail.followUp'), visitDateLabel(visit.followUpDate, tr)));

  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(`${contact}${company}`) }];
  if (visit.status === 'cancelled')
    blocks.push({
      type: 'context',
      elements: [
        mrkdwn(`:no_entry_sign: ${tr.t('visits.detail.cancelled', { user: mention(visit.cancelledBy ?? '') })}`),
      ],
    });
  blocks.push({ type: 'section', fields: fields.slice(0, SLACK.sectionFields) });
  blocks.push({ type: 'divider' });
  blocks.push({ type: 'section', text: mrkdwn(`*${tr.t('visits.detail.note')}*`) });
  if (visit.description.trim() === '')
    blocks.push({ type: 'context', elements: [mrkdwn(tr.t('visits.detail.noNote'))] });
  else blocks.push(...noteSections(visit.description));
  const permalink = visit.source.permalink;
  if (permalink && /^https:\/\/[^\s<>|]+$/.test(permalink))
    blocks.push({ type: 'context', elements: [mrkdwn(tr.t('visits.detail.source', { url: permalink }))] });
  if (visit.contactId && !options.fromCard)
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain(tr.t('visits.detail.openContact'), SLACK.buttonText),
          action_id: ids.actions.viewContact,
          value: visit.contactId,
        },
      ],
    });
  else if (!visit.contactId) blocks.push({ type: 'context', elements: [mrkdwn(tr.t('visits.detail.contactGone'))] });
  return {
    type: 'modal',
    callback_id: ids.views.visitDetailModal,
    title: plain(tr.t('visits.detail.title'), SLACK.modalTitle),
    close: plain(tr.t('visits.detail.close'), SLACK.modalTitle),
    blocks,
  };
}
