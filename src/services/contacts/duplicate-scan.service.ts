import type { Types } from 'mongoose';
import { DuplicateCandidateModel, DuplicateScanModel } from '../../models/duplicate-candidate.model';
import { ContactModel } from '../../models/contact.model';
import { getContactSetup } from '../setup/setup.service';
import { emailKey } from './contact-record';
import { findDuplicatePairs, matchDocs, storePairs } from './duplicate-candidates.service';

/**
 * Rebuilds a workspace's possible duplicates from scratch: after setup's duplicate rules changed, on demand from
 * the list, or the first time the list is asked for. The contacts are walked by _id a batch at a time (indexed,
 * each batch well inside the 2 s bound), the position is stored after each batch, so a scan that stopped (a
 * restart, a crash) is resumed from there by the next run. Pairs the scan did not find again are removed at the
 * end. A new request while a scan runs makes it start over with the rules as they are then.
 */

const BATCH = 500;
/** A runner holds its scan this long after each batch; a dead one's is taken over after that. */
export const SCAN_LEASE_MS = 60_000;
const CLEANUP_BATCH = 1_000;

/** Asks for a rebuild; returns its generation. The caller then runs it (runDuplicateScan), in the background. */
export async function requestDuplicateScan(workspaceId: string): Promise<number> {
  const scan = await DuplicateScanModel.findOneAndUpdate(
    { workspaceId },
    {
      $inc: { gen: 1 },
      $set: { status: 'running', after: null, done: 0, total: 0 },
      $unset: { finishedAt: 1 },
      $setOnInsert: { workspaceId },
    },
    { upsert: true, returnDocument: 'after', lean: true },
  );
  return scan!.gen;
}

/** Workspaces whose scan stopped part-way (its lease lapsed): the integrity round resumes them. */
export async function stalledScans(now = new Date(), limit = 50): Promise<string[]> {
  const scans = await DuplicateScanModel.find({ status: 'running', leaseUntil: { $lt: now } }, { workspaceId: 1 })
    .limit(limit)
    .lean();
  const never = await DuplicateScanModel.find({ status: 'running', leaseUntil: null }, { workspaceId: 1 })
    .limit(limit)
    .lean();
  return [...new Set([...scans, ...never].map((s) => s.workspaceId))];
}

/**
 * Runs (or resumes) the workspace's scan until it is done. Returns false when another runner holds it or none
 * is due. `onProgress` hears after every batch.
 */
export async function runDuplicateScan(
  workspaceId: string,
  onProgress: (done: number, total: number) => Promise<void> = async () => undefined,
): Promise<boolean> {
  const lease = () => new Date(Date.now() + SCAN_LEASE_MS);
  let scan = await DuplicateScanModel.findOneAndUpdate(
    { workspaceId, status: 'running', $or: [{ leaseUntil: null }, { leaseUntil: { $lt: new Date() } }] },
    { $set: { leaseUntil: lease() } },
    { returnDocument: 'after', lean: true },
  );
  if (!scan) return false;
  let gen = scan.gen;
  let after: Types.ObjectId | null = scan.after ?? null;
  let done = scan.done ?? 0;
  let total = scan.total || (await ContactModel.countDocuments({ workspaceId }));
  let setup = await getContactSetup(workspaceId);
  for (;;) {
    const batch = await matchDocs(workspaceId, after ? { _id: { $gt: after } } : {}, BATCH);
    if (batch.length > 0) {
      await backfillEmailKeys(workspaceId, batch);
      await storePairs(workspaceId, await findDuplicatePairs(workspaceId, batch, setup), gen);
      after = batch[batch.length - 1]!._id;
      done += batch.length;
    }
    const moved = await DuplicateScanModel.findOneAndUpdate(
      { workspaceId, gen },
      { $set: { after, done, total, leaseUntil: lease() } },
      { returnDocument: 'after', lean: true },
    );
    if (!moved) {
      // Asked for again meanwhile (the rules changed): start over under the new generation.
      scan = await DuplicateScanModel.findOneAndUpdate(
        { workspaceId, status: 'running' },
        { $set: { leaseUntil: lease() } },
        { returnDocument: 'after', lean: true },
      );
      if (!scan) return true;
      ({ gen } = scan);
      after = scan.after ?? null;
      done = scan.done ?? 0;
      total = await ContactModel.countDocuments({ workspaceId });
      setup = await getContactSetup(workspaceId);
      continue;
    }
    await onProgress(done, total);
    if (batch.length < BATCH) break;
  }
  // Pairs this scan did not find again (older rules, contacts changed while it ran were written under it).
  for (;;) {
    const stale = await DuplicateCandidateModel.find({ workspaceId, gen: { $lt: gen } }, { _id: 1 })
      .limit(CLEANUP_BATCH)
      .lean();
    if (stale.length === 0) break;
    await DuplicateCandidateModel.deleteMany({ workspaceId, _id: { $in: stale.map((s) => s._id) } });
  }
  await DuplicateScanModel.updateOne(
    { workspaceId, gen },
    { $set: { status: 'done', finishedAt: new Date(), done: total, total }, $unset: { leaseUntil: 1 } },
  );
  return true;
}

/** Contacts saved before e-mail keys existed get theirs (the scan is what reads them first). */
async function backfillEmailKeys(workspaceId: string, batch: Awaited<ReturnType<typeof matchDocs>>): Promise<void> {
  const behind = batch.filter((doc) => (doc.search?.emailKey ?? undefined) !== emailKey(doc.email));
  if (behind.length === 0) return;
  await ContactModel.bulkWrite(
    behind.map((doc) => {
      const key = emailKey(doc.email);
      if (doc.search) doc.search.emailKey = key;
      return {
        updateOne: {
          filter: { workspaceId, _id: doc._id },
          update: key ? { $set: { 'search.emailKey': key } } : { $unset: { 'search.emailKey': 1 } },
          timestamps: false,
        },
      };
    }),
    { ordered: false },
  );
}

/** Requests a rebuild and runs it; for callers that do this in the background (errors are theirs to log). */
export async function rebuildDuplicateCandidates(
  workspaceId: string,
  onProgress?: (done: number, total: number) => Promise<void>,
): Promise<void> {
  await requestDuplicateScan(workspaceId);
  await runDuplicateScan(workspaceId, onProgress);
}
