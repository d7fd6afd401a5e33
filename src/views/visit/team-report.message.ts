import type { ActionsBlock, KnownBlock, PlainTextOption } from '@slack/types';
import type { MessageKey, Translator } from '../../i18n';
import { ids } from '../../ids';
import { openWeekValue } from '../../schemas/button-values';
import { daysBetween, isIsoDate, isoWeekday } from '../../services/calendar';
import type { DateRange, Visit, VisitTotals } from '../../services/visits/visit.types';
import { mrkdwn, plain, SLACK, truncate, truncateMrkdwn } from '../contact/text';
import { byTypeLines, cappedLines, mention, newestFirst, visitLine } from './visit-format';
import { dayText, periodText, visitCounts } from './report-format';
import type { VisitMessage } from './visits-report.message';

export interface TeamReportArgs {
  /** "Team visits this week" (mrkdwn). */
  label: string;
  visits: Visit[];
  total: number;
  totals: VisitTotals;
  range: DateRange;
  /** The service stopped fetching before `total`: only the newest are in `visits`. */
  capped: boolean;
}

/** Lines under one salesperson; their "Open week" lists the rest. */
const LINES_PER_PERSON = 10;
/** Headline 2, totals by type 1, "not listed" 1, the rest of the team 1: 45 blocks left, two per salesperson. */
const PEOPLE = 22;
const SECTION_TEXT = SLACK.sectionText - 100;
const LABEL_MAX = 300;

interface Group {
  userId: string;
  counts: { visits: number; failedAttempts: number };
  visits: Visit[];
}

/** Salespeople with the most visits first (cancelled-only ones last), each with their visits newest first. */
function groups(args: TeamReportArgs): Group[] {
  const byPerson = new Map<string, Visit[]>();
  for (const visit of [...args.visits].sort(newestFirst)) {
    const list = byPerson.get(visit.salespersonId) ?? [];
    list.push(visit);
    byPerson.set(visit.salespersonId, list);
  }
  const order = [
    ...args.totals.bySalesperson.map((entry) => entry.userId),
    ...[...byPerson.keys()].filter((id) => !args.totals.bySalesperson.some((entry) => entry.userId === id)).sort(),
  ];
  return order.map((userId) => {
    const visits = byPerson.get(userId) ?? [];
    const entry = args.totals.bySalesperson.find((candidate) => candidate.userId === userId);
    return { userId, visits, counts: { visits: entry?.count ?? 0, failedAttempts: entry?.failedAttempts ?? 0 } };
  });
}

function optionFor(tr: Translator, visit: Visit): PlainTextOption {
  const day = isIsoDate(visit.date) ? tr.t(`visits.weekday.${isoWeekday(visit.date)}` as MessageKey) : '';
  const text = [
    day,
    isIsoDate(visit.date) ? tr.date(visit.date) : String(visit.date).slice(0, 20),
    visit.contactName,
    visit.typeDescription || visit.typeCode,
  ]
    .filter((part) => part !== '')
    .join(' · ');
  const cancelled = visit.status === 'cancelled' ? ` (${tr.t('visits.cancelled')})` : '';
  return {
    text: plain(truncate(text, SLACK.optionText - cancelled.length) + cancelled, SLACK.optionText),
    value: visit.id,
  };
}

function personBlocks(tr: Translator, group: Group, range: DateRange): KnownBlock[] {
  const head = `*${mention(group.userId)}* · ${visitCounts(tr, group.counts)}`;
  const lines = group.visits.map(
    (visit) =>
      `• ${dayText(tr, visit.date)} · ${visitLine(tr, visit, {
        showDate: false,
        showContact: 'always',
        hideSalesperson: true,
        evaluationInWords: true,
      })}`,
  );
  const body = lines.length > 0 ? cappedLines(tr, lines, LINES_PER_PERSON, SECTION_TEXT - head.length) : '';
  const longRange = daysBetween(range.from, range.to) > 6;
  const actions: ActionsBlock = {
    type: 'actions',
    elements: [
      {
        type: 'button',
        text: plain(tr.t(longRange ? 'visits.team.openAll' : 'visits.team.openWeek'), SLACK.buttonText),
        action_id: ids.actions.visitsOpenWeek,
        value: openWeekValue.encode(group.userId, range),
      },
    ],
  };
  const options = group.visits.slice(0, SLACK.selectOptions).map((visit) => optionFor(tr, visit));
  if (options.length > 0)
    actions.elements.push({
      type: 'static_select',
      action_id: ids.actions.visitsOpenVisit,
      placeholder: plain(tr.t('visits.team.openVisit'), SLACK.placeholder),
      options,
    });
  return [{ type: 'section', text: mrkdwn(body ? `${head}\n${body}` : head) }, actions];
}

/**
 * `/contact visits team`: the team's visits grouped by salesperson (most visits first), each with their visits —
 * contact, type, day, evaluation, failed attempts marked — an "Open week" button for their own report and an
 * "Open a visit…" menu that opens any line in full. Within 50 blocks whatever the team's size: past 22 people
 * the rest are one line each, and past 10 lines a person's "Open week" has the others.
 */
export function teamReportMessage(tr: Translator, args: TeamReportArgs): VisitMessage {
  const label = truncateMrkdwn(args.label, LABEL_MAX);
  const total = Math.max(args.total, args.visits.length);
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(`*${label}*`) },
    { type: 'context', elements: [mrkdwn(`${visitCounts(tr, args.totals)} · ${periodText(tr, args.range)}`)] },
  ];
  if (args.visits.length === 0) {
    blocks.push({ type: 'section', text: mrkdwn(tr.t('visits.report.none')) });
    return { text: truncate(`${args.label}: ${tr.t('visits.report.none')}`, SLACK.messageText), blocks };
  }
  const people = groups(args);
  for (const group of people.slice(0, PEOPLE)) blocks.push(...personBlocks(tr, group, args.range));
  const rest = people.slice(PEOPLE).map((group) => `• ${mention(group.userId)}: ${visitCounts(tr, group.counts)}`);
  if (rest.length > 0)
    blocks.push({
      type: 'section',
      text: mrkdwn(`*${tr.t('visits.team.more', { count: rest.length })}*\n${cappedLines(tr, rest, 60, SECTION_TEXT)}`),
    });
  if (total > args.visits.length)
    blocks.push({
      type: 'context',
      elements: [mrkdwn(tr.t('visits.report.moreNarrow', { count: total - args.visits.length }))],
    });
  const typeLines = byTypeLines(args.totals);
  if (typeLines.length > 0)
    blocks.push({
      type: 'section',
      text: mrkdwn(`*${tr.t('visits.byType')}*\n${cappedLines(tr, typeLines, 30, SECTION_TEXT)}`),
    });
  return {
    text: truncate(`${args.label}: ${visitCounts(tr, args.totals)}`, SLACK.messageText),
    blocks: blocks.slice(0, SLACK.messageBlocks),
  };
}
