import { z } from 'zod';
import type { Translator } from '../../i18n';
import type { DuplicateField, DuplicateSearchRow } from '../../services/setup/setup.types';
import type { FormErrors } from '../block-errors';
import type { StateReader } from '../view-state';
import { setupRules } from './field-rules';
import { duplicateRowBlockIds, setupBlocks, setupLimits, setupState } from './setup-form';

/**
 * The duplicates section's search-string rows: each row is a select of field and part (its value `name:first`,
 * written by duplicateRowValue, read back by parseRowValue) and a length box.
 */

export const duplicateFields = [
  'name',
  'name2',
  'address',
  'address2',
  'postCode',
  'city',
  'phone',
  'vatRegNo',
  'email',
  'mobile',
] as const satisfies readonly DuplicateField[];
export const duplicateParts = ['first', 'last'] as const;

/** The row every new or unreadable row starts as (the domain's default length is 5). */
export const defaultDuplicateRow: DuplicateSearchRow = { field: 'name', part: 'first', length: 5 };

/** The select value of a search-string row's field and part, e.g. `name:first`. */
export function duplicateRowValue(row: Pick<DuplicateSearchRow, 'field' | 'part'>): string {
  return `${row.field}:${row.part}`;
}

const rowFieldSchema = z.enum(duplicateFields);
const rowPartSchema = z.enum(duplicateParts);

/** `name:first` → the row's field and part; undefined for anything else. */
function parseRowValue(value: string | undefined): Pick<DuplicateSearchRow, 'field' | 'part'> | undefined {
  const [field, part, ...rest] = (value ?? '').split(':');
  const parsedField = rowFieldSchema.safeParse(field);
  const parsedPart = rowPartSchema.safeParse(part);
  return parsedField.success && parsedPart.success && rest.length === 0
    ? { field: parsedField.data, part: parsedPart.data }
    : undefined;
}

/** The row numbers whose blocks are in the state, 1…n without gaps (a forged gap ends the list). */
function rowNumbers(reader: StateReader): number[] {
  const rows: number[] = [];
  for (let row = 1; row <= setupLimits.rows.max; row += 1) {
    const blockIds = duplicateRowBlockIds(row);
    if (!reader.has(blockIds.field) && !reader.has(blockIds.length)) break;
    rows.push(row);
  }
  return rows;
}

/** The rows as saved: every row must be complete; each problem goes on its row's block. */
export function parseDuplicateRows(reader: StateReader, errors: FormErrors, tr: Translator): DuplicateSearchRow[] {
  const rows: DuplicateSearchRow[] = [];
  const numbers = rowNumbers(reader);
  if (numbers.length < setupLimits.rows.min) errors.add(setupBlocks.autosearch, tr.t('setup.error.rowsRequired'));
  for (const row of numbers) {
    const blockIds = duplicateRowBlockIds(row);
    const fieldPart = parseRowValue(reader.single(blockIds.field));
    if (!fieldPart) errors.add(blockIds.field, tr.t('setup.error.rowField'));
    const length = errors.check(blockIds.length, setupRules(tr.locale).rowLength, reader.single(blockIds.length));
    if (fieldPart && length !== undefined) rows.push({ ...fieldPart, length });
  }
  return rows;
}

/**
 * The search-string rows as currently typed in the duplicates section, for redrawing it after "Add row" or
 * "Remove last row". Tolerant: a row whose field is not chosen yet reads as the default row's field, a length
 * that is not a number in range as the default length. Never throws.
 */
export function readDuplicateRows(values: unknown): DuplicateSearchRow[] {
  const reader = setupState(values);
  return rowNumbers(reader).map((row) => {
    const blockIds = duplicateRowBlockIds(row);
    const fieldPart = parseRowValue(reader.single(blockIds.field)) ?? defaultDuplicateRow;
    const length = setupRules().rowLength.safeParse(reader.single(blockIds.length) ?? '');
    return {
      field: fieldPart.field,
      part: fieldPart.part,
      length: length.success ? length.data : defaultDuplicateRow.length,
    };
  });
}
