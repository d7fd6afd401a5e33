import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Translator } from '../../i18n';
import { listDuplicatePage } from '../../services/contacts/duplicate-candidates.service';
import { requiredHits } from '../../services/contacts/duplicate-keys';
import { requestDuplicateScan, runDuplicateScan } from '../../services/contacts/duplicate-scan.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { duplicateListMessage } from '../../views/contact/duplicate-list.message';
import { mentions } from '../../views/setup/setup-mentions';

/**
 * Whether `userId` may see the list of duplicates (admins and managers); undefined when they may, else the
 * refusal naming who can.
 */
export async function duplicatesRefusal(
  client: WebClient,
  workspaceId: string,
  userId: string,
  tr: Translator,
): Promise<string | undefined> {
  const setup = await getWorkspaceSetup(workspaceId);
  if ((await rolesOf(client, workspaceId, userId, setup)).isManager) return undefined;
  const who = mentions([...setup.roles.admins, ...setup.roles.managers], undefined, tr);
  return who === '' ? tr.t('duplicates.refusedNobody') : tr.t('duplicates.refused', { who });
}

/**
 * One page of the list as a message. `scan` says whether a workspace scan is due once the message is shown (the
 * first time the list is asked for, one that stopped part-way, or Check again): the caller runs it afterwards.
 */
export async function duplicateList(
  tr: Translator,
  workspaceId: string,
  page: number,
  options: { notice?: string; rescan?: boolean } = {},
): Promise<{ message: ReturnType<typeof duplicateListMessage>; scan: boolean }> {
  if (options.rescan) await requestDuplicateScan(workspaceId);
  const [setup, list] = await Promise.all([getWorkspaceSetup(workspaceId), listDuplicatePage(workspaceId, page)]);
  // Never scanned: the contacts from before the list existed are checked once this answer is shown.
  const firstTime = list.scan.status === 'none';
  if (firstTime) await requestDuplicateScan(workspaceId);
  const rows = setup.duplicates.rows.length;
  const message = duplicateListMessage({
    tr,
    list,
    rules: { rows, needed: rows > 0 ? requiredHits(rows, setup.duplicates.hitPercent) : 0 },
    notice: options.notice,
    scanStarted: options.rescan || firstTime,
  });
  const waiting = list.scan.status === 'running' && list.scan.waiting;
  return { message, scan: Boolean(options.rescan) || firstTime || waiting };
}

/** Runs the workspace scan after the answer was shown; a failure is logged (the next run resumes it). */
export async function scanInBackground(logger: Logger, workspaceId: string): Promise<void> {
  await runDuplicateScan(workspaceId).catch((error: Error) =>
    logger.error(`Scanning ${workspaceId} for duplicates failed: ${error.message}`),
  );
}
