import { guarded, trOf, workspaceIdOf } from '../frame';
import { duplicateList, duplicatesRefusal, scanInBackground } from '../shared/duplicate-list';
import { reply, type Subcommand } from './subcommands';

/**
 * `/contact duplicates` (admins and managers): pairs of contacts that look like duplicates, most alike first, ten
 * a page. The first time (or after a scan stopped part-way) the workspace is scanned once the list is shown.
 */
export const duplicatesSubcommand: Subcommand = {
  name: 'duplicates',
  aliases: ['dubletter', 'dupes'],
  usage: 'help.usage.duplicates',
  description: 'help.sub.duplicates',
  run: (args) =>
    guarded(args, 'Listing duplicates', async () => {
      const workspaceId = workspaceIdOf(args);
      const tr = trOf(args);
      const refusal = await duplicatesRefusal(args.client, workspaceId, args.command.user_id, tr);
      if (refusal) return reply(args, { text: refusal });
      const { message, scan } = await duplicateList(tr, workspaceId, 0);
      await reply(args, message);
      if (scan) await scanInBackground(args.logger, workspaceId);
    }),
};
