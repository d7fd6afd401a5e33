import { t } from '../../i18n';
import { parseVisitsQuery } from '../../schemas/visits-query';
import { rolesOf } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import { todayIn } from '../../services/time';
import { visitsInRange } from '../../services/visits/visit-report.service';
import { workspaceOf } from '../../services/workspace';
import { visitsReportMessage } from '../../views/visit/visits-report.message';
import type { Subcommand } from './subcommands';

const REPORT_CAP = 200;

/** `/contact visits [@user|team] [this week|last week|YYYY-MM-DD..YYYY-MM-DD]`: others' visits for managers only. */
export const visitsSubcommand: Subcommand = {
  name: 'visits',
  aliases: ['besøk', 'report'],
  usage: '/contact visits [@user|team] [this week|last week|2026-11-01..2026-11-30]',
  description: 'help.sub.visits',
  run: async (args, parsed) => {
    await args.ack();
    const workspaceId = workspaceOf(args.context);
    const userId = args.command.user_id;
    try {
      const profile = await getUserProfile(args.client, workspaceId, userId);
      const query = parseVisitsQuery(parsed.rest, todayIn(profile.tz));
      if (!query.ok) return void (await args.respond({ response_type: 'ephemeral', text: query.error }));
      const who = query.who.kind === 'me' ? { kind: 'user' as const, userId } : query.who;
      const aboutOthers = who.kind === 'team' || who.userId !== userId;
      if (aboutOthers && !(await rolesOf(args.client, workspaceId, userId)).isManager) {
        return void (await args.respond({ response_type: 'ephemeral', text: t('visits.refused') }));
      }
      const { visits, total, totals } = await visitsInRange(workspaceId, who, query.range, REPORT_CAP);
      await args.respond({
        response_type: 'ephemeral',
        ...visitsReportMessage({
          label: query.label,
          visits,
          total,
          totals,
          range: query.range,
          capped: total > visits.length,
        }),
      });
    } catch (error) {
      args.logger.error(`Visits report failed: ${(error as Error).message}`);
      await args.respond({ response_type: 'ephemeral', text: t('error.tryAgain') });
    }
  },
};
