/**
 * Folding for search: two spellings a Norwegian user considers the same word fold to the same key.
 * æ/ae, ø/o/oe and å/a/aa are equal, as are case and accents (`Ålesund` = `Aalesund`, `Bjørn` = `Bjoern` = `Bjorn`).
 * Query and stored keys go through the same function, so the mapping only has to be consistent, not reversible.
 */
const letterMap: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', ß: 'ss', đ: 'd', ł: 'l', þ: 'th', œ: 'oe' };

export function foldText(input: string): string {
  const lower = input.toLowerCase().replace(/[æøåßđłþœ]/g, (ch) => letterMap[ch] ?? ch);
  return (
    lower
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      // Digraph spellings used where the keyboard lacks the letter.
      .replace(/aa/g, 'a')
      .replace(/oe/g, 'o')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  );
}

/** The words of a text after folding, without duplicates, in order of appearance. */
export function foldWords(input: string | undefined | null): string[] {
  if (!input) return [];
  const folded = foldText(input);
  return folded === '' ? [] : [...new Set(folded.split(' '))];
}

/** Escapes a folded word for use in an anchored regex (folded text holds only [a-z0-9 ], but be safe). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Company-form suffixes (AS, ASA, Ltd…): in nearly every company name, so they narrow no search. */
const STOP_WORDS = new Set([
  'as',
  'asa',
  'ans',
  'da',
  'sa',
  'ab',
  'oy',
  'aps',
  'ltd',
  'inc',
  'llc',
  'gmbh',
  'bv',
  'ag',
  'plc',
  'co',
]);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}
