export interface PersonNameParts {
  firstName?: string;
  middleName?: string;
  surname?: string;
}

/**
 * NAV's split of a person's name: the last word is the surname, the word before it the middle name when there
 * are three or more words, the rest the first name.
 */
export function splitPersonName(name: string): PersonNameParts {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return {};
  if (words.length === 1) return { firstName: words[0] };
  const surname = words[words.length - 1];
  if (words.length === 2) return { firstName: words[0], surname };
  return { firstName: words.slice(0, -2).join(' '), middleName: words[words.length - 2], surname };
}

/** Editing the parts rebuilds the name. */
export function joinPersonName(parts: PersonNameParts): string {
  return [parts.firstName, parts.middleName, parts.surname]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
}
