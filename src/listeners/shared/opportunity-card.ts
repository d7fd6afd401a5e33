import type { WebClient } from '@slack/web-api';
import type { Translator } from '../../i18n';
import type { OppCardPlace } from '../../schemas/opportunity-modal';
import { cycleOf, getOpportunitySetup } from '../../services/opportunities/opportunity-setup.service';
import {
  getOpportunity,
  mayChangeOpportunity,
  opportunityVisits,
  openOpportunitiesOf,
  type OpportunityActor,
} from '../../services/opportunities/opportunity.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import { replaceOriginal } from '../../slack/response-url';
import { todayIn } from '../../services/calendar';
import { opportunityOpenTasks } from '../../services/tasks/task.service';
import { CARD_TASKS } from '../../views/task/task-card';
import {
  opportunityCard,
  opportunityCardModal,
  type OpportunityCardData,
} from '../../views/opportunity/opportunity-card.view';

/** Who acts on a deal, with the roles the services re-check rights against. */
export async function opportunityActor(
  client: WebClient,
  workspaceId: string,
  userId: string,
): Promise<OpportunityActor> {
  const roles = await rolesOf(client, workspaceId, userId);
  return { userId, isAdmin: roles.isAdmin, isManager: roles.isManager };
}

/** Everything the card shows, as `userId` may see it; undefined when the deal is not in this workspace. */
export async function opportunityCardData(
  client: WebClient,
  workspaceId: string,
  userId: string,
  opportunityId: unknown,
  notice?: string,
): Promise<OpportunityCardData | undefined> {
  const opportunity = await getOpportunity(workspaceId, opportunityId);
  if (!opportunity) return undefined;
  const [setup, actor, visits, profile, tasks] = await Promise.all([
    getOpportunitySetup(workspaceId),
    opportunityActor(client, workspaceId, userId),
    opportunityVisits(workspaceId, opportunity.id),
    getUserProfile(client, workspaceId, userId),
    opportunityOpenTasks(workspaceId, opportunity.id, CARD_TASKS),
  ]);
  return {
    opportunity,
    cycle: cycleOf(setup, opportunity.cycleCode),
    canChange: mayChangeOpportunity(actor, opportunity),
    canReopen: actor.isAdmin || actor.isManager,
    visits,
    notice,
    timeZone: profile.tz,
    tasks: { ...tasks, today: todayIn(profile.tz) },
  };
}

export async function opportunityCardMessage(
  client: WebClient,
  workspaceId: string,
  userId: string,
  opportunityId: unknown,
  tr: Translator,
  notice?: string,
) {
  const data = await opportunityCardData(client, workspaceId, userId, opportunityId, notice);
  return data ? opportunityCard(data, tr) : undefined;
}

export async function opportunityCardView(
  client: WebClient,
  workspaceId: string,
  userId: string,
  opportunityId: unknown,
  tr: Translator,
  notice?: string,
) {
  const data = await opportunityCardData(client, workspaceId, userId, opportunityId, notice);
  return data ? opportunityCardModal(data, tr) : undefined;
}

/** Draws a deal's card again where it was (a card modal, or an ephemeral message by its response_url). */
export async function redrawOpportunityCard(
  client: WebClient,
  workspaceId: string,
  userId: string,
  opportunityId: string,
  place: OppCardPlace | undefined,
  tr: Translator,
  notice?: string,
): Promise<boolean> {
  if (place?.v) {
    const view = await opportunityCardView(client, workspaceId, userId, opportunityId, tr, notice);
    if (!view) return false;
    await client.views.update({ view_id: place.v, view });
    return true;
  }
  if (place?.u) {
    const message = await opportunityCardMessage(client, workspaceId, userId, opportunityId, tr, notice);
    return message ? replaceOriginal(client, place.u, message) : false;
  }
  return false;
}

/** What a contact card shows of the contact's deals: the open ones and the cycles to name their stages. */
export async function contactOpportunityData(workspaceId: string, contactId: string) {
  const opportunities = await openOpportunitiesOf(workspaceId, contactId);
  // Most contacts have none: the setup is read only to name the stages of those that do.
  const cycles = opportunities.length > 0 ? (await getOpportunitySetup(workspaceId)).cycles : [];
  return { opportunities, cycles };
}
