/**
 * English words that must not appear in Kontakt's Norwegian UI (issue 14). Capitalised words are matched as
 * written (a label or button: "Name", "Save"); lower-case ones also when capitalised at the start of a sentence
 * ("Contacts", "This week"). Whole words only, so "Visitor" or "Searching" would not match "Visit" / "Search"
 * — and neither do Norwegian words that merely start the same.
 */
export const ENGLISH_WORDS = [
  'Name',
  'City',
  'Post Code',
  'Salesperson',
  'Visit',
  'Visits',
  'Save',
  'Cancel',
  'Search',
  'contacts',
  'visits',
  'this week',
  'last week',
] as const;

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A lower-case word also matches with its first letter capitalised; a capitalised one only as written. */
const patterns = ENGLISH_WORDS.map((word) => {
  const first = word[0] as string;
  const head = first === first.toLowerCase() ? `[${first}${first.toUpperCase()}]` : escape(first);
  return { word, pattern: new RegExp(`(?<![\\p{L}\\p{N}_])${head}${escape(word.slice(1))}(?![\\p{L}\\p{N}_])`, 'u') };
});

/** The English words of the list that `text` contains (as whole words); [] when it reads as Norwegian. */
export function englishWordsIn(text: string): string[] {
  return patterns.filter(({ pattern }) => pattern.test(text)).map(({ word }) => word);
}

/**
 * The text a person sees in blocks, a view or a message: every plain_text and mrkdwn text, including buttons,
 * options, placeholders, titles and the confirmation dialogs (ids and values are not read).
 */
export function shownText(surface: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const object = node as Record<string, unknown>;
      if ((object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string')
        texts.push(object.text);
      Object.values(object).forEach(walk);
    }
  };
  walk(surface);
  // A message's own `text` (the notification) is seen too.
  const own = (surface as { text?: unknown } | undefined)?.text;
  if (typeof own === 'string') texts.push(own);
  return texts.join('\n');
}
