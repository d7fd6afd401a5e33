import type { KnownBlock } from '@slack/types';
import { t } from '../../i18n';
import { isIsoDate, isoWeekNumber } from '../../services/calendar';
import { evaluations, type DateRange, type VisitTotals } from '../../services/visits/visit.types';
import { mrkdwn, plain, SLACK, truncate, userText } from '../contact/text';
import {
  byTypeLines,
  bySalespersonLines,
  cappedLines,
  countsText,
  evaluationEmoji,
  evaluationLabel,
  mention,
  rangeLabel,
} from './visit-format';
import type { VisitMessage } from './visits-report.message';

export interface DigestArgs {
  range: DateRange;
  totals: VisitTotals;
  firstTimeContacts: { name: string; no: string }[];
  salespeopleWithoutVisits: string[];
}

const SECTION_TEXT = SLACK.sectionText - 100;

function section(title: string, body: string): KnownBlock {
  return { type: 'section', text: mrkdwn(`*${title}*\n${body}`) };
}

/**
 * The weekly digest a manager gets as a DM: visits per salesperson and per type, evaluations, contacts visited for
 * the first time and salespeople with no visits. At most 8 blocks, whatever the team's size.
 */
export function digestMessage(args: DigestArgs): VisitMessage {
  const { totals } = args;
  const week = isIsoDate(args.range.from)
    ? t('digest.week', { week: isoWeekNumber(args.range.from) })
    : t('digest.title');
  const heading = `${week} · ${rangeLabel(args.range)}`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(heading, SLACK.headerText) },
    { type: 'section', text: mrkdwn(totals.visits === 0 ? t('digest.noVisits') : countsText(totals)) },
  ];

  if (totals.visits > 0) {
    blocks.push(section(t('visits.bySalesperson'), cappedLines(bySalespersonLines(totals), 40, SECTION_TEXT)));
    blocks.push(section(t('visits.byType'), cappedLines(byTypeLines(totals), 30, SECTION_TEXT)));
    const evaluationLines = evaluations.map(
      (e) => `${evaluationEmoji[e]} ${evaluationLabel(e)}: ${totals.byEvaluation?.[e] ?? 0}`,
    );
    blocks.push(section(t('digest.evaluations'), evaluationLines.join('\n')));
  }

  const firstTime = args.firstTimeContacts.map(
    (contact) => `• ${userText(contact.name, 80)} (${userText(contact.no, 30)})`,
  );
  blocks.push(
    section(
      t('digest.firstTime', { count: firstTime.length }),
      firstTime.length > 0 ? cappedLines(firstTime, 30, SECTION_TEXT) : t('digest.firstTimeNone'),
    ),
  );

  const idle = args.salespeopleWithoutVisits.map(mention);
  if (idle.length > 0) {
    // One line, comma-separated: 200 quiet salespeople still fit one section.
    blocks.push(
      section(
        t('digest.withoutVisits', { count: idle.length }),
        cappedLines(idle, 60, SECTION_TEXT).replace(/\n(?!_)/g, ', '),
      ),
    );
  }

  const text = `${heading}: ${totals.visits === 0 ? t('digest.noVisits') : countsText(totals)}`;
  return { text: truncate(text, SLACK.messageText), blocks: blocks.slice(0, SLACK.messageBlocks) };
}
