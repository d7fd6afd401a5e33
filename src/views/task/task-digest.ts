import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { mrkdwn, SLACK } from '../contact/text';
import { cappedLines, mention } from '../visit/visit-format';
import type { Task } from '../../services/tasks/task.types';
import { escapeMrkdwn, truncate } from '../contact/text';

/** The digest lists this many of next week's tasks; the heading counts them all. */
export const DIGEST_NEXT_WEEK = 20;

/**
 * The digest's "Tasks due next week (N)": the open tasks due in the week after the digest's, soonest first — when,
 * whose, what, for whom (the manager sees the team's work ahead; nothing to press).
 */
export function tasksNextWeekBlock(
  tr: Translator,
  data: { tasks: Task[]; total: number },
  dayText: (date: string) => string,
): KnownBlock {
  const lines = data.tasks.slice(0, DIGEST_NEXT_WEEK).map(
    (task) =>
      `• ${tr.t('digest.tasksNextWeekLine', {
        date: dayText(task.dueDate),
        who: mention(task.assigneeId),
        title: `*${escapeMrkdwn(truncate(task.title, 100)).replace(/\*/g, '∗')}*`,
        contact: `${escapeMrkdwn(truncate(task.contactName, 80))} (${escapeMrkdwn(truncate(task.contactNo, 30))})`,
      })}`,
  );
  // The tasks not fetched count as lines left out, so the one "and N more" covers them and any cut for length.
  const unseen = Array.from({ length: Math.max(0, data.total - lines.length) }, () => '');
  const body =
    lines.length === 0
      ? tr.t('digest.tasksNextWeekNone')
      : cappedLines(tr, [...lines, ...unseen], lines.length, SLACK.sectionText - 100);
  return { type: 'section', text: mrkdwn(`*${tr.t('digest.tasksNextWeek', { count: data.total })}*\n${body}`) };
}

export interface DigestTaskRow {
  userId: string;
  /** Tasks done in the digest's week. */
  done: number;
  /** Open tasks past their due date when the digest was written. */
  overdue: number;
}

/** The digest's "Tasks": per salesperson, done this week and overdue now (most overdue first). */
export function taskDigestBlocks(tr: Translator, rows: DigestTaskRow[]): KnownBlock[] {
  const shown = rows.filter((row) => row.done > 0 || row.overdue > 0);
  const body =
    shown.length === 0
      ? tr.t('digest.tasks.none')
      : cappedLines(
          tr,
          [...shown]
            .sort((a, b) => b.overdue - a.overdue || b.done - a.done || a.userId.localeCompare(b.userId))
            .map((row) =>
              tr.t(row.overdue > 0 ? 'digest.tasks.lineOverdue' : 'digest.tasks.line', {
                user: mention(row.userId),
                done: row.done,
                overdue: row.overdue,
              }),
            ),
          40,
          SLACK.sectionText - 100,
        );
  return [{ type: 'section', text: mrkdwn(`*${tr.t('digest.tasks.title')}*\n${body}`) }];
}
