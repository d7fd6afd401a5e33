import { parseVisitsQuery } from '../../schemas/visits-query';
import { rolesOf } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import { todayIn } from '../../services/calendar';
import { guarded, trOf, workspaceIdOf } from '../frame';
import { visitsReport } from '../shared/visits-report';
import { reply, type Subcommand } from './subcommands';

/** `/contact visits [@user|team] [this week|last week|YYYY-MM-DD..YYYY-MM-DD]`: others' visits for managers only. */
export const visitsSubcommand: Subcommand = {
  name: 'visits',
  aliases: ['besøk', 'report'],
  usage: 'help.usage.visits',
  description: 'help.sub.visits',
  run: (args, parsed) =>
    guarded(args, 'Visits report', async () => {
      const workspaceId = workspaceIdOf(args);
      const tr = trOf(args);
      const userId = args.command.user_id;
      const profile = await getUserProfile(args.client, workspaceId, userId);
      const query = parseVisitsQuery(parsed.rest, todayIn(profile.tz), tr);
      if (!query.ok) return reply(args, { text: query.error });
      const who = query.who.kind === 'me' ? { kind: 'user' as const, userId } : query.who;
      const aboutOthers = who.kind === 'team' || who.userId !== userId;
      if (aboutOthers && !(await rolesOf(args.client, workspaceId, userId)).isManager) {
        return reply(args, { text: tr.t('visits.refused') });
      }
      await reply(args, await visitsReport(tr, workspaceId, who, query.range, query.label));
    }),
};
