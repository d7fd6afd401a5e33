import { MatchTier } from '../../services/contacts/contact-search.service';
import { guarded, trOf, workspaceIdOf, kontaktOf } from '../frame';
import { contactCardMessage } from '../shared/contact-card';
import { searchWithResults } from '../shared/search-results';
import { reply, type CommandArgs, type Subcommand } from './subcommands';

export interface SearchOptions {
  /** A search that finds the contact with exactly that No. shows its card instead of a list. */
  openExactNo?: boolean;
  /**
   * `/contact <text>` whose first word is no subcommand: when nothing matches either, this answer (that it is
   * neither a command nor a match, with the usage) replaces the empty list.
   */
  whenNothing?: (results: { text: string; blocks: unknown[] }) => { text: string; blocks: unknown[] };
}

/** Runs a search for the command's text and answers ephemerally (after the ack: the database may take a moment). */
export function runSearch(args: CommandArgs, typed: string, options: SearchOptions = {}): Promise<void> {
  return guarded(args, 'Search', async () => {
    const workspaceId = workspaceIdOf(args);
    const userId = args.command.user_id;
    const { outcome, message } = await searchWithResults({ workspaceId, userId, tr: trOf(args), typed, page: 0 });
    const best = outcome.contacts[0];
    const card =
      options.openExactNo && best?.tier === MatchTier.ExactNo
        ? await contactCardMessage(args.client, workspaceId, userId, best.id, trOf(args), {
            register: kontaktOf(args.context).register,
          })
        : undefined;
    const nothing = outcome.contacts.length === 0 && options.whenNothing ? options.whenNothing(message) : undefined;
    await reply(args, card ?? nothing ?? message);
  });
}

export const searchSubcommand: Subcommand = {
  name: 'search',
  aliases: ['find', 'finn', 'søk', 'sok', 's'],
  usage: 'help.usage.search',
  description: 'help.sub.search',
  run: (args, parsed) => runSearch(args, parsed.rest),
};
