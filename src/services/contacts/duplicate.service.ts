import { Types } from 'mongoose';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { DuplicatePairModel } from '../../models/duplicate-pair.model';
import type { ContactSetup } from '../setup/setup.types';
import { ORG_NO_KEY_PREFIX, requiredHits } from './duplicate-keys';
import { toContact } from './contact-record';
import type { ContactSummary } from './contact.types';
import { live } from './live';
import type { Translator } from '../../i18n';

const MAX_CANDIDATES = 200;
const MAX_SHOWN = 5;

export function orderedPair(x: string, y: string): { a: Types.ObjectId; b: Types.ObjectId } {
  const [a, b] = x < y ? [x, y] : [y, x];
  return { a: new Types.ObjectId(a), b: new Types.ObjectId(b) };
}

export function summarize(contact: ReturnType<typeof toContact>): ContactSummary {
  const { id, no, type, name, companyName, address, postCode, city, phone, vatRegNo, email } = contact;
  return { id, no, type, name, companyName, address, postCode, city, phone, vatRegNo, email };
}

/**
 * Companies whose duplicate-search strings match at least ⌈rows × hit %⌉ of `dupKeys`, best first, leaving out
 * `selfId` and pairs marked "not a duplicate". One indexed lookup on the stored strings, one on the marked pairs.
 */
export async function findDuplicateCompanies(
  workspaceId: string,
  dupKeys: string[],
  duplicates: ContactSetup['duplicates'],
  selfId: string,
  /** Candidates with as many hits are listed in the reader's alphabetical order (nb: Æ, Ø, Å after Z). */
  tr: Pick<Translator, 'compare'>,
): Promise<ContactSummary[]> {
  if (!duplicates.autosearch || dupKeys.length === 0) return [];
  const needed = requiredHits(duplicates.rows.length, duplicates.hitPercent);
  const orgNoKey = dupKeys.find((key) => key.startsWith(ORG_NO_KEY_PREFIX));
  // The same org.nr. is the same legal entity: a duplicate by that key alone, with or without setup rows.
  if (!orgNoKey && (duplicates.rows.length === 0 || dupKeys.length < needed)) return [];
  const candidates = await ContactModel.find({
    workspaceId,
    'search.dupKeys': { $in: dupKeys },
    type: 'company',
    ...live,
  })
    .limit(MAX_CANDIDATES)
    .lean<ContactDocument[]>();
  const keys = new Set(dupKeys);
  const scored = candidates
    .filter((c) => c._id.toString() !== selfId)
    .map((c) => ({
      contact: c,
      hits: c.search.dupKeys.filter((k) => keys.has(k)).length,
      sameOrgNo: orgNoKey !== undefined && c.search.dupKeys.includes(orgNoKey),
    }))
    .filter((c) => c.sameOrgNo || (duplicates.rows.length > 0 && c.hits >= needed));
  if (scored.length === 0) return [];
  const separated = await separatedFrom(
    workspaceId,
    selfId,
    scored.map((s) => s.contact._id.toString()),
  );
  return scored
    .filter((s) => !separated.has(s.contact._id.toString()))
    .sort(
      (x, y) =>
        Number(y.sameOrgNo) - Number(x.sameOrgNo) || y.hits - x.hits || tr.compare(x.contact.name, y.contact.name),
    )
    .slice(0, MAX_SHOWN)
    .map((s) => summarize(toContact(s.contact)));
}

async function separatedFrom(workspaceId: string, selfId: string, otherIds: string[]): Promise<Set<string>> {
  const self = new Types.ObjectId(selfId);
  const others = otherIds.map((id) => new Types.ObjectId(id));
  const [asA, asB] = await Promise.all([
    DuplicatePairModel.find({ workspaceId, a: self, b: { $in: others } }, { b: 1 }).lean(),
    DuplicatePairModel.find({ workspaceId, b: self, a: { $in: others } }, { a: 1 }).lean(),
  ]);
  return new Set([...asA.map((p) => p.b.toString()), ...asB.map((p) => p.a.toString())]);
}

/** "Not a duplicate": silences this pair for good. Idempotent. */
export async function markSeparate(
  workspaceId: string,
  firstId: string,
  secondId: string,
  userId: string,
): Promise<void> {
  const pair = orderedPair(firstId, secondId);
  await DuplicatePairModel.updateOne(
    { workspaceId, ...pair },
    { $setOnInsert: { workspaceId, ...pair, markedBy: userId } },
    { upsert: true },
  );
}
