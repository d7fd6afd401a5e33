import type { WebClient } from '@slack/web-api';

export interface SlackUserProfile {
  id: string;
  name: string;
  tz: string;
  isAdmin: boolean;
  isOwner: boolean;
  /** A bot or app user, a deactivated account, and the user's own team: who may be given a task. */
  isBot?: boolean;
  deleted?: boolean;
  teamId?: string;
  enterpriseId?: string;
}

/** Name and time zone rarely change between two clicks: reused for a few minutes. */
const PROFILE_MAX_AGE_MS = 5 * 60_000;
/**
 * Whether someone is a Slack admin or owner decides what they may do: a demoted admin must lose those rights
 * within 30 s. That is at most two users.info calls a minute per active user (Tier 4: 100+ a minute per
 * workspace), and concurrent lookups of one user share a call.
 */
export const ROLE_FLAGS_MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 5_000;
const cache = new Map<string, { profile: SlackUserProfile; fetchedAt: number }>();
const pending = new Map<string, Promise<SlackUserProfile>>();
/**
 * Bumped by clearUserCache: an answer to a lookup started before a clear is returned to its caller but not cached,
 * or a profile read before an uninstall (or a test's reset) would outlive the clear that was meant to drop it.
 */
let generation = 0;

async function fetchProfile(client: WebClient, key: string, userId: string): Promise<SlackUserProfile> {
  const startedIn = generation;
  const { user } = await client.users.info({ user: userId });
  const profile: SlackUserProfile = {
    id: userId,
    name: user?.profile?.display_name || user?.real_name || user?.name || userId,
    tz: user?.tz ?? 'UTC',
    isAdmin: Boolean(user?.is_admin),
    isOwner: Boolean(user?.is_owner || user?.is_primary_owner),
    isBot: Boolean(user?.is_bot || user?.is_app_user) || userId === 'USLACKBOT',
    deleted: Boolean(user?.deleted),
    teamId: user?.team_id,
    enterpriseId: user?.enterprise_user?.enterprise_id,
  };
  if (startedIn !== generation) return profile;
  if (cache.size >= MAX_ENTRIES && !cache.has(key)) cache.delete(cache.keys().next().value as string);
  cache.set(key, { profile, fetchedAt: Date.now() });
  return profile;
}

/**
 * users.info, cached per workspace and user: Slack rate-limits the method. `maxAgeMs` is how old an answer the
 * caller can use: the default suits names and time zones; permission checks ask for ROLE_FLAGS_MAX_AGE_MS.
 */
export async function getUserProfile(
  client: WebClient,
  workspaceId: string,
  userId: string,
  options: { maxAgeMs?: number } = {},
): Promise<SlackUserProfile> {
  const key = `${workspaceId}:${userId}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.fetchedAt < (options.maxAgeMs ?? PROFILE_MAX_AGE_MS)) return hit.profile;
  const inFlight = pending.get(key);
  if (inFlight) return inFlight;
  const lookup = fetchProfile(client, key, userId).finally(() => {
    if (pending.get(key) === lookup) pending.delete(key);
  });
  pending.set(key, lookup);
  return lookup;
}

/** Forget cached profiles (tests, and when a workspace is uninstalled). */
export function clearUserCache(workspaceId?: string): void {
  generation += 1;
  if (!workspaceId) {
    pending.clear();
    return cache.clear();
  }
  for (const key of pending.keys()) if (key.startsWith(`${workspaceId}:`)) pending.delete(key);
  for (const key of cache.keys()) if (key.startsWith(`${workspaceId}:`)) cache.delete(key);
}
