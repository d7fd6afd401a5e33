import { IntlMessageFormat } from 'intl-messageformat';
import { en } from './en';
import { INTL_TAG, LOCALES, type Locale } from './index';
import { nb } from './nb';

/**
 * The catalogue's health, for `npm run i18n:check` and its jest test: keys missing in a language, placeholders
 * that differ between languages, texts that do not parse, modal titles over Slack's 24 characters, and keys no
 * source file refers to. Only `unused` is advice; the rest fail the check.
 *
 * Modal titles (the rule): a key is a modal title when a source file names it in a `title: plain(…,
 * SLACK.modalTitle)` (how every view sets a modal's title), or it is a setup section name (`setup.section.*`:
 * each section's modal is titled with it).
 */

export const MODAL_TITLE_MAX = 24;

export interface CatalogueReport {
  keys: number;
  missing: { locale: Locale; key: string }[];
  placeholders: { locale: Locale; key: string; en: string[]; other: string[] }[];
  unparsable: { locale: Locale; key: string; error: string }[];
  longTitles: { locale: Locale; key: string; text: string; length: number }[];
  unused: string[];
}

const catalogues: Record<Locale, Partial<Record<string, string>>> = { en, nb };

type Ast = ReturnType<IntlMessageFormat['getAst']>;

function argumentsOf(elements: Ast, into: Set<string>): Set<string> {
  for (const element of elements) {
    if ('value' in element && element.type >= 1 && element.type <= 6) into.add(element.value);
    if ('options' in element) for (const option of Object.values(element.options)) argumentsOf(option.value, into);
  }
  return into;
}

/** The placeholder names of a text, sorted; throws when the text is not a valid ICU message. */
export function placeholdersOf(text: string, locale: Locale = 'en'): string[] {
  const message = new IntlMessageFormat(text, INTL_TAG[locale], undefined, { ignoreTag: true });
  return [...argumentsOf(message.getAst(), new Set())].sort();
}

/** Keys that are modal titles, found in the source files (path → text) by the rule above. */
export function modalTitleKeys(sources: Record<string, string>): Set<string> {
  const keys = new Set(Object.keys(en).filter((key) => key.startsWith('setup.section.')));
  for (const text of Object.values(sources)) {
    for (const match of text.matchAll(/title:\s*plain\(([\s\S]{0,300}?)SLACK\.modalTitle/g)) {
      for (const quoted of (match[1] ?? '').matchAll(/'([a-zA-Z0-9_.]+)'/g)) {
        if (quoted[1] && quoted[1] in en) keys.add(quoted[1]);
      }
    }
  }
  return keys;
}

/**
 * Keys no source file refers to: neither as a whole string literal nor through a prefix a key is built from
 * (`count.${noun}`, 'visit.evaluation.' + e).
 */
export function unusedKeys(sources: Record<string, string>): string[] {
  const all = Object.values(sources).join('\n');
  const prefixes = new Set<string>();
  // `count.${noun}` and 'visit.evaluation.' + e: a key is built from what comes before the variable part.
  for (const m of all.matchAll(/`([a-zA-Z0-9_.]{3,})\$\{/g)) if (m[1]) prefixes.add(m[1]);
  for (const m of all.matchAll(/['"`]([a-zA-Z0-9_]+\.[a-zA-Z0-9_.]*\.)['"`]/g)) if (m[1]) prefixes.add(m[1]);
  const prefixList = [...prefixes];
  return Object.keys(en).filter(
    (key) =>
      !all.includes(`'${key}'`) &&
      !all.includes(`"${key}"`) &&
      !all.includes(`\`${key}\``) &&
      !prefixList.some((prefix) => key.startsWith(prefix)),
  );
}

export function checkCatalogue(sources: Record<string, string>): CatalogueReport {
  const report: CatalogueReport = {
    keys: Object.keys(en).length,
    missing: [],
    placeholders: [],
    unparsable: [],
    longTitles: [],
    unused: unusedKeys(sources),
  };
  const titles = modalTitleKeys(sources);
  for (const key of Object.keys(en)) {
    let reference: string[] | undefined;
    for (const locale of LOCALES) {
      const text = catalogues[locale][key];
      if (text === undefined) {
        report.missing.push({ locale, key });
        continue;
      }
      let names: string[];
      try {
        names = placeholdersOf(text, locale);
      } catch (error) {
        report.unparsable.push({ locale, key, error: (error as Error).message });
        continue;
      }
      if (locale === 'en') reference = names;
      else if (reference && names.join(',') !== reference.join(','))
        report.placeholders.push({ locale, key, en: reference, other: names });
      if (titles.has(key) && [...text].length > MODAL_TITLE_MAX)
        report.longTitles.push({ locale, key, text, length: [...text].length });
    }
  }
  return report;
}

/** Whether the report fails the check (unused keys are advice only). */
export const catalogueFails = (report: CatalogueReport): boolean =>
  report.missing.length + report.placeholders.length + report.unparsable.length + report.longTitles.length > 0;

export function formatReport(report: CatalogueReport): string {
  const lines = [`${report.keys} keys in en; languages: ${LOCALES.join(', ')}.`];
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push('', `${title} (${items.length}):`, ...items.map((item) => `  ${item}`));
  };
  section(
    'Missing',
    report.missing.map((m) => `${m.locale}: ${m.key}`),
  );
  section(
    'Placeholders differ',
    report.placeholders.map(
      (p) => `${p.locale}: ${p.key} has {${p.other.join('}, {')}}, en has {${p.en.join('}, {')}}`,
    ),
  );
  section(
    'Not a valid message',
    report.unparsable.map((u) => `${u.locale}: ${u.key}: ${u.error}`),
  );
  section(
    `Modal titles over ${MODAL_TITLE_MAX} characters`,
    report.longTitles.map((l) => `${l.locale}: ${l.key} (${l.length}): ${l.text}`),
  );
  section('Unused (no file in src/ refers to them)', report.unused);
  lines.push('', catalogueFails(report) ? 'i18n check FAILED.' : 'i18n check passed.');
  return lines.join('\n');
}
