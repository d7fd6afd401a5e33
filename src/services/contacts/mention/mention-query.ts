import { deletionKeys, FUZZY_MIN_LENGTH } from '../../search/edit-distance';
import { escapeRegex, foldWords, isStopWord } from '../../search/fold';
import type { MessageReading } from './message-reading';
import { live } from '../live';

/**
 * The one aggregate that fetches every contact a message could name. Each question is its own index-backed branch
 * ($unionWith), capped on its own so that a word thousands of contacts carry costs a handful of index keys and
 * cannot crowd out a rare one:
 *
 * - carriers of a word: contacts whose own name, Name 2 or search name holds it (`search.fuzzy` holds every such word
 *   of five letters or more; a shorter word is looked up as the start of a name through `search.nameKey`);
 * - similar spellings of a word (`search.fuzzy`, symmetric-delete keys);
 * - whether a word is a city of the workspace (`search.cityKey`): "Var i Bergen" names a place, not Bergen Rør AS;
 * - full names and names that start with a phrase (`search.nameKey`);
 * - No.s and phone numbers, and e-mail addresses (`search.terms`);
 * - the No.s of contacts merged into another (`aliasNoKeys`): "CT000456", merged into CT000123, names CT000123.
 *
 * "Distinctive" is decided from these capped counts: a word more than DISTINCT_MAX contacts carry is common in this
 * workspace. A per-workspace word-frequency collection would give the same answer, but it would have to be kept in
 * step on every write path (create, edit, company renames flowing to persons, deletes, erasure, bulk seeding), and a
 * count that drifted would pick the wrong contact silently; a capped probe of the search keys is exact by construction.
 */

/** More carriers than this and a word is common here: it names no contact on its own. */
export const DISTINCT_MAX = 3;
/** One more than is needed to tell "at most DISTINCT_MAX" from "more" (a branch may hold near-misses, checked later). */
export const CARRIER_LIMIT = DISTINCT_MAX + 3;
const PHRASE_LIMIT = 20;
const KEY_LIMIT = 20;

export type Branch =
  | { kind: 'carriers'; word: string }
  | { kind: 'similar'; word: string }
  | { kind: 'city'; word: string }
  | { kind: 'names' }
  | { kind: 'prefixes' }
  | { kind: 'keys' }
  | { kind: 'aliases' }
  | { kind: 'email'; email: string };

/** What ranking needs of a contact; the big key arrays stay in the database. */
const FIELDS = [
  'no',
  'type',
  'name',
  'name2',
  'companyId',
  'companyName',
  'firstName',
  'middleName',
  'surname',
  'email',
  'phone',
  'mobile',
  'privacyBlocked',
  'search.nameKey',
  'search.searchNameKey',
  'search.noKey',
  'aliasNoKeys',
] as const;

type Stage = Record<string, unknown>;

/** Folded keys hold only [a-z0-9 ]: names equal to `word` or starting with `word + ' '` lie in [word, word + '!'). */
const nameStartingWith = (word: string) => ({ $gte: word, $lt: `${word}!` });

function matchOf(workspaceId: string, branch: Branch, reading: MessageReading): Stage {
  switch (branch.kind) {
    case 'carriers':
      return branch.word.length >= FUZZY_MIN_LENGTH
        ? { workspaceId, 'search.fuzzy': branch.word }
        : { workspaceId, 'search.nameKey': nameStartingWith(branch.word) };
    case 'similar':
      return { workspaceId, 'search.fuzzy': { $in: deletionKeys(branch.word) } };
    case 'city':
      return { workspaceId, 'search.cityKey': branch.word };
    case 'names':
      return { workspaceId, 'search.nameKey': { $in: [...reading.phrases.keys()] } };
    case 'prefixes':
      // Anchored prefixes inside one $in: the index bounds are the union of their ranges (no $or to plan).
      return {
        workspaceId,
        'search.nameKey': { $in: reading.prefixes.map((prefix) => new RegExp(`^${escapeRegex(prefix)} `)) },
      };
    case 'keys':
      return { workspaceId, 'search.terms': { $in: [...reading.numbers, ...reading.phoneKeys] } };
    case 'aliases':
      // `$exists` spells out what the partial index (alias_nos) holds, so the planner may use it.
      return { workspaceId, aliasNoKeys: { $exists: true, $in: reading.numbers } };
    case 'email':
      return { workspaceId, 'search.terms': { $all: emailTerms(branch.email) } };
  }
}

/** The e-mail's words as search-keys.ts stores them (company forms such as "co" are left out there). */
const emailTerms = (email: string): string[] => foldWords(email).filter((word) => !isStopWord(word));

function limitOf(branch: Branch): number {
  if (branch.kind === 'city') return 1;
  if (branch.kind === 'carriers' || branch.kind === 'similar') return CARRIER_LIMIT;
  return branch.kind === 'names' || branch.kind === 'prefixes' ? PHRASE_LIMIT : KEY_LIMIT;
}

function stagesOf(workspaceId: string, branch: Branch, index: number, reading: MessageReading): Stage[] {
  const fields = branch.kind === 'city' ? {} : Object.fromEntries(FIELDS.map((field) => [field, 1] as const));
  return [
    // Deleted contacts are never meant (see ../live.ts).
    { $match: { ...matchOf(workspaceId, branch, reading), ...live } },
    { $limit: limitOf(branch) },
    { $project: { ...fields, branch: { $literal: index } } },
  ];
}

/** The questions worth asking for this message, in a fixed order (the answer refers to them by index). */
export function branchesFor(reading: MessageReading): Branch[] {
  const branches: Branch[] = [];
  if (reading.numbers.length + reading.phoneKeys.length > 0) branches.push({ kind: 'keys' });
  if (reading.numbers.length > 0) branches.push({ kind: 'aliases' });
  for (const email of reading.emails) if (emailTerms(email).length > 0) branches.push({ kind: 'email', email });
  if (reading.phrases.size > 0) branches.push({ kind: 'names' });
  if (reading.prefixes.length > 0) branches.push({ kind: 'prefixes' });
  for (const word of reading.lookups) {
    branches.push({ kind: 'carriers', word }, { kind: 'city', word });
    if (word.length >= FUZZY_MIN_LENGTH) branches.push({ kind: 'similar', word });
  }
  return branches;
}

/** One pipeline: the first branch runs on `collection`, every other joins it through $unionWith. */
export function mentionPipeline(
  workspaceId: string,
  collection: string,
  reading: MessageReading,
  branches: Branch[],
): Stage[] {
  const [first, ...rest] = branches.map((branch, index) => stagesOf(workspaceId, branch, index, reading));
  if (!first) return [];
  return [...first, ...rest.map((pipeline) => ({ $unionWith: { coll: collection, pipeline } }))];
}
