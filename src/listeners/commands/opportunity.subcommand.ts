import { findContactsNamedBy } from '../../services/contacts/contact-mention.service';
import { opportunityIdByNo } from '../../services/opportunities/opportunity.service';
import { guarded, trOf, workspaceIdOf } from '../frame';
import { opportunityCardMessage } from '../shared/opportunity-card';
import { buildNewOpportunityModal } from '../shared/opportunity-modal';
import { reply, type Subcommand } from './subcommands';

/**
 * `/contact opportunity [contact]` (`opp`, `salgsmulighet`): the New opportunity modal, with the contact picked
 * when the text names one clearly. `/contact opp SM000042` shows that deal's card instead.
 */
export const opportunitySubcommand: Subcommand = {
  name: 'opportunity',
  aliases: ['opp', 'salgsmulighet', 'deal'],
  usage: 'help.usage.opportunity',
  description: 'help.sub.opportunity',
  run: (args, parsed) =>
    guarded(args, 'Opening the new opportunity modal', async () => {
      const workspaceId = workspaceIdOf(args);
      const userId = args.command.user_id;
      const tr = trOf(args);
      if (/^[A-Z]{1,10}\d{1,12}$/i.test(parsed.rest)) {
        const id = await opportunityIdByNo(workspaceId, parsed.rest);
        if (id) {
          const card = await opportunityCardMessage(args.client, workspaceId, userId, id, tr);
          if (card) return reply(args, card);
        }
      }
      const found = parsed.rest ? await findContactsNamedBy(workspaceId, userId, parsed.rest) : { candidates: [] };
      const view = await buildNewOpportunityModal({
        workspaceId,
        userId,
        tr,
        contactId: found.picked?.id,
        channelId: args.command.channel_id,
      });
      await args.client.views.open({ trigger_id: args.command.trigger_id, view });
    }),
};
