import { en, type MessageKey } from './en';
import { nb } from './nb';

export type Locale = 'en' | 'nb';
export type { MessageKey };

const catalogues: Record<Locale, Partial<Record<MessageKey, string>>> = { en, nb };

/** Looks up a user-facing text and fills its {placeholders}. Unknown placeholders are left visible, not dropped. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}, locale: Locale = 'en'): string {
  const template = catalogues[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** "1 contact", "1,250 contacts": a number with its noun in the right form. */
export function countOf(count: number, noun: 'contact' | 'visit', locale: Locale = 'en'): string {
  return t(`count.${noun}.${count === 1 ? 'one' : 'many'}`, { count: count.toLocaleString('en-US') }, locale);
}
