import { t } from '../../i18n';
import { rolesOf } from '../../services/people/permissions.service';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { workspaceOf } from '../../services/workspace';
import { setupRefusedMessage } from '../../views/setup/setup-refused.message';
import { buildSetupHome } from '../shared/setup-views';
import { isTriggerError } from '../shared/slack-errors';
import type { Subcommand } from './subcommands';

/** `/contact setup`: admins get the setup modal; everyone else is told who can change setup. */
export const setupSubcommand: Subcommand = {
  name: 'setup',
  aliases: ['settings', 'oppsett', 'admin'],
  usage: '/contact setup',
  description: 'help.sub.setup',
  run: async (args) => {
    await args.ack();
    const workspaceId = workspaceOf(args.context);
    try {
      const setup = await getWorkspaceSetup(workspaceId);
      const roles = await rolesOf(args.client, workspaceId, args.command.user_id, setup);
      if (!roles.isAdmin) {
        await args.respond({ response_type: 'ephemeral', ...setupRefusedMessage({ admins: setup.roles.admins }) });
        return;
      }
      await args.client.views.open({
        trigger_id: args.command.trigger_id,
        view: await buildSetupHome(workspaceId, setup),
      });
    } catch (error) {
      args.logger.warn(`Opening setup failed: ${(error as Error).message}`);
      await args.respond({
        response_type: 'ephemeral',
        text: t(isTriggerError(error) ? 'error.triggerExpired' : 'error.tryAgain'),
      });
    }
  },
};
