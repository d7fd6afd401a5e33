import { firstDataRow, getImport, mayImport, undoImport } from '../../services/import/import.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { importMappingModal, importNoticeModal, importSummaryMessage } from '../../views/import/import.views';
import { mentions } from '../../views/setup/setup-mentions';
import { guarded, openOrPush, tell, trOf, workspaceIdOf, type ButtonArgs } from '../frame';

/** "Change columns" in the preview: one select per column, pushed over it. */
export async function openImportMapping(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Opening an import’s columns', async () => {
    const workspaceId = workspaceIdOf(args);
    const tr = trOf(args);
    const view = await getImport(workspaceId, args.action.value);
    if (!view || view.state !== 'previewed') return openOrPush(args, importNoticeModal(tr, tr.t('import.failed.gone')));
    const setup = await getWorkspaceSetup(workspaceId);
    const roles = await rolesOf(args.client, workspaceId, args.body.user.id, setup);
    if (!mayImport(setup, roles.isAdmin))
      return openOrPush(args, importNoticeModal(tr, tr.t('import.refused.noAdmins')));
    await openOrPush(args, importMappingModal(tr, view, await firstDataRow(workspaceId, view.id)));
  });
}

/** "Undo this import" in the DM summary (admins): the summary is redrawn with what the undo did. */
export async function undoImportAction(args: ButtonArgs): Promise<void> {
  await guarded(args, 'Undoing an import', async () => {
    const workspaceId = workspaceIdOf(args);
    const tr = trOf(args);
    const setup = await getWorkspaceSetup(workspaceId);
    const roles = await rolesOf(args.client, workspaceId, args.body.user.id, setup);
    if (!roles.isAdmin) {
      const admins = mentions(setup.roles.admins);
      return tell(args, admins === '' ? tr.t('import.refused.noAdmins') : tr.t('import.refused.undo', { admins }));
    }
    const outcome = await undoImport(workspaceId, args.action.value ?? '', args.body.user.id);
    if (outcome.status === 'expired') return tell(args, tr.t('import.undo.expired'));
    if (outcome.status === 'gone') return tell(args, tr.t('import.undo.gone'));
    if (outcome.status === 'already') return tell(args, tr.t('import.undo.already'));
    const channel = args.body.channel?.id ?? outcome.view.dm?.channel;
    const ts = args.body.message?.ts ?? outcome.view.dm?.ts;
    if (channel && ts) await args.client.chat.update({ channel, ts, ...importSummaryMessage(tr, outcome.view) });
  });
}
