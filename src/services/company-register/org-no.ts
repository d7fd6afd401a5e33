/**
 * Norwegian organisation numbers (org.nr.): nine digits, the last a mod-11 check digit over the first eight with
 * weights 3 2 7 6 5 4 3 2 (check = 11 − sum mod 11; 11 → 0; 10 → no valid number has it). Written with spaces
 * (`923 609 016`), dots, or as a VAT number (`NO 923609016 MVA`); all of those are the same number here.
 */

import type { MessageKey } from '../../i18n';

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Why a text is not an org.nr.: it holds letters, has the wrong number of digits, or its check digit is wrong. */
export type OrgNoProblem = 'letters' | 'length' | 'checkDigit';

export type OrgNoResult = { ok: true; orgNo: string } | { ok: false; problem: OrgNoProblem };

/** The check digit the first eight digits call for; undefined when none can (the sum leaves remainder 1). */
export function checkDigitOf(first8: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(first8[i]) * WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? undefined : check;
}

/** Nine digits whose last is the right check digit. */
export function isValidOrgNo(digits: string): boolean {
  return /^\d{9}$/.test(digits) && checkDigitOf(digits.slice(0, 8)) === Number(digits[8]);
}

/** The text without spaces, dots, dashes and the `NO` / `MVA` a VAT number wraps around it, upper-cased. */
function core(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[\s.\-\u00a0]/g, '')
    .replace(/^NO/, '')
    .replace(/MVA$/, '');
}

/** Reads an org.nr. as people write it; says what is wrong when it is not one. */
export function parseOrgNo(raw: string): OrgNoResult {
  const digits = core(raw);
  if (digits === '' || /\D/.test(digits)) return { ok: false, problem: 'letters' };
  if (digits.length !== 9) return { ok: false, problem: 'length' };
  return isValidOrgNo(digits) ? { ok: true, orgNo: digits } : { ok: false, problem: 'checkDigit' };
}

/**
 * Whether a typed text is meant as a Norwegian org.nr. (so it must be a valid one): only digits once spaces and
 * dots are gone, or written with `NO` in front or `MVA` behind. Another country's VAT number (`SE556…01`,
 * `DE123…`) is not, and is left alone.
 */
export function meantAsOrgNo(raw: string): boolean {
  const compact = raw.toUpperCase().replace(/[\s.\-\u00a0]/g, '');
  if (compact === '') return false;
  if (/^\d+$/.test(compact)) return true;
  // `NO` + a digit, or a digit + `MVA`: "Nordlys" starts with NO too.
  return /^NO\d/.test(compact) || /\dMVA$/.test(compact);
}

const PROBLEM_KEYS = {
  letters: 'validation.orgNo.letters',
  length: 'validation.orgNo.length',
  checkDigit: 'validation.orgNo.checkDigit',
} as const satisfies Record<OrgNoProblem, MessageKey>;

/**
 * The VAT field's check: a text meant as a Norwegian org.nr. (see meantAsOrgNo) must be a valid one; the text key
 * of what is wrong with it, or undefined (also for another country's VAT number).
 */
export function orgNoProblemKey(vatRegNo: string): MessageKey | undefined {
  if (!meantAsOrgNo(vatRegNo)) return undefined;
  const parsed = parseOrgNo(vatRegNo);
  return parsed.ok ? undefined : PROBLEM_KEYS[parsed.problem];
}

/** The org.nr. a VAT registration no. holds, when it holds a valid Norwegian one. */
export function orgNoOf(vatRegNo: string | undefined | null): string | undefined {
  if (!vatRegNo || !meantAsOrgNo(vatRegNo)) return undefined;
  const parsed = parseOrgNo(vatRegNo);
  return parsed.ok ? parsed.orgNo : undefined;
}

/** What goes in the VAT field: `NO 923609016 MVA` for a company in the VAT register, else the bare org.nr. */
export function vatRegNoFor(orgNo: string, inVatRegister: boolean): string {
  return inVatRegister ? `NO ${orgNo} MVA` : orgNo;
}
