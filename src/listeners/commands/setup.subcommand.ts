import { rolesOf } from '../../services/people/permissions.service';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { setupRefusedMessage } from '../../views/setup/setup-refused.message';
import { guarded, kontaktOf, trOf, workspaceIdOf } from '../frame';
import { buildSetupHome } from '../shared/setup-views';
import { reply, type Subcommand } from './subcommands';

/** `/contact setup`: admins get the setup modal; everyone else is told who can change setup. */
export const setupSubcommand: Subcommand = {
  name: 'setup',
  aliases: ['settings', 'oppsett', 'admin'],
  usage: 'help.usage.setup',
  description: 'help.sub.setup',
  run: (args) =>
    guarded(args, 'Opening setup', async () => {
      const workspaceId = workspaceIdOf(args);
      const setup = await getWorkspaceSetup(workspaceId);
      const roles = await rolesOf(args.client, workspaceId, args.command.user_id, setup);
      if (!roles.isAdmin) return reply(args, setupRefusedMessage(trOf(args), { admins: setup.roles.admins }));
      await args.client.views.open({
        trigger_id: args.command.trigger_id,
        view: await buildSetupHome(trOf(args), workspaceId, kontaktOf(args.context).register.enabled, setup),
      });
    }),
};
