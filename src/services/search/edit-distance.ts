/**
 * Levenshtein distance with an early exit: returns max + 1 as soon as the distance must exceed `max`,
 * so ranking many candidates stays cheap.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/** NAV's "similar spelling": at most one edit per five characters of the longer word. */
export function allowedEdits(word: string): number {
  return Math.floor(word.length / 5);
}

/** Minimum word length for which a misspelling is looked for at all. */
export const FUZZY_MIN_LENGTH = 5;

/**
 * Keys for finding similar spellings through an index (the "symmetric delete" method): a word and every
 * variant with one character removed. Two words within one edit share at least one key; the candidates
 * are then checked with editDistance.
 */
export function deletionKeys(word: string): string[] {
  if (word.length < FUZZY_MIN_LENGTH) return [];
  const keys = new Set<string>([word]);
  for (let i = 0; i < word.length; i += 1) keys.add(word.slice(0, i) + word.slice(i + 1));
  return [...keys];
}
