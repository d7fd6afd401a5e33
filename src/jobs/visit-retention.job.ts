import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { translatorForRecipient } from '../services/language/language.service';
import { getWorkspaceSetup } from '../services/setup/setup.service';
import {
  deleteVisitsBefore,
  retentionCutoff,
  workspacesWithVisitRetention,
} from '../services/visits/visit-retention.service';
import { readerDate } from '../views/contact/text';

/**
 * The nightly round (agenda, see scheduler.ts): in each workspace whose setup says "Delete visits older than N
 * years", the visits dated before the cut-off are deleted, and when any were, the Kontakt admins (else whoever
 * last saved setup) are told how many in a DM, each in their own language. One workspace's failure does not stop
 * the others; what it left is done the next night.
 */
export async function runVisitRetentionRound(
  clientFor: (workspaceId: string) => Promise<WebClient>,
  logger: Pick<Logger, 'info' | 'warn'>,
  now = new Date(),
): Promise<{ workspaces: number; deleted: number }> {
  let deleted = 0;
  const due = await workspacesWithVisitRetention();
  for (const { workspaceId, years } of due) {
    try {
      const cutoff = retentionCutoff(now, years);
      const count = await deleteVisitsBefore(workspaceId, cutoff);
      deleted += count;
      if (count === 0) continue;
      logger.info(`Deleted ${count} visit(s) of ${workspaceId} dated before ${cutoff} (kept ${years} years)`);
      await tellAdmins(await clientFor(workspaceId), workspaceId, { count, years, cutoff }, logger);
    } catch (error) {
      logger.warn(`Deleting old visits of ${workspaceId} stopped: ${(error as Error).message}`);
    }
  }
  return { workspaces: due.length, deleted };
}

async function tellAdmins(
  client: WebClient,
  workspaceId: string,
  done: { count: number; years: number; cutoff: string },
  logger: Pick<Logger, 'warn'>,
): Promise<void> {
  const setup = await getWorkspaceSetup(workspaceId);
  const admins = setup.roles.admins.length > 0 ? setup.roles.admins : setup.updatedBy ? [setup.updatedBy] : [];
  for (const userId of admins) {
    const tr = await translatorForRecipient(workspaceId, { userId });
    const text = tr.t('retention.deleted', {
      visits: tr.count(done.count, 'visit'),
      years: done.years,
      cutoff: readerDate(tr, new Date(`${done.cutoff}T00:00:00Z`)),
    });
    await client.chat
      .postMessage({ channel: userId, text })
      .catch((error: Error) => logger.warn(`Telling ${userId} about deleted visits failed: ${error.message}`));
  }
}
