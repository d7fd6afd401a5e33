import { stringify } from 'csv-stringify/sync';

/** One cell: text, a number (written as is), or nothing (an empty cell). */
export type CsvValue = string | number | undefined;

/**
 * CSV text for rows, through csv-stringify: quoting of commas, quotes and line breaks, CRLF line ends (RFC 4180),
 * and formula-injection protection — a text cell starting with = + - @ tab or CR (or their full-width forms) gets
 * a leading apostrophe, so a spreadsheet shows "=HYPERLINK(…)" as text instead of running it. Numbers are left
 * alone, so a negative number stays a number.
 */
export function csvLines(rows: CsvValue[][]): string {
  return stringify(rows, { escape_formulas: true, record_delimiter: 'windows' });
}

/** The byte-order mark Excel needs to read UTF-8 (æ, ø, å) instead of guessing a legacy code page. */
export const UTF8_BOM = '\uFEFF';
