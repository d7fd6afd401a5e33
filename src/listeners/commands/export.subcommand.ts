import path from 'node:path';
import type { Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Translator } from '../../i18n';
import { withExportDirectory } from '../../services/export/export-directory';
import { acquireExportLock, type ExportLock, type ExportLockResult } from '../../services/export/export-lock.service';
import {
  countWorkspaceData,
  exportFileNames,
  writeContactsCsv,
  writeOpportunitiesCsv,
  writeVisitsCsv,
} from '../../services/export/workspace-export.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { todayIn } from '../../services/calendar';
import { failureTextKey } from '../../slack/failure-text';
import { shareFilesFromDisk } from '../../slack/file-upload';
import { slackTime } from '../../views/contact/text';
import { mention, mentions } from '../../views/setup/setup-mentions';
import { trOf, workspaceIdOf } from '../frame';
import type { CommandArgs, Subcommand } from './subcommands';

/** How often the progress message may change: Slack rate-limits chat.update, and people read slower than that. */
export const exportProgress = { minIntervalMs: 2_000 };

/**
 * `/contact export`: admins get the workspace's contacts, visits and sales opportunities as three CSV files in their DM with Kontakt,
 * with a progress message that follows the export; everyone else is told who can export. One export per
 * workspace at a time (across app instances): a second is told who started the running one, and nothing starts.
 */
export const exportSubcommand: Subcommand = {
  name: 'export',
  aliases: ['eksport', 'csv'],
  usage: 'help.usage.export',
  description: 'help.sub.export',
  run: async (args) => {
    await args.ack();
    const workspaceId = workspaceIdOf(args);
    const tr = trOf(args);
    const userId = args.command.user_id;
    let day: string;
    let taken: ExportLockResult;
    try {
      const setup = await getWorkspaceSetup(workspaceId);
      const roles = await rolesOf(args.client, workspaceId, userId, setup);
      if (!roles.isAdmin) {
        const admins = mentions(setup.roles.admins);
        await args.respond({
          response_type: 'ephemeral',
          text: admins === '' ? tr.t('export.refused.noAdmins') : tr.t('export.refused.admins', { admins }),
        });
        return;
      }
      day = todayIn((await getUserProfile(args.client, workspaceId, userId)).tz);
      taken = await acquireExportLock(workspaceId, userId, {
        onRenewalProblem: (problem) => args.logger.warn(`Export for ${workspaceId}: ${problem}`),
      });
    } catch (error) {
      args.logger.warn(`Starting an export failed: ${(error as Error).message}`);
      await args.respond({ response_type: 'ephemeral', text: tr.t(failureTextKey(error)) }).catch(() => undefined);
      return;
    }
    if (taken.status === 'busy') {
      const time = slackTime(taken.startedAt);
      const text =
        taken.userId === userId
          ? tr.t('export.busy.self', { time })
          : tr.t('export.busy.other', { user: mention(taken.userId), time });
      await args.respond({ response_type: 'ephemeral', text }).catch(() => undefined);
      return;
    }
    await runLocked(args, tr, taken.lock, workspaceId, userId, day);
  },
};

/**
 * The export under the workspace's lock. The lock is released before the last word to the admin ("Done", or what
 * failed), so someone who reads it and runs the command again is not refused; and in any case when the export
 * ends (a process that dies leaves it to expire).
 */
async function runLocked(
  args: CommandArgs,
  tr: Translator,
  lock: ExportLock,
  workspaceId: string,
  userId: string,
  day: string,
): Promise<void> {
  let released: Promise<void> | undefined;
  const release = (): Promise<void> =>
    (released ??= lock
      .release()
      .catch((error: Error) =>
        args.logger.warn(
          `Export for ${workspaceId}: releasing the lock failed (it expires by itself): ${error.message}`,
        ),
      ));
  try {
    await args.respond({ response_type: 'ephemeral', text: tr.t('export.started') }).catch(() => undefined);
    await runExport(args, tr, workspaceId, userId, day, release);
  } finally {
    await release();
  }
}

/**
 * The export itself, after the ack: the DM, a progress message kept up to date, both files written to a temporary
 * directory and shared in one message (files.getUploadURLExternal → upload → files.completeUploadExternal), then
 * "Done". If anything fails the progress message is replaced by the failure, so the DM never says "Exporting…"
 * forever, and the admin hears it in the channel they typed the command in too. The directory goes either way;
 * `release` frees the workspace's export lock before the last message.
 */
async function runExport(
  args: CommandArgs,
  tr: Translator,
  workspaceId: string,
  userId: string,
  day: string,
  release: () => Promise<void>,
): Promise<void> {
  const { client, logger } = args;
  /** Counts as the reader writes them ("1 250" in Norwegian). */
  const count = (n: number): string => tr.number(n);
  let channel: string | undefined;
  try {
    channel = (await client.conversations.open({ users: userId })).channel?.id;
  } catch (error) {
    logger.warn(`Export: opening the DM failed: ${(error as Error).message}`);
  }
  if (!channel) {
    await release();
    await args.respond({ response_type: 'ephemeral', text: tr.t('export.failedDm') }).catch(() => undefined);
    return;
  }

  const progress = new ProgressMessage(client, logger, channel);
  let numbers: { contacts: string; visits: string; opportunities: string };
  try {
    const totals = await countWorkspaceData(workspaceId);
    await progress.post(tr.t('export.progress.contacts', { done: count(0), total: count(totals.contacts) }));
    // The rows go to files on disk as they are read, and from there to Slack: memory holds a batch, not the book.
    numbers = await withExportDirectory(async (dir) => {
      const names = exportFileNames(workspaceId, day);
      const contacts = await writeContactsCsv(workspaceId, path.join(dir, names.contacts), {
        tr,
        total: totals.contacts,
        onProgress: (done, total) =>
          progress.update(tr.t('export.progress.contacts', { done: count(done), total: count(total) })),
      });
      const visits = await writeVisitsCsv(workspaceId, path.join(dir, names.visits), {
        tr,
        total: totals.visits,
        onProgress: (done, total) =>
          progress.update(
            tr.t('export.progress.visits', { contacts: count(contacts.rows), done: count(done), total: count(total) }),
          ),
      });
      const opportunities = await writeOpportunitiesCsv(workspaceId, path.join(dir, names.opportunities), {
        tr,
        total: totals.opportunities,
        onProgress: (done, total) =>
          progress.update(
            tr.t('export.progress.opportunities', {
              contacts: count(contacts.rows),
              visits: count(visits.rows),
              done: count(done),
              total: count(total),
            }),
          ),
      });
      const written = {
        contacts: tr.count(contacts.rows, 'contact'),
        visits: tr.count(visits.rows, 'visit'),
        opportunities: tr.count(opportunities.rows, 'opportunity'),
      };
      await progress.update(tr.t('export.progress.uploading', written), { force: true });
      await shareFilesFromDisk(
        uploadClient(client, args.context.botToken),
        {
          channelId: channel,
          initialComment: tr.t('export.files.comment', written),
          files: [
            { path: contacts.path, filename: contacts.filename, title: contacts.filename },
            { path: visits.path, filename: visits.filename, title: visits.filename },
            { path: opportunities.path, filename: opportunities.filename, title: opportunities.filename },
          ],
        },
        { uploadIdleTimeoutMs: UPLOAD_IDLE_TIMEOUT_MS },
      );
      return written;
    });
  } catch (error) {
    logger.error(`Export for ${workspaceId} failed: ${(error as Error).message}`);
    await release();
    await progress.replace(tr.t('export.failed'));
    await args.respond({ response_type: 'ephemeral', text: tr.t('export.failed') }).catch(() => undefined);
    return;
  }
  await release();
  // The files are shared: a failed "Done" update is only logged (the files' own comment already says it all).
  await progress.update(tr.t('export.done', numbers), { force: true });
}

/** Uploads may take longer than the time limit for interactive calls: a client of their own, same token. */
export function uploadClient(client: WebClient, botToken: string | undefined): WebClient {
  return new WebClient(botToken, { slackApiUrl: client.slackApiUrl, timeout: 120_000, retryConfig: { retries: 2 } });
}

/** How long an upload may stall before it counts as failed. */
export const UPLOAD_IDLE_TIMEOUT_MS = 120_000;

/**
 * One DM message that reports progress: posted once, then updated at most every `exportProgress.minIntervalMs`
 * (shared by the workspace export and the per-person export and erasure, listeners/shared/privacy.ts).
 */
export class ProgressMessage {
  private ts: string | undefined;
  private lastUpdate = 0;

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    private readonly channel: string,
  ) {}

  async post(text: string): Promise<void> {
    const posted = await this.client.chat.postMessage({ channel: this.channel, text });
    this.ts = posted.ts;
    this.lastUpdate = Date.now();
  }

  /** Best effort: a missed progress update is logged, never fatal. `force` skips the interval. */
  async update(text: string, options: { force?: boolean } = {}): Promise<void> {
    if (!this.ts) return;
    if (!options.force && Date.now() - this.lastUpdate < exportProgress.minIntervalMs) return;
    this.lastUpdate = Date.now();
    try {
      await this.client.chat.update({ channel: this.channel, ts: this.ts, text });
    } catch (error) {
      this.logger.warn(`Export: updating the progress message failed: ${(error as Error).message}`);
    }
  }

  /** The progress message becomes `text` (or, if it was never posted, `text` is posted). Never throws. */
  async replace(text: string): Promise<void> {
    const sent = this.ts
      ? this.client.chat.update({ channel: this.channel, ts: this.ts, text })
      : this.client.chat.postMessage({ channel: this.channel, text });
    await sent.catch((error: Error) =>
      this.logger.warn(`Export: reporting the failure in the DM failed: ${error.message}`),
    );
  }
}
