import type { Logger } from '@slack/bolt';
import { maintainWorkspace } from '../services/integrity/integrity-repair.service';
import { workspacesWithData } from '../services/integrity/integrity-check.service';
import { resumeUnfinishedErasures } from '../services/privacy/erasure.service';
import { runDuplicateScan, stalledScans } from '../services/contacts/duplicate-scan.service';

/** Marks younger than this may belong to a request still under way; the next round looks at them. */
export const SETTLE_MS = 60_000;

/**
 * The hourly round (agenda, see scheduler.ts): for each workspace, deletions past their 30 days are purged, so are
 * merged contacts past their 30 days of undo, and what multi-step writes left half-done is repaired. One
 * workspace's failure does not stop the others.
 */
export async function runIntegrityRound(
  logger: Pick<Logger, 'info' | 'warn'>,
  now = new Date(),
): Promise<{ workspaces: number; purged: number; mergesPurged: number; repaired: number }> {
  let purged = 0;
  let mergesPurged = 0;
  let repaired = 0;
  const workspaces = await workspacesWithData();
  for (const workspaceId of workspaces) {
    try {
      const result = await maintainWorkspace(workspaceId, now, SETTLE_MS);
      purged += result.purged;
      mergesPurged += result.mergesPurged;
      repaired += result.repair.repaired;
      if (result.purged > 0) logger.info(`Purged ${result.purged} deletion(s) of ${workspaceId} after 30 days`);
      if (result.mergesPurged > 0)
        logger.info(`Purged ${result.mergesPurged} merged contact(s) of ${workspaceId} after 30 days of undo`);
      if (result.repair.found > 0)
        logger.warn(
          `Repaired ${result.repair.repaired} of ${result.repair.found} half-done write(s) in ${workspaceId}` +
            (result.repair.failures.length ? `; still failing: ${result.repair.failures.slice(0, 3).join('; ')}` : ''),
        );
    } catch (error) {
      logger.warn(`The integrity round of ${workspaceId} stopped: ${(error as Error).message}`);
    }
  }
  // Erasures left running (a crash; the start-up hook in scheduler.ts normally finishes them first).
  await resumeUnfinishedErasures(new Date(now.getTime() - SETTLE_MS)).catch((error: Error) =>
    logger.warn(`Finishing interrupted erasures failed: ${error.message}`),
  );
  // Scans for possible duplicates that stopped part-way (a restart, a crash) go on from where they were.
  for (const workspaceId of await stalledScans(now).catch(() => [])) {
    await runDuplicateScan(workspaceId).catch((error: Error) =>
      logger.warn(`The duplicate scan of ${workspaceId} stopped: ${error.message}`),
    );
  }
  return { workspaces: workspaces.length, purged, mergesPurged, repaired };
}
