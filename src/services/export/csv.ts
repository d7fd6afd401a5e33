import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';

/** One cell: text, a number (written as is), or nothing (an empty cell). */
export type CsvValue = string | number | undefined;

/**
 * Writes rows to a new file as CSV through csv-stringify's stream API, so only the rows in flight are in memory
 * (the stream's buffers, not the file): quoting of commas, quotes and line breaks, CRLF line ends (RFC 4180), the
 * byte-order mark Excel needs to read UTF-8 (æ, ø, å) instead of guessing a legacy code page, and
 * formula-injection protection — a text cell starting with = + - @ tab or CR (or their full-width forms) gets a
 * leading apostrophe, so a spreadsheet shows "=HYPERLINK(…)" as text instead of running it. Numbers are left
 * alone, so a negative number stays a number. Returns the bytes written.
 */
export async function writeCsvFile(
  file: string,
  rows: AsyncIterable<CsvValue[]> | Iterable<CsvValue[]>,
): Promise<number> {
  // 'wx': never overwrite; 0600: the file holds customer data.
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  await pipeline(
    Readable.from(rows),
    stringify({ bom: true, escape_formulas: true, record_delimiter: 'windows' }),
    out,
  );
  return out.bytesWritten;
}
