import type { ContactInput } from '../../schemas/contact-input';
import type { CodeListEntry } from '../setup/setup.types';
import type { RegisterCompany } from './company-register.service';
import { orgNoOf } from './org-no';

/** The fields a company takes from the register, in the order the update diff lists them. */
export const registerFields = [
  'name',
  'address',
  'address2',
  'postCode',
  'city',
  'country',
  'vatRegNo',
  'homePage',
] as const satisfies readonly (keyof ContactInput)[];

export type RegisterField = (typeof registerFields)[number];

const compactCode = (code: string) => code.toUpperCase().replace(/[\s.]/g, '');

/**
 * The setup industry group a NACE code (`28.130`) belongs to: one written as the code itself (`28.130`, `28130`),
 * else the longest one made of digits that the code starts with (`28.1`, `28`: the NACE group, division). Codes that
 * are not numbers (`MANU`) never match; the modal then shows the NACE code for an admin to add.
 */
export function industryGroupFor(naceCode: string, groups: readonly CodeListEntry[]): string | undefined {
  const nace = compactCode(naceCode);
  if (!/^\d+$/.test(nace)) return undefined;
  let best: { code: string; length: number } | undefined;
  for (const group of groups) {
    const code = compactCode(group.code);
    if (!/^\d{2,}$/.test(code) || !nace.startsWith(code)) continue;
    if (!best || code.length > best.length) best = { code: group.code, length: code.length };
  }
  return best?.code;
}

/** What picking a register company fills in the New company modal; the user can still change every field. */
export function fillFromRegister(
  company: RegisterCompany,
  industryGroups: readonly CodeListEntry[],
): { values: Partial<ContactInput>; industryGroup?: string } {
  const industryGroup = company.nace ? industryGroupFor(company.nace.code, industryGroups) : undefined;
  const values: Partial<ContactInput> = {
    name: company.name,
    address: company.address,
    address2: company.address2,
    postCode: company.postCode,
    city: company.city,
    country: company.country,
    vatRegNo: company.vatRegNo,
    homePage: company.homePage,
    ...(industryGroup ? { industryGroups: [industryGroup] } : {}),
  };
  return { values, industryGroup };
}

const comparable = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/** Home pages compare without scheme and trailing slash: `www.nordlys.no` = `https://www.nordlys.no/`. */
const comparableHomePage = (value: string | undefined) =>
  comparable(value)
    .replace(/^https?:\/\//, '')
    .replace(/\/$/, '');

export interface RegisterDifference {
  field: RegisterField;
  current?: string;
  register: string;
}

/**
 * The fields where a company's card and the register differ and the register has a value: what "Update from the
 * register" offers to take. The VAT number counts as equal when it holds the same org.nr. and says the same about
 * VAT (`NO 923609016 MVA` vs `923 609 016` differs: the company is in the VAT register).
 */
export function registerDifferences(
  contact: Partial<Record<RegisterField, string | undefined>>,
  company: RegisterCompany,
): RegisterDifference[] {
  const differences: RegisterDifference[] = [];
  for (const field of registerFields) {
    const register = company[field];
    if (register === undefined || register.trim() === '') continue;
    const current = contact[field];
    const same =
      field === 'homePage'
        ? comparableHomePage(current) === comparableHomePage(register)
        : field === 'vatRegNo'
          ? orgNoOf(current) === company.orgNo && /MVA\s*$/i.test(current ?? '') === company.inVatRegister
          : comparable(current) === comparable(register);
    if (!same) differences.push({ field, current, register });
  }
  return differences;
}
