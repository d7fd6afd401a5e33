import type { KnownBlock } from '@slack/types';
import type { MessageKey, Translator } from '../../i18n';
import { ids } from '../../ids';
import { openTeamValue } from '../../schemas/button-values';
import { isIsoDate } from '../../services/calendar';
import { evaluations, type DateRange, type Visit, type VisitTotals } from '../../services/visits/visit.types';
import { mrkdwn, plain, SLACK, truncate, userText } from '../contact/text';
import { byTypeLines, bySalespersonLines, cappedLines, evaluationEmoji, mention, visitLine } from './visit-format';
import { dayText, periodText, visitCounts } from './report-format';
import type { VisitMessage } from './visits-report.message';
import { taskDigestBlocks, tasksNextWeekBlock, type DigestTaskRow } from '../task/task-digest';
import type { Task } from '../../services/tasks/task.types';

export interface DigestArgs {
  range: DateRange;
  totals: VisitTotals;
  firstTimeContacts: { name: string; no: string }[];
  salespeopleWithoutVisits: string[];
  /** The best and worst evaluated visits of the week (a few each). */
  highlights: { best: Visit[]; worst: Visit[] };
  /** Open tasks due in the week after the digest's (a few, and how many). */
  tasksNextWeek: { tasks: Task[]; total: number };
  /** Per salesperson: tasks done in the week, tasks overdue (views/task/task-digest.ts). */
  tasks?: DigestTaskRow[];
}

const SECTION_TEXT = SLACK.sectionText - 100;

function section(title: string, body: string): KnownBlock {
  return { type: 'section', text: mrkdwn(`*${title}*\n${body}`) };
}

const highlightLine = (tr: Translator, visit: Visit) =>
  `• ${dayText(tr, visit.date)} · ${visitLine(tr, visit, { showDate: false, showContact: 'always', evaluationInWords: true })}`;

/**
 * The weekly digest a manager gets as a DM: the totals, then what to look at — the best and the worst evaluated
 * visits, contacts visited for the first time, tasks due next week and per salesperson done and overdue — then visits per salesperson and per type,
 * evaluations, salespeople with no visits, and a button for the full team report (read-only: it opens a report,
 * changes nothing). At most 14 blocks, whatever the team's size.
 */
export function digestMessage(tr: Translator, args: DigestArgs): VisitMessage {
  const { totals } = args;
  const week = isIsoDate(args.range.from)
    ? tr.t('digest.week', { week: tr.weekNumber(args.range.from) })
    : tr.t('digest.title');
  const heading = `${week} · ${periodText(tr, args.range)}`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(heading, SLACK.headerText) },
    { type: 'section', text: mrkdwn(totals.visits === 0 ? tr.t('digest.noVisits') : visitCounts(tr, totals)) },
  ];

  const { best, worst } = args.highlights;
  if (best.length > 0)
    blocks.push(
      section(
        tr.t('digest.best'),
        cappedLines(
          tr,
          best.map((visit) => highlightLine(tr, visit)),
          5,
          SECTION_TEXT,
        ),
      ),
    );
  if (worst.length > 0)
    blocks.push(
      section(
        tr.t('digest.worst'),
        cappedLines(
          tr,
          worst.map((visit) => highlightLine(tr, visit)),
          5,
          SECTION_TEXT,
        ),
      ),
    );

  const firstTime = tr
    .sort(args.firstTimeContacts, (contact) => contact.name)
    .map((contact) => `• ${userText(contact.name, 80)} (${userText(contact.no, 30)})`);
  blocks.push(
    section(
      tr.t('digest.firstTime', { count: firstTime.length }),
      firstTime.length > 0 ? cappedLines(tr, firstTime, 30, SECTION_TEXT) : tr.t('digest.firstTimeNone'),
    ),
  );

  blocks.push(tasksNextWeekBlock(tr, args.tasksNextWeek, (date) => dayText(tr, date)));

  if (args.tasks) blocks.push(...taskDigestBlocks(tr, args.tasks));

  if (totals.visits > 0) {
    blocks.push(section(tr.t('visits.bySalesperson'), cappedLines(tr, bySalespersonLines(totals), 40, SECTION_TEXT)));
    blocks.push(section(tr.t('visits.byType'), cappedLines(tr, byTypeLines(totals), 30, SECTION_TEXT)));
    const evaluationLines = evaluations.map(
      (e) => `${evaluationEmoji[e]} ${tr.t(`visit.evaluation.${e}` as MessageKey)}: ${totals.byEvaluation?.[e] ?? 0}`,
    );
    blocks.push(section(tr.t('digest.evaluations'), evaluationLines.join('\n')));
  }

  const idle = args.salespeopleWithoutVisits.map(mention);
  if (idle.length > 0) {
    // One line, comma-separated: 200 quiet salespeople still fit one section.
    blocks.push(
      section(
        tr.t('digest.withoutVisits', { count: idle.length }),
        cappedLines(tr, idle, 60, SECTION_TEXT).replace(/\n(?!_)/g, ', '),
      ),
    );
  }

  if (isIsoDate(args.range.from) && isIsoDate(args.range.to))
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: plain(tr.t('digest.fullReport'), SLACK.buttonText),
          action_id: ids.actions.visitsOpenTeam,
          value: openTeamValue.encode(args.range),
          style: 'primary',
        },
      ],
    });

  const text = `${heading}: ${totals.visits === 0 ? tr.t('digest.noVisits') : visitCounts(tr, totals)}`;
  return { text: truncate(text, SLACK.messageText), blocks: blocks.slice(0, SLACK.messageBlocks) };
}
