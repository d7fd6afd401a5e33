import { zonedTime } from '../calendar';

/** The hour a follow-up reminder goes out on its day, in the salesperson's time zone. */
export const FOLLOW_UP_HOUR = '09:00';

/** When the reminder for a follow-up on `date` is due: 09:00 that day in `timeZone`; a moment already past is now. */
export function followUpReminderAt(date: string, timeZone: string, now: Date = new Date()): Date {
  return new Date(Math.max(now.getTime(), zonedTime(date, FOLLOW_UP_HOUR, timeZone).getTime()));
}
