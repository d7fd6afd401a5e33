import { MatchTier } from '../../services/contacts/contact-search.service';
import { guarded, trOf, workspaceIdOf } from '../frame';
import { contactCardMessage } from '../shared/contact-card';
import { searchWithResults } from '../shared/search-results';
import { reply, type CommandArgs, type Subcommand } from './subcommands';

/**
 * Runs a search for the command's text and answers ephemerally (after the ack: the database may take a moment).
 * With `openExactNo`, a search that finds the contact with exactly that No. shows its card instead of a list.
 */
export function runSearch(args: CommandArgs, typed: string, options: { openExactNo?: boolean } = {}): Promise<void> {
  return guarded(args, 'Search', async () => {
    const workspaceId = workspaceIdOf(args);
    const userId = args.command.user_id;
    const { outcome, message } = await searchWithResults({ workspaceId, userId, typed, page: 0 });
    const best = outcome.contacts[0];
    const card =
      options.openExactNo && best?.tier === MatchTier.ExactNo
        ? await contactCardMessage(args.client, workspaceId, userId, best.id, trOf(args))
        : undefined;
    await reply(args, card ?? message);
  });
}

export const searchSubcommand: Subcommand = {
  name: 'search',
  aliases: ['find', 'finn', 's'],
  usage: '/contact search <text> [type:company|person] [city:…] [owner:@user] [industry:…]',
  description: 'help.sub.search',
  run: (args, parsed) => runSearch(args, parsed.rest),
};
