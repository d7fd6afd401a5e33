import { findContactsNamedBy } from '../../services/contacts/contact-mention.service';
import { guarded, workspaceIdOf, trOf } from '../frame';
import { buildLogVisitModal } from '../shared/log-visit-modal';
import type { Subcommand } from './subcommands';

/**
 * `/contact log <contact text>`: the log-visit modal, with the contact picked when the text names one clearly, or
 * the two or three it may mean offered; otherwise the user picks in the modal.
 */
export const logSubcommand: Subcommand = {
  name: 'log',
  aliases: ['visit', 'logg'],
  usage: 'help.usage.log',
  description: 'help.sub.log',
  run: (args, parsed) =>
    guarded(args, 'Opening the log-visit modal', async () => {
      const workspaceId = workspaceIdOf(args);
      const userId = args.command.user_id;
      const found = parsed.rest ? await findContactsNamedBy(workspaceId, userId, parsed.rest) : { candidates: [] };
      const view = await buildLogVisitModal(args.client, {
        tr: trOf(args),
        workspaceId,
        userId,
        contact: found.picked,
        candidates: found.candidates,
        message: { channelId: args.command.channel_id },
      });
      await args.client.views.open({ trigger_id: args.command.trigger_id, view });
    }),
};
