import { rolesOf } from '../../services/people/permissions.service';
import { mayImport } from '../../services/import/import.service';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { importUploadModal } from '../../views/import/import.views';
import { mentions } from '../../views/setup/setup-mentions';
import { guarded, trOf, workspaceIdOf } from '../frame';
import { reply, type Subcommand } from './subcommands';

/**
 * `/contact import`: admins (or everyone, when setup says so) get the upload modal; everyone else is told who
 * can import. The file is read after the modal is submitted (see listeners/views/import.submit.ts).
 */
export const importSubcommand: Subcommand = {
  name: 'import',
  aliases: ['importer', 'importere'],
  usage: 'help.usage.import',
  description: 'help.sub.import',
  run: (args) =>
    guarded(args, 'Opening the import', async () => {
      const workspaceId = workspaceIdOf(args);
      const tr = trOf(args);
      const setup = await getWorkspaceSetup(workspaceId);
      const roles = await rolesOf(args.client, workspaceId, args.command.user_id, setup);
      if (!mayImport(setup, roles.isAdmin)) {
        const admins = mentions(setup.roles.admins);
        return reply(args, {
          text: admins === '' ? tr.t('import.refused.noAdmins') : tr.t('import.refused.admins', { admins }),
        });
      }
      await args.client.views.open({ trigger_id: args.command.trigger_id, view: importUploadModal(tr) });
    }),
};
