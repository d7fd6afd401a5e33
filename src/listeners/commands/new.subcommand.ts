import { guarded, kontaktOf, trOf, workspaceIdOf } from '../frame';
import { openContactModal } from '../shared/contact-modal';
import type { Subcommand } from './subcommands';

const COMPANY_WORDS = ['company', 'companies', 'firma', 'selskap'];
const PERSON_WORDS = ['person', 'people', 'persons', 'personer'];

/** `/contact new [company|person]`: opens the contact modal (company unless "person" is asked for). */
export const newSubcommand: Subcommand = {
  name: 'new',
  aliases: ['add', 'create', 'ny'],
  usage: 'help.usage.new',
  description: 'help.sub.new',
  run: async (args, parsed) => {
    const word = parsed.rest.toLowerCase();
    if (word !== '' && ![...COMPANY_WORDS, ...PERSON_WORDS].includes(word)) {
      await args.ack({
        response_type: 'ephemeral',
        text: trOf(args).t('contact.new.usage', { word: word.slice(0, 30) }),
      });
      return;
    }
    await guarded(args, 'Opening the contact modal', () =>
      openContactModal(args.client, args.command.trigger_id, {
        workspaceId: workspaceIdOf(args),
        userId: args.command.user_id,
        tr: trOf(args),
        type: PERSON_WORDS.includes(word) ? 'person' : 'company',
        channelId: args.command.channel_id,
        register: kontaktOf(args.context).register.enabled,
      }),
    );
  },
};
