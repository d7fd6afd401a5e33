import { deletionKeys, FUZZY_MIN_LENGTH } from './edit-distance';
import { foldText, foldWords, isStopWord } from './fold';

export interface SearchableContact {
  no: string;
  name: string;
  name2?: string;
  searchName?: string;
  companyName?: string;
  city?: string;
  postCode?: string;
  email?: string;
  /** Digit strings of phone and mobile (see phone.ts). */
  phoneDigitKeys: string[];
}

export interface SearchKeys {
  nameKey: string;
  searchNameKey?: string;
  noKey: string;
  terms: string[];
  fuzzy: string[];
  cityKey?: string;
}

/** Caps keep one contact's index entries bounded whatever was pasted into its fields. */
const MAX_TERMS = 60;
const MAX_FUZZY_WORDS = 6;

/** Everything a contact is found by, precomputed so every search is an index lookup. */
export function buildSearchKeys(contact: SearchableContact): SearchKeys {
  const nameKey = foldText(contact.name);
  const searchNameKey = contact.searchName ? foldText(contact.searchName) : undefined;
  const noKey = foldText(contact.no).replace(/ /g, '');
  const nameWords = [
    ...new Set([...foldWords(contact.name), ...foldWords(contact.name2), ...foldWords(contact.searchName)]),
  ];
  const terms = new Set<string>([
    noKey,
    ...nameWords,
    ...foldWords(contact.companyName),
    ...foldWords(contact.city),
    ...foldWords(contact.postCode),
    ...foldWords(contact.email),
    ...contact.phoneDigitKeys,
  ]);
  const fuzzy = nameWords
    .filter((word) => word.length >= FUZZY_MIN_LENGTH && !/^\d+$/.test(word))
    .slice(0, MAX_FUZZY_WORDS)
    .flatMap(deletionKeys);
  return {
    nameKey,
    searchNameKey: searchNameKey && searchNameKey !== nameKey ? searchNameKey : undefined,
    noKey,
    // Company-form suffixes stay out of the index: a term most contacts share makes a prefix search scan them all.
    terms: [...terms].filter((term) => term && !isStopWord(term)).slice(0, MAX_TERMS),
    fuzzy: [...new Set(fuzzy)],
    cityKey: contact.city ? foldText(contact.city) : undefined,
  };
}
