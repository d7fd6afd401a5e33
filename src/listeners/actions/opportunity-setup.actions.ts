import { decodeMetadata, oppSetupMetadataSchema, setupMetadataSchema } from '../../schemas/view-metadata';
import { oppSetupLimits } from '../../schemas/setup/opportunity-setup-form';
import { rolesOf } from '../../services/people/permissions.service';
import { saveOpportunitySetup } from '../../services/opportunities/opportunity-setup-save.service';
import { oppSetupSections } from '../../services/opportunities/opportunity-setup.sections';
import { getOpportunitySetup } from '../../services/opportunities/opportunity-setup.service';
import type { OpportunitySetup } from '../../services/opportunities/opportunity.types';
import { escapeMrkdwn, userText } from '../../views/contact/text';
import { noticeModal } from '../../views/notice.modal';
import { buildSetupHome } from '../shared/setup-views';
import { buildCycleModal, buildOppSetupSection } from '../shared/opportunity-setup-views';
import { guarded, kontaktOf, trOf, workspaceIdOf, type ButtonArgs, type OverflowArgs } from '../frame';

type Click = ButtonArgs | OverflowArgs;

/** Admin check for clicks in the setup modals (the summary's or a section's metadata names the workspace). */
async function adminOnly(args: Click): Promise<string | undefined> {
  const workspaceId = workspaceIdOf(args);
  const raw = args.body.view?.private_metadata;
  const metadata = decodeMetadata(oppSetupMetadataSchema, raw) ?? decodeMetadata(setupMetadataSchema, raw);
  const allowed =
    metadata?.workspaceId === workspaceId && (await rolesOf(args.client, workspaceId, args.body.user.id)).isAdmin;
  return allowed ? workspaceId : undefined;
}

async function refuse(args: Click): Promise<void> {
  const view = args.body.view;
  const tr = trOf(args);
  if (view)
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: noticeModal({ title: tr.t('setup.home.title'), text: tr.t('setup.refusedInModal') }),
    });
}

/** "Edit" on a sales-opportunity section of the setup summary: pushes that section's form. */
export function openOppSetupSection(args: ButtonArgs): Promise<void> {
  return guarded(args, 'Opening a sales-opportunity setup section', async () => {
    const section = oppSetupSections.find((candidate) => candidate === args.action.value);
    const workspaceId = await adminOnly(args);
    if (!workspaceId || !section) return refuse(args);
    await args.client.views.push({
      trigger_id: args.body.trigger_id,
      view: await buildOppSetupSection(trOf(args), workspaceId, section),
    });
  });
}

async function redrawCycles(args: Click, workspaceId: string, setup: OpportunitySetup, note?: string) {
  const view = args.body.view;
  if (!view) return;
  await args.client.views.update({
    view_id: view.id,
    view: await buildOppSetupSection(trOf(args), workspaceId, 'salesCycles', { setup, note }),
  });
}

/** "Add cycle" under the list: pushes an empty cycle modal. */
export function addSalesCycle(args: ButtonArgs): Promise<void> {
  return guarded(args, 'Adding a sales cycle', async () => {
    const workspaceId = await adminOnly(args);
    const view = args.body.view;
    if (!workspaceId || !view) return refuse(args);
    const setup = await getOpportunitySetup(workspaceId);
    if (setup.cycles.length >= oppSetupLimits.cyclesMax) return redrawCycles(args, workspaceId, setup);
    await args.client.views.push({
      trigger_id: args.body.trigger_id,
      view: buildCycleModal(trOf(args), workspaceId, setup, view.id),
    });
  });
}

/**
 * The ⋯ menu of one cycle: Edit pushes its modal; Remove saves the list without it at once — refused (and said
 * why) when it is the default cycle, the last one, or open opportunities use it. The code is looked up again.
 */
export function salesCycleMenu(args: OverflowArgs): Promise<void> {
  return guarded(args, 'Changing a sales cycle', async () => {
    const workspaceId = await adminOnly(args);
    const view = args.body.view;
    if (!workspaceId || !view) return refuse(args);
    const tr = trOf(args);
    const [verb, code = ''] = (args.action.selected_option?.value ?? '').split(/:(.*)/s);
    const setup = await getOpportunitySetup(workspaceId);
    const cycle = setup.cycles.find((candidate) => candidate.code === code);
    const shown = escapeMrkdwn(userText(code, 10));
    if (!cycle) return redrawCycles(args, workspaceId, setup, tr.t('oppSetup.cycles.gone', { code: shown }));
    if (verb === 'edit') {
      await args.client.views.push({
        trigger_id: args.body.trigger_id,
        view: buildCycleModal(tr, workspaceId, setup, view.id, cycle),
      });
      return;
    }
    if (verb !== 'remove') return;
    if (cycle.code === setup.defaultCycle)
      return redrawCycles(args, workspaceId, setup, tr.t('oppSetup.cycles.keepDefault', { code: shown }));
    const metadata = decodeMetadata(oppSetupMetadataSchema, view.private_metadata);
    const result = await saveOpportunitySetup({
      workspaceId,
      userId: args.body.user.id,
      section: 'salesCycles',
      version: metadata?.version ?? -1,
      patch: { cycles: setup.cycles.filter((candidate) => candidate.code !== code) },
      tr,
    });
    if (result.status === 'conflict')
      return redrawCycles(args, workspaceId, await getOpportunitySetup(workspaceId), tr.t('setup.error.conflict'));
    if (result.status === 'invalid')
      return redrawCycles(args, workspaceId, setup, `:warning: ${Object.values(result.errors).join(' ')}`);
    await redrawCycles(args, workspaceId, result.setup, tr.t('oppSetup.cycles.removed', { code: shown }));
    if (view.root_view_id)
      await args.client.views.update({
        view_id: view.root_view_id,
        view: await buildSetupHome(tr, workspaceId, kontaktOf(args.context).register.enabled),
      });
  });
}
