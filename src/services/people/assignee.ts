import type { WebClient } from '@slack/web-api';
import { getUserProfile } from './user-directory';

/** Why someone cannot be given a task: a bot, a deactivated account, a user of another workspace, or unknown. */
export type AssigneeProblem = 'bot' | 'deactivated' | 'foreign' | 'unknown';

/**
 * Whether `userId` may be given a task in `workspaceId`, by what Slack's users.info says of them: a person, active,
 * of this team (or, for an org-wide install, this enterprise). Undefined when they may.
 */
export async function assigneeProblem(
  client: WebClient,
  workspaceId: string,
  userId: string,
): Promise<AssigneeProblem | undefined> {
  if (!/^[UW][A-Z0-9]{1,30}$/.test(userId)) return 'unknown';
  let profile;
  try {
    profile = await getUserProfile(client, workspaceId, userId);
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'user_not_found' || code === 'user_not_visible') return 'unknown';
    throw error;
  }
  if (profile.isBot) return 'bot';
  if (profile.deleted) return 'deactivated';
  const sameWorkspace = workspaceId.startsWith('E')
    ? profile.enterpriseId === undefined || profile.enterpriseId === workspaceId
    : profile.teamId === undefined || profile.teamId === workspaceId;
  return sameWorkspace ? undefined : 'foreign';
}
