import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { t } from '../../i18n';
import { parseSetupSection, setupErrorsToBlockErrors } from '../../schemas/setup-section';
import { decodeMetadata, setupMetadataSchema } from '../../schemas/view-metadata';
import { rebuildStaleDuplicateKeys } from '../../services/contacts/duplicate-regeneration.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getWorkspaceSetup, saveSetupSection } from '../../services/setup/setup.service';
import type { WorkspaceSetup } from '../../services/setup/setup.types';
import { workspaceOf } from '../../services/workspace';
import { schedulerOf } from '../../jobs/context';
import { getUserProfile } from '../../services/people/user-directory';
import { setupRefusedMessage } from '../../views/setup/setup-refused.message';
import { buildSetupHome } from '../shared/setup-views';
import type { ViewArgs } from './contact-modal.submit';

/**
 * Save of one setup section. The admin check is repeated here: a crafted view_submission from a non-admin, or
 * from another workspace, changes nothing. A save based on an older setup version is refused, not merged.
 */
export async function submitSetupSection({ ack, body, view, client, context, logger }: ViewArgs): Promise<void> {
  const userId = body.user.id;
  const metadata = decodeMetadata(setupMetadataSchema, view.private_metadata);
  // view.blocks is Slack's, but a forged payload may carry anything there.
  const blocks: { type?: string; block_id?: string }[] = Array.isArray(view.blocks) ? view.blocks : [];
  const firstBlock = blocks.find((b) => b?.type === 'input')?.block_id ?? 'setup';
  const fail = (text: string) => ack({ response_action: 'errors', errors: { [firstBlock]: text } });
  let saved: WorkspaceSetup;
  let duplicateKeysStale: boolean;
  let workspaceId: string;
  try {
    workspaceId = workspaceOf(context);
    if (!metadata?.section || metadata.workspaceId !== workspaceId) return void (await fail(t('setup.error.stale')));
    const setup = await getWorkspaceSetup(workspaceId);
    if (!(await rolesOf(client, workspaceId, userId, setup)).isAdmin) {
      return void (await fail(setupRefusedMessage({ admins: setup.roles.admins }).text));
    }
    const parsed = parseSetupSection(metadata.section, view.state.values, { setup });
    if (!parsed.ok) return void (await ack({ response_action: 'errors', errors: parsed.errors }));
    const result = await saveSetupSection({
      workspaceId,
      userId,
      section: metadata.section,
      version: metadata.version,
      patch: parsed.patch,
    });
    if (result.status === 'conflict') return void (await fail(t('setup.error.conflict')));
    if (result.status === 'invalid') {
      return void (await ack({
        response_action: 'errors',
        errors: setupErrorsToBlockErrors(metadata.section, result.errors),
      }));
    }
    saved = result.setup;
    duplicateKeysStale = result.duplicateKeysStale;
  } catch (error) {
    logger.error(`Saving setup failed: ${(error as Error).message}`);
    return void (await fail(t('error.tryAgain')));
  }
  // Closing this form returns the admin to the summary, which is redrawn with what was just saved.
  await ack();
  if (view.root_view_id) {
    await client.views
      .update({ view_id: view.root_view_id, view: await buildSetupHome(workspaceId, saved) })
      .catch((error: Error) => logger.warn(`Refreshing the setup summary failed: ${error.message}`));
  }
  if (metadata.section === 'digest' || metadata.section === 'roles') {
    // The digest's schedule follows setup: on, off, another day or time, new managers.
    const adminZone = (await getUserProfile(client, workspaceId, userId).catch(() => undefined))?.tz;
    await schedulerOf(context)
      .scheduleDigest(workspaceId, saved, adminZone)
      .catch((error: Error) => logger.error(`Rescheduling the weekly digest failed: ${error.message}`));
  }
  if (duplicateKeysStale) await regenerateWithProgress(client, logger, workspaceId, userId);
}

/**
 * Rebuilds companies' duplicate strings in the background, keeping the admin posted in a DM that updates. One
 * that stops part-way is finished by the next save or by the repair job (setup records what they are built for).
 */
async function regenerateWithProgress(
  client: WebClient,
  logger: Logger,
  workspaceId: string,
  userId: string,
): Promise<void> {
  try {
    const started = await client.chat.postMessage({ channel: userId, text: t('setup.regenerate.started') });
    const channel = started.channel ?? userId;
    const ts = started.ts;
    let lastUpdate = 0;
    const count = await rebuildStaleDuplicateKeys(workspaceId, async (done, total) => {
      if (!ts || (Date.now() - lastUpdate < 2_000 && done < total)) return;
      lastUpdate = Date.now();
      await client.chat
        .update({ channel, ts, text: t('setup.regenerate.progress', { done, total }) })
        .catch(() => undefined);
    });
    const text = t('setup.regenerate.done', { count: count ?? 0 });
    if (ts) await client.chat.update({ channel, ts, text });
    else await client.chat.postMessage({ channel: userId, text });
  } catch (error) {
    logger.error(`Regenerating duplicate search strings failed: ${(error as Error).message}`);
    await client.chat.postMessage({ channel: userId, text: t('setup.regenerate.failed') }).catch(() => undefined);
  }
}
