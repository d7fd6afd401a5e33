import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { nextOpportunitiesOf } from '../../services/opportunities/opportunity.service';
import { pipeline } from '../../services/opportunities/pipeline.service';
import { homePipelineBlocks } from '../../views/opportunity/home-pipeline.view';

/** Home's "My pipeline" (and the team's for managers); nothing at all for someone who has never had a deal. */
export async function homePipeline(
  workspaceId: string,
  userId: string,
  isManager: boolean,
  today: string,
  tr: Translator,
): Promise<KnownBlock[]> {
  const [next, mine, team] = await Promise.all([
    nextOpportunitiesOf(workspaceId, userId),
    pipeline({ workspaceId, salespersonId: userId, today }),
    isManager ? pipeline({ workspaceId, today }) : undefined,
  ]);
  if (mine.total.count === 0 && mine.won.count === 0 && mine.lost.count === 0 && (!team || team.total.count === 0))
    return [];
  return homePipelineBlocks(tr, { next, mine, team });
}
