import { listRestorableDeletions } from '../../services/contacts/contact-deletion.service';
import { isAdmin } from '../../services/people/permissions.service';
import { deletedContactsMessage } from '../../views/contact/deleted-contacts.message';
import { guarded, trOf, workspaceIdOf } from '../frame';
import { reply, type Subcommand } from './subcommands';

/** `/contact deleted` (admins): contacts deleted in the last 30 days, each with Restore. */
export const deletedSubcommand: Subcommand = {
  name: 'deleted',
  aliases: ['trash', 'restore', 'slettet'],
  usage: 'help.usage.deleted',
  description: 'help.sub.deleted',
  run: (args) =>
    guarded(args, 'Listing deleted contacts', async () => {
      const workspaceId = workspaceIdOf(args);
      const tr = trOf(args);
      if (!(await isAdmin(args.client, workspaceId, args.command.user_id)))
        return reply(args, { text: tr.t('deleted.notAdmin') });
      await reply(args, deletedContactsMessage({ tr, deletions: await listRestorableDeletions(workspaceId) }));
    }),
};
