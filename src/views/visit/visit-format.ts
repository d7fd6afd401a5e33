import type { Translator } from '../../i18n';
import { isIsoDate, isoWeekday } from '../../services/calendar';
import type { DateRange, Evaluation, Visit, VisitTotals } from '../../services/visits/visit.types';
import { charLength, escapeMrkdwn, truncate, userText } from '../contact/text';

/** Shortcodes Slack draws in both mrkdwn and plain_text with emoji on. */
export const evaluationEmoji: Record<Evaluation, string> = {
  very_positive: ':star-struck:',
  positive: ':slightly_smiling_face:',
  neutral: ':neutral_face:',
  negative: ':slightly_frowning_face:',
  very_negative: ':disappointed:',
};

export const evaluationLabel = (tr: Translator, evaluation: Evaluation): string =>
  tr.t(`visit.evaluation.${evaluation}`);

/** How long the first line of a description may be in a one-line summary. */
const FIRST_LINE_MAX = 150;
const TYPE_MAX = 50;
const NAME_MAX = 80;
const NO_MAX = 30;

/** `<@U123>` for a real Slack user id; anything else is shown as escaped text, never as markup. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]{1,30}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(truncate(userId, 30));
}

/** `~` would end a strikethrough early; the look-alike keeps the text readable. */
const noTilde = (text: string) => text.replace(/~/g, '∼');

/** The first non-empty line of a description, spaces collapsed, cut and escaped for mrkdwn. */
export function firstLine(description: string, max = FIRST_LINE_MAX): string {
  const line = description
    .split(/\r?\n/)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .find((part) => part !== '');
  return line === undefined ? '' : noTilde(userText(line, max));
}

/** `Tue 2026-11-24`; a malformed date is shown as it is (escaped) rather than throwing. */
export function dayLabel(tr: Translator, date: string): string {
  const t = tr.t;
  if (!isIsoDate(date)) return escapeMrkdwn(truncate(String(date), 20));
  return t('visits.day', { weekday: t(`visits.weekday.${isoWeekday(date)}` as Parameters<Translator['t']>[0]), date });
}

export function rangeLabel(tr: Translator, range: DateRange): string {
  const t = tr.t;
  return range.from === range.to ? range.from : t('visits.range', { from: range.from, to: range.to });
}

export const contactName = (visit: Pick<Visit, 'contactName' | 'contactNo'>): string =>
  `${noTilde(userText(visit.contactName, NAME_MAX))} (${noTilde(userText(visit.contactNo, NO_MAX))})`;

export interface VisitLineOptions {
  /** Start with the date (left out under a day heading). */
  showDate: boolean;
  /** Name the contact: always (reports), never, or only when the visit is not the card's own contact's. */
  showContact: 'always' | 'never' | { unlessContactId: string };
  /** Leave the salesperson out (a report that groups by salesperson names them once, above). */
  hideSalesperson?: boolean;
  /** The evaluation in words beside its emoji (where a reader reviews rather than scans). */
  evaluationInWords?: boolean;
}

/**
 * `Nov 24, 2026 · Visit · @kari · Kari Nordmann (CT000042) · :slightly_smiling_face: · _failed attempt_ · “First line…”`.
 * A cancelled visit is struck through and marked.
 */
export function visitLine(tr: Translator, visit: Visit, options: VisitLineOptions): string {
  const t = tr.t;
  const parts: string[] = [];
  if (options.showDate)
    parts.push(isIsoDate(visit.date) ? tr.date(visit.date) : escapeMrkdwn(truncate(visit.date, 20)));
  parts.push(`*${noTilde(userText(visit.typeDescription || visit.typeCode, TYPE_MAX))}*`);
  if (!options.hideSalesperson) parts.push(mention(visit.salespersonId));
  const showContact =
    options.showContact === 'always' ||
    (typeof options.showContact === 'object' && visit.contactId !== options.showContact.unlessContactId);
  if (showContact) parts.push(contactName(visit));
  const emoji = evaluationEmoji[visit.evaluation] ?? '';
  parts.push(options.evaluationInWords && emoji ? `${emoji} ${evaluationLabel(tr, visit.evaluation)}` : emoji);
  if (visit.attemptFailed) parts.push(`_${t('visits.failedAttempt')}_`);
  const line = firstLine(visit.description);
  if (line !== '') parts.push(t('visits.quote', { text: line }));
  const text = parts.filter((part) => part !== '').join(' · ');
  return visit.status === 'cancelled' ? `~${text}~ _${t('visits.cancelled')}_` : text;
}

/** `12 visits · 2 failed attempts`. */
export function countsText(tr: Translator, totals: Pick<VisitTotals, 'visits' | 'failedAttempts'>): string {
  const t = tr.t;
  const parts = [totals.visits === 1 ? t('visits.count.one') : t('visits.count.many', { count: totals.visits })];
  if (totals.failedAttempts > 0) {
    parts.push(
      totals.failedAttempts === 1 ? t('visits.failed.one') : t('visits.failed.many', { count: totals.failedAttempts }),
    );
  }
  return parts.join(' · ');
}

/**
 * Bullet lines, as many as fit in `maxLines` and `maxChars`, then "and N more" for the rest: lists whose length
 * nobody controls (200 salespeople, 300 types) still fit one section.
 */
export function cappedLines(tr: Translator, lines: string[], maxLines: number, maxChars: number): string {
  const t = tr.t;
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    const rest = lines.length - kept.length;
    const moreRoom = rest > 1 ? 40 : 0;
    if (kept.length >= maxLines || used + charLength(line) + 1 + moreRoom > maxChars) break;
    kept.push(line);
    used += charLength(line) + 1;
  }
  const more = lines.length - kept.length;
  if (more > 0) kept.push(`_${t('visits.more', { count: more })}_`);
  return kept.join('\n');
}

export function byTypeLines(totals: VisitTotals): string[] {
  return [...totals.byType]
    .sort((a, b) => b.count - a.count)
    .map((entry) => `• ${userText(entry.description || entry.code, TYPE_MAX)}: ${entry.count}`);
}

export function bySalespersonLines(totals: VisitTotals): string[] {
  return [...totals.bySalesperson]
    .sort((a, b) => b.count - a.count)
    .map((entry) => `• ${mention(entry.userId)}: ${entry.count}`);
}

/** Newest first: by date, then by when it was logged. */
export function newestFirst(a: Visit, b: Visit): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  const at = a.createdAt instanceof Date ? a.createdAt.getTime() : 0;
  const bt = b.createdAt instanceof Date ? b.createdAt.getTime() : 0;
  return bt - at;
}
