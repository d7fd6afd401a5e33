import type { Translator } from '../../i18n';
import { daysBetween } from '../../services/calendar';
import type { Task, TaskPriority } from '../../services/tasks/task.types';
import { escapeMrkdwn, truncate } from '../contact/text';
import { mention } from '../visit/visit-format';

/** Only the exceptions are marked (characters, not shortcodes: they show in plain-text options too). */
export const priorityEmoji: Record<TaskPriority, string> = {
  high: '🔴',
  normal: '',
  low: '🔽',
};

const withMark = (priority: TaskPriority, text: string) =>
  priorityEmoji[priority] ? `${priorityEmoji[priority]} ${text}` : text;

/** "🔴 High", "Normal", "🔽 Low": a priority as an option or a field shows it. */
export function priorityOptionText(tr: Translator, priority: TaskPriority): string {
  return withMark(priority, priorityLabel(tr, priority));
}

export function priorityLabel(tr: Translator, priority: TaskPriority): string {
  return tr.t(
    priority === 'high' ? 'task.priority.high' : priority === 'low' ? 'task.priority.low' : 'task.priority.normal',
  );
}

/** "today", "tomorrow", "Fri, Dec 4" — and "overdue since Dec 1" for a day gone by; with the time when set. */
export function dueText(tr: Translator, task: Pick<Task, 'dueDate' | 'dueTime'>, today: string): string {
  const days = daysBetween(today, task.dueDate);
  const time = task.dueTime ? ` ${tr.t('task.at', { time: task.dueTime })}` : '';
  if (days < 0) return tr.t('task.due.overdue', { date: tr.date(task.dueDate), count: -days });
  if (days === 0) return `${tr.t('task.due.today')}${time}`;
  if (days === 1) return `${tr.t('task.due.tomorrow')}${time}`;
  return `${tr.t('task.due.on', { date: tr.longDate(task.dueDate) })}${time}`;
}

export interface TaskLineOptions {
  today: string;
  /** Name the assignee (team lists, someone else's list). */
  showAssignee?: boolean;
  /** Name the contact (everywhere but the contact's own card). */
  showContact?: boolean;
}

/** One task as a line: priority, title, contact, when it is due (overdue marked), and whose it is. */
export function taskLine(tr: Translator, task: Task, options: TaskLineOptions): string {
  const overdue = task.dueDate < options.today;
  const parts = [withMark(task.priority, `*${escapeMrkdwn(truncate(task.title, 150))}*`)];
  if (options.showContact !== false)
    parts.push(`${escapeMrkdwn(truncate(task.contactName, 80))} (${escapeMrkdwn(truncate(task.contactNo, 30))})`);
  const due = escapeMrkdwn(dueText(tr, task, options.today));
  parts.push(overdue ? `:warning: *${due}*` : due);
  if (options.showAssignee) parts.push(mention(task.assigneeId));
  return parts.join(' · ');
}

/** Case and spacing aside, for "is this text only the contact's name". */
export function foldForCompare(text: string): string {
  return text.trim().toLocaleLowerCase('nb').replace(/\s+/g, ' ');
}
