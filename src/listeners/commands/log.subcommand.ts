import { MatchTier, suggestContacts } from '../../services/contacts/contact-search.service';
import { getContact } from '../../services/contacts/contact.service';
import { guarded, workspaceIdOf } from '../frame';
import { buildLogVisitModal } from '../shared/log-visit-modal';
import type { Subcommand } from './subcommands';

/**
 * `/contact log <contact text>`: the log-visit modal, with the contact picked when the text finds one clearly
 * (an exact No. or name, or a single match); otherwise the user picks in the modal.
 */
export const logSubcommand: Subcommand = {
  name: 'log',
  aliases: ['visit'],
  usage: '/contact log <contact>',
  description: 'help.sub.log',
  run: (args, parsed) =>
    guarded(args, 'Opening the log-visit modal', async () => {
      const workspaceId = workspaceIdOf(args);
      const userId = args.command.user_id;
      const matches = parsed.rest ? await suggestContacts(workspaceId, userId, parsed.rest, { limit: 2 }) : [];
      const [best, second] = matches;
      const clear = best && (best.tier <= MatchTier.ExactName || !second);
      const contact = clear ? await getContact(workspaceId, best.id) : undefined;
      const view = await buildLogVisitModal(args.client, {
        workspaceId,
        userId,
        contact: contact?.privacyBlocked ? undefined : contact,
        message: { channelId: args.command.channel_id },
      });
      await args.client.views.open({ trigger_id: args.command.trigger_id, view });
    }),
};
