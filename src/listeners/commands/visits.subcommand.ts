import { t } from '../../i18n';
import { parseVisitsQuery } from '../../schemas/visits-query';
import { rolesOf } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import { todayIn } from '../../services/calendar';
import { visitsInRange } from '../../services/visits/visit-report.service';
import { visitsReportMessage } from '../../views/visit/visits-report.message';
import { guarded, workspaceIdOf } from '../frame';
import { reply, type Subcommand } from './subcommands';

const REPORT_CAP = 200;

/** `/contact visits [@user|team] [this week|last week|YYYY-MM-DD..YYYY-MM-DD]`: others' visits for managers only. */
export const visitsSubcommand: Subcommand = {
  name: 'visits',
  aliases: ['besøk', 'report'],
  usage: 'help.usage.visits',
  description: 'help.sub.visits',
  run: (args, parsed) =>
    guarded(args, 'Visits report', async () => {
      const workspaceId = workspaceIdOf(args);
      const userId = args.command.user_id;
      const profile = await getUserProfile(args.client, workspaceId, userId);
      const query = parseVisitsQuery(parsed.rest, todayIn(profile.tz));
      if (!query.ok) return reply(args, { text: query.error });
      const who = query.who.kind === 'me' ? { kind: 'user' as const, userId } : query.who;
      const aboutOthers = who.kind === 'team' || who.userId !== userId;
      if (aboutOthers && !(await rolesOf(args.client, workspaceId, userId)).isManager) {
        return reply(args, { text: t('visits.refused') });
      }
      const { visits, total, totals } = await visitsInRange(workspaceId, who, query.range, REPORT_CAP);
      await reply(
        args,
        visitsReportMessage({
          label: query.label,
          visits,
          total,
          totals,
          range: query.range,
          capped: total > visits.length,
        }),
      );
    }),
};
