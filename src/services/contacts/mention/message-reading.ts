import { foldText } from '../../search/fold';
import { isCommonWord } from '../../search/common-words';
import { normalizePhone } from '../../search/phone';

/**
 * How a message is read for the contacts it names: its words (folded, with where they stand and whether they were
 * written with a capital inside a sentence), the phrases those words make, and the No.s, e-mails and phone numbers in
 * it. Pure and bounded: whatever was pasted, only the first SCAN_CHARS characters are read and every list is capped,
 * so a 40,000-character message costs what a long one does.
 */

/** A long message names its contact early; Slack descriptions stop at 3,000 characters anyway. */
export const SCAN_CHARS = 4_000;
const MAX_WORDS = 600;
/** Distinct words looked up one by one (each costs a few index probes). */
export const MAX_LOOKUPS = 20;
const MAX_PHRASE_WORDS = 5;
const MAX_PHRASES = 300;
const MAX_PREFIXES = 40;
const MAX_KEYS = 20;
const MAX_EMAILS = 5;
const MIN_LOOKUP_LENGTH = 3;
const MAX_WORD_LENGTH = 40;

export interface MessageWord {
  word: string;
  /** Written with a capital where a sentence does not start, or in capitals ("ABB"): written as a name. */
  cased: boolean;
}

export interface MessageReading {
  /** Every word in order, common ones included: positions are indexes into this list. */
  words: MessageWord[];
  /** Distinct words worth looking up alone (not common, not numbers, ≥ 3 letters); written-as-names first. */
  lookups: string[];
  /** Folded runs of 2–5 words holding at least one uncommon word → where the first of them stands. */
  phrases: Map<string, number>;
  /** Runs of 2–3 words a name may start with ("nordlys maskin" → "Nordlys Maskin AS"). */
  prefixes: string[];
  /** Folded No.s (`ct000042`). */
  numbers: string[];
  /** Lower-cased e-mail addresses. */
  emails: string[];
  /** Digit strings of phone numbers (as search-keys.ts stores them). */
  phoneKeys: string[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>]+/gi;
/** 8–12 digits with single spaces, dots or dashes between, optionally after a country code: 912 34 567, +47 55 12 34 56. */
const PHONE = /(?<![\p{L}\p{N}+])(?:\+\d{1,3}[ .-]?)?\d(?:[ .-]?\d){7,11}(?![\p{L}\p{N}])/gu;
const CONTACT_NO = /(?<![\p{L}\p{N}])\p{L}{1,10}-?\d{3,12}(?![\p{L}\p{N}])/gu;
const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
/** What ends a sentence (or a list item): the next word's capital then says nothing. */
const SENTENCE_END = /[.!?:;\n•*>]|(?:^|\s)[-–—](?:\s|$)/;

/** Slack's markup read as text: links by their label, e-mail links by the address, mentions and :emoji: dropped. */
function plainSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
      if (/^mailto:/i.test(target)) return ` ${target.slice(7)} `;
      if (/^tel:/i.test(target)) return ` ${label ?? target.slice(4)} `;
      if (/^[@#!]/.test(target)) return ' | ';
      // A link labelled with its address ("nordlys.no") is an address, not words.
      return label && !/^(https?:\/\/|www\.)|^\S+\.\p{L}{2,}(\/\S*)?$/iu.test(label) ? ` ${label} ` : ' | ';
    })
    .replace(/:[a-z0-9_+'-]+:/gi, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Removes what `pattern` finds, handing each find to `take`; a bar keeps the words around it apart. */
function extract(text: string, pattern: RegExp, take: (found: string) => void): string {
  return text.replace(pattern, (found) => {
    take(found);
    return ' | ';
  });
}

function isCapitalized(token: string): boolean {
  const first = token[0] ?? '';
  return first !== first.toLowerCase();
}

function isAllCaps(token: string): boolean {
  return token.length >= 2 && token === token.toUpperCase() && token !== token.toLowerCase();
}

function readWords(text: string): MessageWord[] {
  const words: MessageWord[] = [];
  let end = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (words.length >= MAX_WORDS) break;
    const token = match[0];
    const start = match.index ?? 0;
    const startsSentence = end === 0 || SENTENCE_END.test(text.slice(end, start));
    end = start + token.length;
    const cased = isAllCaps(token) || (isCapitalized(token) && !startsSentence);
    for (const word of foldText(token).split(' ')) {
      if (word !== '' && word.length <= MAX_WORD_LENGTH) words.push({ word, cased });
    }
  }
  return words;
}

/** Words worth a lookup of their own: written as names first, then in order of appearance. */
function lookupWords(words: MessageWord[]): string[] {
  const worth = (entry: MessageWord) =>
    entry.word.length >= MIN_LOOKUP_LENGTH && !/\d/.test(entry.word) && !isCommonWord(entry.word);
  const ordered = [...words.filter((w) => w.cased && worth(w)), ...words.filter((w) => !w.cased && worth(w))];
  return [...new Set(ordered.map((entry) => entry.word))].slice(0, MAX_LOOKUPS);
}

function phrasesOf(words: MessageWord[]): { phrases: Map<string, number>; prefixes: string[] } {
  const phrases = new Map<string, number>();
  const cased: string[] = [];
  const plain: string[] = [];
  for (let start = 0; start < words.length && phrases.size < MAX_PHRASES; start += 1) {
    for (let length = 2; length <= MAX_PHRASE_WORDS && start + length <= words.length; length += 1) {
      const run = words.slice(start, start + length);
      if (run.every((entry) => isCommonWord(entry.word))) continue;
      const phrase = run.map((entry) => entry.word).join(' ');
      if (!phrases.has(phrase)) phrases.set(phrase, start);
      if (length <= 3) (words[start]?.cased ? cased : plain).push(phrase);
    }
  }
  return { phrases, prefixes: [...new Set([...cased, ...plain])].slice(0, MAX_PREFIXES) };
}

/** Reads a message (Slack markup and all) for what could name a contact. Never throws. */
export function readMessage(text: string | undefined): MessageReading {
  const numbers = new Set<string>();
  const emails = new Set<string>();
  const phoneKeys = new Set<string>();
  let rest = plainSlackText(typeof text === 'string' ? text.slice(0, SCAN_CHARS) : '');
  rest = extract(rest, EMAIL, (found) => emails.add(found.toLowerCase()));
  rest = extract(rest, URL, () => undefined);
  rest = extract(rest, PHONE, (found) => {
    for (const key of normalizePhone(found).digitKeys) if (key.length >= 8) phoneKeys.add(key);
  });
  rest = extract(rest, CONTACT_NO, (found) => numbers.add(foldText(found).replace(/ /g, '')));
  const words = readWords(rest);
  return {
    words,
    lookups: lookupWords(words),
    ...phrasesOf(words),
    numbers: [...numbers].slice(0, MAX_KEYS),
    emails: [...emails].slice(0, MAX_EMAILS),
    phoneKeys: [...phoneKeys].slice(0, MAX_KEYS),
  };
}
