import { parseContactCommand } from '../../schemas/contact-command';
import { deletedSubcommand } from './deleted.subcommand';
import { duplicatesSubcommand } from './duplicates.subcommand';
import { languageSubcommand } from './language.subcommand';
import { exportSubcommand } from './export.subcommand';
import { importSubcommand } from './import.subcommand';
import { logSubcommand } from './log.subcommand';
import { newSubcommand } from './new.subcommand';
import { opportunitySubcommand } from './opportunity.subcommand';
import { pipelineSubcommand } from './pipeline.subcommand';
import { privacySubcommand } from './privacy.subcommand';
import { runSearch, searchSubcommand } from './search.subcommand';
import { setupSubcommand } from './setup.subcommand';
import { taskSubcommand, tasksSubcommand } from './task.subcommand';
import { visitsSubcommand } from './visits.subcommand';
import { replyWithHelp, usageLines, type CommandArgs, type Subcommand } from './subcommands';
import { trOf } from '../frame';
import { unknownCommandMessage } from '../../views/unknown-command.message';

const help: Subcommand = {
  name: 'help',
  aliases: ['?', 'hjelp'],
  usage: 'help.usage.help',
  description: 'help.sub.help',
  run: (args) => replyWithHelp(args, subcommands),
};

const subcommands: Subcommand[] = [
  searchSubcommand,
  newSubcommand,
  logSubcommand,
  visitsSubcommand,
  opportunitySubcommand,
  pipelineSubcommand,
  taskSubcommand,
  tasksSubcommand,
  setupSubcommand,
  exportSubcommand,
  importSubcommand,
  deletedSubcommand,
  duplicatesSubcommand,
  privacySubcommand,
  languageSubcommand,
  help,
];

function findSubcommand(word: string): Subcommand | undefined {
  return subcommands.find((sub) => sub.name === word || sub.aliases.includes(word));
}

/** `/contact …`: routes the first word to a subcommand; no text gets the usage; other text is a search. */
export async function handleContactCommand(args: CommandArgs): Promise<void> {
  const parsed = parseContactCommand(args.command.text);
  if (parsed.word === '') return replyWithHelp(args, subcommands);
  const subcommand = findSubcommand(parsed.word);
  if (subcommand) return subcommand.run(args, parsed);
  // `/contact CT000042` opens that contact; any other text is a search — and when it finds nothing either, the
  // user is told it is neither a command nor a match, with the usage.
  const tr = trOf(args);
  return runSearch(args, parsed.text, {
    openExactNo: true,
    whenNothing: (results) => unknownCommandMessage(tr, parsed.text, usageLines(subcommands, tr), results.blocks),
  });
}
