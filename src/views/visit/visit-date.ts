import type { Translator } from '../../i18n';
import { isIsoDate } from '../../services/calendar';
import { escapeMrkdwn, truncate } from '../contact/text';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(tr: Translator): Intl.DateTimeFormat {
  const tag = tr.locale === 'nb' ? 'nb-NO' : 'en-GB';
  let format = formats.get(tag);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    formats.set(tag, format);
  }
  return format;
}

/**
 * A visit's calendar date as its reader writes dates: `Tue 24 Nov 2026`, `tir. 24. nov. 2026`. A visit date is a
 * day, not a moment, so it is formatted as that day (a Slack date token would move it across midnight for readers
 * far from UTC). A malformed date is shown as it is, escaped.
 */
export function visitDateLabel(date: string, tr: Translator): string {
  if (!isIsoDate(date)) return escapeMrkdwn(truncate(String(date), 20));
  return formatFor(tr).format(new Date(`${date}T12:00:00Z`));
}
