import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { detectDelimiter, sniffFile, SNIFF_BYTES, type FileKind } from './file-sniff';

/** One row of the file as text cells; `rowNo` is the row number a spreadsheet shows (the first row is 1). */
export interface FileRow {
  rowNo: number;
  cells: string[];
}

/**
 * Cells are cut to this many characters as they are read: no field takes more than 200, so a longer value is
 * still reported as too long, while a 100,000-character cell never travels further than the reader.
 */
export const MAX_CELL_CHARS = 1_000;
/** Columns beyond this are left out (a contact has about thirty fields). */
export const MAX_COLUMNS = 60;

export class UnreadableFileError extends Error {
  constructor(
    readonly reason: 'empty' | 'binary' | 'xlsx',
    message: string,
  ) {
    super(message);
  }
}

/** A cell as text: trimmed, cut, and a leading apostrophe that protected a formula in an export taken off. */
export function cleanCell(value: string): string {
  let text = value.length > MAX_CELL_CHARS ? value.slice(0, MAX_CELL_CHARS + 1) : value;
  text = text.trim();
  // Kontakt's export (and careful spreadsheets) write "'=…" so the formula is shown, not run: it is text either way.
  if (/^'[=+\-@\t\r]/.test(text)) text = text.slice(1);
  return text;
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** What the file is (see file-sniff.ts). */
export async function kindOfFile(path: string): Promise<FileKind> {
  return sniffFile(await readHead(path));
}

/**
 * The rows of a CSV or text file, or of the first sheet of an .xlsx, streamed: the file is read in chunks and
 * only the current row is in memory. Throws UnreadableFileError for empty and binary files.
 */
export async function* readFileRows(path: string): AsyncGenerator<FileRow> {
  const head = await readHead(path);
  const kind = sniffFile(head);
  if (kind.kind === 'empty') throw new UnreadableFileError('empty', 'The file is empty');
  if (kind.kind === 'binary') throw new UnreadableFileError('binary', 'The file is not text');
  if (kind.kind === 'xlsx') {
    yield* readXlsxRows(path);
    return;
  }
  const encoding = { utf8: 'utf8', utf16le: 'utf16le', utf16be: 'utf16be', win1252: 'win1252' }[kind.encoding];
  const delimiter = detectDelimiter(iconv.decode(head, encoding));
  const parser = createReadStream(path)
    .pipe(iconv.decodeStream(encoding, { stripBOM: true }))
    .pipe(
      parse({
        delimiter,
        bom: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
      }),
    );
  let rowNo = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNo += 1;
    yield { rowNo, cells: record.slice(0, MAX_COLUMNS).map(cleanCell) };
  }
}

/** A cell of exceljs as text. A formula is kept as its text (`=HYPERLINK(…)`), never its computed result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('formula' in value && typeof value.formula === 'string') return `=${value.formula}`;
    if ('sharedFormula' in value && typeof value.sharedFormula === 'string') return `=${value.sharedFormula}`;
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return '';
  }
  return '';
}

async function* readXlsxRows(path: string): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      // The first sheet only.
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let column = 1; column < Math.min(values.length, MAX_COLUMNS + 1); column++)
          cells.push(cleanCell(cellText(values[column])));
        yield { rowNo: row.number, cells };
      }
      return;
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError('xlsx', `The workbook could not be read: ${(error as Error).message}`);
  }
}
