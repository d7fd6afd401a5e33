import type { Translator } from '../../i18n';
import { defaultDuplicateRow, readDuplicateRows } from '../../schemas/setup/duplicate-rows';
import { setupLimits } from '../../schemas/setup/setup-form';
import { decodeMetadata, setupMetadataSchema } from '../../schemas/view-metadata';
import { rolesOf } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import {
  getWorkspaceSetup,
  listSetupAudit,
  saveSetupSection,
  useNorwegianDefaults,
} from '../../services/setup/setup.service';
import { setupSections, type SetupSection, type WorkspaceSetup } from '../../services/setup/setup.types';
import { escapeMrkdwn, userText } from '../../views/contact/text';
import { noticeModal } from '../../views/notice.modal';
import { setupAuditModal } from '../../views/setup/setup-audit.view';
import { buildSetupHome, buildSetupSection, buildTypeModal } from '../shared/setup-views';
import { guarded, kontaktOf, trOf, workspaceIdOf, type ButtonArgs, type OverflowArgs } from '../frame';

type SetupClick = ButtonArgs | OverflowArgs;

/** Admin check for clicks inside the setup modals; a non-admin sees why instead of the form. */
async function adminOnly(args: SetupClick): Promise<string | undefined> {
  const workspaceId = workspaceIdOf(args);
  const metadata = decodeMetadata(setupMetadataSchema, args.body.view?.private_metadata);
  const allowed =
    metadata?.workspaceId === workspaceId && (await rolesOf(args.client, workspaceId, args.body.user.id)).isAdmin;
  return allowed ? workspaceId : undefined;
}

async function refuse(args: SetupClick): Promise<void> {
  const view = args.body.view;
  if (view)
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: noticeModal({ title: trOf(args).t('setup.home.title'), text: trOf(args).t('setup.refusedInModal') }),
    });
}

/** "Edit" on a section of the setup summary (or a checklist button): pushes that section's form. */
export function openSetupSection(args: ButtonArgs): Promise<void> {
  return guarded(args, 'Opening a setup section', async () => {
    const section = args.action.value as SetupSection;
    const workspaceId = await adminOnly(args);
    if (!workspaceId || !setupSections.includes(section)) return refuse(args);
    // COMPANY_REGISTER=off hides every register feature, its setup too (a forged button gets the refusal).
    if (section === 'register' && !kontaktOf(args.context).register.enabled) return refuse(args);
    await args.client.views.push({
      trigger_id: args.body.trigger_id,
      view: await buildSetupSection(trOf(args), args.client, workspaceId, args.body.user.id, section),
    });
  });
}

/** The clicking user's time zone (Slack's profile, cached), or UTC when Slack cannot say. */
async function readerZone(args: ButtonArgs, workspaceId: string): Promise<string | undefined> {
  return (await getUserProfile(args.client, workspaceId, args.body.user.id).catch(() => undefined))?.tz;
}

/** "View audit log": who changed what, in words, most recent first. */
export function openSetupAudit(args: ButtonArgs): Promise<void> {
  return guarded(args, 'Opening the setup audit log', async () => {
    const workspaceId = await adminOnly(args);
    if (!workspaceId) return refuse(args);
    await args.client.views.push({
      trigger_id: args.body.trigger_id,
      view: setupAuditModal(trOf(args), await listSetupAudit(workspaceId, 30), await readerZone(args, workspaceId)),
    });
  });
}

/** "Add row" / "Remove last row" in the duplicates section: redraw with one row more or less, keeping the rest. */
function changeDuplicateRows(delta: 1 | -1) {
  return (args: ButtonArgs): Promise<void> =>
    guarded(
      args,
      'Changing duplicate rows',
      async () => {
        const view = args.body.view;
        const workspaceId = await adminOnly(args);
        if (!workspaceId || !view) return refuse(args);
        const rows = readDuplicateRows(view.state?.values);
        const next =
          delta === 1
            ? [...rows, { ...defaultDuplicateRow }].slice(0, setupLimits.rows.max)
            : rows.slice(0, Math.max(setupLimits.rows.min, rows.length - 1));
        await args.client.views.update({
          view_id: view.id,
          hash: view.hash,
          view: await buildSetupSection(trOf(args), args.client, workspaceId, args.body.user.id, 'duplicates', {
            duplicateRows: next,
          }),
        });
      },
      { onFailure: 'log' },
    );
}

export const addDuplicateRow = changeDuplicateRows(1);
export const removeDuplicateRow = changeDuplicateRows(-1);

/** Redraws the list of interaction types (the view the click came from) with a line about what just happened. */
async function redrawTypeList(args: SetupClick, workspaceId: string, setup: WorkspaceSetup, note?: string) {
  const view = args.body.view;
  if (!view) return;
  await args.client.views.update({
    view_id: view.id,
    view: await buildSetupSection(trOf(args), args.client, workspaceId, args.body.user.id, 'interactionTypes', {
      setup,
      note,
    }),
  });
}

const named = (
  tr: Translator,
  key: 'setup.types.removed' | 'setup.types.keepOne' | 'setup.types.gone',
  type: { code: string; description?: string },
) => tr.t(key, { code: escapeMrkdwn(userText(type.code, 10)), description: userText(type.description ?? '', 60) });

/** "Add type" under the list: pushes an empty type modal (the list is full: says so instead). */
export function addSetupType(args: ButtonArgs): Promise<void> {
  return guarded(args, 'Adding an interaction type', async () => {
    const workspaceId = await adminOnly(args);
    const view = args.body.view;
    if (!workspaceId || !view) return refuse(args);
    const tr = trOf(args);
    const setup = await getWorkspaceSetup(workspaceId);
    if (setup.interactionTypes.length >= setupLimits.typesMax)
      return redrawTypeList(args, workspaceId, setup, tr.t('setup.types.full', { max: setupLimits.typesMax }));
    await args.client.views.push({
      trigger_id: args.body.trigger_id,
      view: buildTypeModal(tr, workspaceId, setup, view.id),
    });
  });
}

/**
 * The ⋯ menu of one type: Edit pushes its modal; Remove saves the list without it at once (the last one stays).
 * The code in the value is looked up in this workspace's setup, never trusted.
 */
export function setupTypeMenu(args: OverflowArgs): Promise<void> {
  return guarded(args, 'Changing an interaction type', async () => {
    const workspaceId = await adminOnly(args);
    const view = args.body.view;
    if (!workspaceId || !view) return refuse(args);
    const tr = trOf(args);
    const [action, code = ''] = (args.action.selected_option?.value ?? '').split(/:(.*)/s);
    const setup = await getWorkspaceSetup(workspaceId);
    const type = setup.interactionTypes.find((candidate) => candidate.code === code);
    if (!type) return redrawTypeList(args, workspaceId, setup, named(tr, 'setup.types.gone', { code }));
    if (action === 'edit') {
      await args.client.views.push({
        trigger_id: args.body.trigger_id,
        view: buildTypeModal(tr, workspaceId, setup, view.id, type),
      });
      return;
    }
    if (action !== 'remove') return;
    if (setup.interactionTypes.length <= 1)
      return redrawTypeList(args, workspaceId, setup, named(tr, 'setup.types.keepOne', type));
    const metadata = decodeMetadata(setupMetadataSchema, view.private_metadata);
    const result = await saveSetupSection({
      workspaceId,
      userId: args.body.user.id,
      section: 'interactionTypes',
      version: metadata?.version ?? -1,
      patch: { interactionTypes: setup.interactionTypes.filter((candidate) => candidate.code !== code) },
    });
    if (result.status !== 'saved') {
      // Someone saved setup since this list was drawn: show them the list as it is, nothing removed.
      return redrawTypeList(args, workspaceId, await getWorkspaceSetup(workspaceId), tr.t('setup.error.conflict'));
    }
    await redrawTypeList(args, workspaceId, result.setup, named(tr, 'setup.types.removed', type));
    if (view.root_view_id)
      await args.client.views.update({
        view_id: view.root_view_id,
        view: await buildSetupHome(tr, workspaceId, kontaktOf(args.context).register.enabled, result.setup),
      });
  });
}

/**
 * "Use Norwegian defaults" in the Language section: saved at once (like a section save: versioned, audited), then
 * the section is redrawn with a line saying what changed, and the summary under it with the new values.
 */
export function applyNorwegianDefaults(args: ButtonArgs): Promise<void> {
  return guarded(args, 'Using Norwegian defaults', async () => {
    const workspaceId = await adminOnly(args);
    const view = args.body.view;
    if (!workspaceId || !view) return refuse(args);
    const tr = trOf(args);
    const userId = args.body.user.id;
    const metadata = decodeMetadata(setupMetadataSchema, view.private_metadata);
    const result = await useNorwegianDefaults({ workspaceId, userId, version: metadata?.version ?? -1 });
    // Someone saved setup since this form was drawn: show it as it is now, nothing changed.
    const setup = result.status === 'saved' ? result.setup : await getWorkspaceSetup(workspaceId);
    const note = tr.t(result.status === 'saved' ? 'setup.language.norwegianDefaultsDone' : 'setup.error.conflict');
    await args.client.views.update({
      view_id: view.id,
      view: await buildSetupSection(tr, args.client, workspaceId, userId, 'language', { setup, note }),
    });
    if (result.status === 'saved' && view.root_view_id)
      await args.client.views.update({
        view_id: view.root_view_id,
        view: await buildSetupHome(tr, workspaceId, kontaktOf(args.context).register.enabled, result.setup),
      });
  });
}
