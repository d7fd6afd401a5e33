import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './en';
import { nb } from './nb';
import { parseDateInput } from './date-input';

export type Locale = 'en' | 'nb';
export type { MessageKey };
export type Vars = Record<string, string | number>;
export type CountNoun = 'contact' | 'visit' | 'opportunity';

export const LOCALES: readonly Locale[] = ['en', 'nb'];

/** How each language names itself, for the list `/contact language xx` answers with. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', nb: 'Norsk bokmål' };

/** The BCP 47 tag Intl formats each language with. */
export const INTL_TAG: Record<Locale, string> = { en: 'en-US', nb: 'nb-NO' };

const catalogues: Record<Locale, Partial<Record<MessageKey, string>>> = { en, nb };

/** Anything stored or sent that is not a language Kontakt knows (an old value, a forged one) reads as undefined. */
export function asLocale(value: unknown): Locale | undefined {
  return LOCALES.find((locale) => locale === value);
}

/**
 * Texts are ICU messages (FormatJS intl-messageformat): `{name}` fills in a value, and
 * `{count, plural, one {# kontakt} other {# kontakter}}` picks the language's plural form by Intl.PluralRules
 * and formats `#` as a number of that language. Each (language, key) is compiled once.
 */
interface Compiled {
  message: IntlMessageFormat;
  /** The arguments the message names, so a missing one is shown as `{name}` rather than throwing. */
  args: string[];
}

const compiled = new Map<string, Compiled | null>();

function argumentsOf(elements: ReturnType<IntlMessageFormat['getAst']>, into: Set<string>): Set<string> {
  for (const element of elements) {
    // Types 1–6 are argument, number, date, time, select and plural: each names a value.
    if ('value' in element && element.type >= 1 && element.type <= 6) into.add(element.value);
    if ('options' in element) for (const option of Object.values(element.options)) argumentsOf(option.value, into);
  }
  return into;
}

function compile(locale: Locale, key: MessageKey): Compiled | null {
  const id = `${locale}\u0000${key}`;
  const known = compiled.get(id);
  if (known !== undefined) return known;
  const template = catalogues[locale][key];
  let made: Compiled | null = null;
  if (typeof template === 'string') {
    try {
      const message = new IntlMessageFormat(template, INTL_TAG[locale], undefined, { ignoreTag: true });
      made = { message, args: [...argumentsOf(message.getAst(), new Set())] };
    } catch {
      // A text that does not parse is treated as missing: the English one is shown instead.
      made = null;
    }
  }
  compiled.set(id, made);
  return made;
}

function format(locale: Locale, key: MessageKey, vars: Vars): string | undefined {
  const message = compile(locale, key);
  if (!message) return undefined;
  const values: Record<string, string | number> = { ...vars };
  for (const arg of message.args) if (!(arg in values)) values[arg] = `{${arg}}`;
  try {
    return String(message.message.format(values));
  } catch {
    return undefined;
  }
}

/**
 * Looks up a user-facing text in `locale` and fills its placeholders. A key missing in that language falls back to
 * English; unknown placeholders are left visible, not dropped. Never returns a raw key.
 */
export function t(key: MessageKey, vars: Vars = {}, locale: Locale = 'en'): string {
  return format(locale, key, vars) ?? format('en', key, vars) ?? String(en[key] ?? '');
}

/** "1 contact", "1,250 contacts": a number with its noun in the right form. */
export function countOf(count: number, noun: CountNoun, locale: Locale = 'en'): string {
  return translator(locale).count(count, noun);
}

/** A calendar day as YYYY-MM-DD (a day is a day wherever the user is), or an instant. */
export type DateLike = string | Date;

/**
 * Everything a view needs to speak its reader's language: the texts, counts, numbers, dates and sorting. One is
 * made per request (listeners get it from the Kontakt context) or per recipient (jobs), and handed to the view
 * builders — never read from a global, so two users in one process each get their own language.
 *
 * Dates: a `YYYY-MM-DD` string is a calendar day and is shown as that day; a `Date` is an instant and is shown in
 * `timeZone` (an IANA zone such as Europe/Oslo; UTC when absent or unknown). Weeks start on Monday and are
 * numbered as ISO weeks in both languages.
 */
export interface Translator {
  readonly locale: Locale;
  /** The BCP 47 tag for Intl APIs (en-US, nb-NO). */
  readonly tag: string;
  t(key: MessageKey, vars?: Vars): string;
  count(count: number, noun: CountNoun): string;
  number(value: number): string;
  /** "4. des. 2026" / "Dec 4, 2026". */
  date(value: DateLike, timeZone?: string): string;
  /** "fredag 4. desember" / "Friday, December 4". */
  longDate(value: DateLike, timeZone?: string): string;
  /** "14:05" in nb (24-hour clock), "2:05 PM" in en. */
  time(value: Date, timeZone?: string): string;
  /** "uke 49" / "week 49": the ISO week (Monday–Sunday) that holds the day. */
  week(value: DateLike, timeZone?: string): string;
  /** The ISO week number (1–53) that holds the day. */
  weekNumber(value: DateLike, timeZone?: string): number;
  /** The Monday (YYYY-MM-DD) of the week that holds the day: weeks start on Monday. */
  weekStart(value: DateLike, timeZone?: string): string;
  /** Compares two names in the language's alphabetical order (nb: Æ, Ø, Å after Z). */
  compare(a: string, b: string): number;
  /** A sorted copy, by the language's alphabetical order of `by(item)` (the item itself when it is a string). */
  sort<T>(items: readonly T[], by?: (item: T) => string): T[];
  /** "1 250,50 kr" / "NOK 1,250.50": an amount in an ISO 4217 currency. */
  amount(value: number, currency: string): string;
  /**
   * A date as typed (`4.12.2026`, `4.12.26`, `4.12`, `4/12`, `4/12/2026`: day first; or ISO `2026-12-04`) as
   * YYYY-MM-DD; a missing year is the current year in `timeZone`. Undefined when it is not a real date.
   */
  parseDate(input: string, options?: { timeZone?: string; now?: Date }): string | undefined;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A time zone Intl accepts, else UTC: a stale or odd zone from Slack must not break a message. */
function zoneOrUtc(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** The instant to format and the zone to format it in: a calendar day is formatted at UTC noon in UTC. */
function instantOf(value: DateLike, timeZone: string | undefined): { at: Date; zone: string } {
  if (typeof value === 'string' && ISO_DAY.test(value)) return { at: new Date(`${value}T12:00:00Z`), zone: 'UTC' };
  return { at: typeof value === 'string' ? new Date(value) : value, zone: zoneOrUtc(timeZone) };
}

/** The calendar day (YYYY-MM-DD) a value falls on. */
function dayOf(value: DateLike, timeZone: string | undefined): string {
  const { at, zone } = instantOf(value, timeZone);
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}

function isoWeek(day: string): { monday: string; week: number } {
  const time = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(time).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = time - weekday * 86_400_000;
  const thursday = new Date(monday + 3 * 86_400_000);
  const firstJan = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - firstJan) / (7 * 86_400_000));
  return { monday: new Date(monday).toISOString().slice(0, 10), week };
}

/** Formatters are built once per language and options; building an Intl formatter costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(tag: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${tag}|${zone}|${JSON.stringify(options)}`;
  let made = formatters.get(id);
  if (!made) {
    made = new Intl.DateTimeFormat(tag, { ...options, timeZone: zone });
    formatters.set(id, made);
  }
  return made;
}

const currencyFormats = new Map<string, Intl.NumberFormat>();

const cache = new Map<Locale, Translator>();

export function translator(locale: Locale = 'en'): Translator {
  const known = cache.get(locale);
  if (known) return known;
  const tag = INTL_TAG[locale];
  const numbers = new Intl.NumberFormat(tag);
  const collator = new Intl.Collator(tag, { sensitivity: 'base', numeric: true });
  const SHORT: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
  const LONG: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
  const TIME: Intl.DateTimeFormatOptions =
    locale === 'nb'
      ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
      : { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' };
  const made: Translator = {
    locale,
    tag,
    t: (key, vars) => t(key, vars, locale),
    number: (value) => numbers.format(value),
    count: (count, noun) => t(`count.${noun}`, { count }, locale),
    date: (value, timeZone) => {
      const { at, zone } = instantOf(value, timeZone);
      return dateFormat(tag, zone, SHORT).format(at);
    },
    longDate: (value, timeZone) => {
      const { at, zone } = instantOf(value, timeZone);
      return dateFormat(tag, zone, LONG).format(at);
    },
    time: (value, timeZone) => dateFormat(tag, zoneOrUtc(timeZone), TIME).format(value),
    weekNumber: (value, timeZone) => isoWeek(dayOf(value, timeZone)).week,
    week: (value, timeZone) => t('format.week', { week: isoWeek(dayOf(value, timeZone)).week }, locale),
    weekStart: (value, timeZone) => isoWeek(dayOf(value, timeZone)).monday,
    compare: (a, b) => collator.compare(a, b),
    sort: <T>(items: readonly T[], by?: (item: T) => string) => {
      const keyOf = by ?? ((item: T) => String(item));
      return [...items].sort((a, b) => collator.compare(keyOf(a), keyOf(b)));
    },
    amount: (value, currency) => {
      const id = `${tag}|${currency}`;
      let money = currencyFormats.get(id);
      if (!money) {
        money = new Intl.NumberFormat(tag, { style: 'currency', currency });
        currencyFormats.set(id, money);
      }
      return money.format(value);
    },
    parseDate: (input, options = {}) =>
      parseDateInput(input, dayOf(options.now ?? new Date(), options.timeZone).slice(0, 4)),
  };
  cache.set(locale, made);
  return made;
}
