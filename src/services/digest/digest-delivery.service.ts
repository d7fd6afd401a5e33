import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db/errors';
import { DigestLogModel } from '../../models/digest-log.model';
import { getWorkspaceSetup } from '../setup/setup.service';
import { addDays, isoWeekKey, todayIn, weekOf } from '../calendar';
import type { DateRange } from '../visits/visit.types';

/** After a failed post the next attempt waits 1 minute, doubling up to an hour. */
export const DIGEST_RETRY_FIRST_MS = 60_000;
export const DIGEST_RETRY_MAX_MS = 60 * 60_000;
/** A week's digest still undelivered after this long is given up: the next week's has taken its place. */
export const DIGEST_GIVE_UP_AFTER_MS = 7 * 86_400_000;
/** How long one instance holds a pending digest while it posts it. */
const CLAIM_MS = 5 * 60_000;

export function digestRetryDelayMs(attempts: number): number {
  return Math.min(DIGEST_RETRY_MAX_MS, DIGEST_RETRY_FIRST_MS * 2 ** Math.max(0, attempts - 1));
}

export interface DueDigest {
  id: string;
  workspaceId: string;
  managerId: string;
  week: string;
  range: DateRange;
  attempts: number;
}

/** A digest sent Monday to Wednesday is about the week before; Thursday to Sunday, about the week it is sent in. */
const LAST_WEEKDAY_FOR_PREVIOUS_WEEK = 3;

/**
 * The week a digest covers, by the weekday setup sends it on (not the day a late run or retry happens to run):
 * the default Monday 08:00 covers the whole previous week, Monday to Sunday, so what salespeople log at the end of
 * the week — Friday evening, the weekend — is in it; a Friday digest an admin chose covers its own week so far.
 */
export function digestWeek(today: string, sendWeekday: number): DateRange {
  const current = weekOf(today);
  return sendWeekday <= LAST_WEEKDAY_FOR_PREVIOUS_WEEK ? weekOf(addDays(current.from, -7)) : current;
}

/**
 * This week's digests, one pending row per manager (managers, or admins when setup names none). A row that
 * already exists — sent, or pending a retry — is left as it is, so running the weekly job twice queues nothing new.
 * Returns how many managers the workspace's digest is for (0 when the digest is off).
 */
export async function queueWeeklyDigests(workspaceId: string, now: Date): Promise<number> {
  const setup = await getWorkspaceSetup(workspaceId);
  const managers = [...new Set(setup.roles.managers.length ? setup.roles.managers : setup.roles.admins)];
  if (!setup.digest.enabled || managers.length === 0) return 0;
  const { from, to } = digestWeek(todayIn(setup.digest.timeZone, now), setup.digest.weekday);
  // One digest per manager and week covered (a workspace that moves from Friday to Monday gets no second one).
  const week = isoWeekKey(from);
  for (const managerId of managers) {
    try {
      await DigestLogModel.updateOne(
        { workspaceId, managerId, week },
        {
          $setOnInsert: { from, to, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now },
        },
        { upsert: true },
      );
    } catch (error) {
      // Two instances queued the same row at once: one insert won, which is all that is needed.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  return managers.length;
}

/** Takes one pending digest that is due, for this instance alone (until it is marked, or the claim runs out). */
export async function claimDueDigest(workspaceId: string, now: Date): Promise<DueDigest | undefined> {
  const row = await DigestLogModel.findOneAndUpdate(
    {
      workspaceId,
      status: 'pending',
      nextAttemptAt: { $lte: now },
      $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }],
    },
    { $set: { claimedUntil: new Date(now.getTime() + CLAIM_MS) } },
    { sort: { nextAttemptAt: 1 }, returnDocument: 'after', lean: true },
  );
  if (!row) return undefined;
  return {
    id: String(row._id),
    workspaceId,
    managerId: row.managerId,
    week: row.week,
    range: { from: row.from ?? '', to: row.to ?? '' },
    attempts: row.attempts ?? 0,
  };
}

export async function markDigestSent(digest: DueDigest, now: Date): Promise<void> {
  await DigestLogModel.updateOne(
    { _id: new Types.ObjectId(digest.id), workspaceId: digest.workspaceId },
    {
      $set: { status: 'sent', sentAt: now, attempts: digest.attempts + 1 },
      $unset: { claimedUntil: 1, nextAttemptAt: 1, lastError: 1 },
    },
  );
}

/** Records a failed attempt; returns when the next one is due. */
export async function markDigestFailed(digest: DueDigest, reason: string, now: Date): Promise<Date> {
  const attempts = digest.attempts + 1;
  const nextAttemptAt = new Date(now.getTime() + digestRetryDelayMs(attempts));
  await DigestLogModel.updateOne(
    { _id: new Types.ObjectId(digest.id), workspaceId: digest.workspaceId },
    { $set: { attempts, nextAttemptAt, lastError: reason.slice(0, 200) }, $unset: { claimedUntil: 1 } },
  );
  return nextAttemptAt;
}

/** Pending digests queued longer ago than DIGEST_GIVE_UP_AFTER_MS are given up; returns how many. */
export async function abandonStaleDigests(workspaceId: string, now: Date): Promise<number> {
  const result = await DigestLogModel.updateMany(
    { workspaceId, status: 'pending', createdAt: { $lt: new Date(now.getTime() - DIGEST_GIVE_UP_AFTER_MS) } },
    { $set: { status: 'abandoned' }, $unset: { claimedUntil: 1, nextAttemptAt: 1 } },
  );
  return result.modifiedCount;
}

/** When the earliest pending digest of the workspace is due (undefined: none is pending). */
export async function nextDigestAttempt(workspaceId: string): Promise<Date | undefined> {
  const row = await DigestLogModel.findOne({ workspaceId, status: 'pending' })
    .sort({ nextAttemptAt: 1 })
    .select({ nextAttemptAt: 1 })
    .lean();
  return row?.nextAttemptAt ?? undefined;
}
