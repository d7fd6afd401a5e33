import type { KnownBlock, SectionBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { ids } from '../../ids';
import { slackPermalinkOrNothing } from '../../schemas/slack-permalink';
import { isIsoDate } from '../../services/calendar';
import type { Visit } from '../../services/visits/visit.types';
import { escapeMrkdwn, mrkdwn, plain, SLACK, truncate, truncateMrkdwn } from '../contact/text';
import { contactName, evaluationEmoji, evaluationLabel, firstLine } from './visit-format';
import type { VisitMessage } from './visits-report.message';

/** A calendar day as the reader writes it ("24. nov. 2026"); anything else as stored, cut short. */
const dayOf = (tr: Translator, day: string): string => (isIsoDate(day) ? tr.date(day) : truncate(day, 20));

export interface VisitSavedArgs {
  visit: Visit;
  /** Show a "View contact" button (ids.actions.viewContact, value = contact id). */
  contactLinkButton: boolean;
  permalink?: string;
}

/**
 * The confirmation after logging a visit (ephemeral in the channel, else a DM):
 * "Logged a visit with Kari Nordmann (CT000042): Visit, Nov 24, 2026" ("…: Besøk, 24. nov. 2026"), the details (the
 * cost and follow-up date in the reader's formats), and a way back to the contact.
 */
export function visitSavedMessage(tr: Translator, args: VisitSavedArgs): VisitMessage {
  const t = tr.t;
  const { visit } = args;
  const type = visit.typeDescription || visit.typeCode;
  const headline = t('visit.saved', {
    contact: contactName(visit),
    type: escapeMrkdwn(truncate(type, 50)),
    date: escapeMrkdwn(dayOf(tr, visit.date)),
  });

  const details = [`${evaluationEmoji[visit.evaluation] ?? ''} ${evaluationLabel(tr, visit.evaluation)}`.trim()];
  if (visit.attemptFailed) details.push(t('visits.failedAttempt'));
  if (visit.durationMin > 0) details.push(t('visit.saved.minutes', { minutes: visit.durationMin }));
  if (visit.cost > 0) details.push(t('visit.saved.cost', { cost: tr.number(visit.cost) }));
  if (visit.followUpDate)
    details.push(t('visit.saved.followUp', { date: escapeMrkdwn(dayOf(tr, visit.followUpDate)) }));
  const permalink = slackPermalinkOrNothing(args.permalink);
  if (permalink) details.push(`<${permalink}|${escapeMrkdwn(t('visit.modal.fromMessage'))}>`);

  const main: SectionBlock = { type: 'section', text: mrkdwn(`:white_check_mark: ${headline}`) };
  if (args.contactLinkButton && visit.contactId) {
    main.accessory = {
      type: 'button',
      text: plain(t('visit.saved.viewContact'), SLACK.buttonText),
      action_id: ids.actions.viewContact,
      value: visit.contactId,
    };
  }
  const blocks: KnownBlock[] = [main, { type: 'context', elements: [mrkdwn(details.join(' · '))] }];
  const line = firstLine(visit.description, 300);
  if (line !== '') blocks.push({ type: 'context', elements: [mrkdwn(t('visits.quote', { text: line }))] });

  const text = t('visit.saved', {
    contact: `${truncate(visit.contactName, 80)} (${truncate(visit.contactNo, 30)})`,
    type: truncate(type, 50),
    date: dayOf(tr, visit.date),
  });
  return { text: truncateMrkdwn(escapeMrkdwn(text), SLACK.messageText), blocks };
}
