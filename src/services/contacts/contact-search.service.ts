import { ContactModel, type ContactDocument } from '../../models/contact.model';
import type { SearchFilters } from '../../schemas/search-query';
import { allowedEdits, deletionKeys, editDistance, FUZZY_MIN_LENGTH } from '../search/edit-distance';
import { escapeRegex, foldText, foldWords } from '../search/fold';
import { queryDigits } from '../search/phone';
import { toContact } from './contact-record';
import type { ContactSummary } from './contact.types';
import { summarize } from './duplicate.service';

/** How many candidates one search ranks; beyond it the user is asked to narrow the search. */
export const CANDIDATE_LIMIT = 300;
const FUZZY_LIMIT = 100;
const MAX_WORDS = 6;
const MAX_WORD_LENGTH = 40;

/** NAV's order: exact No. → exact name → name starts with → contains → similar spelling. */
export enum MatchTier {
  ExactNo = 0,
  ExactName = 1,
  StartsWith = 2,
  Contains = 3,
  Similar = 4,
}

export interface SearchRequest {
  workspaceId: string;
  text: string;
  filters: SearchFilters;
  /** With no text and no filters, the user's own contacts are listed. */
  userId: string;
}

export interface RankedContact extends ContactSummary {
  tier: MatchTier;
}

export interface SearchOutcome {
  /** Ranked, at most CANDIDATE_LIMIT (+ similar spellings). */
  contacts: RankedContact[];
  /** How many contacts matched in all (may exceed contacts.length). */
  total: number;
  /** The search listed the user's own contacts because it had no text and no filters. */
  ownContacts: boolean;
}

function filterConditions(workspaceId: string, filters: SearchFilters): Record<string, unknown> {
  return {
    workspaceId,
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.city ? { 'search.cityKey': foldText(filters.city) } : {}),
    ...(filters.owner ? { salespersonId: filters.owner } : {}),
    ...(filters.industry ? { 'search.codes': `industryGroups:${filters.industry}` } : {}),
  };
}

/** The words to match, most selective (longest) first; a phone-like query is one digit string. */
function queryWords(text: string): string[] {
  const digits = queryDigits(text);
  if (digits) return [digits];
  return foldWords(text)
    .map((word) => word.slice(0, MAX_WORD_LENGTH))
    .sort((a, b) => b.length - a.length)
    .slice(0, MAX_WORDS);
}

function textFilter(base: Record<string, unknown>, words: string[]): Record<string, unknown> {
  const [first, ...rest] = words.map((word) => new RegExp(`^${escapeRegex(word)}`));
  return { ...base, 'search.terms': first, ...(rest.length ? { $and: rest.map((regex) => ({ 'search.terms': regex })) } : {}) };
}

function tierOf(doc: ContactDocument, query: string): MatchTier {
  const compact = query.replace(/ /g, '');
  if (doc.search.noKey === compact) return MatchTier.ExactNo;
  const names = [doc.search.nameKey, doc.search.searchNameKey].filter((key): key is string => Boolean(key));
  if (names.includes(query)) return MatchTier.ExactName;
  if (names.some((name) => name.startsWith(query))) return MatchTier.StartsWith;
  return MatchTier.Contains;
}

function rank(entries: { doc: ContactDocument; tier: MatchTier }[]): RankedContact[] {
  return entries
    .sort((x, y) => x.tier - y.tier || x.doc.search.nameKey.localeCompare(y.doc.search.nameKey) || x.doc.no.localeCompare(y.doc.no))
    .map(({ doc, tier }) => ({ ...summarize(toContact(doc)), tier }));
}

/** Name words of a candidate that are within NAV's edit distance of `word`. */
function isSimilar(doc: ContactDocument, words: string[]): boolean {
  const nameWords = foldWords(`${doc.search.nameKey} ${doc.search.searchNameKey ?? ''}`);
  return words.every(
    (word) =>
      doc.search.terms.some((term) => term.startsWith(word)) ||
      nameWords.some((candidate) => editDistance(word, candidate, allowedEdits(word.length > candidate.length ? word : candidate)) <= allowedEdits(word.length > candidate.length ? word : candidate)),
  );
}

/**
 * Finds contacts in NAV's order. At most three database round trips: candidates, the total when there are more
 * candidates than are ranked, and similar spellings when few contacts matched. Every query is index-backed.
 */
export async function searchContacts(request: SearchRequest, options: { wanted?: number } = {}): Promise<SearchOutcome> {
  const wanted = options.wanted ?? 10;
  const base = filterConditions(request.workspaceId, request.filters);
  const words = queryWords(request.text);

  // Typed text with nothing searchable in it (punctuation, emoji) matches nothing; it is not "no text".
  if (words.length === 0 && request.text.trim() !== '') return { contacts: [], total: 0, ownContacts: false };
  if (words.length === 0) {
    const ownContacts = Object.keys(base).length === 1;
    const filter = ownContacts ? { ...base, salespersonId: request.userId } : base;
    const [docs, total] = await Promise.all([
      ContactModel.find(filter).sort({ 'search.nameKey': 1 }).limit(CANDIDATE_LIMIT).lean<ContactDocument[]>(),
      ContactModel.countDocuments(filter),
    ]);
    return { contacts: rank(docs.map((doc) => ({ doc, tier: MatchTier.Contains }))), total, ownContacts };
  }

  const query = foldText(request.text);
  const filter = textFilter(base, words);
  const docs = await ContactModel.find(filter).limit(CANDIDATE_LIMIT).lean<ContactDocument[]>();
  const ranked = rank(docs.map((doc) => ({ doc, tier: tierOf(doc, query) })));
  let total = docs.length < CANDIDATE_LIMIT ? docs.length : await ContactModel.countDocuments(filter);

  const fuzzyWord = words.find((word) => word.length >= FUZZY_MIN_LENGTH && !/^\d+$/.test(word));
  if (ranked.length >= wanted || !fuzzyWord) return { contacts: ranked, total, ownContacts: false };

  const seen = docs.map((doc) => doc._id);
  const similar = await ContactModel.find({ ...base, 'search.fuzzy': { $in: deletionKeys(fuzzyWord) }, _id: { $nin: seen } })
    .limit(FUZZY_LIMIT)
    .lean<ContactDocument[]>();
  const verified = similar.filter((doc) => isSimilar(doc, words));
  total += verified.length;
  return { contacts: [...ranked, ...rank(verified.map((doc) => ({ doc, tier: MatchTier.Similar })))], total, ownContacts: false };
}

/** Typeahead: the same search, best `limit` contacts (optionally companies only). One or two round trips. */
export async function suggestContacts(
  workspaceId: string,
  userId: string,
  text: string,
  options: { type?: 'company' | 'person'; limit?: number } = {},
): Promise<RankedContact[]> {
  const limit = options.limit ?? 20;
  const outcome = await searchContacts({ workspaceId, userId, text, filters: { type: options.type } }, { wanted: limit });
  return outcome.contacts.slice(0, limit);
}
