import type { Types } from 'mongoose';
import { allowedEdits, editDistance, FUZZY_MIN_LENGTH } from '../../search/edit-distance';
import { isCommonWord } from '../../search/common-words';
import { foldWords, isStopWord } from '../../search/fold';
import { normalizePhone } from '../../search/phone';
import { CARRIER_LIMIT, DISTINCT_MAX, type Branch } from './mention-query';
import type { MessageReading } from './message-reading';

/** A contact as the mention query returns it (see mention-query.ts FIELDS), tagged with the branch that found it. */
export interface FetchedContact {
  _id: Types.ObjectId;
  branch: number;
  no?: string;
  type?: 'company' | 'person';
  name?: string;
  name2?: string | null;
  companyId?: Types.ObjectId | null;
  companyName?: string | null;
  firstName?: string | null;
  surname?: string | null;
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
  privacyBlocked?: boolean | null;
  search?: { nameKey?: string; searchNameKey?: string | null; noKey?: string };
  /** The folded No.s of contacts merged into this one. */
  aliasNoKeys?: string[];
}

export interface MentionedContact {
  id: string;
  no: string;
  type: 'company' | 'person';
  name: string;
  companyId: string | null;
  companyName?: string;
}

/** The contact a text names (`picked`), or the two or three it may mean (`candidates`), or neither. */
export interface MentionResult {
  picked?: MentionedContact;
  candidates: MentionedContact[];
}

/** How a contact is named, strongest first. */
export enum Strength {
  /** Its No., phone number or e-mail address. */
  Key = 0,
  /** Its full name or search name (company-form suffix optional); a person's first name and surname. */
  FullName = 1,
  /** A distinctive word of a company's name; a person's full name with one word misspelt. */
  Word = 2,
  /** A similar spelling of a distinctive word of a company's name. */
  Similar = 3,
}

interface Finding {
  contact: FetchedContact;
  strength: Strength;
  /** Where in the text it is named (keys: -1), to order candidates as the text does. */
  at: number;
  /** A person reached by a lone surname: never stands for its company. */
  lone?: boolean;
}

/** Up to three contacts are offered; more than that and the text names too many to guess. */
export const MAX_CANDIDATES = 3;
const NONE: MentionResult = { candidates: [] };
/** Norwegian and English articles and determiners: the word after one is a noun, not a name written in lower case. */
const ARTICLES = new Set([
  'en',
  'ei',
  'et',
  'den',
  'det',
  'denne',
  'dette',
  'min',
  'mitt',
  'the',
  'a',
  'an',
  'this',
  'that',
  'our',
]);

const wordsOf = (key: string | null | undefined): string[] => (key ? key.split(' ').filter(Boolean) : []);

/** "nordlys maskin as" → "nordlys maskin": a company is named without its form. */
function withoutForm(words: string[]): string[] {
  let end = words.length;
  while (end > 1 && isStopWord(words[end - 1] as string)) end -= 1;
  return words.slice(0, end);
}

/** The contact's own name words: name, search name and Name 2 (not its company's, city's or e-mail's). */
function ownWords(contact: FetchedContact): Set<string> {
  return new Set([
    ...wordsOf(contact.search?.nameKey),
    ...wordsOf(contact.search?.searchNameKey),
    ...foldWords(contact.name2),
  ]);
}

function firstWords(contact: FetchedContact): Set<string> {
  return new Set(
    [wordsOf(contact.search?.nameKey)[0], wordsOf(contact.search?.searchNameKey)[0]].filter(
      (word): word is string => word !== undefined,
    ),
  );
}

function isKeyNamed(contact: FetchedContact, reading: MessageReading): boolean {
  if (contact.search?.noKey && reading.numbers.includes(contact.search.noKey)) return true;
  // The No. of a contact merged into this one names this one.
  if (contact.aliasNoKeys?.some((key) => reading.numbers.includes(key))) return true;
  if (contact.email && reading.emails.includes(contact.email.trim().toLowerCase())) return true;
  const phoneKeys = [...normalizePhone(contact.phone).digitKeys, ...normalizePhone(contact.mobile).digitKeys];
  return phoneKeys.some((key) => reading.phoneKeys.includes(key));
}

/** Where the text holds the contact's full name (2+ words; the company form optional), else undefined. */
function fullNameAt(contact: FetchedContact, reading: MessageReading): { at: number; length: number } | undefined {
  const names = [wordsOf(contact.search?.nameKey), wordsOf(contact.search?.searchNameKey)];
  if (contact.type === 'person') names.push([...foldWords(contact.firstName), ...foldWords(contact.surname)]);
  for (const words of names) {
    for (const variant of [words, withoutForm(words)]) {
      if (variant.length < 2) continue;
      const at = reading.phrases.get(variant.join(' '));
      if (at !== undefined) return { at, length: variant.length };
    }
  }
  return undefined;
}

const isSimilar = (typed: string, known: string): boolean => {
  const edits = allowedEdits(typed.length > known.length ? typed : known);
  return edits > 0 && editDistance(typed, known, edits) <= edits;
};

/** A person's first name and surname in a row with one of them misspelt ("Kari Nordman"). */
function misspeltFullNameAt(contact: FetchedContact, reading: MessageReading): number | undefined {
  const name = [...foldWords(contact.firstName), ...foldWords(contact.surname)];
  if (contact.type !== 'person' || name.length < 2) return undefined;
  for (let start = 0; start + name.length <= reading.words.length; start += 1) {
    let misspelt = 0;
    const fits = name.every((known, offset) => {
      const typed = reading.words[start + offset]?.word ?? '';
      if (typed === known) return true;
      misspelt += 1;
      return typed.length >= FUZZY_MIN_LENGTH && isSimilar(typed, known);
    });
    if (fits && misspelt === 1) return start;
  }
  return undefined;
}

/** What the branches say about each looked-up word: its exact carriers, whether it is a city, whether a cap was hit. */
class WordFacts {
  private readonly carriers = new Map<string, { count: number; capped: boolean }>();
  private readonly cities = new Set<string>();
  private readonly similar = new Map<string, { contacts: FetchedContact[]; capped: boolean }>();

  constructor(branches: Branch[], docs: FetchedContact[]) {
    const byBranch = new Map<number, FetchedContact[]>();
    for (const doc of docs) byBranch.set(doc.branch, [...(byBranch.get(doc.branch) ?? []), doc]);
    branches.forEach((branch, index) => {
      const found = byBranch.get(index) ?? [];
      if (branch.kind === 'city' && found.length > 0) this.cities.add(branch.word);
      if (branch.kind === 'carriers') {
        const count = found.filter((doc) => ownWords(doc).has(branch.word)).length;
        this.carriers.set(branch.word, { count, capped: found.length >= CARRIER_LIMIT });
      }
      if (branch.kind === 'similar')
        this.similar.set(branch.word, { contacts: found, capped: found.length >= CARRIER_LIMIT });
    });
  }

  isCity(word: string): boolean {
    return this.cities.has(word);
  }

  /** Few contacts of this workspace carry it in their own name, and it is no place. */
  isDistinctive(word: string): boolean {
    const carriers = this.carriers.get(word);
    return carriers !== undefined && !carriers.capped && carriers.count <= DISTINCT_MAX && !this.isCity(word);
  }

  /** Carried by no contact at all: a word that may be a misspelling of one that is. */
  isUnknown(word: string): boolean {
    const carriers = this.carriers.get(word);
    return carriers !== undefined && carriers.count === 0 && !carriers.capped && !this.isCity(word);
  }

  similarTo(word: string): FetchedContact[] {
    const found = this.similar.get(word);
    return found && !found.capped ? found.contacts : [];
  }
}

/** A fetched contact with its name words worked out once. */
interface Profile {
  contact: FetchedContact;
  own: Set<string>;
  firsts: Set<string>;
}

function profilesOf(docs: FetchedContact[]): Profile[] {
  const seen = new Set<string>();
  const profiles: Profile[] = [];
  for (const contact of docs) {
    const id = contact._id.toString();
    // City probes carry no fields; privacy-blocked contacts take no new visits.
    if (contact.name === undefined || contact.privacyBlocked || seen.has(id)) continue;
    seen.add(id);
    profiles.push({ contact, own: ownWords(contact), firsts: firstWords(contact) });
  }
  return profiles;
}

/** Every way the text names each contact, strongest kept. */
function findings(reading: MessageReading, branches: Branch[], docs: FetchedContact[]): Finding[] {
  const profiles = profilesOf(docs);
  const facts = new WordFacts(branches, docs);
  const best = new Map<string, Finding>();
  const note = (finding: Finding) => {
    const id = finding.contact._id.toString();
    const known = best.get(id);
    if (!known || finding.strength < known.strength || (finding.strength === known.strength && finding.at < known.at))
      best.set(id, finding);
  };

  // Keys and full names first: the words they use are spent, so "Erna Solberg" does not also name Solberg Transport.
  const spent = new Set<number>();
  for (const { contact } of profiles) {
    if (isKeyNamed(contact, reading)) note({ contact, strength: Strength.Key, at: -1 });
    const full = fullNameAt(contact, reading);
    if (full) {
      note({ contact, strength: Strength.FullName, at: full.at });
      for (let i = full.at; i < full.at + full.length; i += 1) spent.add(i);
    }
    const misspelt = misspeltFullNameAt(contact, reading);
    if (misspelt !== undefined) note({ contact, strength: Strength.Word, at: misspelt });
  }

  // A person is named by full name; a lone first name or surname is too often someone else's.
  const companies = profiles.filter((profile) => profile.contact.type === 'company');
  const persons = profiles.filter((profile) => profile.contact.type === 'person');
  const lookups = new Set(reading.lookups);
  const similarDone = new Set<string>();
  reading.words.forEach(({ word, cased }, at) => {
    if (spent.has(at) || !lookups.has(word)) return;
    if (facts.isDistinctive(word)) {
      // Written as a name, or the word the company's name starts with ("var innom nordlys") unless an article
      // makes it a noun ("the hall" is no company Hall Rør AS).
      const noArticle = !ARTICLES.has(reading.words[at - 1]?.word ?? '');
      const named = companies.filter(({ own, firsts }) => own.has(word) && (cased || (noArticle && firsts.has(word))));
      for (const { contact } of named) note({ contact, strength: Strength.Word, at });
      // "Hos Solberg" may mean Solberg Transport or Erna Solberg: both are offered. A company's own people are not
      // in the way ("hos Fjellheim" is Fjellheim Bygg, where Per Fjellheim works).
      const ids = new Set(named.map(({ contact }) => contact._id.toString()));
      for (const { contact } of named.length > 0 ? persons : []) {
        const surname = foldWords(contact.surname);
        if (surname.includes(word) && !ids.has(contact.companyId?.toString() ?? ''))
          note({ contact, strength: Strength.Word, at, lone: true });
      }
    }
    if (similarDone.has(word) || !facts.isUnknown(word)) return;
    similarDone.add(word);
    const similarIds = new Set(facts.similarTo(word).map((doc) => doc._id.toString()));
    for (const { contact, own, firsts } of companies) {
      if (!similarIds.has(contact._id.toString())) continue;
      const like = [...own].filter((known) => !isCommonWord(known) && isSimilar(word, known));
      if (like.some((known) => cased || firsts.has(known))) note({ contact, strength: Strength.Similar, at });
    }
  });
  return [...best.values()];
}

/**
 * A person and the company they work for, both named: the person when named in full (the company's history shows
 * the person's visits too), the company when the person is only reached through what it shares with the company
 * (an inherited phone or e-mail) or named less strongly.
 */
function withoutCompanyDoubles(found: Finding[]): Finding[] {
  const byId = new Map(found.map((finding) => [finding.contact._id.toString(), finding] as const));
  const dropped = new Set<string>();
  for (const person of found) {
    const companyId = person.contact.companyId?.toString();
    const company = companyId ? byId.get(companyId) : undefined;
    if (person.contact.type !== 'person' || !company) continue;
    const companyWins =
      person.lone === true ||
      company.strength < person.strength ||
      (company.strength === person.strength && person.strength === Strength.Key);
    dropped.add(companyWins ? person.contact._id.toString() : (companyId as string));
  }
  return found.filter((finding) => !dropped.has(finding.contact._id.toString()));
}

function mentioned(contact: FetchedContact): MentionedContact {
  return {
    id: contact._id.toString(),
    no: contact.no ?? '',
    type: contact.type ?? 'company',
    name: contact.name ?? '',
    companyId: contact.companyId ? contact.companyId.toString() : null,
    ...(contact.companyName ? { companyName: contact.companyName } : {}),
  };
}

function outcome(found: Finding[]): MentionResult {
  if (found.length === 1) return { picked: mentioned((found[0] as Finding).contact), candidates: [] };
  if (found.length >= 2 && found.length <= MAX_CANDIDATES)
    return { candidates: found.map((finding) => mentioned(finding.contact)) };
  return NONE;
}

/**
 * Decides from the fetched contacts what the text names: one contact named clearly is picked; two or three are
 * offered; a No., phone or e-mail wins over names; a similar spelling counts only when nothing is named exactly.
 */
export function rankMentions(reading: MessageReading, branches: Branch[], docs: FetchedContact[]): MentionResult {
  const found = withoutCompanyDoubles(findings(reading, branches, docs)).sort(
    (a, b) => a.strength - b.strength || a.at - b.at,
  );
  const named = found.filter((finding) => finding.strength <= Strength.Word);
  const byKey = named.filter((finding) => finding.strength === Strength.Key);
  if (byKey.length === 1) return outcome(byKey);
  if (named.length > 0) return outcome(named);
  return outcome(found);
}
