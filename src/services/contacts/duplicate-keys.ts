import type { ContactInput } from '../../schemas/contact-input';
import { foldText } from '../search/fold';
import type { DuplicateSearchRow } from '../setup/setup.types';
import { orgNoOf } from '../company-register/org-no';

type DuplicateSource = Partial<
  Pick<
    ContactInput,
    'name' | 'name2' | 'address' | 'address2' | 'postCode' | 'city' | 'phone' | 'vatRegNo' | 'email' | 'mobile'
  >
>;

/** NAV's search string: the field without spaces and punctuation, upper-cased, cut to the part and length. */
export function duplicateString(value: string | undefined, row: DuplicateSearchRow): string | undefined {
  if (!value) return undefined;
  const compact = foldText(value).replace(/ /g, '').toUpperCase();
  if (compact === '') return undefined;
  return row.part === 'first' ? compact.slice(0, row.length) : compact.slice(-row.length);
}

/** One key per setup row that has a value: `name:first:5:NORDL`. Stored on companies and indexed. */
export function duplicateKeys(contact: DuplicateSource, rows: DuplicateSearchRow[]): string[] {
  const keys = rows.flatMap((row) => {
    const value = duplicateString(contact[row.field], row);
    return value ? [`${row.field}:${row.part}:${row.length}:${value}`] : [];
  });
  return [...new Set(keys)];
}

/** The prefix of the duplicate key a company's org.nr. gives: `orgnr:923609016`. */
export const ORG_NO_KEY_PREFIX = 'orgnr:';

/**
 * A company whose VAT Reg. No. holds a Norwegian org.nr. also gets `orgnr:<9 digits>`: two companies with the same
 * org.nr. are the same legal entity, so that one key alone makes them duplicates, whatever the setup rows say.
 */
export function orgNoKeys(vatRegNo: string | undefined | null): string[] {
  const orgNo = orgNoOf(vatRegNo);
  return orgNo ? [`${ORG_NO_KEY_PREFIX}${orgNo}`] : [];
}

/** How many equal strings make a duplicate: ⌈rows × hit %⌉, at least one. */
export function requiredHits(rowCount: number, hitPercent: number): number {
  return Math.max(1, Math.ceil((rowCount * hitPercent) / 100 - 1e-9));
}
