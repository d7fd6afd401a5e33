import { parsePipelineQuery } from '../../schemas/pipeline-query';
import { todayIn } from '../../services/calendar';
import { pipeline } from '../../services/opportunities/pipeline.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import { pipelineBlocks } from '../../views/opportunity/pipeline.message';
import { guarded, trOf, workspaceIdOf } from '../frame';
import { reply, type Subcommand } from './subcommands';

/**
 * `/contact pipeline [@user|team] [closing:…] [stage:…]`: my open deals by stage, with sums; others' and the
 * team's for managers and admins only.
 */
export const pipelineSubcommand: Subcommand = {
  name: 'pipeline',
  aliases: ['salgstrakt', 'trakt'],
  usage: 'help.usage.pipeline',
  description: 'help.sub.pipeline',
  run: (args, parsed) =>
    guarded(args, 'Pipeline', async () => {
      const workspaceId = workspaceIdOf(args);
      const tr = trOf(args);
      const userId = args.command.user_id;
      const query = parsePipelineQuery(parsed.rest);
      if (!query.ok)
        return reply(args, { text: tr.t('pipeline.usage', { word: query.word, usage: tr.t('help.usage.pipeline') }) });
      const who = query.who.kind === 'user' && query.who.userId === userId ? { kind: 'me' as const } : query.who;
      if (who.kind !== 'me' && !(await rolesOf(args.client, workspaceId, userId)).isManager)
        return reply(args, { text: tr.t('pipeline.refused') });
      const profile = await getUserProfile(args.client, workspaceId, userId);
      const result = await pipeline({
        workspaceId,
        salespersonId: who.kind === 'team' ? undefined : who.kind === 'user' ? who.userId : userId,
        closing: query.closing,
        stage: query.stage,
        today: todayIn(profile.tz),
      });
      const title =
        who.kind === 'team'
          ? tr.t('pipeline.title.team')
          : who.kind === 'user'
            ? tr.t('pipeline.title.user')
            : tr.t('pipeline.title.mine');
      const filters = [
        who.kind === 'user' ? `<@${who.userId}>` : '',
        query.closing ? `closing:${query.closing}` : '',
        query.stage ? `stage:${query.stage}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      const blocks = pipelineBlocks({ pipeline: result, title, filters, bySalesperson: who.kind === 'team' }, tr);
      await reply(args, { text: title, blocks });
    }),
};
