import type { Context } from '@slack/bolt';
import type { HomeView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { translator, type Translator } from '../../i18n';
import { userLanguage } from '../../services/language/language.service';
import { todayIn, weekOf } from '../../services/calendar';
import { recentContactsOf } from '../../services/contacts/contact.service';
import { rolesOf } from '../../services/people/permissions.service';
import { getUserProfile } from '../../services/people/user-directory';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { teamWeek, visitsInRange } from '../../services/visits/visit-report.service';
import { homeView } from '../../views/home/home.view';
import { homeTasks } from '../../services/tasks/task.service';
import { HOME_TASKS, taskHomeBlocks } from '../../views/task/task-home';
import { kontaktOf } from '../frame';
import { homePipeline } from './home-pipeline';

const MY_WEEK_VISITS = 8;

/**
 * Everything a user's Home tab shows, read in parallel (it is published while the user waits for the tab), built
 * by the one pure builder. The `app_home_opened` listener and the background re-publisher both come here.
 */
export async function buildHome(
  client: WebClient,
  workspaceId: string,
  userId: string,
  tr: Translator,
): Promise<HomeView> {
  const [setup, profile] = await Promise.all([
    getWorkspaceSetup(workspaceId),
    getUserProfile(client, workspaceId, userId),
  ]);
  const roles = await rolesOf(client, workspaceId, userId, setup);
  const today = todayIn(profile.tz);
  const range = weekOf(today);
  const [myWeek, recentContacts, team, pipeline, tasks] = await Promise.all([
    visitsInRange(workspaceId, { kind: 'user', userId }, range, MY_WEEK_VISITS),
    recentContactsOf(workspaceId, userId),
    roles.isManager ? teamWeek(workspaceId, range) : undefined,
    homePipeline(workspaceId, userId, roles.isManager, today, tr),
    homeTasks(workspaceId, userId, today, HOME_TASKS),
  ]);
  return homeView(tr, {
    userId,
    myWeek: { visits: myWeek.visits, totals: myWeek.totals, range },
    recentContacts,
    team,
    isAdmin: roles.isAdmin,
    pipeline,
    tasks: taskHomeBlocks(tr, tasks, today),
  });
}

/** Builds and publishes one user's Home. */
export async function publishHomeOf(
  client: WebClient,
  workspaceId: string,
  userId: string,
  tr: Translator,
): Promise<void> {
  await client.views.publish({ user_id: userId, view: await buildHome(client, workspaceId, userId, tr) });
}

/**
 * A re-publish for someone who is not the one acting (the background refresher): no request carries their
 * language, so it is resolved for them as a request of theirs would be — their choice, else the workspace's.
 */
export const republishHome = async (client: WebClient, workspaceId: string, userId: string): Promise<void> =>
  publishHomeOf(client, workspaceId, userId, translator(await userLanguage(workspaceId, userId)));

/**
 * After a save: the Homes it changed are re-published in the background (debounced per user; this returns at
 * once and never fails). `users` are the actor and whoever else the change is about (a visit's salesperson);
 * `team` adds the managers and admins named in setup, whose Home shows the team's week.
 */
export function refreshHomes(
  args: { context: Context; client: WebClient },
  users: (string | undefined | null)[],
  options: { team?: boolean } = {},
): void {
  const { workspaceId, home } = kontaktOf(args.context);
  home.refresh(args.client, workspaceId, users);
  if (options.team) {
    home.refreshLater(args.client, workspaceId, async () => {
      const { roles } = await getWorkspaceSetup(workspaceId);
      return [...roles.managers, ...roles.admins];
    });
  }
}
