import type { WebClient } from '@slack/web-api';
import { ids } from '../../ids';
import { parseCycle, parseOppSetupSection } from '../../schemas/setup/opportunity-setup-form';
import { decodeMetadata, oppSetupMetadataSchema } from '../../schemas/view-metadata';
import { rolesOf } from '../../services/people/permissions.service';
import { saveOpportunitySetup } from '../../services/opportunities/opportunity-setup-save.service';
import { getOpportunitySetup } from '../../services/opportunities/opportunity-setup.service';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { escapeMrkdwn, userText } from '../../views/contact/text';
import { noticeModal } from '../../views/notice.modal';
import { setupRefusedMessage } from '../../views/setup/setup-refused.message';
import { buildOppSetupSection } from '../shared/opportunity-setup-views';
import { buildSetupHome } from '../shared/setup-views';
import { errorsAck, guardedSubmit, kontaktOf, trOf, type Submitted, type ViewAck, type ViewArgs } from '../frame';

const blocks = ids.oppSetupField;

/** Where the service's errors go in each form; the rest go on the form's first input. */
const blockOfError: Record<string, string> = {
  nextNo: blocks.nextNo,
  defaultCycle: blocks.defaultCycle,
  stages: blocks.cycleStages,
  cycle: blocks.cycleCode,
};

function toBlocks(errors: Record<string, string>, shown: string[], first: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, text] of Object.entries(errors)) {
    const block = shown.includes(blockOfError[key] ?? '') ? (blockOfError[key] as string) : first;
    result[block] = result[block] ? `${result[block]} ${text}` : text;
  }
  return result;
}

/** Whether Kontakt is in the channel: Slack's is_member; a channel it cannot see at all counts as not. */
async function isMember(client: WebClient, channel: string): Promise<boolean | undefined> {
  try {
    const info = await client.conversations.info({ channel });
    return (info.channel as { is_member?: boolean } | undefined)?.is_member;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    return code === 'channel_not_found' || code === 'not_in_channel' ? false : undefined;
  }
}

type ViewBlocks = { type?: string; block_id?: string }[];

/**
 * Save of a sales-opportunity section (close codes, opportunities, deal news; the cycles' Done). The admin check is
 * repeated; a form drawn from an older opportunity setup is refused, not merged. A deal-news channel Kontakt is not
 * in is saved, and the form stays open saying so and how to add Kontakt.
 */
export function submitOppSetupSection(args: ViewArgs): Promise<void> {
  const { body, view, client, logger } = args;
  const viewBlocks: ViewBlocks = Array.isArray(view.blocks) ? view.blocks : [];
  const inputs = viewBlocks.filter((b) => b?.type === 'input').map((b) => b.block_id ?? '');
  const firstBlock = inputs[0];
  const tr = trOf(args);
  const answer = (text: string): ViewAck =>
    firstBlock
      ? { response_action: 'errors', errors: { [firstBlock]: text } }
      : { response_action: 'update', view: noticeModal({ title: tr.t('setup.home.title'), text }) };
  const fail = (text: string): Submitted => ({ ack: answer(text) });
  return guardedSubmit(args, 'Saving sales-opportunity setup', answer, async () => {
    const userId = body.user.id;
    const { workspaceId, register } = kontaktOf(args.context);
    const metadata = decodeMetadata(oppSetupMetadataSchema, view.private_metadata);
    if (!metadata || metadata.workspaceId !== workspaceId) return fail(tr.t('setup.error.stale'));
    const workspaceSetup = await getWorkspaceSetup(workspaceId);
    if (!(await rolesOf(client, workspaceId, userId, workspaceSetup)).isAdmin)
      return fail(setupRefusedMessage(tr, { admins: workspaceSetup.roles.admins }).text);
    const { section } = metadata;
    const setup = await getOpportunitySetup(workspaceId);
    const parsed = parseOppSetupSection(section, view.state.values, { setup, tr });
    if (!parsed.ok) return errorsAck(parsed.errors);
    const result = await saveOpportunitySetup({
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
        ? errorsAck(toBlocks(result.errors, inputs, firstBlock))
        : fail(Object.values(result.errors).join(' '));
    const saved = result.setup;
    const refreshHome = async () => {
      if (view.root_view_id)
        await client.views
          .update({ view_id: view.root_view_id, view: await buildSetupHome(tr, workspaceId, register.enabled) })
          .catch((error: Error) => logger.warn(`Refreshing the setup summary failed: ${error.message}`));
    };
    const channel = section === 'dealNews' ? saved.news.channelId : undefined;
    if (channel && (await isMember(client, channel)) === false) {
      // Saved: the posts start once Kontakt is added. The form stays, saying so and how.
      const warning = tr.t('oppSetup.news.notMember', { channel: `<#${channel}>` });
      return {
        ack: {
          response_action: 'update',
          view: await buildOppSetupSection(tr, workspaceId, section, { setup: saved, warning }),
        },
        after: refreshHome,
      };
    }
    return { after: refreshHome };
  });
}

/**
 * Save of one sales cycle (added or edited): every field checked in one round, the admin check repeated, the code
 * kept unique, then the cycles saved against the version the modal was drawn from — refused, naming the deals,
 * when it takes away a stage open opportunities sit in. Closing shows the list again, redrawn.
 */
export function submitSalesCycle(args: ViewArgs): Promise<void> {
  const { body, view, client, logger } = args;
  const tr = trOf(args);
  const codeBlock = blocks.cycleCode;
  const fail = (text: string) => errorsAck({ [codeBlock]: text });
  return guardedSubmit(args, 'Saving a sales cycle', codeBlock, async () => {
    const userId = body.user.id;
    const { workspaceId, register } = kontaktOf(args.context);
    const metadata = decodeMetadata(oppSetupMetadataSchema, view.private_metadata);
    if (!metadata?.listViewId || metadata.workspaceId !== workspaceId) return fail(tr.t('setup.error.stale'));
    const workspaceSetup = await getWorkspaceSetup(workspaceId);
    if (!(await rolesOf(client, workspaceId, userId, workspaceSetup)).isAdmin)
      return fail(setupRefusedMessage(tr, { admins: workspaceSetup.roles.admins }).text);
    const setup = await getOpportunitySetup(workspaceId);
    const index = metadata.code === undefined ? -1 : setup.cycles.findIndex((c) => c.code === metadata.code);
    if (metadata.code !== undefined && index < 0) return fail(tr.t('oppSetup.cycles.gone', { code: metadata.code }));
    const others = setup.cycles.filter((_, i) => i !== index);
    const parsed = parseCycle(view.state.values, { others, tr });
    if (!parsed.ok) return errorsAck(parsed.errors);
    const cycles = [...setup.cycles];
    if (index < 0) cycles.push(parsed.cycle);
    else cycles[index] = parsed.cycle;
    // A renamed default cycle stays the default.
    const renamedDefault = index >= 0 && setup.cycles[index]?.code === setup.defaultCycle;
    const result = await saveOpportunitySetup({
      workspaceId,
      userId,
      section: 'salesCycles',
      version: metadata.version,
      patch: { cycles, ...(renamedDefault ? { defaultCycle: parsed.cycle.code } : {}) },
      tr,
    });
    if (result.status === 'conflict') return fail(tr.t('setup.error.conflict'));
    if (result.status === 'invalid')
      return errorsAck(toBlocks(result.errors, [codeBlock, blocks.cycleStages], codeBlock));
    const note = tr.t('oppSetup.cycles.saved', {
      code: escapeMrkdwn(parsed.cycle.code),
      description: userText(parsed.cycle.description, 60),
    });
    return {
      after: async () => {
        await client.views
          .update({
            view_id: metadata.listViewId as string,
            view: await buildOppSetupSection(tr, workspaceId, 'salesCycles', { setup: result.setup, note }),
          })
          .catch((error: Error) => logger.warn(`Refreshing the list of cycles failed: ${error.message}`));
        if (view.root_view_id)
          await client.views
            .update({ view_id: view.root_view_id, view: await buildSetupHome(tr, workspaceId, register.enabled) })
            .catch((error: Error) => logger.warn(`Refreshing the setup summary failed: ${error.message}`));
      },
    };
  });
}
