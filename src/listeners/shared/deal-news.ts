import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { translatorForRecipient } from '../../services/language/language.service';
import { cycleOf, getOpportunitySetup } from '../../services/opportunities/opportunity-setup.service';
import type { ChangeResult } from '../../services/opportunities/opportunity.service';
import type { Opportunity } from '../../services/opportunities/opportunity.types';
import { dealNewsMessage, type DealEvent } from '../../views/opportunity/deal-news.message';

/** Which event of setup's deal news a saved change is, if any. */
function eventOf(
  result: Extract<ChangeResult, { status: 'saved' }>,
  movedFrom: number | undefined,
): DealEvent | undefined {
  const { opportunity: o, before } = result;
  if (o.status === 'won' && before.status !== 'won') return 'won';
  if (o.status === 'lost' && before.status !== 'lost') return 'lost';
  if (movedFrom !== undefined && o.stageNo !== before.stageNo && o.stageNo !== null && o.stageNo >= movedFrom)
    return 'moved';
  return undefined;
}

/**
 * Posts a deal's news to setup's channel: short, with the deal, the contact, the value and who — no notes, no
 * buttons. A failed post is logged and never undoes or blocks the change itself.
 */
export async function announce(
  client: WebClient,
  logger: Logger,
  workspaceId: string,
  opportunity: Opportunity,
  event: DealEvent,
  by: string,
): Promise<void> {
  try {
    const setup = await getOpportunitySetup(workspaceId);
    const channel = setup.news.channelId;
    if (!channel) return;
    const wanted =
      event === 'moved'
        ? setup.news.movedFrom !== undefined
        : event === 'won'
          ? setup.news.won
          : event === 'lost'
            ? setup.news.lost
            : setup.news.created;
    if (!wanted) return;
    const tr = await translatorForRecipient(workspaceId, { shared: true });
    const cycle = cycleOf(setup, opportunity.cycleCode);
    await client.chat.postMessage({ channel, ...dealNewsMessage({ opportunity, event, by, cycle }, tr) });
  } catch (error) {
    logger.warn(`Deal news for an opportunity could not be posted: ${(error as Error).message}`);
  }
}

export async function announceChange(
  client: WebClient,
  logger: Logger,
  workspaceId: string,
  result: ChangeResult,
): Promise<void> {
  if (result.status !== 'saved') return;
  try {
    const setup = await getOpportunitySetup(workspaceId);
    const event = eventOf(result, setup.news.movedFrom);
    if (event)
      await announce(client, logger, workspaceId, result.opportunity, event, result.opportunity.entries[0]?.by ?? '');
  } catch (error) {
    logger.warn(`Deal news for an opportunity could not be posted: ${(error as Error).message}`);
  }
}
