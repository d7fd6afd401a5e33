import { randomUUID } from 'node:crypto';
import { isDuplicateKeyError } from '../../db/errors';
import { ExportLockModel } from '../../models/export-lock.model';

/**
 * How long a lock lives without being renewed, and how often the running export renews it. A crashed export
 * (or a killed process) blocks the next one for at most `leaseMs`; a live one renews well before that.
 */
export const exportLockTiming = { leaseMs: 2 * 60_000, renewEveryMs: 20_000 };

/** The lock held by a running export: renewed on a timer until released. */
export interface ExportLock {
  /** Stops renewing and frees the lock. If the database refuses, it rejects, and the lock expires by itself. */
  release(): Promise<void>;
}

export type ExportLockResult =
  { status: 'acquired'; lock: ExportLock } | { status: 'busy'; userId: string; startedAt: Date };

export interface ExportLockOptions {
  /** A renewal failed or found the lock taken over (after it had expired): the export goes on, unprotected. */
  onRenewalProblem?: (message: string) => void;
}

/**
 * Takes the workspace's one export lock, or says who holds it. Works across app instances: the lock is a document
 * with a unique `workspaceId`; an upsert that only matches an expired lock either takes that one over or, when a
 * live lock exists, collides with it on the unique index (E11000) — the database decides, never a read-then-write.
 */
export async function acquireExportLock(
  workspaceId: string,
  userId: string,
  options: ExportLockOptions = {},
): Promise<ExportLockResult> {
  // A lock released or expiring between the upsert and the read is simply tried again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const now = new Date();
    const holder = randomUUID();
    try {
      await ExportLockModel.updateOne(
        { workspaceId, expiresAt: { $lte: now } },
        { $set: { holder, userId, startedAt: now, expiresAt: new Date(now.getTime() + exportLockTiming.leaseMs) } },
        { upsert: true },
      );
      return { status: 'acquired', lock: keepAlive(workspaceId, holder, options) };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const current = await ExportLockModel.findOne({ workspaceId }, { userId: 1, startedAt: 1, expiresAt: 1 })
      .lean<{ userId: string; startedAt: Date; expiresAt: Date }>()
      .exec();
    if (current && current.expiresAt > new Date())
      return { status: 'busy', userId: current.userId, startedAt: current.startedAt };
  }
  throw new Error('The export lock kept changing hands');
}

function keepAlive(workspaceId: string, holder: string, options: ExportLockOptions): ExportLock {
  let renewing: Promise<void> | undefined;
  const renew = async (): Promise<void> => {
    try {
      const renewed = await ExportLockModel.updateOne(
        { workspaceId, holder },
        { $set: { expiresAt: new Date(Date.now() + exportLockTiming.leaseMs) } },
      );
      if (renewed.matchedCount === 0) options.onRenewalProblem?.('the export lock had expired and was taken over');
    } catch (error) {
      options.onRenewalProblem?.(`renewing the export lock failed: ${(error as Error).message}`);
    }
  };
  const timer = setInterval(() => {
    renewing ??= renew().finally(() => (renewing = undefined));
  }, exportLockTiming.renewEveryMs);
  // A running export keeps the process alive by itself; the timer must not hold a stopping process.
  timer.unref();
  let released: Promise<void> | undefined;
  return {
    release: () =>
      (released ??= (async () => {
        clearInterval(timer);
        await renewing;
        await ExportLockModel.deleteOne({ workspaceId, holder });
      })()),
  };
}
