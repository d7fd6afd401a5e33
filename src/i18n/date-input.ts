/**
 * Dates as people type them: ISO `2026-12-04`, or day first as Norwegians (and most of Europe) write them —
 * `4.12.2026`, `04.12.26`, `4.12`, `4/12`, `4/12/2026`, `4-12-2026`. A two-digit year is 20xx; no year is
 * `currentYear`. Returns YYYY-MM-DD, or undefined when the text is not a real date (31.2, 2026-13-01).
 */
export function parseDateInput(input: string, currentYear: string): string | undefined {
  const text = input.trim().replace(/\.$/, '');
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dayFirst = /^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?$/.exec(text);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (dayFirst) {
    day = Number(dayFirst[1]);
    month = Number(dayFirst[2]);
    const y = dayFirst[3];
    year = y === undefined ? Number(currentYear) : y.length === 2 ? 2000 + Number(y) : Number(y);
  } else {
    return undefined;
  }
  if (!Number.isInteger(year) || year < 1900 || year > 2999) return undefined;
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return back.toISOString().slice(0, 10);
}
