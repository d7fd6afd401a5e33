import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { translator } from '../i18n';
import { shareErrorReport } from '../services/import/import-report';
import { getImport, runImportStep, setImportDm, type ImportView } from '../services/import/import.service';
import { getWorkspaceSetup } from '../services/setup/setup.service';
import { importProgressText, importSummaryMessage, reasonText } from '../views/import/import.views';

/** How often the progress message may change: Slack rate-limits chat.update, and people read slower than that. */
export const importProgress = { minIntervalMs: 2_000 };

export interface ImportJobDeps {
  client: WebClient;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Keeps the job's lock while it works (agenda's touch). */
  touch: () => Promise<void>;
  /** The scheduler is stopping: the job ends after the batch in hand and a restarted instance resumes it. */
  stopping: () => boolean;
}

/**
 * The import job (agenda, see scheduler.ts): batch after batch until the import is done, one DM message that
 * follows it (updated at most every 2 s), then the summary with Undo and, if rows failed, the error report.
 * Every step is stored before the next, so a job cut off (a restart) picks up at the last finished batch.
 */
export async function runImportJob(
  deps: ImportJobDeps,
  data: { workspaceId: string; importId: string },
): Promise<void> {
  const { client, logger } = deps;
  const { workspaceId, importId } = data;
  let view = await getImport(workspaceId, importId);
  if (!view || (view.state !== 'queued' && view.state !== 'running')) return;
  const tr = translator((await getWorkspaceSetup(workspaceId)).language);
  const dm = view.dm ?? (await openProgress(client, tr, view));
  let lastUpdate = Date.now();
  for (;;) {
    const step = await runImportStep(workspaceId, importId);
    if (step.status === 'gone') return;
    view = step.view;
    if (step.status === 'done') break;
    await deps.touch();
    if (Date.now() - lastUpdate >= importProgress.minIntervalMs) {
      lastUpdate = Date.now();
      await client.chat
        .update({ channel: dm.channel, ts: dm.ts, text: importProgressText(tr, view) })
        .catch((error: Error) => logger.warn(`Import: updating the progress failed: ${error.message}`));
    }
    if (deps.stopping()) return;
  }
  logger.info(`Import ${importId} of ${workspaceId} done: ${JSON.stringify(view.counts)}`);
  await client.chat.update({ channel: dm.channel, ts: dm.ts, ...importSummaryMessage(tr, view) });
  if (view.counts.failed > 0)
    await shareErrorReport(client, tr, (e) => reasonText(tr, e), {
      workspaceId,
      importId,
      fileName: view.fileName,
      channel: dm.channel,
      from: 'result',
      count: view.counts.failed,
    }).catch((error: Error) => logger.warn(`Import: sharing the error report failed: ${error.message}`));
}

async function openProgress(
  client: WebClient,
  tr: ReturnType<typeof translator>,
  view: ImportView,
): Promise<{ channel: string; ts: string }> {
  const channel = (await client.conversations.open({ users: view.userId })).channel?.id;
  if (!channel) throw new Error('conversations.open gave no channel');
  const posted = await client.chat.postMessage({ channel, text: importProgressText(tr, view) });
  if (!posted.ts) throw new Error('chat.postMessage gave no ts');
  const dm = { channel, ts: posted.ts };
  await setImportDm(view.workspaceId, view.id, dm);
  return dm;
}
