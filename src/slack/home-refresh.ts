import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

/** A burst of saves within this window after the last one becomes one publish. */
export const HOME_REFRESH_QUIET_MS = 750;
/** However long a burst goes on, a publish happens at most this long after its first save. */
export const HOME_REFRESH_MAX_WAIT_MS = 3_000;
/**
 * The team's Homes (managers and admins, who see the team's week) follow others' saves more slowly: the team
 * section is the costly part of a Home, a busy team would rebuild it every second, and the one watching is not
 * the one who just saved. Opening the tab always builds it fresh.
 */
export const teamPace = (quietMs: number): RefreshPace => ({ quietMs, maxWaitMs: quietMs * 6 });
/** One save never re-publishes more Homes than this (the actor, the salesperson, the managers). */
const MAX_USERS_PER_CHANGE = 25;

/** How long a burst waits: `quietMs` after its last save, and never more than `maxWaitMs` after its first. */
export interface RefreshPace {
  quietMs: number;
  maxWaitMs: number;
}

export const ACTOR_PACE: RefreshPace = { quietMs: HOME_REFRESH_QUIET_MS, maxWaitMs: HOME_REFRESH_MAX_WAIT_MS };
/** HOME_TEAM_REFRESH_MS's default. */
export const TEAM_PACE: RefreshPace = teamPace(10_000);

export type PublishHome = (client: WebClient, workspaceId: string, userId: string) => Promise<void>;

interface Pending {
  client: WebClient;
  firstAt: number;
  /** The most urgent pace asked for since the last publish (a manager who saved gets the actor's pace). */
  pace: RefreshPace;
  timer?: NodeJS.Timeout;
  /** A publish is running; `again`: something changed meanwhile, so one more follows it. */
  running?: Promise<void>;
  again?: boolean;
}

/**
 * Keeps Homes current: after a save, the Homes it changed are re-published in the background, debounced per user
 * (a burst of saves by one user is one publish), never on the request's path (`refresh` only sets a timer), and a
 * failure is only logged — the user's save already succeeded. One instance per app (see app.ts).
 */
export class HomeRefresher {
  private readonly pending = new Map<string, Pending>();
  private readonly waiters: (() => void)[] = [];
  /** Audiences still being worked out (`refreshLater`): settled() waits for them too. */
  private resolving = 0;
  private stopped = false;

  constructor(
    private readonly publish: PublishHome,
    private readonly logger: Logger,
    private readonly actorPace: RefreshPace = ACTOR_PACE,
    private readonly teamPace: RefreshPace = TEAM_PACE,
  ) {}

  /** Re-publish these users' Homes soon (blank and repeated ids are skipped). Returns at once. */
  refresh(
    client: WebClient,
    workspaceId: string,
    userIds: Iterable<string | undefined | null>,
    pace: RefreshPace = this.actorPace,
  ): void {
    if (this.stopped) return;
    const users = [...new Set([...userIds].filter((id): id is string => typeof id === 'string' && id !== ''))];
    for (const userId of users.slice(0, MAX_USERS_PER_CHANGE)) this.request(client, workspaceId, userId, pace);
  }

  /**
   * The same for the team's Homes, whose users must first be looked up (a workspace's managers): the look-up runs
   * in the background too, a failed one is logged, and they follow at the team's slower pace.
   */
  refreshLater(client: WebClient, workspaceId: string, audience: () => Promise<Iterable<string>>): void {
    if (this.stopped) return;
    this.resolving += 1;
    audience()
      .then((userIds) => this.refresh(client, workspaceId, userIds, this.teamPace))
      .catch((error: Error) => this.logger.warn(`Finding whose Home to re-publish failed: ${error.message}`))
      .finally(() => {
        this.resolving -= 1;
        this.wake();
      });
  }

  /** Resolves once nothing is waiting or being published (tests wait for this before counting publishes). */
  settled(): Promise<void> {
    if (this.pending.size === 0 && this.resolving === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** At shutdown: nothing new is scheduled, waiting publishes are dropped, running ones are waited for. */
  async stop(): Promise<void> {
    this.stopped = true;
    const running: Promise<void>[] = [];
    for (const [key, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.again = false;
      if (entry.running) running.push(entry.running);
      else this.pending.delete(key);
    }
    await Promise.all(running);
    this.wake();
  }

  private request(client: WebClient, workspaceId: string, userId: string, pace: RefreshPace): void {
    const key = `${workspaceId}\u0000${userId}`;
    const now = Date.now();
    const entry = this.pending.get(key);
    if (!entry) {
      const created: Pending = { client, firstAt: now, pace };
      this.pending.set(key, created);
      this.arm(key, created, workspaceId, userId, pace.quietMs);
      return;
    }
    entry.client = client;
    if (pace.quietMs < entry.pace.quietMs) entry.pace = pace;
    if (entry.running) {
      entry.again = true;
      return;
    }
    clearTimeout(entry.timer);
    this.arm(
      key,
      entry,
      workspaceId,
      userId,
      Math.max(0, Math.min(entry.pace.quietMs, entry.firstAt + entry.pace.maxWaitMs - now)),
    );
  }

  private arm(key: string, entry: Pending, workspaceId: string, userId: string, delayMs: number): void {
    entry.timer = setTimeout(() => this.run(key, entry, workspaceId, userId), delayMs);
    // A pending refresh never keeps the process alive.
    entry.timer.unref();
  }

  private run(key: string, entry: Pending, workspaceId: string, userId: string): void {
    entry.timer = undefined;
    entry.running = this.publish(entry.client, workspaceId, userId)
      .catch((error: Error) => this.logger.warn(`Re-publishing the Home of ${userId} failed: ${error.message}`))
      .finally(() => {
        entry.running = undefined;
        if (entry.again && !this.stopped) {
          entry.again = false;
          entry.firstAt = Date.now();
          this.arm(key, entry, workspaceId, userId, entry.pace.quietMs);
          return;
        }
        this.pending.delete(key);
        this.wake();
      });
  }

  private wake(): void {
    if (this.pending.size > 0 || this.resolving > 0) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
