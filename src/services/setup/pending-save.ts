import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db/errors';
import { SetupAuditModel } from '../../models/setup.model';

/**
 * A setup save's follow-up writes (the number series moved, the audit entry, what the store adds), stored with the
 * save in the same update and cleared when done. The workspace setup and the opportunity setup both save this way:
 * if the database fails between the writes, the admin's retry, the next save or the repair job finishes them.
 */
export interface PendingSave<Section extends string = string> {
  by: string;
  /** The version the save was made from. */
  fromVersion: number;
  at: Date;
  section: Section;
  /** Chosen up front, so the audit entry is written once however often the follow-ups run. */
  auditId: Types.ObjectId;
  changes: { field: string; from: string; to: string }[];
  /** The number the next one gets, when the save moved the number series. */
  nextNo?: number;
}

/** Where a kind of setup keeps what a pending save touches. */
export interface PendingSaveStore {
  /** Moves the number series so the next number is `nextNo`; only ever forward. */
  moveSeries(workspaceId: string, nextNo: number): Promise<void>;
  /** Clears the save's mark, if it is still this one (`pending.auditId`). */
  clearMark(workspaceId: string, auditId: Types.ObjectId): Promise<void>;
  /** What else the save changes elsewhere, done before the mark is cleared; must be safe to run again. */
  followUp?(workspaceId: string, pending: PendingSave): Promise<void>;
}

/** The mark a save stores with itself. */
export function pendingSave<Section extends string>(
  save: Pick<PendingSave<Section>, 'by' | 'fromVersion' | 'section' | 'changes' | 'nextNo'>,
): PendingSave<Section> {
  const { nextNo, ...rest } = save;
  return { ...rest, at: new Date(), auditId: new Types.ObjectId(), ...(nextNo !== undefined ? { nextNo } : {}) };
}

/** The number series and the audit entry of a save, then its mark cleared. Each step can run again. */
export async function finishPendingSave(
  workspaceId: string,
  pending: PendingSave,
  store: PendingSaveStore,
): Promise<void> {
  if (pending.nextNo !== undefined) await store.moveSeries(workspaceId, pending.nextNo);
  if (pending.changes.length > 0) {
    try {
      await SetupAuditModel.create([
        {
          _id: pending.auditId,
          workspaceId,
          userId: pending.by,
          at: pending.at,
          section: pending.section,
          changes: pending.changes,
        },
      ]);
    } catch (error) {
      // Written by an earlier attempt: the id was chosen with the save.
      if (!isDuplicateKeyError(error, '_id')) throw error;
    }
  }
  await store.followUp?.(workspaceId, pending);
  await store.clearMark(workspaceId, pending.auditId);
}

/**
 * Before a save: finishes the follow-ups of a save still waiting, and returns the version this save goes on from.
 * The admin's retry of their own save whose follow-ups failed (their save, one version on) goes on from the saved
 * version instead of being refused as a conflict.
 */
export async function settlePendingSave(
  workspaceId: string,
  stored: { pending?: PendingSave | null; version?: number } | null | undefined,
  request: { userId: string; version: number },
  store: PendingSaveStore,
): Promise<number> {
  const pending = stored?.pending;
  if (!pending) return request.version;
  await finishPendingSave(workspaceId, pending, store);
  const ownRetry =
    pending.by === request.userId && pending.fromVersion === request.version && stored.version === request.version + 1;
  return ownRetry ? (stored.version as number) : request.version;
}
