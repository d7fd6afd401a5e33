import type { PlainTextOption } from '@slack/types';
import { getCountries } from 'libphonenumber-js';
import { plain, SLACK } from '../contact/text';

/**
 * The regions offered as default phone region: Nordic first (the team's home), then the rest of Europe, then
 * the common trading partners elsewhere. A select holds 100 options, so not all ~245 regions can be offered.
 */
const offeredRegions = [
  // Nordic
  'NO',
  'SE',
  'DK',
  'FI',
  'IS',
  'FO',
  'GL',
  'AX',
  'SJ',
  // Rest of Europe
  'GB',
  'IE',
  'DE',
  'NL',
  'BE',
  'LU',
  'FR',
  'MC',
  'CH',
  'LI',
  'AT',
  'IT',
  'SM',
  'VA',
  'MT',
  'ES',
  'AD',
  'PT',
  'GI',
  'PL',
  'CZ',
  'SK',
  'HU',
  'SI',
  'HR',
  'BA',
  'RS',
  'ME',
  'MK',
  'AL',
  'XK',
  'RO',
  'BG',
  'MD',
  'GR',
  'CY',
  'TR',
  'EE',
  'LV',
  'LT',
  'UA',
  'GE',
  'AM',
  'AZ',
  'IM',
  'JE',
  'GG',
  // Elsewhere
  'US',
  'CA',
  'MX',
  'BR',
  'AR',
  'CL',
  'CO',
  'PE',
  'AU',
  'NZ',
  'JP',
  'CN',
  'HK',
  'TW',
  'KR',
  'SG',
  'MY',
  'TH',
  'VN',
  'ID',
  'PH',
  'IN',
  'PK',
  'BD',
  'LK',
  'AE',
  'SA',
  'QA',
  'KW',
  'OM',
  'BH',
  'IL',
  'JO',
  'EG',
  'MA',
  'TN',
  'ZA',
  'NG',
  'KE',
  'GH',
  'TZ',
] as const;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

function regionOption(code: string): PlainTextOption {
  const name = regionNames.of(code) ?? code;
  return { text: plain(`${name} (${code})`, SLACK.optionText), value: code };
}

/**
 * Options for the default phone region: the offered regions libphonenumber knows, plus `current` when it is a
 * region outside the list (so the current setting can be shown as selected), never more than 100.
 */
export function phoneRegionOptions(current?: string): PlainTextOption[] {
  const known = new Set<string>(getCountries());
  const codes: string[] = offeredRegions.filter((code) => known.has(code));
  if (current && known.has(current) && !codes.includes(current)) codes.unshift(current);
  return codes.slice(0, SLACK.selectOptions).map(regionOption);
}
