import { t } from '../../i18n';
import { readDuplicateRows } from '../../schemas/setup-section';
import { decodeMetadata, setupMetadataSchema } from '../../schemas/view-metadata';
import { rolesOf } from '../../services/people/permissions.service';
import { listSetupAudit } from '../../services/setup/setup.service';
import { setupSections, type SetupSection } from '../../services/setup/setup.types';
import { noticeModal } from '../../views/notice.modal';
import { setupAuditModal } from '../../views/setup/setup-audit.view';
import { buildSetupSection } from '../shared/setup-views';
import { guarded, workspaceIdOf, type ButtonArgs } from '../frame';

const MAX_ROWS = 10;

/** Admin check for clicks inside the setup modal; a non-admin sees why instead of the form. */
async function adminOnly(args: ButtonArgs): Promise<string | undefined> {
  const workspaceId = workspaceIdOf(args);
  const metadata = decodeMetadata(setupMetadataSchema, args.body.view?.private_metadata);
  const allowed =
    metadata?.workspaceId === workspaceId && (await rolesOf(args.client, workspaceId, args.body.user.id)).isAdmin;
  return allowed ? workspaceId : undefined;
}

async function refuse(args: ButtonArgs): Promise<void> {
  const view = args.body.view;
  if (view)
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: noticeModal({ title: 'Setup', text: t('setup.refusedInModal') }),
    });
}

/** "Edit" on a section of the setup summary: pushes that section's form. */
export function openSetupSection(args: ButtonArgs): Promise<void> {
  return guarded(args, 'Opening a setup section', async () => {
    const section = args.action.value as SetupSection;
    const workspaceId = await adminOnly(args);
    if (!workspaceId || !setupSections.includes(section)) return refuse(args);
    await args.client.views.push({
      trigger_id: args.body.trigger_id,
      view: await buildSetupSection(args.client, workspaceId, args.body.user.id, section),
    });
  });
}

/** "View audit log": who changed what, most recent first. */
export function openSetupAudit(args: ButtonArgs): Promise<void> {
  return guarded(args, 'Opening the setup audit log', async () => {
    const workspaceId = await adminOnly(args);
    if (!workspaceId) return refuse(args);
    await args.client.views.push({
      trigger_id: args.body.trigger_id,
      view: setupAuditModal(await listSetupAudit(workspaceId, 30)),
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
            ? [...rows, { field: 'name' as const, part: 'first' as const, length: 5 }].slice(0, MAX_ROWS)
            : rows.slice(0, Math.max(1, rows.length - 1));
        await args.client.views.update({
          view_id: view.id,
          hash: view.hash,
          view: await buildSetupSection(args.client, workspaceId, args.body.user.id, 'duplicates', {
            duplicateRows: next,
          }),
        });
      },
      { onFailure: 'log' },
    );
}

export const addDuplicateRow = changeDuplicateRows(1);
export const removeDuplicateRow = changeDuplicateRows(-1);
