import { t } from '../../i18n';
import type { InheritanceSwitch } from '../../schemas/contact-input';
import type { DuplicateField, DuplicateSearchRow, SetupSection } from '../../services/setup/setup.types';

/** The section's name, short enough for a modal title (≤ 24). */
export function sectionTitle(section: SetupSection): string {
  return t(`setup.section.${section}`);
}

/** `CT000042`: the prefix and the number padded to the series' digits (a number wider than that is not cut). */
export function formatContactNo(numbering: { prefix: string; digits: number }, no: number): string {
  const digits = Math.min(Math.max(Math.trunc(numbering.digits) || 1, 1), 20);
  return `${numbering.prefix}${String(Math.trunc(no)).padStart(digits, '0')}`;
}

export function weekdayName(weekday: number): string {
  switch (weekday) {
    case 1:
      return t('setup.weekday.1');
    case 2:
      return t('setup.weekday.2');
    case 3:
      return t('setup.weekday.3');
    case 4:
      return t('setup.weekday.4');
    case 5:
      return t('setup.weekday.5');
    case 6:
      return t('setup.weekday.6');
    case 7:
      return t('setup.weekday.7');
    default:
      return String(weekday);
  }
}

function duplicateFieldLabel(field: DuplicateField): string {
  return t(`contact.field.${field}`);
}

/** `Name — first characters` */
export function duplicateRowLabel(row: Pick<DuplicateSearchRow, 'field' | 'part'>): string {
  return t('setup.duplicates.fieldPart', {
    field: duplicateFieldLabel(row.field),
    part: t(`setup.duplicates.part.${row.part}`),
  });
}

export function inheritanceLabel(name: InheritanceSwitch): string {
  return t(`setup.inheritance.${name}`);
}

export function languageName(language: 'en' | 'nb'): string {
  return t(`setup.language.${language}`);
}
