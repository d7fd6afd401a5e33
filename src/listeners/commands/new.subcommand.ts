import { t } from '../../i18n';
import { workspaceOf } from '../../services/workspace';
import { openContactModal } from '../shared/contact-modal';
import { isTriggerError } from '../shared/slack-errors';
import type { Subcommand } from './subcommands';

/** `/contact new [company|person]`: opens the contact modal (company unless "person" is asked for). */
export const newSubcommand: Subcommand = {
  name: 'new',
  aliases: ['add', 'create', 'ny'],
  usage: '/contact new [company|person]',
  description: 'help.sub.new',
  run: async (args, parsed) => {
    const word = parsed.rest.toLowerCase();
    if (word !== '' && !['company', 'person', 'companies', 'people', 'firma', 'person'].includes(word)) {
      await args.ack({ response_type: 'ephemeral', text: t('contact.new.usage', { word: word.slice(0, 30) }) });
      return;
    }
    await args.ack();
    const type = word === 'person' || word === 'people' ? 'person' : 'company';
    try {
      await openContactModal(args.client, args.command.trigger_id, {
        workspaceId: workspaceOf(args.context),
        userId: args.command.user_id,
        type,
        channelId: args.command.channel_id,
      });
    } catch (error) {
      args.logger.warn(`Could not open the contact modal: ${(error as Error).message}`);
      await args.respond({
        response_type: 'ephemeral',
        text: t(isTriggerError(error) ? 'error.triggerExpired' : 'error.generic'),
      });
    }
  },
};
