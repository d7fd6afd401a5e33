import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n';
import { nextOpportunitiesOf } from '../../services/opportunities/opportunity.service';
import { pipeline } from '../../services/opportunities/pipeline.service';
import { homePipelineBlocks } from '../../views/opportunity/home-pipeline.view';

/**
 * Home's "My pipeline" (and the team's for managers); nothing at all for someone who has never had a deal. A
 * pipeline that cannot be read in time (the team's aggregation over tens of thousands of deals on a slow database)
 * leaves the section out rather than failing the whole Home.
 */
export async function homePipeline(
  workspaceId: string,
  userId: string,
  isManager: boolean,
  today: string,
  tr: Translator,
): Promise<KnownBlock[]> {
  try {
    return await readHomePipeline(workspaceId, userId, isManager, today, tr);
  } catch {
    return [];
  }
}

async function readHomePipeline(
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
