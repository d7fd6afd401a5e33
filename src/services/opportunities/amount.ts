/**
 * An amount as people type it, in either language: `1 250 000`, `1.250.000,50`, `1,250,000.50`, `kr 250 000`,
 * `250 000,-`, `NOK 1 250 000`. Spaces (also the no-break spaces Intl writes) group thousands; when both `.` and
 * `,` occur the last one is the decimal mark; a lone separator followed by exactly three digits groups thousands
 * (how Norwegians write `1.250`), otherwise it is the decimal mark. Undefined for anything else, negative amounts
 * included.
 */
export function parseAmount(input: string): number | undefined {
  let text = input
    .trim()
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, '');
  text = text.replace(/^(kr\.?|nok|usd|eur|sek|dkk|\$|€)/, '').replace(/(kr\.?|nok|usd|eur|sek|dkk|\$|€)$/, '');
  text = text.replace(/,-$/, '').replace(/\.-$/, '');
  if (!/^\d[\d.,]*$/.test(text)) return undefined;
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let integer: string;
  let decimals = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const mark = Math.max(lastDot, lastComma);
    const group = mark === lastDot ? ',' : '.';
    const head = text.slice(0, mark);
    if (head.includes(text[mark] ?? '')) return undefined;
    integer = groupedDigits(head, group);
    decimals = text.slice(mark + 1);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = text.split(sep);
    const tail = parts[parts.length - 1] ?? '';
    if (parts.length > 2 || tail.length === 3) integer = groupedDigits(text, sep);
    else {
      integer = parts[0] ?? '';
      decimals = tail;
    }
  } else integer = text;
  if (integer === '' || !/^\d+$/.test(integer) || !/^\d{0,2}$/.test(decimals)) return undefined;
  const value = Number(`${integer}.${decimals || '0'}`);
  return Number.isFinite(value) && value <= 1e13 ? value : undefined;
}

/** `1.250.000` with `.` grouping → `1250000`; '' when the groups are not of three digits. */
function groupedDigits(text: string, group: string): string {
  const parts = text.split(group);
  if (parts.slice(1).some((part) => part.length !== 3)) return '';
  return parts.join('');
}

/** A percentage as typed (`40`, `40 %`, `12,5`): 0–100, else undefined. */
export function parsePct(input: string): number | undefined {
  const text = input.trim().replace(/\s*%$/, '').replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 0 && value <= 100 ? value : undefined;
}
