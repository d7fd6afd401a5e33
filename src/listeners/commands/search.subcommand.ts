import { t } from '../../i18n';
import { workspaceOf } from '../../services/workspace';
import { showSearchResults } from '../shared/search-results';
import type { CommandArgs, Subcommand } from './subcommands';

/** Runs a search for the command's text and answers ephemerally (after the ack: the database may take a moment). */
export async function runSearch(args: CommandArgs, typed: string): Promise<void> {
  await args.ack();
  try {
    const message = await showSearchResults({ workspaceId: workspaceOf(args.context), userId: args.command.user_id, typed, page: 0 });
    await args.respond({ response_type: 'ephemeral', ...message });
  } catch (error) {
    args.logger.error(`Search failed: ${(error as Error).message}`);
    await args.respond({ response_type: 'ephemeral', text: t('error.tryAgain') });
  }
}

export const searchSubcommand: Subcommand = {
  name: 'search',
  aliases: ['find', 'finn', 's'],
  usage: '/contact search <text> [type:company|person] [city:…] [owner:@user] [industry:…]',
  description: 'help.sub.search',
  run: (args, parsed) => runSearch(args, parsed.rest),
};
