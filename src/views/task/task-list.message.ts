import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import type { AssigneeCounts } from '../../services/tasks/task.service';
import type { Task } from '../../services/tasks/task.types';
import { mrkdwn, plain, SLACK } from '../contact/text';
import { cappedLines, mention } from '../visit/visit-format';
import { taskLine } from './task-format';
import { taskControls } from './task-messages';

/** Tasks listed with their buttons: two blocks each, well inside a message's 50. */
export const LIST_WITH_BUTTONS = 15;
const TEAM_LINES = 25;
const SECTION_TEXT = SLACK.sectionText - 100;

export interface TaskListArgs {
  /** Whose list: the asker's own (undefined) or someone else's. */
  userId?: string;
  overdue: boolean;
  tasks: Task[];
  total: number;
  today: string;
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

/** `/contact tasks [@user] [overdue]`: one person's open tasks, soonest due first, each with its buttons. */
export function taskListMessage(tr: Translator, args: TaskListArgs): { text: string; blocks: KnownBlock[] } {
  const whose = args.userId ? mention(args.userId) : undefined;
  const key = args.overdue
    ? whose
      ? 'tasks.list.overdueOf'
      : 'tasks.list.overdueMine'
    : whose
      ? 'tasks.list.openOf'
      : 'tasks.list.openMine';
  const heading = tr.t(key, { count: args.total, user: whose ?? '' });
  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(`*${heading}*`) }];
  if (args.tasks.length === 0) {
    blocks.push(context(tr.t(args.overdue ? 'tasks.list.noneOverdue' : 'tasks.list.none')));
    return { text: heading, blocks };
  }
  const shown = args.tasks.slice(0, LIST_WITH_BUTTONS);
  for (const task of shown) {
    blocks.push({ type: 'section', text: mrkdwn(taskLine(tr, task, { today: args.today })) }, taskControls(tr, task));
  }
  if (args.total > shown.length) blocks.push(context(tr.t('tasks.list.more', { count: args.total - shown.length })));
  return { text: heading, blocks };
}

/** `/contact tasks team [overdue]`: per salesperson open and overdue, then the oldest overdue tasks (read-only). */
export function teamTasksMessage(
  tr: Translator,
  args: { counts: AssigneeCounts[]; overdue: { tasks: Task[]; total: number }; today: string; onlyOverdue: boolean },
): { text: string; blocks: KnownBlock[] } {
  const open = args.counts.reduce((sum, row) => sum + row.open, 0);
  const heading = tr.t('tasks.team.heading', { open, overdue: args.overdue.total });
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(tr.t('tasks.team.title'), SLACK.headerText) }];
  blocks.push({ type: 'section', text: mrkdwn(heading) });
  const rows = args.onlyOverdue ? args.counts.filter((row) => row.overdue > 0) : args.counts;
  if (rows.length > 0) {
    const lines = rows.map((row) =>
      tr.t(row.overdue > 0 ? 'tasks.team.lineOverdue' : 'tasks.team.line', {
        user: mention(row.userId),
        open: row.open,
        overdue: row.overdue,
      }),
    );
    blocks.push({
      type: 'section',
      text: mrkdwn(`*${tr.t('tasks.team.bySalesperson')}*\n${cappedLines(tr, lines, 40, SECTION_TEXT)}`),
    });
  }
  if (args.overdue.tasks.length > 0) {
    const lines = args.overdue.tasks
      .slice(0, TEAM_LINES)
      .map((task) => `• ${taskLine(tr, task, { today: args.today, showAssignee: true })}`);
    blocks.push({
      type: 'section',
      text: mrkdwn(`*${tr.t('tasks.team.oldestOverdue')}*\n${cappedLines(tr, lines, TEAM_LINES, SECTION_TEXT)}`),
    });
    if (args.overdue.total > lines.length)
      blocks.push(context(tr.t('tasks.team.more', { count: args.overdue.total - lines.length })));
  } else blocks.push(context(tr.t('tasks.team.noneOverdue')));
  return { text: heading, blocks };
}
