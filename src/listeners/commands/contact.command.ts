import { t } from '../../i18n';
import { parseContactCommand } from '../../schemas/contact-command';
import { getContactByNo } from '../../services/contacts/contact.service';
import { workspaceOf } from '../../services/workspace';
import { contactCardMessage } from '../shared/contact-card';
import { newSubcommand } from './new.subcommand';
import { runSearch, searchSubcommand } from './search.subcommand';
import { replyWithHelp, type CommandArgs, type Subcommand } from './subcommands';

const help: Subcommand = {
  name: 'help',
  aliases: ['?', 'hjelp'],
  usage: '/contact help',
  description: 'help.sub.help',
  run: (args) => replyWithHelp(args, subcommands),
};

export const subcommands: Subcommand[] = [searchSubcommand, newSubcommand, help];

function findSubcommand(word: string): Subcommand | undefined {
  return subcommands.find((sub) => sub.name === word || sub.aliases.includes(word));
}

// Shaped like a contact No. (`CT000042`): opened directly when it exists.
const contactNoPattern = /^[A-Za-z]{0,10}\d{1,12}$/;

/** `/contact CT000042` opens that contact; any other text is a search. */
async function openOrSearch(args: CommandArgs, text: string): Promise<void> {
  if (!contactNoPattern.test(text)) return runSearch(args, text);
  await args.ack();
  try {
    const workspaceId = workspaceOf(args.context);
    const contact = await getContactByNo(workspaceId, text);
    const card = contact && (await contactCardMessage(args.client, workspaceId, args.command.user_id, contact.id));
    if (!card) {
      const { respond } = args;
      // Not a known No.: search for it like any other text (it may be part of a phone number or name).
      return runSearch({ ...args, ack: async () => undefined, respond }, text);
    }
    await args.respond({ response_type: 'ephemeral', ...card });
  } catch (error) {
    args.logger.error(`Opening a contact failed: ${(error as Error).message}`);
    await args.respond({ response_type: 'ephemeral', text: t('error.tryAgain') });
  }
}

/** `/contact …`: routes the first word to a subcommand; no text gets the usage; other text is a search. */
export async function handleContactCommand(args: CommandArgs): Promise<void> {
  const parsed = parseContactCommand(args.command.text);
  if (parsed.word === '') return replyWithHelp(args, subcommands);
  const subcommand = findSubcommand(parsed.word);
  if (subcommand) return subcommand.run(args, parsed);
  return openOrSearch(args, [parsed.word, parsed.rest].filter(Boolean).join(' '));
}
