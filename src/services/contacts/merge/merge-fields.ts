import { contactFieldsWhere, type FieldsWith } from '../contact-fields';
import type { Contact } from '../contact.types';

/**
 * The fields a merge compares, in the card's order. Name parts follow the name (deriveFields), computed keys follow
 * the fields, and the type and No. are not choices: the kept contact keeps its No., the other's becomes an alias.
 * A person's company is a choice too (its `companyId`, shown by the company's name).
 */
export type MergeField = FieldsWith<'merged'>;
export const MERGE_FIELDS = contactFieldsWhere<MergeField>((spec) => spec.merged === true);
export type MergeSide = 'keep' | 'merge';
export type MergeChoices = Partial<Record<MergeField, MergeSide>>;

/** Fields only persons have. */
const PERSON_ONLY: ReadonlySet<MergeField> = new Set(
  contactFieldsWhere<MergeField>((spec) => spec.merged === true && spec.personOnly === true),
);

export function mergeFieldsOf(type: Contact['type']): MergeField[] {
  return MERGE_FIELDS.filter((field) => type === 'person' || !PERSON_ONLY.has(field));
}

type Value = string | string[] | boolean | null | undefined;

/** A field's value as the merge compares it: empty strings, empty lists and `false` count as empty. */
export function mergeValueOf(contact: Partial<Contact>, field: MergeField): Value {
  const value = contact[field] as Value;
  if (Array.isArray(value)) return value.length > 0 ? value : undefined;
  if (value === '' || value === null || value === false) return undefined;
  return value;
}

export function isEmptyValue(value: Value): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

export function sameValue(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return (a ?? undefined) === (b ?? undefined);
}

export interface DifferingField {
  field: MergeField;
  keep: Value;
  merge: Value;
  /** The default: the kept (older) contact's value, or the other's when the kept one has none. */
  choice: MergeSide;
}

/** The fields where the two differ, each with its default choice. */
export function differingFields(
  keep: Partial<Contact>,
  merge: Partial<Contact>,
  type: Contact['type'],
): DifferingField[] {
  // A search name nobody edited follows the name chosen: no row of its own.
  const searchNameFollows = !keep.searchNameEdited && !merge.searchNameEdited;
  return mergeFieldsOf(type).flatMap((field) => {
    if (field === 'searchName' && searchNameFollows) return [];
    const a = mergeValueOf(keep, field);
    const b = mergeValueOf(merge, field);
    if (sameValue(a, b)) return [];
    return [{ field, keep: a, merge: b, choice: isEmptyValue(a) ? 'merge' : 'keep' } satisfies DifferingField];
  });
}
