import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { parseSetupSection, setupErrorsToBlockErrors } from '../../schemas/setup/setup-section';
import { decodeMetadata, setupMetadataSchema } from '../../schemas/view-metadata';
import { rebuildStaleDuplicateKeys } from '../../services/contacts/duplicate-regeneration.service';
import { rebuildDuplicateCandidates } from '../../services/contacts/duplicate-scan.service';
import { translatorForRecipient } from '../../services/language/language.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getWorkspaceSetup, saveSetupSection } from '../../services/setup/setup.service';
import { getUserProfile } from '../../services/people/user-directory';
import { setupRefusedMessage } from '../../views/setup/setup-refused.message';
import { buildSetupHome } from '../shared/setup-views';
import { noticeModal } from '../../views/notice.modal';
import { errorsAck, guardedSubmit, kontaktOf, trOf, type Submitted, type ViewAck, type ViewArgs } from '../frame';

/**
 * Save of one setup section. The admin check is repeated here: a crafted view_submission from a non-admin, or
 * from another workspace, changes nothing. A save based on an older setup version is refused, not merged.
 */
export function submitSetupSection(args: ViewArgs): Promise<void> {
  const { body, view, client, logger } = args;
  // view.blocks is Slack's, but a forged payload may carry anything there.
  const blocks: { type?: string; block_id?: string }[] = Array.isArray(view.blocks) ? view.blocks : [];
  const firstBlock = blocks.find((b) => b?.type === 'input')?.block_id;
  const tr = trOf(args);
  // A view without inputs (the list of interaction types) cannot show an inline error: it shows the notice instead.
  const answer = (text: string): ViewAck =>
    firstBlock
      ? { response_action: 'errors', errors: { [firstBlock]: text } }
      : { response_action: 'update', view: noticeModal({ title: tr.t('setup.home.title'), text }) };
  const fail = (text: string): Submitted => ({ ack: answer(text) });
  return guardedSubmit(args, 'Saving setup', answer, async () => {
    const userId = body.user.id;
    const { workspaceId, scheduler, register } = kontaktOf(args.context);
    const metadata = decodeMetadata(setupMetadataSchema, view.private_metadata);
    if (!metadata?.section || metadata.workspaceId !== workspaceId) return fail(tr.t('setup.error.stale'));
    const section = metadata.section;
    const setup = await getWorkspaceSetup(workspaceId);
    if (!(await rolesOf(client, workspaceId, userId, setup)).isAdmin) {
      return fail(setupRefusedMessage(tr, { admins: setup.roles.admins }).text);
    }
    const parsed = parseSetupSection(section, view.state.values, { setup, tr });
    if (!parsed.ok) return firstBlock ? errorsAck(parsed.errors) : fail(Object.values(parsed.errors).join(' '));
    const result = await saveSetupSection({
      workspaceId,
      userId,
      section,
      version: metadata.version,
      patch: parsed.patch,
      tr,
    });
    if (result.status === 'conflict') return fail(tr.t('setup.error.conflict'));
    if (result.status === 'invalid')
      return firstBlock
        ? errorsAck(setupErrorsToBlockErrors(section, result.errors))
        : fail(Object.values(result.errors).join(' '));
    const saved = result.setup;
    // Closing this form returns the admin to the summary, which is redrawn with what was just saved.
    return {
      after: async () => {
        if (view.root_view_id) {
          await client.views
            .update({
              view_id: view.root_view_id,
              view: await buildSetupHome(tr, workspaceId, register.enabled, saved),
            })
            .catch((error: Error) => logger.warn(`Refreshing the setup summary failed: ${error.message}`));
        }
        if (section === 'digest' || section === 'roles') {
          // The digest's schedule follows setup: on, off, another day or time, new managers.
          const adminZone = (await getUserProfile(client, workspaceId, userId).catch(() => undefined))?.tz;
          await scheduler
            .scheduleDigest(workspaceId, saved, adminZone)
            .catch((error: Error) => logger.error(`Rescheduling the weekly digest failed: ${error.message}`));
        }
        if (result.duplicateKeysStale) await regenerateWithProgress(client, logger, workspaceId, userId);
        // The possible duplicates follow the rules (search strings, hit %): rebuilt, after the strings are.
        if (section === 'duplicates')
          await rebuildDuplicateCandidates(workspaceId).catch((error: Error) =>
            logger.error(`Rebuilding the possible duplicates failed: ${error.message}`),
          );
      },
    };
  });
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
  // A DM to the admin, in their language as it is after this save (it may have changed the workspace's).
  // (A failed read of the language falls back to the workspace's, then English: this never throws.)
  const tr = await translatorForRecipient(workspaceId, { userId });
  try {
    const started = await client.chat.postMessage({ channel: userId, text: tr.t('setup.regenerate.started') });
    const channel = started.channel ?? userId;
    const ts = started.ts;
    let lastUpdate = 0;
    const count = await rebuildStaleDuplicateKeys(workspaceId, async (done, total) => {
      if (!ts || (Date.now() - lastUpdate < 2_000 && done < total)) return;
      lastUpdate = Date.now();
      await client.chat
        .update({ channel, ts, text: tr.t('setup.regenerate.progress', { done, total }) })
        .catch(() => undefined);
    });
    const text = tr.t('setup.regenerate.done', { count: count ?? 0 });
    if (ts) await client.chat.update({ channel, ts, text });
    else await client.chat.postMessage({ channel: userId, text });
  } catch (error) {
    logger.error(`Regenerating duplicate search strings failed: ${(error as Error).message}`);
    await client.chat.postMessage({ channel: userId, text: tr.t('setup.regenerate.failed') }).catch(() => undefined);
  }
}
