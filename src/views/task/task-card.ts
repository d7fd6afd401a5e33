import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import type { Task } from '../../services/tasks/task.types';
import { mrkdwn } from '../contact/text';
import { cappedLines } from '../visit/visit-format';
import { taskLine } from './task-format';

/** A card lists this many of its contact's open tasks; the card's size stays bounded whatever the contact has. */
export const CARD_TASKS = 5;

/** "Open tasks (3)" on a contact card: soonest due first, whose they are, overdue marked (read-only lines). */
export function taskCardBlocks(tr: Translator, data: { tasks: Task[]; total: number; today: string }): KnownBlock[] {
  if (data.total === 0) return [];
  const lines = data.tasks
    .slice(0, CARD_TASKS)
    .map((task) => `• ${taskLine(tr, task, { today: data.today, showContact: false, showAssignee: true })}`);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: mrkdwn(`*${tr.t('card.tasks', { count: data.total })}*\n${cappedLines(tr, lines, CARD_TASKS, 2800)}`),
    },
  ];
  if (data.total > lines.length)
    blocks.push({ type: 'context', elements: [mrkdwn(tr.t('card.tasksMore', { count: data.total - lines.length }))] });
  return blocks;
}
