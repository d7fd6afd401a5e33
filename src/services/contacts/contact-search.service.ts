import { ContactModel, type ContactDocument } from '../../models/contact.model';
import type { SearchFilters } from '../../schemas/search-query';
import { allowedEdits, deletionKeys, editDistance, FUZZY_MIN_LENGTH } from '../search/edit-distance';
import { escapeRegex, foldText, foldWords, isStopWord } from '../search/fold';
import { queryDigits } from '../search/phone';
import type { ContactSummary } from './contact.types';
import { live } from './live';

/** How many candidates one search ranks; beyond it the user is asked to narrow the search. */
export const CANDIDATE_LIMIT = 300;
/** Counting stops here: "1000+ contacts match" says enough, and counting 70,000 index entries does not pay. */
export const COUNT_CAP = 1_000;
/**
 * What ranking and the result lines need (summaryOf, tierOf), nothing more: the key arrays (terms, fuzzy…) were
 * most of each candidate's bytes, and a search reads up to 300.
 */
const CANDIDATE_PROJECTION = {
  no: 1,
  type: 1,
  name: 1,
  companyName: 1,
  address: 1,
  postCode: 1,
  city: 1,
  phone: 1,
  vatRegNo: 1,
  email: 1,
  'search.nameKey': 1,
  'search.searchNameKey': 1,
  'search.noKey': 1,
};
/** Similar spellings are checked against the contact's words too (isSimilar). */
const SIMILAR_PROJECTION = { ...CANDIDATE_PROJECTION, 'search.terms': 1 };
/**
 * The indexes a text search is read through, named: with a filter (`type:company`, the company picker) the
 * emulator's planner chose the workspace-and-type index instead and read every company to test its words — the
 * company typeahead took 145 ms at 100,000 contacts, 20 ms through the words' own index.
 */
const TERMS_INDEX = { workspaceId: 1, 'search.terms': 1 } as const;
const FUZZY_INDEX = { workspaceId: 1, 'search.fuzzy': 1 } as const;
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
  /** How many contacts matched in all (may exceed contacts.length); at most COUNT_CAP. */
  total: number;
  /** The count stopped at COUNT_CAP: at least that many matched. */
  totalCapped?: boolean;
  /** The search listed the user's own contacts because it had no text and no filters. */
  ownContacts: boolean;
}

function filterConditions(workspaceId: string, filters: SearchFilters): Record<string, unknown> {
  return {
    workspaceId,
    ...live,
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
  const words = foldWords(text).map((word) => word.slice(0, MAX_WORD_LENGTH));
  // "AS" in "Nordlys AS" narrows nothing (most companies have it); it counts only when it is all there is.
  const meaningful = words.filter((word) => !isStopWord(word));
  return (meaningful.length > 0 ? meaningful : words).sort((a, b) => b.length - a.length).slice(0, MAX_WORDS);
}

function textFilter(base: Record<string, unknown>, words: string[]): Record<string, unknown> {
  const [first, ...rest] = words.map((word) => new RegExp(`^${escapeRegex(word)}`));
  return {
    ...base,
    'search.terms': first,
    ...(rest.length ? { $and: rest.map((regex) => ({ 'search.terms': regex })) } : {}),
  };
}

/** `query` is the whole folded text; `prefix` the same without company-form suffixes ("nordlys as" → "nordlys"). */
function tierOf(doc: ContactDocument, query: string, prefix: string): MatchTier {
  const compact = query.replace(/ /g, '');
  if (doc.search.noKey === compact) return MatchTier.ExactNo;
  const names = [doc.search.nameKey, doc.search.searchNameKey].filter((key): key is string => Boolean(key));
  if (names.includes(query)) return MatchTier.ExactName;
  if (names.some((name) => name.startsWith(query) || (prefix !== '' && name.startsWith(prefix))))
    return MatchTier.StartsWith;
  return MatchTier.Contains;
}

function rank(entries: { doc: ContactDocument; tier: MatchTier }[]): RankedContact[] {
  return entries
    .sort(
      (x, y) =>
        x.tier - y.tier || compareKeys(x.doc.search.nameKey, y.doc.search.nameKey) || compareKeys(x.doc.no, y.doc.no),
    )
    .map(({ doc, tier }) => ({ ...summaryOf(doc), tier }));
}

// Folded keys hold only [a-z0-9 ]: a plain comparison orders them, without locale rules' cost.
const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The short form straight from the stored document (ranking converts up to 300 per search). */
function summaryOf(doc: ContactDocument): ContactSummary {
  const text = (value: string | null | undefined) => value ?? undefined;
  return {
    id: doc._id.toString(),
    no: doc.no,
    type: doc.type,
    name: doc.name,
    companyName: text(doc.companyName),
    address: text(doc.address),
    postCode: text(doc.postCode),
    city: text(doc.city),
    phone: text(doc.phone),
    vatRegNo: text(doc.vatRegNo),
    email: text(doc.email),
  };
}

/** Name words of a candidate that are within NAV's edit distance of `word`. */
function isSimilar(doc: ContactDocument, words: string[]): boolean {
  const nameWords = foldWords(`${doc.search.nameKey} ${doc.search.searchNameKey ?? ''}`);
  return words.every(
    (word) =>
      doc.search.terms.some((term) => term.startsWith(word)) ||
      nameWords.some(
        (candidate) =>
          editDistance(word, candidate, allowedEdits(word.length > candidate.length ? word : candidate)) <=
          allowedEdits(word.length > candidate.length ? word : candidate),
      ),
  );
}

/**
 * Finds contacts in NAV's order. At most three database round trips: candidates, the total when there are more
 * candidates than are ranked, and similar spellings when few contacts matched. Every query is index-backed.
 */
export async function searchContacts(
  request: SearchRequest,
  options: { wanted?: number; countTotal?: boolean } = {},
): Promise<SearchOutcome> {
  const wanted = options.wanted ?? 10;
  const countTotal = options.countTotal ?? true;
  const base = filterConditions(request.workspaceId, request.filters);
  const words = queryWords(request.text);

  // Typed text with nothing searchable in it (punctuation, emoji) matches nothing; it is not "no text".
  if (words.length === 0 && request.text.trim() !== '') return { contacts: [], total: 0, ownContacts: false };
  if (words.length === 0) {
    const ownContacts = !Object.values(request.filters).some(Boolean);
    const filter = ownContacts ? { ...base, salespersonId: request.userId } : base;
    const docs = await candidates(filter).sort({ 'search.nameKey': 1 });
    const { total, totalCapped } = await countOf(filter, docs.length, countTotal);
    return { contacts: rank(docs.map((doc) => ({ doc, tier: MatchTier.Contains }))), total, totalCapped, ownContacts };
  }

  const query = foldText(request.text);
  const prefix = query
    .split(' ')
    .filter((word) => !isStopWord(word))
    .join(' ');
  const filter = textFilter(base, words);
  const docs = await candidates(filter).hint(TERMS_INDEX);
  let aliasCount = 0;
  let ranked = rank(docs.map((doc) => ({ doc, tier: tierOf(doc, query, prefix) })));
  // The No. of a contact merged into another finds the one it was merged into, as if it were its own No.
  if (ranked[0]?.tier !== MatchTier.ExactNo && words.length === 1 && /\d/.test(words[0]!)) {
    const aliased = await ContactModel.find({ ...base, aliasNoKeys: query.replace(/ /g, '') }, CANDIDATE_PROJECTION)
      .limit(5)
      .lean<ContactDocument[]>();
    if (aliased.length > 0) {
      const seen = new Set(aliased.map((doc) => doc._id.toString()));
      aliasCount = aliased.filter((doc) => !docs.some((other) => other._id.equals(doc._id))).length;
      ranked = [
        ...rank(aliased.map((doc) => ({ doc, tier: MatchTier.ExactNo }))),
        ...ranked.filter((contact) => !seen.has(contact.id)),
      ];
    }
  }
  const counted = await countOf(filter, docs.length, countTotal, TERMS_INDEX);
  let total = counted.total + aliasCount;

  const fuzzyWord = words.find((word) => word.length >= FUZZY_MIN_LENGTH && !/^\d+$/.test(word));
  // An exact No. is what was meant: no similar spellings of "ct000042" are worth a query.
  const exactNo = ranked[0]?.tier === MatchTier.ExactNo;
  if (ranked.length >= wanted || !fuzzyWord || exactNo)
    return { contacts: ranked, total, totalCapped: counted.totalCapped, ownContacts: false };

  const seen = docs.map((doc) => doc._id);
  const similar = await ContactModel.find(
    { ...base, 'search.fuzzy': { $in: deletionKeys(fuzzyWord) }, _id: { $nin: seen } },
    SIMILAR_PROJECTION,
  )
    .hint(FUZZY_INDEX)
    .limit(FUZZY_LIMIT)
    .lean<ContactDocument[]>();
  const verified = similar.filter((doc) => isSimilar(doc, words));
  total += verified.length;
  return {
    contacts: [...ranked, ...rank(verified.map((doc) => ({ doc, tier: MatchTier.Similar })))],
    total,
    ownContacts: false,
  };
}

/** Up to CANDIDATE_LIMIT matches in one round trip (the driver's first batch would otherwise stop at 101). */
function candidates(filter: Record<string, unknown>) {
  return ContactModel.find(filter, CANDIDATE_PROJECTION)
    .limit(CANDIDATE_LIMIT)
    .batchSize(CANDIDATE_LIMIT)
    .lean<ContactDocument[]>();
}

/** The total: the candidates themselves when they are all there is, else a count that stops at COUNT_CAP. */
async function countOf(
  filter: Record<string, unknown>,
  found: number,
  countTotal: boolean,
  hint?: Readonly<Record<string, 1>>,
): Promise<{ total: number; totalCapped: boolean }> {
  if (found < CANDIDATE_LIMIT || !countTotal) return { total: found, totalCapped: false };
  const total = await ContactModel.countDocuments(filter, { limit: COUNT_CAP, ...(hint ? { hint } : {}) });
  return { total, totalCapped: total >= COUNT_CAP };
}

/** Typeahead: the same search, best `limit` contacts (optionally companies only). One or two round trips. */
export async function suggestContacts(
  workspaceId: string,
  userId: string,
  text: string,
  options: { type?: 'company' | 'person'; limit?: number } = {},
): Promise<RankedContact[]> {
  const limit = options.limit ?? 20;
  // A typeahead shows no total, so it never counts.
  const outcome = await searchContacts(
    { workspaceId, userId, text, filters: { type: options.type } },
    { wanted: limit, countTotal: false },
  );
  return outcome.contacts.slice(0, limit);
}
