import { addDays, isoWeekday, oneYearAfter, zonedTime } from '../calendar';

/** The hour a task without a time is reminded on its due day, in the assignee's time zone. */
export const TASK_REMINDER_HOUR = '09:00';
/** A due date further back than this is a typo (an overdue task is dated when it was due, not months ago). */
export const EARLIEST_DUE_DAYS_BACK = 30;
/** Tasks are for the next two years at most. */
export const LATEST_DUE_YEARS = 2;

export type SnoozeChoice = 'tomorrow' | 'monday';

/** The latest due date a task may have, counted from `today`. */
export function latestDueDate(today: string): string {
  let day = today;
  for (let i = 0; i < LATEST_DUE_YEARS; i += 1) day = oneYearAfter(day);
  return day;
}

export function earliestDueDate(today: string): string {
  return addDays(today, -EARLIEST_DUE_DAYS_BACK);
}

/** What is wrong with a due date, seen from `today` (the assignee's or the actor's): too early or too late. */
export function dueDateProblem(dueDate: string, today: string): 'tooEarly' | 'tooLate' | undefined {
  if (dueDate < earliestDueDate(today)) return 'tooEarly';
  if (dueDate > latestDueDate(today)) return 'tooLate';
  return undefined;
}

/** Snooze: tomorrow, or the next Monday (a week on when today is Monday). */
export function snoozedDate(choice: SnoozeChoice, today: string): string {
  if (choice === 'tomorrow') return addDays(today, 1);
  return addDays(today, 8 - isoWeekday(today));
}

/**
 * When a task's reminder is due: its due time (else 09:00) on its due day in its time zone. Undefined when that
 * moment has passed: an overdue task is on the assignee's Home, and a task for today written after 09:00 was just
 * typed by someone who knows about it (an assignee other than the author is told at once).
 */
export function taskReminderAt(
  task: { dueDate: string; dueTime?: string | null; timeZone: string },
  now: Date = new Date(),
): Date | undefined {
  let at: Date;
  try {
    at = zonedTime(task.dueDate, task.dueTime ?? TASK_REMINDER_HOUR, task.timeZone);
  } catch {
    at = zonedTime(task.dueDate, task.dueTime ?? TASK_REMINDER_HOUR, 'UTC');
  }
  return at.getTime() > now.getTime() ? at : undefined;
}
