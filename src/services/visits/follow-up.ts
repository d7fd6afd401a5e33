import { addDays, todayIn, zonedTime } from '../calendar';

/** The hour a follow-up reminder goes out on its day, in the salesperson's time zone. */
export const FOLLOW_UP_HOUR = '09:00';

/**
 * When the reminder for a follow-up on `date` is due: 09:00 that day in `timeZone`. Undefined when that moment has
 * passed — a follow-up for today saved at 14:00 was just written down by the very person it would remind, and a
 * DM seconds later only tells them what they typed.
 */
export function followUpReminderAt(date: string, timeZone: string, now: Date = new Date()): Date | undefined {
  const at = zonedTime(date, FOLLOW_UP_HOUR, timeZone);
  return at.getTime() > now.getTime() ? at : undefined;
}

/** Snooze on a reminder: 09:00 tomorrow in `timeZone`. */
export function snoozedUntil(timeZone: string, now: Date = new Date()): Date {
  return zonedTime(addDays(todayIn(timeZone, now), 1), FOLLOW_UP_HOUR, timeZone);
}
