import { z } from 'zod';
import { t } from '../i18n';
import type { DateRange } from '../services/visits/visit.types';

// ---- calendar dates (YYYY-MM-DD, no time zone: the caller has already turned "now" into the user's today) ----

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function toUtc(date: string): number | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const time = Date.UTC(y, m - 1, d);
  const back = new Date(time);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? time : undefined;
}

const fromUtc = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && toUtc(value) !== undefined;
}

function utcOf(date: string): number {
  const time = toUtc(date);
  if (time === undefined) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return time;
}

export function addDays(date: string, days: number): string {
  return fromUtc(utcOf(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcOf(to) - utcOf(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(utcOf(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The ISO week (Monday–Sunday) that holds `date`. */
export function isoWeekOf(date: string): DateRange {
  const from = addDays(date, 1 - isoWeekday(date));
  return { from, to: addDays(from, 6) };
}

/** ISO week number (1–53): the week that holds the year's first Thursday is week 1. */
export function isoWeekNumber(date: string): number {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const januaryFirst = `${thursday.slice(0, 4)}-01-01`;
  return Math.floor(daysBetween(januaryFirst, thursday) / 7) + 1;
}

/** The same day a year later; 29 February becomes 28 February. */
export function oneYearAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const candidate = `${String(y + 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return toUtc(candidate) !== undefined ? candidate : `${candidate.slice(0, 8)}28`;
}

// ---- /contact visits [@user|team] [this week|last week|YYYY-MM-DD..YYYY-MM-DD] -------------------------------

export type VisitsWho = { kind: 'me' } | { kind: 'user'; userId: string } | { kind: 'team' };

export type VisitsQueryResult =
  { ok: true; who: VisitsWho; range: DateRange; label: string } | { ok: false; error: string };

/** The longest range a report may cover. */
export const MAX_RANGE_DAYS = 366;

/** `<@U123|kari>` or `<@U123>`: how Slack sends a mention in a slash command's text (escaping on). */
const MENTION = /^<@([UW][A-Z0-9]{1,30})(?:\|[^>]*)?>$/;
const RANGE = /^(\S+?)\.\.(\S+)$/;

function usageError(key: Parameters<typeof t>[0], vars: Record<string, string | number> = {}): VisitsQueryResult {
  return { ok: false, error: `${t(key, vars)} ${t('visits.query.usage')}` };
}

/** A word from the user, shown back in an error: short, and without backticks that would break the code span. */
const quote = (word: string) =>
  [...word]
    .slice(0, 40)
    .join('')
    .replace(/[`<>&]/g, '');

/**
 * Reads what follows `/contact` (with or without the leading `visits`): who (me by default, a mention or `team`)
 * and when (this week by default, `last week`, a day or `from..to`, both ends inclusive). Weeks run Monday–Sunday.
 * Whether the asker may see someone else's visits is the listener's question, not the parser's.
 * `today` is the asker's today (YYYY-MM-DD); anything else is a bug in the caller and throws.
 */
export function parseVisitsQuery(text: string, today: string): VisitsQueryResult {
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const words = String(text ?? '')
    .replace(/\s*\.\.\s*/g, '..')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words[0]?.toLowerCase() === 'visits') words.shift();

  let who: VisitsWho | undefined;
  let range: { range: DateRange; when: string } | undefined;
  const unknown: string[] = [];

  const setWho = (next: VisitsWho): VisitsQueryResult | undefined => {
    if (who) return usageError('visits.query.twoWho');
    who = next;
    return undefined;
  };
  const setRange = (next: DateRange, when: string): VisitsQueryResult | undefined => {
    if (range) return usageError('visits.query.twoRanges');
    range = { range: next, when };
    return undefined;
  };

  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] as string;
    const lower = word.toLowerCase();
    const next = words[i + 1]?.toLowerCase();
    let problem: VisitsQueryResult | undefined;
    const mention = MENTION.exec(word);
    if (mention) problem = setWho({ kind: 'user', userId: mention[1] as string });
    else if (lower === 'team') problem = setWho({ kind: 'team' });
    else if (lower === 'me' || lower === 'my' || lower === 'mine') problem = setWho({ kind: 'me' });
    else if ((lower === 'this' || lower === 'last') && (next === 'week' || next === 'week.')) {
      i += 1;
      const thisWeek = isoWeekOf(today);
      problem =
        lower === 'this'
          ? setRange(thisWeek, t('visits.when.thisWeek'))
          : setRange({ from: addDays(thisWeek.from, -7), to: addDays(thisWeek.from, -1) }, t('visits.when.lastWeek'));
    } else if (RANGE.test(word) || ISO_DATE.test(word) || /^\d{4}-\d{1,2}-\d{1,2}$/.test(word)) {
      const [from, to] = RANGE.test(word) ? word.split('..') : [word, word];
      for (const date of [from, to]) {
        if (!isIsoDate(date)) return usageError('visits.query.badDate', { date: quote(date ?? '') });
      }
      const span = daysBetween(from as string, to as string);
      if (span < 0) return usageError('visits.query.reversed', { from: from as string, to: to as string });
      if (span + 1 > MAX_RANGE_DAYS)
        return usageError('visits.query.tooLong', {
          from: from as string,
          to: to as string,
          days: span + 1,
          max: MAX_RANGE_DAYS,
        });
      const when = from === to ? (from as string) : `${from}..${to}`;
      problem = setRange({ from: from as string, to: to as string }, when);
    } else if (word.startsWith('@') || word.startsWith('<@'))
      return usageError('visits.query.plainAt', { name: quote(word) });
    else unknown.push(quote(word));
    if (problem) return problem;
  }

  if (unknown.length > 0) return usageError('visits.query.unknown', { words: unknown.slice(0, 5).join(' ') });
  const chosenWho: VisitsWho = who ?? { kind: 'me' };
  const chosen = range ?? { range: isoWeekOf(today), when: t('visits.when.thisWeek') };
  const label =
    chosenWho.kind === 'me'
      ? t('visits.label.me', { when: chosen.when })
      : chosenWho.kind === 'team'
        ? t('visits.label.team', { when: chosen.when })
        : t('visits.label.user', { user: `<@${chosenWho.userId}>`, when: chosen.when });
  return { ok: true, who: chosenWho, range: chosen.range, label };
}

// ---- the value of the visit history's Previous / Next buttons ------------------------------------------------

const visitPageSchema = z.object({ c: z.string().min(1).max(100), p: z.number().int().min(0).max(100_000) });

/** The button value `{"c": contactId, "p": page}`; the contact id is untrusted and must be re-checked. */
export function visitPageValue(contactId: string, page: number): string {
  return JSON.stringify({ c: contactId, p: page });
}

/** Reads a Previous / Next value back; undefined for anything that is not one. */
export function parseVisitPageValue(value: unknown): { contactId: string; page: number } | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = visitPageSchema.safeParse(json);
  return parsed.success ? { contactId: parsed.data.c, page: parsed.data.p } : undefined;
}
