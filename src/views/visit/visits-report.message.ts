import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import type { DateRange, Visit, VisitTotals } from '../../services/visits/visit.types';
import { charLength, mrkdwn, SLACK, truncate, truncateMrkdwn } from '../contact/text';
import { byTypeLines, bySalespersonLines, cappedLines, newestFirst, visitLine } from './visit-format';
import { dayText, periodText, visitCounts } from './report-format';

export interface VisitsReportArgs {
  /** "Your visits this week" / "Team visits 2026-11-01..2026-11-30" (mrkdwn; may hold a mention). */
  label: string;
  visits: Visit[];
  total: number;
  totals: VisitTotals;
  range: DateRange;
  /** The service stopped fetching before `total`: only the newest are in `visits`. */
  capped: boolean;
}

export interface VisitMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Sections for the day lists: with the headline, the totals and the notes the message stays well under 50 blocks. */
const DAY_SECTIONS = 40;
/** Lines listed in all; past this the report says how many more there are. */
const MAX_LINES = 150;
/** Room kept in a section for "and N more". */
const SECTION_TEXT = SLACK.sectionText - 100;
const LABEL_MAX = 300;

/**
 * Day headings and visit lines packed into sections: a new section for each day, and another when one fills up.
 * Stops at the section or line budget; returns how many visits it listed.
 */
function daySections(tr: Translator, visits: Visit[]): { blocks: KnownBlock[]; listed: number } {
  const blocks: KnownBlock[] = [];
  let current: string[] = [];
  let currentLength = 0;
  let currentDay: string | undefined;
  let listed = 0;
  const flush = () => {
    if (current.length > 0) blocks.push({ type: 'section', text: mrkdwn(current.join('\n')) });
    current = [];
    currentLength = 0;
  };
  for (const visit of visits) {
    if (listed >= MAX_LINES) break;
    const line = `• ${visitLine(tr, visit, { showDate: false, showContact: 'always' })}`;
    const newDay = visit.date !== currentDay;
    const heading = newDay ? `*${dayText(tr, visit.date)}*` : undefined;
    const needed = charLength(line) + 1 + (heading ? charLength(heading) + 1 : 0);
    if (newDay || currentLength + needed > SECTION_TEXT) {
      flush();
      if (blocks.length >= DAY_SECTIONS) break;
      // A day continued in a new section repeats its heading, so a reader never wonders which day it is.
      const title = heading ?? `*${dayText(tr, visit.date)}* ${tr.t('visits.report.continued')}`;
      current.push(title);
      currentLength = charLength(title) + 1;
      currentDay = visit.date;
    }
    current.push(truncateMrkdwn(line, SECTION_TEXT - currentLength));
    currentLength += needed;
    listed += 1;
  }
  if (blocks.length < DAY_SECTIONS) flush();
  return { blocks, listed };
}

/**
 * `/contact visits` as a message: the headline with totals, the visits grouped by day (newest first), then totals
 * per type and per salesperson. However many visits there are, it stays within Slack's 50 blocks and says how
 * many are not listed.
 */
export function visitsReportMessage(tr: Translator, args: VisitsReportArgs): VisitMessage {
  const label = truncateMrkdwn(args.label, LABEL_MAX);
  const visits = [...args.visits].sort(newestFirst);
  const total = Math.max(args.total, visits.length);
  const summary = `${visitCounts(tr, args.totals)} · ${periodText(tr, args.range)}`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(`*${label}*`) },
    { type: 'context', elements: [mrkdwn(summary)] },
  ];
  if (visits.length === 0) {
    blocks.push({ type: 'section', text: mrkdwn(tr.t('visits.report.none')) });
    return { text: truncate(`${args.label}: ${tr.t('visits.report.none')}`, SLACK.messageText), blocks };
  }

  const days = daySections(tr, visits);
  blocks.push(...days.blocks);
  const notListed = total - days.listed;
  if (notListed > 0) {
    const key = args.capped || days.listed < visits.length ? 'visits.report.moreNarrow' : 'visits.report.more';
    blocks.push({ type: 'context', elements: [mrkdwn(tr.t(key, { count: notListed }))] });
  }

  const typeLines = byTypeLines(args.totals);
  const salesLines = bySalespersonLines(args.totals);
  if (typeLines.length > 0)
    blocks.push({
      type: 'section',
      text: mrkdwn(`*${tr.t('visits.byType')}*\n${cappedLines(tr, typeLines, 30, SECTION_TEXT)}`),
    });
  if (salesLines.length > 0) {
    blocks.push({
      type: 'section',
      text: mrkdwn(`*${tr.t('visits.bySalesperson')}*\n${cappedLines(tr, salesLines, 40, SECTION_TEXT)}`),
    });
  }

  return {
    text: truncate(`${args.label}: ${visitCounts(tr, args.totals)}`, SLACK.messageText),
    blocks: blocks.slice(0, SLACK.messageBlocks),
  };
}
