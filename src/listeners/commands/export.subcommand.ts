import type { Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { countOf, t } from '../../i18n';
import { rolesOf } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { todayIn } from '../../services/calendar';
import {
  countWorkspaceData,
  exportContactsCsv,
  exportFileNames,
  exportVisitsCsv,
} from '../../services/export/workspace-export.service';
import { failureTextKey } from '../../slack/failure-text';
import { mentions } from '../../views/setup/setup-mentions';
import { workspaceIdOf } from '../frame';
import type { CommandArgs, Subcommand } from './subcommands';

/** How often the progress message may change: Slack rate-limits chat.update, and people read slower than that. */
export const exportProgress = { minIntervalMs: 2_000 };

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * `/contact export`: admins get the workspace's contacts and visits as two CSV files in their DM with Kontakt,
 * with a progress message that follows the export; everyone else is told who can export.
 */
export const exportSubcommand: Subcommand = {
  name: 'export',
  aliases: ['eksport', 'csv'],
  usage: '/contact export',
  description: 'help.sub.export',
  run: async (args) => {
    await args.ack();
    const workspaceId = workspaceIdOf(args);
    const userId = args.command.user_id;
    let day: string;
    try {
      const setup = await getWorkspaceSetup(workspaceId);
      const roles = await rolesOf(args.client, workspaceId, userId, setup);
      if (!roles.isAdmin) {
        const admins = mentions(setup.roles.admins);
        await args.respond({
          response_type: 'ephemeral',
          text: admins === '' ? t('export.refused.noAdmins') : t('export.refused.admins', { admins }),
        });
        return;
      }
      day = todayIn((await getUserProfile(args.client, workspaceId, userId)).tz);
    } catch (error) {
      args.logger.warn(`Starting an export failed: ${(error as Error).message}`);
      await args.respond({ response_type: 'ephemeral', text: t(failureTextKey(error)) }).catch(() => undefined);
      return;
    }
    await args.respond({ response_type: 'ephemeral', text: t('export.started') }).catch(() => undefined);
    await runExport(args, workspaceId, userId, day);
  },
};

/**
 * The export itself, after the ack: the DM, a progress message kept up to date, both files shared in one upload
 * (files.getUploadURLExternal → upload → files.completeUploadExternal), then "Done". If anything fails the progress
 * message is replaced by the failure, so the DM never says "Exporting…" forever, and the admin hears it in the
 * channel they typed the command in too.
 */
async function runExport(args: CommandArgs, workspaceId: string, userId: string, day: string): Promise<void> {
  const { client, logger } = args;
  let channel: string | undefined;
  try {
    channel = (await client.conversations.open({ users: userId })).channel?.id;
  } catch (error) {
    logger.warn(`Export: opening the DM failed: ${(error as Error).message}`);
  }
  if (!channel) {
    await args.respond({ response_type: 'ephemeral', text: t('export.failedDm') }).catch(() => undefined);
    return;
  }

  const progress = new ProgressMessage(client, logger, channel);
  let numbers: { contacts: string; visits: string };
  try {
    const totals = await countWorkspaceData(workspaceId);
    await progress.post(t('export.progress.contacts', { done: 0, total: count(totals.contacts) }));
    const contacts = await exportContactsCsv(workspaceId, {
      onProgress: (done, total) =>
        progress.update(t('export.progress.contacts', { done: count(done), total: count(total) })),
    });
    const visits = await exportVisitsCsv(workspaceId, {
      onProgress: (done, total) =>
        progress.update(
          t('export.progress.visits', { contacts: count(contacts.rows), done: count(done), total: count(total) }),
        ),
    });
    numbers = { contacts: countOf(contacts.rows, 'contact'), visits: countOf(visits.rows, 'visit') };
    await progress.update(t('export.progress.uploading', numbers), { force: true });
    const names = exportFileNames(workspaceId, day);
    // Uploads may take longer than the time limit for interactive calls: a client of their own, same token.
    const uploader = new WebClient(args.context.botToken, {
      slackApiUrl: client.slackApiUrl,
      timeout: 120_000,
      retryConfig: { retries: 2 },
    });
    await uploader.files.uploadV2({
      channel_id: channel,
      initial_comment: t('export.files.comment', numbers),
      file_uploads: [
        { file: contacts.bytes, filename: names.contacts, title: names.contacts },
        { file: visits.bytes, filename: names.visits, title: names.visits },
      ],
    });
  } catch (error) {
    logger.error(`Export for ${workspaceId} failed: ${(error as Error).message}`);
    await progress.replace(t('export.failed'));
    await args.respond({ response_type: 'ephemeral', text: t('export.failed') }).catch(() => undefined);
    return;
  }
  // The files are shared: a failed "Done" update is only logged (the files' own comment already says it all).
  await progress.update(t('export.done', numbers), { force: true });
}

/** One DM message that reports progress: posted once, then updated at most every `exportProgress.minIntervalMs`. */
class ProgressMessage {
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
