import { Types } from 'mongoose';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { DuplicateCandidateModel, DuplicateScanModel } from '../../models/duplicate-candidate.model';
import { DuplicatePairModel } from '../../models/duplicate-pair.model';
import { getContactSetup } from '../setup/setup.service';
import type { ContactSetup } from '../setup/setup.types';
import { emailKey, toContact } from './contact-record';
import type { Contact, ContactSummary } from './contact.types';
import { lookupKeys, requiredHits } from './duplicate-keys';
import { live } from './live';

/**
 * The stored list of possible duplicates (`/contact duplicates`, the card's "Possible duplicate of …"):
 * companies that meet setup's duplicate rules, and persons sharing an e-mail, a mobile number, or a name at the
 * same company. Found from the stored search strings through indexes, for a few contacts at a time: the ones
 * just saved, deleted, restored or imported, or a batch of a workspace scan (duplicate-scan.service.ts).
 */

export type DuplicateReason = 'rules' | 'email' | 'mobile' | 'nameAtCompany';
export type DuplicateKind = 'company' | 'person';

export interface FoundPair {
  a: string;
  b: string;
  kind: DuplicateKind;
  score: number;
  reasons: DuplicateReason[];
  hits?: number;
  rows?: number;
}

/** Companies sharing at least one search string with one company: enough for any real duplicate. */
const MAX_PER_COMPANY = 200;
/**
 * Companies looked up in one query (an import's batch of 250 made 250 round trips, most of its duplicate check);
 * the query may read MAX_PER_COMPANY for each.
 */
const COMPANIES_PER_QUERY = 16;
/** A value more persons than this share is a shared address (post@…, a switchboard), not one person's. */
const MAX_PER_VALUE = 20;
/** How many company lookup queries run at once. */
const PARALLEL = 4;
/** How alike two persons are for each thing they share; together they add up as independent signs. */
const PERSON_WEIGHTS: Record<Exclude<DuplicateReason, 'rules'>, number> = {
  email: 0.7,
  mobile: 0.7,
  nameAtCompany: 0.6,
};

type MatchDoc = Pick<ContactDocument, '_id' | 'type' | 'companyId' | 'email' | 'mobileE164' | 'search' | 'deletedAt'>;
const MATCH_FIELDS = {
  type: 1,
  companyId: 1,
  email: 1,
  mobileE164: 1,
  'search.dupKeys': 1,
  'search.nameKey': 1,
  'search.emailKey': 1,
  deletedAt: 1,
};

const isObjectId = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value);
const idOf = (doc: { _id: Types.ObjectId }) => doc._id.toString();
const pairKey = (x: string, y: string) => (x < y ? `${x}:${y}` : `${y}:${x}`);

/** Company pairs of `companies` by setup's rules: indexed lookups on their search strings, a group per query. */
async function companyPairs(
  workspaceId: string,
  companies: MatchDoc[],
  duplicates: ContactSetup['duplicates'],
): Promise<FoundPair[]> {
  const rows = duplicates.rows.length;
  if (rows === 0) return [];
  const needed = requiredHits(rows, duplicates.hitPercent);
  const eligible = companies.filter((c) => (c.search?.dupKeys?.length ?? 0) >= needed);
  const groups: MatchDoc[][] = [];
  for (let start = 0; start < eligible.length; start += COMPANIES_PER_QUERY)
    groups.push(eligible.slice(start, start + COMPANIES_PER_QUERY));
  const found: FoundPair[] = [];
  for (let start = 0; start < groups.length; start += PARALLEL) {
    const results = await Promise.all(
      groups.slice(start, start + PARALLEL).map((group) => groupPairs(workspaceId, group, needed, rows)),
    );
    found.push(...results.flat());
  }
  return found;
}

/**
 * One query for a group of companies: the companies sharing any of their lookup strings. Each one found is
 * compared with the group's companies it shares a lookup string with — what a query of that company alone finds.
 */
async function groupPairs(workspaceId: string, group: MatchDoc[], needed: number, rows: number): Promise<FoundPair[]> {
  const selves = group.map((self) => ({ self, keys: new Set(self.search.dupKeys) }));
  const byLookup = new Map<string, typeof selves>();
  for (const entry of selves)
    for (const key of lookupKeys(entry.self.search.dupKeys, needed)) {
      const list = byLookup.get(key);
      if (list) list.push(entry);
      else byLookup.set(key, [entry]);
    }
  const others = await ContactModel.find(
    { workspaceId, 'search.dupKeys': { $in: [...byLookup.keys()] }, type: 'company', ...live },
    { 'search.dupKeys': 1 },
  )
    .limit(group.length * MAX_PER_COMPANY)
    .lean<Pick<ContactDocument, '_id' | 'search'>[]>();
  const found: FoundPair[] = [];
  for (const other of others) {
    const candidates = new Set(other.search.dupKeys.flatMap((key) => byLookup.get(key) ?? []));
    for (const { self, keys } of candidates) {
      if (other._id.equals(self._id)) continue;
      const hits = other.search.dupKeys.filter((key) => keys.has(key)).length;
      if (hits < needed) continue;
      const [a, b] = [idOf(self), idOf(other)].sort() as [string, string];
      found.push({
        a,
        b,
        kind: 'company',
        score: Math.round((100 * Math.min(hits, rows)) / rows),
        reasons: ['rules'],
        hits,
        rows,
      });
    }
  }
  return found;
}

/** Index bounds one (companies × names) query may expand to; the server refuses far more. */
const MAX_BOUNDS = 1_000;

/**
 * Persons with the same name at the same company as one of `persons`: (companyId, nameKey) lookups on their
 * index, as few queries as keep each one's bounds (companies × names) small.
 */
async function sameNameAtCompany(workspaceId: string, persons: MatchDoc[], cap: number): Promise<MatchDoc[]> {
  const wanted = persons.filter((p) => p.companyId && p.search?.nameKey);
  const chunks: { companies: Set<string>; names: Set<string> }[] = [];
  let chunk = { companies: new Set<string>(), names: new Set<string>() };
  for (const p of wanted) {
    const company = p.companyId!.toString();
    const name = p.search.nameKey;
    const companies = chunk.companies.size + (chunk.companies.has(company) ? 0 : 1);
    const names = chunk.names.size + (chunk.names.has(name) ? 0 : 1);
    if (companies * names > MAX_BOUNDS && chunk.companies.size > 0) {
      chunks.push(chunk);
      chunk = { companies: new Set(), names: new Set() };
    }
    chunk.companies.add(company);
    chunk.names.add(name);
  }
  if (chunk.companies.size > 0) chunks.push(chunk);
  const found = await Promise.all(
    chunks.map((c) =>
      ContactModel.find(
        {
          workspaceId,
          companyId: { $in: [...c.companies].map((id) => new Types.ObjectId(id)) },
          'search.nameKey': { $in: [...c.names] },
          type: 'person',
          ...live,
        },
        MATCH_FIELDS,
      )
        .limit(cap)
        .lean<MatchDoc[]>(),
    ),
  );
  return found.flat();
}

/** Person pairs of `persons`: a shared e-mail or mobile (not their company's), or the same name at one company. */
async function personPairs(workspaceId: string, persons: MatchDoc[]): Promise<FoundPair[]> {
  if (persons.length === 0) return [];
  const emails = new Set<string>();
  const mobiles = new Set<string>();
  for (const p of persons) {
    const key = p.search?.emailKey ?? emailKey(p.email);
    if (key) emails.add(key);
    if (p.mobileE164) mobiles.add(p.mobileE164);
  }
  const cap = persons.length * MAX_PER_VALUE + 1;
  const person = { type: 'person', ...live } as const;
  const [byEmail, byMobile, byName] = await Promise.all([
    emails.size
      ? ContactModel.find({ workspaceId, 'search.emailKey': { $in: [...emails] }, ...person }, MATCH_FIELDS)
          .limit(cap)
          .lean<MatchDoc[]>()
      : [],
    mobiles.size
      ? ContactModel.find({ workspaceId, mobileE164: { $in: [...mobiles] }, ...person }, MATCH_FIELDS)
          .limit(cap)
          .lean<MatchDoc[]>()
      : [],
    sameNameAtCompany(workspaceId, persons, cap),
  ]);
  const all = new Map<string, MatchDoc>();
  for (const doc of [...persons, ...byEmail, ...byMobile, ...byName]) all.set(idOf(doc), doc);

  // A person's e-mail or mobile that is their company's (inherited, or typed the same) is not theirs alone.
  const companyOf = new Map<string, Pick<ContactDocument, 'email' | 'mobileE164' | 'phoneE164'>>();
  const employers = [...new Set([...all.values()].flatMap((d) => (d.companyId ? [d.companyId.toString()] : [])))];
  if (employers.length)
    for (const c of await ContactModel.find(
      { workspaceId, _id: { $in: employers.map((id) => new Types.ObjectId(id)) } },
      { email: 1, mobileE164: 1, phoneE164: 1 },
    ).lean<(Pick<ContactDocument, 'email' | 'mobileE164' | 'phoneE164'> & { _id: Types.ObjectId })[]>())
      companyOf.set(idOf(c), c);
  const ownEmail = (d: MatchDoc) => {
    const company = d.companyId ? companyOf.get(d.companyId.toString()) : undefined;
    const email = d.search?.emailKey ?? emailKey(d.email);
    return email && email !== emailKey(company?.email) ? email : undefined;
  };
  const ownMobile = (d: MatchDoc) => {
    const company = d.companyId ? companyOf.get(d.companyId.toString()) : undefined;
    const mobile = d.mobileE164 ?? undefined;
    return mobile && mobile !== company?.mobileE164 && mobile !== company?.phoneE164 ? mobile : undefined;
  };
  const nameAt = (d: MatchDoc) =>
    d.companyId && d.search?.nameKey ? `${d.companyId.toString()}|${d.search.nameKey}` : undefined;

  // How many persons share each value: too many, and it is not one person's.
  const groups = (key: (d: MatchDoc) => string | undefined) => {
    const map = new Map<string, MatchDoc[]>();
    for (const d of all.values()) {
      const value = key(d);
      if (value) map.set(value, [...(map.get(value) ?? []), d]);
    }
    return map;
  };
  const tests: [Exclude<DuplicateReason, 'rules'>, (d: MatchDoc) => string | undefined][] = [
    ['email', ownEmail],
    ['mobile', ownMobile],
    ['nameAtCompany', nameAt],
  ];
  const selfIds = new Set(persons.map(idOf));
  const reasons = new Map<string, Set<Exclude<DuplicateReason, 'rules'>>>();
  for (const [reason, key] of tests) {
    for (const members of groups(key).values()) {
      if (members.length < 2 || members.length > MAX_PER_VALUE) continue;
      for (const x of members) {
        if (!selfIds.has(idOf(x))) continue;
        for (const y of members) {
          if (x === y) continue;
          const k = pairKey(idOf(x), idOf(y));
          reasons.set(k, (reasons.get(k) ?? new Set()).add(reason));
        }
      }
    }
  }
  return [...reasons.entries()].map(([k, set]) => {
    const [a, b] = k.split(':') as [string, string];
    const list = tests.map(([reason]) => reason).filter((reason) => set.has(reason));
    const unlike = list.reduce((product, reason) => product * (1 - PERSON_WEIGHTS[reason]), 1);
    return { a, b, kind: 'person' as const, score: Math.round(100 * (1 - unlike)), reasons: list };
  });
}

/** Leaves out the pairs a user marked "not a duplicate": one indexed lookup. */
async function withoutSeparated(workspaceId: string, pairs: FoundPair[]): Promise<FoundPair[]> {
  if (pairs.length === 0) return pairs;
  // By `a` alone: an `a` × `b` cross product of bounds grows past what the server accepts.
  const as = [...new Set(pairs.map((p) => p.a))].map((id) => new Types.ObjectId(id));
  const marked = await DuplicatePairModel.find({ workspaceId, a: { $in: as } }, { a: 1, b: 1 }).lean();
  const separated = new Set(marked.map((m) => `${m.a.toString()}:${m.b.toString()}`));
  return pairs.filter((p) => !separated.has(`${p.a}:${p.b}`));
}

/** Every duplicate pair that `docs` (live or not; deleted ones have none) are part of, each once. */
export async function findDuplicatePairs(
  workspaceId: string,
  docs: MatchDoc[],
  setup: Pick<ContactSetup, 'duplicates'>,
): Promise<FoundPair[]> {
  const alive = docs.filter((d) => !d.deletedAt);
  const [companies, persons] = await Promise.all([
    companyPairs(
      workspaceId,
      alive.filter((d) => d.type === 'company'),
      setup.duplicates,
    ),
    personPairs(
      workspaceId,
      alive.filter((d) => d.type === 'person'),
    ),
  ]);
  const unique = new Map<string, FoundPair>();
  for (const pair of [...companies, ...persons]) unique.set(`${pair.a}:${pair.b}`, pair);
  return withoutSeparated(workspaceId, [...unique.values()]);
}

/** Upserts pairs, stamped with the scan generation they were found under. */
export async function storePairs(workspaceId: string, pairs: FoundPair[], gen: number): Promise<void> {
  if (pairs.length === 0) return;
  await DuplicateCandidateModel.bulkWrite(
    pairs.map(({ a, b, ...rest }) => {
      const ids = { a: new Types.ObjectId(a), b: new Types.ObjectId(b) };
      return {
        updateOne: {
          filter: { workspaceId, ...ids },
          update: {
            $set: { kind: rest.kind, score: rest.score, reasons: rest.reasons, gen, hits: rest.hits, rows: rest.rows },
            $setOnInsert: { workspaceId, ...ids },
          },
          upsert: true,
        },
      };
    }),
    { ordered: false },
  );
}

/** Contacts to check read with what matching needs. */
export function matchDocs(workspaceId: string, filter: Record<string, unknown>, limit: number) {
  return ContactModel.find({ workspaceId, ...filter }, MATCH_FIELDS)
    .sort({ _id: 1 })
    .limit(limit)
    .lean<MatchDoc[]>();
}

/**
 * Brings the stored pairs of these contacts in step after they were created, edited, deleted, restored or
 * imported: their old pairs go, the ones they have now are stored. Ids of other workspaces match nothing.
 */
export async function refreshDuplicateCandidates(
  workspaceId: string,
  contactIds: (string | Types.ObjectId)[],
): Promise<void> {
  const ids = [...new Set(contactIds.map(String))].filter(isObjectId).map((id) => new Types.ObjectId(id));
  if (ids.length === 0) return;
  const [docs, setup, scan] = await Promise.all([
    matchDocs(workspaceId, { _id: { $in: ids } }, ids.length),
    getContactSetup(workspaceId),
    DuplicateScanModel.findOne({ workspaceId }, { gen: 1 }).lean(),
  ]);
  const pairs = await findDuplicatePairs(workspaceId, docs, setup);
  await Promise.all([
    DuplicateCandidateModel.deleteMany({ workspaceId, a: { $in: ids } }),
    DuplicateCandidateModel.deleteMany({ workspaceId, b: { $in: ids } }),
  ]);
  await storePairs(workspaceId, pairs, scan?.gen ?? 0);
}

/** Forgets the stored pairs of contacts that were deleted (a company goes with its persons). */
export async function forgetDuplicateCandidates(
  workspaceId: string,
  contactIds: (string | Types.ObjectId)[],
): Promise<void> {
  const ids = [...new Set(contactIds.map(String))].filter(isObjectId).map((id) => new Types.ObjectId(id));
  if (ids.length === 0) return;
  await Promise.all([
    DuplicateCandidateModel.deleteMany({ workspaceId, a: { $in: ids } }),
    DuplicateCandidateModel.deleteMany({ workspaceId, b: { $in: ids } }),
  ]);
}

/** One side of a pair in the list: what tells two contacts apart at a glance. */
export type DuplicateSide = ContactSummary & Pick<Contact, 'mobile' | 'salespersonId' | 'address2'>;

export interface DuplicateListPair {
  a: DuplicateSide;
  b: DuplicateSide;
  kind: DuplicateKind;
  score: number;
  reasons: DuplicateReason[];
  hits?: number;
  rows?: number;
}

export interface DuplicatePage {
  pairs: DuplicateListPair[];
  total: number;
  /** 0-based, within the pages there are. */
  page: number;
  pageSize: number;
  /** A workspace scan still running (its progress), or none ever made. */
  scan:
    | { status: 'none' }
    | {
        status: 'running';
        done: number;
        total: number;
        /** Nobody runs it (never started, or its runner died). */ waiting: boolean;
      }
    | { status: 'done'; finishedAt?: Date };
}

export const DUPLICATES_PAGE_SIZE = 10;

function side(doc: ContactDocument): DuplicateSide {
  const c = toContact(doc);
  const { id, no, type, name, companyName, address, address2, postCode, city, phone, mobile, vatRegNo, email } = c;
  return {
    id,
    no,
    type,
    name,
    companyName,
    address,
    address2,
    postCode,
    city,
    phone,
    mobile,
    vatRegNo,
    email,
    salespersonId: c.salespersonId,
  };
}

/** One page of the list, most alike first; the page is clamped to those there are. */
export async function listDuplicatePage(workspaceId: string, requestedPage: number): Promise<DuplicatePage> {
  const pageSize = DUPLICATES_PAGE_SIZE;
  const [total, scan] = await Promise.all([
    DuplicateCandidateModel.countDocuments({ workspaceId }),
    DuplicateScanModel.findOne({ workspaceId }).lean(),
  ]);
  const last = Math.max(0, Math.ceil(total / pageSize) - 1);
  const page = Math.min(Math.max(0, Math.floor(requestedPage) || 0), last);
  const stored = await DuplicateCandidateModel.find({ workspaceId })
    .sort({ score: -1, _id: 1 })
    .skip(page * pageSize)
    .limit(pageSize)
    .lean();
  const ids = stored.flatMap((p) => [p.a, p.b]);
  const contacts = new Map(
    (ids.length
      ? await ContactModel.find({ workspaceId, _id: { $in: ids }, ...live }).lean<ContactDocument[]>()
      : []
    ).map((doc) => [idOf(doc), side(doc)]),
  );
  const pairs = stored.flatMap((p): DuplicateListPair[] => {
    const a = contacts.get(p.a.toString());
    const b = contacts.get(p.b.toString());
    if (!a || !b) return [];
    const extra = p.kind === 'company' ? { hits: p.hits ?? undefined, rows: p.rows ?? undefined } : {};
    return [{ a, b, kind: p.kind as DuplicateKind, score: p.score, reasons: p.reasons as DuplicateReason[], ...extra }];
  });
  return {
    pairs,
    total,
    page,
    pageSize,
    scan: !scan
      ? { status: 'none' }
      : scan.status === 'running'
        ? {
            status: 'running',
            done: scan.done ?? 0,
            total: scan.total ?? 0,
            waiting: !scan.leaseUntil || scan.leaseUntil < new Date(),
          }
        : { status: 'done', finishedAt: scan.finishedAt ?? undefined },
  };
}

/**
 * "Not duplicates" from the list: remembered for good (separate_contacts), and the pair leaves the list. The ids
 * come from a button: both must be live contacts of this workspace, else `gone`.
 */
export async function markNotDuplicates(
  workspaceId: string,
  userId: string,
  firstId: unknown,
  secondId: unknown,
): Promise<{ status: 'marked'; nos: [string, string] } | { status: 'gone' }> {
  if (!isObjectId(firstId) || !isObjectId(secondId) || firstId === secondId) return { status: 'gone' };
  const found = await ContactModel.find({ workspaceId, _id: { $in: [firstId, secondId] }, ...live }, { no: 1 }).lean<
    Pick<ContactDocument, '_id' | 'no'>[]
  >();
  if (found.length !== 2) return { status: 'gone' };
  const noOf = (id: string) => found.find((doc) => idOf(doc) === id)!.no;
  const [a, b] = [firstId, secondId].sort().map((id) => new Types.ObjectId(id)) as [Types.ObjectId, Types.ObjectId];
  await DuplicatePairModel.updateOne(
    { workspaceId, a, b },
    { $setOnInsert: { workspaceId, a, b, markedBy: userId } },
    { upsert: true },
  );
  await DuplicateCandidateModel.deleteOne({ workspaceId, a, b });
  return { status: 'marked', nos: [noOf(firstId), noOf(secondId)] };
}

/** The contact a card's "Possible duplicate of …" names: the most alike live one, if any. */
export async function possibleDuplicateOf(
  workspaceId: string,
  contactId: string,
): Promise<Pick<ContactSummary, 'id' | 'no' | 'name'> | undefined> {
  if (!isObjectId(contactId)) return undefined;
  const self = new Types.ObjectId(contactId);
  const [asA, asB] = await Promise.all([
    DuplicateCandidateModel.find({ workspaceId, a: self }, { b: 1, score: 1 }).limit(20).lean(),
    DuplicateCandidateModel.find({ workspaceId, b: self }, { a: 1, score: 1 }).limit(20).lean(),
  ]);
  const others = [
    ...asA.map((p) => ({ id: p.b, score: p.score })),
    ...asB.map((p) => ({ id: p.a, score: p.score })),
  ].sort((x, y) => y.score - x.score || x.id.toString().localeCompare(y.id.toString()));
  if (others.length === 0) return undefined;
  const docs = await ContactModel.find(
    { workspaceId, _id: { $in: others.map((o) => o.id) }, ...live },
    { no: 1, name: 1 },
  ).lean<Pick<ContactDocument, '_id' | 'no' | 'name'>[]>();
  const byId = new Map(docs.map((d) => [idOf(d), d]));
  const best = others.map((o) => byId.get(o.id.toString())).find(Boolean);
  return best && { id: idOf(best), no: best.no, name: best.name };
}
