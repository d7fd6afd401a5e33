import type { KnownBlock, ModalView, MrkdwnElement } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import type { Visit } from '../../services/visits/visit.types';
import { charLength, escapeMrkdwn, mrkdwn, plain, SLACK, truncate, userText } from '../contact/text';
import { contactName, evaluationEmoji, mention } from './visit-format';
import { visitDateLabel } from './visit-date';

/** A section holds 3000 characters; a description holds up to 3000 before escaping, so it may need two. */
const NOTE_CHUNK = 2500;
const TYPE_MAX = 50;

/** Cuts escaped text into section-sized pieces without splitting an entity such as `&amp;`. */
function chunks(text: string): string[] {
  const pieces: string[] = [];
  let rest = [...text];
  while (rest.length > 0) {
    let end = Math.min(NOTE_CHUNK, rest.length);
    const head = rest.slice(0, end).join('');
    const amp = head.lastIndexOf('&');
    if (amp > 0 && end < rest.length && !head.slice(amp).includes(';')) end = [...head.slice(0, amp)].length;
    pieces.push(rest.slice(0, end).join(''));
    rest = rest.slice(end);
  }
  return pieces;
}

/** One visit, whole: when, what, who, how it went, and its full description. Read-only. */
export function visitDetailModal(visit: Visit, tr: Translator): ModalView {
  const type = truncate(visit.typeDescription || visit.typeCode, TYPE_MAX);
  const field = (label: string, value: string): MrkdwnElement => mrkdwn(`*${label}*\n${value}`, SLACK.fieldText);
  const fields: MrkdwnElement[] = [
    field(tr.t('visit.field.date'), visitDateLabel(visit.date, tr)),
    field(tr.t('visit.field.type'), userText(type, TYPE_MAX)),
    field(tr.t('visit.field.contact'), contactName(visit)),
    field(tr.t('contact.field.salespersonId'), mention(visit.salespersonId)),
    field(
      tr.t('visit.field.evaluation'),
      `${evaluationEmoji[visit.evaluation] ?? ''} ${tr.t(`visit.evaluation.${visit.evaluation}`)}`.trim(),
    ),
    field(
      tr.t('visit.field.successful'),
      tr.t(visit.attemptFailed ? 'visitDetail.outcome.failed' : 'visitDetail.outcome.successful'),
    ),
  ];
  if (visit.durationMin > 0) fields.push(field(tr.t('visit.field.duration'), tr.number(visit.durationMin)));
  if (visit.cost > 0) fields.push(field(tr.t('visit.field.cost'), tr.number(visit.cost)));
  if (visit.followUpDate) fields.push(field(tr.t('visit.field.followUp'), visitDateLabel(visit.followUpDate, tr)));

  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: plain(tr.t('visitDetail.header', { type, contact: truncate(visit.contactName, 80) }), SLACK.headerText),
    },
  ];
  if (visit.status === 'cancelled')
    blocks.push({
      type: 'context',
      elements: [mrkdwn(tr.t('visitDetail.cancelled', { user: mention(visit.cancelledBy ?? '') }))],
    });
  blocks.push({ type: 'section', fields: fields.slice(0, SLACK.sectionFields) });
  const description = visit.description.trim();
  blocks.push({ type: 'divider' });
  if (description === '') blocks.push({ type: 'section', text: mrkdwn(tr.t('visitDetail.noDescription')) });
  else
    for (const piece of chunks(escapeMrkdwn(description)).slice(0, 4))
      blocks.push({ type: 'section', text: mrkdwn(piece) });
  const permalink = visit.source.permalink;
  if (permalink && charLength(permalink) < 500)
    blocks.push({
      type: 'context',
      elements: [mrkdwn(tr.t('visitDetail.source', { url: permalink.replace(/[|<>\s]/g, encodeURIComponent) }))],
    });
  return {
    type: 'modal',
    callback_id: ids.views.visitDetailModal,
    title: plain(tr.t('visitDetail.title'), SLACK.modalTitle),
    close: plain(tr.t('visitDetail.close'), SLACK.modalTitle),
    blocks,
  };
}
