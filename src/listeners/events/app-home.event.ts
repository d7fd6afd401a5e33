import type { WebClient } from '@slack/web-api';
import { recentContactsOf } from '../../services/contacts/contact.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { todayIn, weekOf } from '../../services/calendar';
import { salespeopleWithoutVisits, totalsInRange, visitsInRange } from '../../services/visits/visit-report.service';
import { homeView } from '../../views/home/home.view';
import { guardedEvent, workspaceIdOf, type EventArgs } from '../frame';

const MY_WEEK_VISITS = 8;

/** Everything the Home tab shows, read in parallel: it is published while the user waits for the tab. */
export async function buildHome(client: WebClient, workspaceId: string, userId: string) {
  const [setup, profile] = await Promise.all([
    getWorkspaceSetup(workspaceId),
    getUserProfile(client, workspaceId, userId),
  ]);
  const roles = await rolesOf(client, workspaceId, userId, setup);
  const range = weekOf(todayIn(profile.tz));
  const [myWeek, recentContacts, teamTotals, idle] = await Promise.all([
    visitsInRange(workspaceId, { kind: 'user', userId }, range, MY_WEEK_VISITS),
    recentContactsOf(workspaceId, userId),
    roles.isManager ? totalsInRange(workspaceId, range) : undefined,
    roles.isManager ? salespeopleWithoutVisits(workspaceId, range) : undefined,
  ]);
  return homeView({
    userId,
    myWeek: { visits: myWeek.visits, totals: myWeek.totals, range },
    recentContacts,
    team: teamTotals ? { totals: teamTotals, salespeopleWithoutVisits: idle ?? [] } : undefined,
    isAdmin: roles.isAdmin,
  });
}

/** Home tab opened: publish the user's Home (the Messages tab needs nothing). */
export async function publishHome(args: EventArgs<'app_home_opened'>): Promise<void> {
  const { event, client } = args;
  if (event.tab !== 'home') return;
  await guardedEvent(args, 'Publishing the Home tab', async () => {
    await client.views.publish({ user_id: event.user, view: await buildHome(client, workspaceIdOf(args), event.user) });
  });
}
