import { t } from '../../i18n';
import { workspaceOf } from '../../services/workspace';
import { MatchTier } from '../../services/contacts/contact-search.service';
import { contactCardMessage } from '../shared/contact-card';
import { searchWithResults } from '../shared/search-results';
import type { CommandArgs, Subcommand } from './subcommands';

/**
 * Runs a search for the command's text and answers ephemerally (after the ack: the database may take a moment).
 * With `openExactNo`, a search that finds the contact with exactly that No. shows its card instead of a list.
 */
export async function runSearch(
  args: CommandArgs,
  typed: string,
  options: { openExactNo?: boolean } = {},
): Promise<void> {
  await args.ack();
  try {
    const workspaceId = workspaceOf(args.context);
    const userId = args.command.user_id;
    const { outcome, message } = await searchWithResults({ workspaceId, userId, typed, page: 0 });
    const best = outcome.contacts[0];
    const card =
      options.openExactNo && best?.tier === MatchTier.ExactNo
        ? await contactCardMessage(args.client, workspaceId, userId, best.id)
        : undefined;
    await args.respond({ response_type: 'ephemeral', ...(card ?? message) });
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
