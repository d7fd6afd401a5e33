import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Translator } from '../../i18n';
import { todayIn } from '../../services/calendar';
import { withExportDirectory } from '../../services/export/export-directory';
import { slackActor } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import { erasePerson, erasureNoOf, type EraseResult } from '../../services/privacy/erasure.service';
import { privacyContactNo, privacyOverview } from '../../services/privacy/privacy-subject';
import { exportPersonData } from '../../services/privacy/person-export.service';
import { shareFilesFromDisk } from '../../slack/file-upload';
import { escapeMrkdwn, truncate } from '../../views/contact/text';
import { noticeModal } from '../../views/notice.modal';
import { refreshHomes } from './home';
import { ProgressMessage, uploadClient, UPLOAD_IDLE_TIMEOUT_MS } from '../commands/export.subcommand';
import { sourceView, tell, trOf, workspaceIdOf, type ButtonArgs, type CommandArgs, type OverflowArgs } from '../frame';

/** A privacy request from a command, a button or a menu entry. */
export type PrivacyArgs = CommandArgs | ButtonArgs | OverflowArgs;

/** An erasure still running after this goes on in the background, with its progress in the admin's DM. */
export const erasureForeground = { ms: 3_000 };

export const userOf = (args: PrivacyArgs): string => ('command' in args ? args.command.user_id : args.body.user.id);

/** What a refusal of the privacy services says, in a sentence (nothing was changed). */
export function refusalText(
  tr: Translator,
  refusal:
    | { status: 'gone' }
    | { status: 'notAdmin' }
    | { status: 'hasOpportunities'; no: string; name: string; opportunities: { no: string; description: string }[] },
): string {
  if (refusal.status === 'notAdmin') return tr.t('privacy.refused.notAdmin');
  if (refusal.status === 'gone') return tr.t('privacy.refused.gone');
  const list = refusal.opportunities
    .map((o) => `• ${escapeMrkdwn(o.no)} ${escapeMrkdwn(truncate(o.description, 100))}`)
    .join('\n');
  return tr.t('privacy.refused.opportunities', {
    name: escapeMrkdwn(truncate(refusal.name, 100)),
    no: escapeMrkdwn(refusal.no),
    count: refusal.opportunities.length,
    list,
  });
}

/**
 * Answers where the request came from, replacing what asked: the modal (a notice in its place), the ephemeral
 * question (replace_original), else as `tell` does.
 */
export async function answer(args: PrivacyArgs, text: string): Promise<void> {
  const tr = trOf(args);
  const view = sourceView(args.body);
  if (view) {
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: noticeModal({ title: tr.t('privacy.modal.title'), text }),
    });
    return;
  }
  if (!('command' in args) && args.body.response_url) {
    await args.respond({ response_type: 'ephemeral', replace_original: true, text });
    return;
  }
  await tell(args, text);
}

async function openDm(client: WebClient, logger: Logger, userId: string): Promise<string | undefined> {
  try {
    return (await client.conversations.open({ users: userId })).channel?.id;
  } catch (error) {
    logger.warn(`Privacy: opening the DM failed: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Everything Kontakt holds about one contact, as a JSON and a CSV file in the admin's DM — the same way as the
 * workspace export: a progress message there, the files written to a private temporary directory and shared from
 * disk, the directory removed whatever happens. Refusals (not an admin, not this workspace's) are told where the
 * request came from, and nothing is sent.
 */
export async function sendPersonExport(args: PrivacyArgs, contactId: unknown): Promise<void> {
  const { client, logger } = args;
  const workspaceId = workspaceIdOf(args);
  const tr = trOf(args);
  const userId = userOf(args);
  const actor = slackActor(client, workspaceId, userId);
  const overview = await privacyOverview(workspaceId, contactId, actor);
  if (overview.status !== 'found') return answer(args, refusalText(tr, overview));
  const no = overview.contact.no;
  const name = escapeMrkdwn(truncate(overview.contact.name, 100));
  if ('command' in args)
    await args.respond({ response_type: 'ephemeral', text: tr.t('privacy.export.started', { name, no }) });
  else await answer(args, tr.t('privacy.modal.exportStarted', { no }));
  const channel = await openDm(client, logger, userId);
  if (!channel) return tell(args, tr.t('privacy.export.failedDm'), { triggerSpent: true });
  const progress = new ProgressMessage(client, logger, channel);
  try {
    await progress.post(tr.t('privacy.export.progress', { no }));
    const day = todayIn((await getUserProfile(client, workspaceId, userId)).tz);
    const shared = await withExportDirectory(async (dir) => {
      const result = await exportPersonData(workspaceId, contactId, actor, { dir, tr, day });
      if (result.status !== 'exported') return result;
      const records = Object.values(result.counts).reduce((sum, n) => sum + n, 0);
      const [json, csv] = result.files;
      await shareFilesFromDisk(
        uploadClient(client, args.context.botToken),
        {
          channelId: channel,
          initialComment: tr.t('privacy.export.comment', { name: result.name, no: result.no, count: records }),
          files: [
            { path: json.path, filename: json.filename, title: json.filename },
            { path: csv.path, filename: csv.filename, title: csv.filename },
          ],
        },
        { uploadIdleTimeoutMs: UPLOAD_IDLE_TIMEOUT_MS },
      );
      return result;
    });
    if (shared.status !== 'exported') return progress.replace(refusalText(tr, shared));
  } catch (error) {
    logger.error(`Privacy export of ${no} in ${workspaceId} failed: ${(error as Error).message}`);
    await progress.replace(tr.t('privacy.export.failed', { no }));
    return;
  }
  await progress.update(tr.t('privacy.export.done', { no }), { force: true });
}

function erasedText(tr: Translator, result: Extract<EraseResult, { status: 'erased' }>): string {
  return tr.t('privacy.erase.done', {
    no: result.no,
    persons: result.persons > 0 ? tr.t('privacy.erase.donePersons', { count: result.persons }) : '',
    erased: tr.t(result.type === 'company' ? 'privacy.erased.company' : 'privacy.erased.person'),
  });
}

/**
 * Erase, once the question is answered. The answer replaces the question when the erasure is done within
 * `erasureForeground.ms`; a longer one (a company with many persons and visits) goes on in the background: the
 * question says so, and a DM message follows its steps to "Erased". Refusals change nothing and say why.
 */
export async function runErasure(args: ButtonArgs, contactId: unknown): Promise<void> {
  const { client, logger } = args;
  const workspaceId = workspaceIdOf(args);
  const tr = trOf(args);
  const userId = args.body.user.id;
  const actor = slackActor(client, workspaceId, userId);
  let progress: ProgressMessage | undefined;
  // Read before the erasure can remove the contact: the background messages name it.
  let no = (await privacyContactNo(workspaceId, contactId)) ?? '';
  let last = { done: 0, total: 0 };
  const erasing = erasePerson(workspaceId, contactId, actor, {
    onProgress: async (done, total) => {
      last = { done, total };
      await progress?.update(tr.t('privacy.erase.progress', { no, done, total }));
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), erasureForeground.ms);
  });
  const first = await Promise.race([erasing.catch(() => 'failed' as const), late]);
  clearTimeout(timer);
  if (first !== 'late') {
    if (first !== 'failed') {
      if (first.status === 'erased') refreshHomes(args, [userId]);
      return answer(args, textOf(tr, first));
    }
    const error = await erasing.catch((e: Error) => e);
    logger.error(`Erasure in ${workspaceId} failed: ${(error as Error).message}`);
    no ||= (await erasureNoOf(workspaceId, contactId).catch(() => undefined)) ?? '';
    return answer(args, tr.t('privacy.erase.failed', { no }));
  }
  // Still running: the contact is hidden already; the rest is told in the DM.
  no ||= (await erasureNoOf(workspaceId, contactId)) ?? '';
  await answer(args, tr.t('privacy.erase.background', { no }));
  const channel = await openDm(client, logger, userId);
  if (channel) {
    progress = new ProgressMessage(client, logger, channel);
    await progress
      .post(tr.t('privacy.erase.progress', { no, done: last.done, total: last.total || 1 }))
      .catch(() => undefined);
  }
  let result: EraseResult | Error;
  try {
    result = await erasing;
  } catch (error) {
    result = error as Error;
  }
  const text = result instanceof Error ? tr.t('privacy.erase.failed', { no }) : textOf(tr, result);
  if (result instanceof Error) logger.error(`Erasure in ${workspaceId} failed: ${result.message}`);
  if (progress) await progress.replace(text);
  else await tell(args, text, { triggerSpent: true });
  refreshHomes(args, [userId]);
}

const textOf = (tr: Translator, result: EraseResult): string =>
  result.status === 'erased' ? erasedText(tr, result) : refusalText(tr, result);
