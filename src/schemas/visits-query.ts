import type { MessageKey, Translator } from '../i18n';
import { addDays, daysBetween, ISO_DATE, isIsoDate, weekOf, type DateRange } from '../services/calendar';

// ---- /contact visits [@user|team] [this week|last week|YYYY-MM-DD..YYYY-MM-DD] -------------------------------

export type VisitsWho = { kind: 'me' } | { kind: 'user'; userId: string } | { kind: 'team' };

export type VisitsQueryResult =
  { ok: true; who: VisitsWho; range: DateRange; label: string } | { ok: false; error: string };

/** The longest range a report may cover. */
export const MAX_RANGE_DAYS = 366;

/** `<@U123|kari>` or `<@U123>`: how Slack sends a mention in a slash command's text (escaping on). */
const MENTION = /^<@([UW][A-Z0-9]{1,30})(?:\|[^>]*)?>$/;
const RANGE = /^(\S+?)\.\.(\S+)$/;

function usageError(tr: Translator, key: MessageKey, vars: Record<string, string | number> = {}): VisitsQueryResult {
  return { ok: false, error: `${tr.t(key, vars)} ${tr.t('visits.query.usage')}` };
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
 * `today` is the asker's today (YYYY-MM-DD); anything else is a bug in the caller and throws. Errors and the
 * label are in `tr`'s language, dates shown as its dates.
 */
/** `this week` / `last week`, and the Norwegian `denne uken` / `forrige uke`. */
const WEEK_WORDS: Record<string, 'this' | 'last'> = { this: 'this', last: 'last', denne: 'this', forrige: 'last' };
const WEEK_NOUNS = new Set(['week', 'uke', 'uken', 'uka']);

export function parseVisitsQuery(text: string, today: string, tr: Translator): VisitsQueryResult {
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const words = String(text ?? '')
    .replace(/\s*\.\.\s*/g, '..')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words[0]?.toLowerCase() === 'visits' || words[0]?.toLowerCase() === 'besøk') words.shift();

  let who: VisitsWho | undefined;
  let range: { range: DateRange; when: string } | undefined;
  const unknown: string[] = [];

  const setWho = (next: VisitsWho): VisitsQueryResult | undefined => {
    if (who) return usageError(tr, 'visits.query.twoWho');
    who = next;
    return undefined;
  };
  const setRange = (next: DateRange, when: string): VisitsQueryResult | undefined => {
    if (range) return usageError(tr, 'visits.query.twoRanges');
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
    else if (lower === 'me' || lower === 'my' || lower === 'mine' || lower === 'meg') problem = setWho({ kind: 'me' });
    else if (WEEK_WORDS[lower] && next !== undefined && WEEK_NOUNS.has(next.replace(/\.$/, ''))) {
      i += 1;
      const thisWeek = weekOf(today);
      problem =
        WEEK_WORDS[lower] === 'this'
          ? setRange(thisWeek, tr.t('visits.when.thisWeek'))
          : setRange(
              { from: addDays(thisWeek.from, -7), to: addDays(thisWeek.from, -1) },
              tr.t('visits.when.lastWeek'),
            );
    } else if (RANGE.test(word) || ISO_DATE.test(word) || /^\d{4}-\d{1,2}-\d{1,2}$/.test(word)) {
      const [from, to] = RANGE.test(word) ? word.split('..') : [word, word];
      for (const date of [from, to]) {
        if (!isIsoDate(date)) return usageError(tr, 'visits.query.badDate', { date: quote(date ?? '') });
      }
      const span = daysBetween(from as string, to as string);
      if (span < 0) return usageError(tr, 'visits.query.reversed', { from: from as string, to: to as string });
      if (span + 1 > MAX_RANGE_DAYS)
        return usageError(tr, 'visits.query.tooLong', {
          from: from as string,
          to: to as string,
          days: span + 1,
          max: MAX_RANGE_DAYS,
        });
      const when =
        from === to
          ? tr.date(from as string)
          : tr.t('visits.range', { from: tr.date(from as string), to: tr.date(to as string) });
      problem = setRange({ from: from as string, to: to as string }, when);
    } else if (word.startsWith('@') || word.startsWith('<@'))
      return usageError(tr, 'visits.query.plainAt', { name: quote(word) });
    else unknown.push(quote(word));
    if (problem) return problem;
  }

  if (unknown.length > 0) return usageError(tr, 'visits.query.unknown', { words: unknown.slice(0, 5).join(' ') });
  const chosenWho: VisitsWho = who ?? { kind: 'me' };
  const chosen = range ?? { range: weekOf(today), when: tr.t('visits.when.thisWeek') };
  const label =
    chosenWho.kind === 'me'
      ? tr.t('visits.label.me', { when: chosen.when })
      : chosenWho.kind === 'team'
        ? tr.t('visits.label.team', { when: chosen.when })
        : tr.t('visits.label.user', { user: `<@${chosenWho.userId}>`, when: chosen.when });
  return { ok: true, who: chosenWho, range: chosen.range, label };
}
