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
 * Kontakt's default industry groups by NACE division (the code's first two digits, SN2007/NACE rev. 2), used when
 * setup still has that group and no group of its own is written as a NACE code.
 */
const DEFAULT_GROUP_DIVISIONS: readonly { code: string; from: number; to: number }[] = [
  { code: 'MARINE', from: 3, to: 3 },
  { code: 'MANU', from: 10, to: 33 },
  { code: 'ENERGY', from: 35, to: 35 },
  { code: 'CONST', from: 41, to: 43 },
  { code: 'WHOLE', from: 46, to: 46 },
  { code: 'RETAIL', from: 47, to: 47 },
  { code: 'TECH', from: 58, to: 63 },
  { code: 'PUBLIC', from: 84, to: 84 },
];

/**
 * The setup industry group a NACE code (`28.130`) belongs to: one written as the code itself (`28.130`, `28130`),
 * else the longest one made of digits that the code starts with (`28.1`, `28`: the NACE group or division), else
 * the default group of its division (`MANU` for 10–33) when setup has it. None: the modal shows the NACE code for
 * an admin to add.
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
  if (best) return best.code;
  const division = Number(nace.slice(0, 2));
  const byDefault = DEFAULT_GROUP_DIVISIONS.find((entry) => division >= entry.from && division <= entry.to);
  return byDefault ? groups.find((group) => group.code.toUpperCase() === byDefault.code)?.code : undefined;
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
