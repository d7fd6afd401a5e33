import { parseContactCommand } from '../../schemas/contact-command';
import { replyWithHelp, type CommandArgs, type Subcommand } from './subcommands';

const help: Subcommand = {
  name: 'help',
  aliases: [],
  usage: '/contact help',
  description: 'help.sub.help',
  run: (args) => replyWithHelp(args, subcommands),
};

export const subcommands: Subcommand[] = [help];

function findSubcommand(word: string): Subcommand | undefined {
  return subcommands.find((sub) => sub.name === word || sub.aliases.includes(word));
}

/** `/contact …`: routes the first word to a subcommand; no text, or an unknown word, gets the usage. */
export async function handleContactCommand(args: CommandArgs): Promise<void> {
  const parsed = parseContactCommand(args.command.text);
  if (parsed.word === '') return replyWithHelp(args, subcommands);
  const subcommand = findSubcommand(parsed.word);
  if (!subcommand) return replyWithHelp(args, subcommands, parsed.word);
  return subcommand.run(args, parsed);
}
