import type { Installation, InstallationQuery, InstallationStore, Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { InstallationModel } from '../models/installation.model';
import { resealInstallation } from './key-rotation';
import { TokenCipher, TokenDecryptionError, tokenContext } from './token-cipher';

/** Refresh well before @slack/oauth's own 2-hour window, so it never refreshes a second time itself. */
const REFRESH_BEFORE_MS = 3 * 3_600_000;
const LOCK_MS = 30_000;
const WAIT_FOR_PEER_MS = 5_000;
/** After a failed refresh the next attempt waits 30 s, doubling per failure up to 15 min. */
export const REFRESH_BACKOFF_FIRST_MS = 30_000;
export const REFRESH_BACKOFF_MAX_MS = 15 * 60_000;

export function refreshBackoffMs(failures: number): number {
  return Math.min(REFRESH_BACKOFF_MAX_MS, REFRESH_BACKOFF_FIRST_MS * 2 ** Math.max(0, failures - 1));
}

/**
 * The bot token has expired and renewing it is backing off after a failure: the request cannot be served.
 * The error reporter turns it into a sentence for the user (see slack/listener-errors.ts).
 */
export class TokenRenewalPendingError extends Error {
  override name = 'TokenRenewalPendingError';
}

export interface InstallationStoreOptions {
  cipher: TokenCipher;
  clientId: string;
  clientSecret: string;
  slackApiUrl?: string;
  logger: Logger;
}

type Stored = {
  key: string;
  teamId?: string | null;
  teamName?: string | null;
  enterpriseId?: string | null;
  enterpriseName?: string | null;
  isEnterpriseInstall?: boolean | null;
  appId?: string | null;
  installerUserId?: string | null;
  tokenType?: string | null;
  botUserId?: string | null;
  botId?: string | null;
  botScopes?: string[];
  botTokenCipher: string;
  botRefreshTokenCipher?: string | null;
  botTokenExpiresAt?: Date | null;
  refreshLockUntil?: Date | null;
  refreshFailures?: number | null;
  refreshRetryAt?: Date | null;
};

export function installationKey(query: {
  isEnterpriseInstall?: boolean;
  enterpriseId?: string;
  teamId?: string;
}): string {
  const key = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!key) throw new Error('An installation needs a team id (or an enterprise id for org-wide installs)');
  return key;
}

/**
 * Bolt's installation store on MongoDB: tokens encrypted at rest, keyed by team (or enterprise for org-wide
 * installs). With token rotation on, fetching refreshes a token that is about to expire — exactly once across
 * concurrent requests and app instances (a lease in the document decides who refreshes; the rest wait for it).
 */
export class MongoInstallationStore implements InstallationStore {
  private readonly inFlight = new Map<string, Promise<Stored>>();
  private readonly client: WebClient;
  private installedHandlers: ((workspaceId: string) => Promise<void>)[] = [];

  constructor(private readonly options: InstallationStoreOptions) {
    this.client = new WebClient(undefined, { slackApiUrl: options.slackApiUrl, logger: options.logger });
  }

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(
    installation: Installation<AuthVersion, boolean>,
  ): Promise<void> {
    const { cipher } = this.options;
    const isEnterpriseInstall = Boolean(installation.isEnterpriseInstall);
    const key = installationKey({
      isEnterpriseInstall,
      enterpriseId: installation.enterprise?.id,
      teamId: installation.team?.id,
    });
    if (!installation.bot?.token) throw new Error('The installation carries no bot token');
    await InstallationModel.updateOne(
      { key },
      {
        $set: {
          key,
          teamId: installation.team?.id,
          teamName: installation.team?.name,
          enterpriseId: installation.enterprise?.id,
          enterpriseName: installation.enterprise?.name,
          isEnterpriseInstall,
          appId: installation.appId,
          installerUserId: installation.user?.id,
          tokenType: installation.tokenType,
          botUserId: installation.bot.userId,
          botId: installation.bot.id,
          botScopes: installation.bot.scopes,
          botTokenCipher: cipher.encrypt(installation.bot.token, tokenContext(key, 'bot')),
          botRefreshTokenCipher: installation.bot.refreshToken
            ? cipher.encrypt(installation.bot.refreshToken, tokenContext(key, 'refresh'))
            : undefined,
          botTokenExpiresAt: installation.bot.expiresAt ? new Date(installation.bot.expiresAt * 1000) : undefined,
          installedAt: new Date(),
        },
        $unset: { refreshLockUntil: 1, refreshFailures: 1, refreshRetryAt: 1 },
      },
      { upsert: true },
    );
    for (const handler of this.installedHandlers) await handler(key);
  }

  /** Runs after every successful install (a reinstall cancels a pending data removal). */
  onInstalled(handler: (workspaceId: string) => Promise<void>): void {
    this.installedHandlers.push(handler);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const key = installationKey(query);
    let stored = await InstallationModel.findOne({ key }).lean<Stored>();
    if (!stored) throw new Error(`No installation for ${key}`);
    const expiresAt = stored.botTokenExpiresAt?.getTime();
    if (stored.botRefreshTokenCipher && expiresAt !== undefined && expiresAt - Date.now() < REFRESH_BEFORE_MS) {
      // After a failure, the next attempt waits its turn (every instance sees the same time in the document).
      if (!stored.refreshRetryAt || stored.refreshRetryAt.getTime() <= Date.now())
        stored = await this.refreshOnce(stored);
      const validUntil = stored.botTokenExpiresAt?.getTime();
      if (validUntil !== undefined && validUntil <= Date.now()) {
        throw new TokenRenewalPendingError(
          `The bot token of ${key} has expired and renewing it failed; the next attempt is at ${stored.refreshRetryAt?.toISOString() ?? 'the next request'}`,
        );
      }
    }
    const installation = this.toInstallation(stored);
    // Key rotation, and tokens sealed before they were bound to their installation: resealed on first use.
    await resealInstallation(this.options.cipher, stored);
    return installation;
  }

  /** A bot client for a workspace (scheduled jobs have no request to authorize them). */
  async clientFor(workspaceId: string): Promise<WebClient> {
    const stored = await InstallationModel.findOne({ key: workspaceId }).lean<Stored>();
    if (!stored) throw new Error(`Kontakt is not installed in ${workspaceId}`);
    const installation = await this.fetchInstallation({
      isEnterpriseInstall: Boolean(stored.isEnterpriseInstall),
      enterpriseId: stored.enterpriseId ?? undefined,
      teamId: stored.isEnterpriseInstall ? undefined : (stored.teamId ?? undefined),
    } as InstallationQuery<boolean>);
    return new WebClient(installation.bot?.token, {
      slackApiUrl: this.options.slackApiUrl,
      logger: this.options.logger,
    });
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await InstallationModel.deleteOne({ key: installationKey(query) });
  }

  /** Within this process, concurrent fetches share one refresh; across processes, the lease decides. */
  private refreshOnce(stored: Stored): Promise<Stored> {
    const pending = this.inFlight.get(stored.key);
    if (pending) return pending;
    const work = this.refreshWithLease(stored).finally(() => this.inFlight.delete(stored.key));
    this.inFlight.set(stored.key, work);
    return work;
  }

  private async refreshWithLease(stored: Stored): Promise<Stored> {
    const now = new Date();
    const lease = await InstallationModel.findOneAndUpdate(
      {
        key: stored.key,
        botTokenExpiresAt: stored.botTokenExpiresAt,
        $and: [
          { $or: [{ refreshLockUntil: null }, { refreshLockUntil: { $lt: now } }] },
          // Another instance may have failed (and set the next attempt) since this one read the document.
          { $or: [{ refreshRetryAt: null }, { refreshRetryAt: { $lte: now } }] },
        ],
      },
      { $set: { refreshLockUntil: new Date(now.getTime() + LOCK_MS) } },
      { returnDocument: 'after', lean: true },
    );
    if (!lease) return this.waitForPeer(stored);
    const { cipher, clientId, clientSecret } = this.options;
    try {
      const refreshed = await this.client.oauth.v2.access({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'refresh_token',
        refresh_token: this.open(stored, 'refresh'),
      });
      if (!refreshed.access_token || !refreshed.expires_in) throw new Error('Slack returned no token from the refresh');
      const updated = await InstallationModel.findOneAndUpdate(
        { key: stored.key },
        {
          $set: {
            botTokenCipher: cipher.encrypt(refreshed.access_token, tokenContext(stored.key, 'bot')),
            ...(refreshed.refresh_token
              ? { botRefreshTokenCipher: cipher.encrypt(refreshed.refresh_token, tokenContext(stored.key, 'refresh')) }
              : {}),
            botTokenExpiresAt: new Date(Date.now() + refreshed.expires_in * 1000),
          },
          $unset: { refreshLockUntil: 1, refreshFailures: 1, refreshRetryAt: 1 },
        },
        { returnDocument: 'after', lean: true },
      );
      this.options.logger.info(`Refreshed the bot token of ${stored.key}`);
      return (updated as Stored | null) ?? stored;
    } catch (error) {
      // The lease holder alone writes the count, so failures + 1 is exact without a second round trip.
      const failures = (lease.refreshFailures ?? 0) + 1;
      const retryAt = new Date(Date.now() + refreshBackoffMs(failures));
      const updated = await InstallationModel.findOneAndUpdate(
        { key: stored.key },
        { $set: { refreshFailures: failures, refreshRetryAt: retryAt }, $unset: { refreshLockUntil: 1 } },
        { returnDocument: 'after', lean: true },
      );
      // The old token is still valid for a while (we refresh hours early): it serves until the next attempt.
      this.options.logger.warn(
        `Refreshing the bot token of ${stored.key} failed (${failures} in a row), next attempt at ${retryAt.toISOString()}: ${(error as Error).message}`,
      );
      return (updated as Stored | null) ?? { ...stored, refreshFailures: failures, refreshRetryAt: retryAt };
    }
  }

  /**
   * Another instance is refreshing (or has just failed and set the next attempt): wait briefly for its outcome;
   * the current token is still valid meanwhile.
   */
  private async waitForPeer(stored: Stored): Promise<Stored> {
    const deadline = Date.now() + WAIT_FOR_PEER_MS;
    for (;;) {
      const current = await InstallationModel.findOne({ key: stored.key }).lean<Stored>();
      if (!current) throw new Error(`No installation for ${stored.key}`);
      const renewed = current.botTokenExpiresAt?.getTime() !== stored.botTokenExpiresAt?.getTime();
      const peerDone = !current.refreshLockUntil || current.refreshLockUntil.getTime() < Date.now();
      if (renewed || peerDone || Date.now() >= deadline) return current;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * One of an installation's tokens in clear. A ciphertext that does not open (altered, copied from another
   * installation, an unknown key) is logged loudly — which installation and why, never a token — and thrown.
   */
  private open(stored: Stored, field: 'bot' | 'refresh'): string {
    const sealed = field === 'bot' ? stored.botTokenCipher : (stored.botRefreshTokenCipher as string);
    try {
      return this.options.cipher.decrypt(sealed, tokenContext(stored.key, field));
    } catch (error) {
      if (error instanceof TokenDecryptionError) {
        this.options.logger.error(
          `The ${field} token of installation ${stored.key} cannot be opened: ${error.message}`,
        );
      }
      throw error;
    }
  }

  private toInstallation(stored: Stored): Installation<'v1' | 'v2', boolean> {
    const enterprise = stored.enterpriseId
      ? { id: stored.enterpriseId, name: stored.enterpriseName ?? undefined }
      : undefined;
    return {
      team: stored.isEnterpriseInstall
        ? undefined
        : { id: stored.teamId as string, name: stored.teamName ?? undefined },
      enterprise,
      isEnterpriseInstall: Boolean(stored.isEnterpriseInstall),
      appId: stored.appId ?? undefined,
      authVersion: 'v2',
      tokenType: 'bot',
      user: { id: stored.installerUserId ?? '', token: undefined, scopes: undefined },
      bot: {
        token: this.open(stored, 'bot'),
        // Not handed out: @slack/oauth would refresh on its own (on every request while a refresh fails); this
        // store alone refreshes, with its lease and backoff.
        refreshToken: undefined,
        expiresAt: stored.botTokenExpiresAt ? Math.floor(stored.botTokenExpiresAt.getTime() / 1000) : undefined,
        scopes: stored.botScopes ?? [],
        id: stored.botId ?? '',
        userId: stored.botUserId ?? '',
      },
    } as Installation<'v1' | 'v2', boolean>;
  }
}
