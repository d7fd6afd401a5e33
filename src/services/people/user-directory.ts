import type { WebClient } from '@slack/web-api';

export interface SlackUserProfile {
  id: string;
  name: string;
  tz: string;
  isAdmin: boolean;
  isOwner: boolean;
}

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 5_000;
const cache = new Map<string, { profile: SlackUserProfile; expires: number }>();

/**
 * users.info, cached for a few minutes per workspace and user: Slack rate-limits the method, and a user's
 * admin flag or time zone rarely changes between two clicks.
 */
export async function getUserProfile(
  client: WebClient,
  workspaceId: string,
  userId: string,
): Promise<SlackUserProfile> {
  const key = `${workspaceId}:${userId}`;
  const hit = cache.get(key);
  if (hit && hit.expires > Date.now()) return hit.profile;
  const { user } = await client.users.info({ user: userId });
  const profile: SlackUserProfile = {
    id: userId,
    name: user?.profile?.display_name || user?.real_name || user?.name || userId,
    tz: user?.tz ?? 'UTC',
    isAdmin: Boolean(user?.is_admin),
    isOwner: Boolean(user?.is_owner || user?.is_primary_owner),
  };
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, { profile, expires: Date.now() + TTL_MS });
  return profile;
}

/** Forget cached profiles (tests, and when a workspace is uninstalled). */
export function clearUserCache(workspaceId?: string): void {
  if (!workspaceId) return cache.clear();
  for (const key of cache.keys()) if (key.startsWith(`${workspaceId}:`)) cache.delete(key);
}
