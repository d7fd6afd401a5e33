import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import type { HomeTasks } from '../../services/tasks/task.service';
import { mrkdwn, plain, SLACK } from '../contact/text';
import { taskLine } from './task-format';
import { taskControls } from './task-messages';

/** Tasks listed on Home, each with its buttons (two blocks a task); the rest are one `/contact tasks` away. */
export const HOME_TASKS = 8;

type Group = 'overdue' | 'today' | 'week';
const GROUP_KEYS = { overdue: 'home.tasks.overdue', today: 'home.tasks.today', week: 'home.tasks.week' } as const;

const groupOf = (dueDate: string, today: string): Group =>
  dueDate < today ? 'overdue' : dueDate === today ? 'today' : 'week';

/**
 * "My tasks" on Home: overdue first (marked), then today, then the next 7 days, each task with Done, Snooze and
 * Open contact; at most HOME_TASKS, then "and N more" and how to see them all.
 */
export function taskHomeBlocks(tr: Translator, data: HomeTasks, today: string): KnownBlock[] {
  const total = data.overdue + data.today + data.week;
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(tr.t('home.tasks.title'), SLACK.headerText) }];
  if (total === 0) {
    blocks.push({ type: 'section', text: mrkdwn(tr.t('home.tasks.none')) });
    return blocks;
  }
  const summary = [
    ...(data.overdue > 0 ? [`:warning: *${tr.t('home.tasks.countOverdue', { count: data.overdue })}*`] : []),
    tr.t('home.tasks.countToday', { count: data.today }),
    tr.t('home.tasks.countWeek', { count: data.week }),
  ].join(' · ');
  blocks.push({ type: 'context', elements: [mrkdwn(summary)] });
  let group: Group | undefined;
  const shown = data.tasks.slice(0, HOME_TASKS);
  for (const task of shown) {
    const next = groupOf(task.dueDate, today);
    if (next !== group) {
      group = next;
      blocks.push({ type: 'context', elements: [mrkdwn(`*${tr.t(GROUP_KEYS[next])}*`)] });
    }
    blocks.push({ type: 'section', text: mrkdwn(taskLine(tr, task, { today })) }, taskControls(tr, task));
  }
  const more = total - shown.length;
  if (more > 0) blocks.push({ type: 'context', elements: [mrkdwn(tr.t('home.tasks.more', { count: more }))] });
  return blocks;
}
