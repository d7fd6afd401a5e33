import { t } from '../../i18n';
import { listRestorableDeletions } from '../../services/contacts/contact-deletion.service';
import { isAdmin } from '../../services/people/permissions.service';
import { workspaceOf } from '../../services/workspace';
import { deletedContactsMessage } from '../../views/contact/deleted-contacts.message';
import type { Subcommand } from './subcommands';

/** `/contact deleted` (admins): contacts deleted in the last 30 days, each with Restore. */
export const deletedSubcommand: Subcommand = {
  name: 'deleted',
  aliases: ['trash', 'restore', 'slettet'],
  usage: '/contact deleted',
  description: 'help.sub.deleted',
  run: async (args) => {
    await args.ack();
    try {
      const workspaceId = workspaceOf(args.context);
      if (!(await isAdmin(args.client, workspaceId, args.command.user_id))) {
        await args.respond({ response_type: 'ephemeral', text: t('deleted.notAdmin') });
        return;
      }
      const deletions = await listRestorableDeletions(workspaceId);
      await args.respond({ response_type: 'ephemeral', ...deletedContactsMessage({ deletions }) });
    } catch (error) {
      args.logger.warn(`Listing deleted contacts failed: ${(error as Error).message}`);
      await args.respond({ response_type: 'ephemeral', text: t('error.tryAgain') });
    }
  },
};
