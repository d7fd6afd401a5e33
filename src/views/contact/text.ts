import type { MrkdwnElement, PlainTextElement } from '@slack/types';
import type { Translator } from '../../i18n';

/** The Block Kit limits the contact views cut to (slack-platform.md). */
export const SLACK = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 4000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 75,
  selectOptions: 100,
  placeholder: 150,
  modalTitle: 24,
  privateMetadata: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

const ELLIPSIS = '…';

/** Slack counts characters (code points), not UTF-16 units; cutting by code point also never splits an emoji. */
export function charLength(text: string): number {
  return [...text].length;
}

/** Cuts `text` to at most `max` characters, marking a cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 0) return '';
  return (
    chars
      .slice(0, max - 1)
      .join('')
      .trimEnd() + ELLIPSIS
  );
}

/** Escapes user text for mrkdwn: Slack reads &, < and > as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts already-formatted mrkdwn without leaving half an entity (`&am`) or half a link (`<tel:+47…`) behind.
 * Builders cut each value first, so this is the last guard rather than the usual path.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (charLength(text) <= max) return text;
  let cut = [...text].slice(0, max - 1).join('');
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  return cut.trimEnd() + ELLIPSIS;
}

/** User text, cut to `max` characters before escaping (a name cut to 100 stays readable). */
export function userText(text: string, max: number): string {
  return escapeMrkdwn(truncate(text, max));
}

/** A plain_text object; Slack refuses empty text, so an empty string becomes a dash. */
export function plain(text: string, max: number): PlainTextElement {
  const cut = truncate(text.trim(), max);
  return { type: 'plain_text', text: cut === '' ? '—' : cut, emoji: true };
}

/** A mrkdwn object from already-escaped mrkdwn, cut safely to `max`. */
export function mrkdwn(text: string, max: number = SLACK.sectionText): MrkdwnElement {
  const cut = truncateMrkdwn(text, max);
  return { type: 'mrkdwn', text: cut === '' ? '—' : cut };
}

/** `2024-05-01` in UTC: the fallback Slack shows where it cannot format a date token. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Slack's date token: shown in the reader's own time zone and locale. */
export function slackDate(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{date_short}|${isoDate(date)}>`;
}

/**
 * A day as its reader reads it: Slack's date token in English (Slack writes it in the viewer's zone); in a
 * language Slack has no UI for (Norwegian) Kontakt writes it itself ("4. des. 2026"), as the day in `timeZone`.
 */
export function readerDate(tr: Translator, date: Date, timeZone?: string): string {
  return tr.locale === 'en' ? slackDate(date) : tr.date(date, timeZone);
}

/**
 * A moment (day and time of day) as its reader reads it: Slack's tokens in English (in the viewer's zone); in
 * Norwegian Kontakt writes it itself in `timeZone`, "7. des. 2026 14:05".
 */
export function readerDateTime(tr: Translator, date: Date, timeZone?: string): string {
  if (tr.locale !== 'en') return `${tr.date(date, timeZone)} ${tr.time(date, timeZone)}`;
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{date_short} {time}|${isoDate(date)} ${date.toISOString().slice(11, 16)} UTC>`;
}

/** Slack's time-of-day token ("14:05" in the reader's zone); UTC where Slack cannot format it. */
export function slackTime(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{time}|${date.toISOString().slice(11, 16)} UTC>`;
}
