import { en, type MessageKey } from './en';
import { nb } from './nb';

export type Locale = 'en' | 'nb';
export type { MessageKey };
export type Vars = Record<string, string | number>;
export type CountNoun = 'contact' | 'visit';

export const LOCALES: readonly Locale[] = ['en', 'nb'];

const catalogues: Record<Locale, Partial<Record<MessageKey, string>>> = { en, nb };

/** Anything stored or sent that is not a language Kontakt knows (an old value, a forged one) reads as undefined. */
export function asLocale(value: unknown): Locale | undefined {
  return LOCALES.find((locale) => locale === value);
}

/** Looks up a user-facing text and fills its {placeholders}. Unknown placeholders are left visible, not dropped. */
export function t(key: MessageKey, vars: Vars = {}, locale: Locale = 'en'): string {
  const template = catalogues[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** "1 contact", "1,250 contacts": a number with its noun in the right form. */
export function countOf(count: number, noun: CountNoun, locale: Locale = 'en'): string {
  return translator(locale).count(count, noun);
}

/**
 * Everything a view needs to speak its reader's language: the texts, counts and number formats. One is made per
 * request (listeners get it from the Kontakt context) or per recipient (jobs), and handed to the view builders —
 * never read from a global, so two users in one process each get their own language.
 */
export interface Translator {
  readonly locale: Locale;
  t(key: MessageKey, vars?: Vars): string;
  count(count: number, noun: CountNoun): string;
  number(value: number): string;
}

const intlTag: Record<Locale, string> = { en: 'en-US', nb: 'nb-NO' };

const cache = new Map<Locale, Translator>();

export function translator(locale: Locale = 'en'): Translator {
  const known = cache.get(locale);
  if (known) return known;
  const numbers = new Intl.NumberFormat(intlTag[locale]);
  const plurals = new Intl.PluralRules(intlTag[locale]);
  const made: Translator = {
    locale,
    t: (key, vars) => t(key, vars, locale),
    number: (value) => numbers.format(value),
    count: (count, noun) =>
      t(`count.${noun}.${plurals.select(count) === 'one' ? 'one' : 'many'}`, { count: numbers.format(count) }, locale),
  };
  cache.set(locale, made);
  return made;
}
