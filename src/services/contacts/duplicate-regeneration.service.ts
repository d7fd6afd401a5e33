import type { Types } from 'mongoose';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { normalizePhone } from '../search/phone';
import { duplicateKeysState, markDuplicateKeysBuilt } from '../setup/setup.service';
import type { ContactSetup } from '../setup/setup.types';
import { duplicateKeys, orgNoKeys } from './duplicate-keys';

const BATCH = 500;

/**
 * Rebuilds the companies' duplicate-search strings when they are behind the rows in setup (after the rows
 * changed, or after a rebuild that stopped part-way), then records them as built. Undefined when nothing was due;
 * else how many companies were updated.
 */
export async function rebuildStaleDuplicateKeys(
  workspaceId: string,
  onProgress?: (done: number, total: number) => Promise<void>,
): Promise<number | undefined> {
  const { stale, setup } = await duplicateKeysState(workspaceId);
  if (!stale) return undefined;
  const count = await regenerateDuplicateKeys(workspaceId, setup, onProgress);
  await markDuplicateKeysBuilt(workspaceId, setup.duplicates.rows);
  return count;
}

/**
 * Rebuilds every company's duplicate-search strings (deleted ones too, so a restored company is in step) after the setup rows changed, in batches by _id (an indexed
 * walk, never one huge query), reporting progress after each batch. Returns how many companies were updated.
 */
export async function regenerateDuplicateKeys(
  workspaceId: string,
  setup: Pick<ContactSetup, 'duplicates' | 'defaults'>,
  onProgress: (done: number, total: number) => Promise<void> = async () => undefined,
): Promise<number> {
  const total = await ContactModel.countDocuments({ workspaceId, type: 'company' });
  let done = 0;
  let after: Types.ObjectId | undefined;
  for (;;) {
    const batch = await ContactModel.find({ workspaceId, type: 'company', ...(after ? { _id: { $gt: after } } : {}) })
      .sort({ _id: 1 })
      .limit(BATCH)
      .lean<ContactDocument[]>();
    if (batch.length === 0) break;
    await ContactModel.bulkWrite(
      batch.map((doc) => {
        const phone = normalizePhone(doc.phone, setup.defaults.phoneRegion).digitKeys[0] ?? doc.phone ?? undefined;
        const mobile = normalizePhone(doc.mobile, setup.defaults.phoneRegion).digitKeys[0] ?? doc.mobile ?? undefined;
        const keys = [
          ...duplicateKeys({ ...withoutNulls(doc), phone, mobile }, setup.duplicates.rows),
          ...orgNoKeys(doc.vatRegNo),
        ];
        return { updateOne: { filter: { _id: doc._id, workspaceId }, update: { $set: { 'search.dupKeys': keys } } } };
      }),
      { ordered: false },
    );
    done += batch.length;
    after = batch[batch.length - 1]!._id;
    await onProgress(done, total);
  }
  return done;
}

function withoutNulls(doc: ContactDocument): Record<string, string | undefined> {
  const fields = ['name', 'name2', 'address', 'address2', 'postCode', 'city', 'vatRegNo', 'email'] as const;
  return Object.fromEntries(fields.map((field) => [field, doc[field] ?? undefined]));
}
