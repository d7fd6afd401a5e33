import type { Locale, Translator } from '../../i18n';
import type { InheritanceSwitch } from '../../schemas/contact-input';
import type { DuplicateField, DuplicateSearchRow, SetupSection } from '../../services/setup/setup.types';

/** The section's name, short enough for a modal title (≤ 24). */
export function sectionTitle(tr: Translator, section: SetupSection): string {
  return tr.t(`setup.section.${section}`);
}

/** `CT000042`: the prefix and the number padded to the series' digits (a number wider than that is not cut). */
export function formatContactNo(numbering: { prefix: string; digits: number }, no: number): string {
  const digits = Math.min(Math.max(Math.trunc(numbering.digits) || 1, 1), 20);
  return `${numbering.prefix}${String(Math.trunc(no)).padStart(digits, '0')}`;
}

const weekdayKeys = {
  1: 'setup.weekday.1',
  2: 'setup.weekday.2',
  3: 'setup.weekday.3',
  4: 'setup.weekday.4',
  5: 'setup.weekday.5',
  6: 'setup.weekday.6',
  7: 'setup.weekday.7',
} as const;

export function weekdayName(tr: Translator, weekday: number): string {
  const key = weekdayKeys[weekday as keyof typeof weekdayKeys];
  return key ? tr.t(key) : String(weekday);
}

function duplicateFieldLabel(tr: Translator, field: DuplicateField): string {
  return tr.t(`contact.field.${field}`);
}

/** `Name — first characters` */
export function duplicateRowLabel(tr: Translator, row: Pick<DuplicateSearchRow, 'field' | 'part'>): string {
  return tr.t('setup.duplicates.fieldPart', {
    field: duplicateFieldLabel(tr, row.field),
    part: tr.t(`setup.duplicates.part.${row.part}`),
  });
}

export function inheritanceLabel(tr: Translator, name: InheritanceSwitch): string {
  return tr.t(`setup.inheritance.${name}`);
}

export function languageName(tr: Translator, language: Locale): string {
  return tr.t(`setup.language.${language}`);
}
