/**
 * What kind of file the first bytes say it is, whatever its name says: an .xlsx (a ZIP), text in one of the
 * encodings people's spreadsheets write (UTF-8 with or without BOM, UTF-16 from Excel's "Unicode text",
 * Windows-1252 from Norwegian Excel's "CSV"), or something that is not text at all (a binary renamed .csv).
 */
export type FileKind =
  | { kind: 'xlsx' }
  | { kind: 'text'; encoding: 'utf8' | 'utf16le' | 'utf16be' | 'win1252'; bomBytes: number }
  | { kind: 'binary' }
  | { kind: 'empty' };

/** How much of the file the sniff reads. */
export const SNIFF_BYTES = 64 * 1024;

export function sniffFile(head: Buffer): FileKind {
  if (head.length === 0) return { kind: 'empty' };
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    return { kind: 'xlsx' };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { kind: 'text', encoding: 'utf8', bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'text', encoding: 'utf16le', bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'text', encoding: 'utf16be', bomBytes: 2 };
  // UTF-16 without a byte-order mark: every other byte of Latin text is 0.
  const pairs = Math.floor(Math.min(head.length, 4096) / 2);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenZeros++;
    if (head[2 * i + 1] === 0) oddZeros++;
  }
  if (pairs > 4 && oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05)
    return { kind: 'text', encoding: 'utf16le', bomBytes: 0 };
  if (pairs > 4 && evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05)
    return { kind: 'text', encoding: 'utf16be', bomBytes: 0 };
  if (looksBinary(head)) return { kind: 'binary' };
  return { kind: 'text', encoding: isUtf8(head) ? 'utf8' : 'win1252', bomBytes: 0 };
}

/** NUL bytes or many control characters: not a text file (tab, CR, LF and form feed are text). */
function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  return control > head.length * 0.01;
}

/** Whether the bytes are valid UTF-8 (a sequence cut off at the end of the sniffed part still counts). */
function isUtf8(bytes: Buffer): boolean {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    if (byte < 0x80) {
      i++;
      continue;
    }
    const extra = byte >= 0xf0 && byte < 0xf8 ? 3 : byte >= 0xe0 ? 2 : byte >= 0xc2 && byte < 0xe0 ? 1 : -1;
    if (extra < 0 || byte >= 0xf8) return false;
    for (let k = 1; k <= extra; k++) {
      if (i + k >= bytes.length) return true;
      if (((bytes[i + k] as number) & 0xc0) !== 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

/** `;`, `,` or tab: whichever the first lines (outside quotes) have most of; `,` when they have none. */
export function detectDelimiter(firstText: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (const ch of firstText) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n' && ++lines >= 20) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  const best = (Object.entries(counts) as [',' | ';' | '\t', number][]).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : ',';
}
