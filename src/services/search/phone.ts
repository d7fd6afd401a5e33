import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export interface NormalizedPhone {
  /** E.164 (`+4755123456`) when the number could be parsed, else undefined. */
  e164?: string;
  /** Digit strings to find the number by: national number and full international digits. */
  digitKeys: string[];
}

const digitsOf = (text: string): string => text.replace(/\D+/g, '');

/** Normalizes a phone number as typed; `defaultRegion` applies when the number has no country code. */
export function normalizePhone(raw: string | undefined | null, defaultRegion: CountryCode = 'NO'): NormalizedPhone {
  if (!raw || digitsOf(raw) === '') return { digitKeys: [] };
  const parsed = parsePhoneNumberFromString(raw, defaultRegion);
  if (!parsed || !parsed.isPossible()) return { digitKeys: [digitsOf(raw)] };
  const national = String(parsed.nationalNumber);
  const international = `${parsed.countryCallingCode}${national}`;
  return { e164: parsed.number, digitKeys: [...new Set([national, international])] };
}

/** True when the text looks like a phone number a person would type (digits, spaces, + - ( ) . /, ext). */
export function looksLikePhone(raw: string): boolean {
  return /^\+?[\d\s().\-/]{3,40}(\s*(ext\.?|x)\s*\d{1,6})?$/i.test(raw.trim()) && digitsOf(raw).length >= 3;
}

/** Digits of a search query when it reads as a phone number (at least 4 digits and nothing else but separators). */
export function queryDigits(query: string): string | undefined {
  const trimmed = query.trim();
  if (!/^\+?[\d\s().\-/]+$/.test(trimmed)) return undefined;
  const digits = digitsOf(trimmed);
  return digits.length >= 4 ? digits : undefined;
}
