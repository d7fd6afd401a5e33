import type { Logger } from '@slack/bolt';
import { WebClient, WebAPIPlatformError } from '@slack/web-api';
import { startupClientLogger, untilReachable } from './reachability';

export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId?: string;
  /** The Slack app the bot belongs to (from bots.info), when asked for. */
  appId?: string;
}

export class SlackStartupError extends Error {
  override name = 'SlackStartupError';
}

export interface VerifyBotTokenOptions {
  slackApiUrl?: string;
  logger: Logger;
  /** Socket Mode: also look up which app the bot belongs to, to compare it with the app token's. */
  withAppId?: boolean;
  /** Waits between attempts while Slack cannot be reached (tests shorten them). */
  retryDelaysMs?: readonly number[];
}

/** The app a bot belongs to; undefined when Slack will not say (an install without users:read, say). */
async function appIdOf(client: WebClient, botId: string, logger: VerifyBotTokenOptions['logger']) {
  try {
    return (await client.bots.info({ bot: botId })).bot?.app_id;
  } catch (error) {
    logger.debug(`bots.info did not answer, so the bot's app is not compared: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Checks SLACK_BOT_TOKEN once at start (auth.test) so a wrong token is a clear startup error rather than a
 * failure on the first user's request. A Slack that cannot be reached is waited for (a network problem); a
 * refusal stops the start at once.
 */
export async function verifyBotToken(token: string, options: VerifyBotTokenOptions): Promise<BotIdentity> {
  // One request per attempt: untilReachable does the waiting, with a warning a person can act on.
  const client = new WebClient(token, {
    slackApiUrl: options.slackApiUrl,
    logger: startupClientLogger(options.logger),
    retryConfig: { retries: 0 },
  });
  try {
    const result = await untilReachable(() => client.auth.test(), {
      purpose: 'check SLACK_BOT_TOKEN',
      slackApiUrl: options.slackApiUrl,
      logger: options.logger,
      delaysMs: options.retryDelaysMs,
    });
    if (!result.bot_id || !result.user_id) {
      throw new SlackStartupError(
        'SLACK_BOT_TOKEN is not a bot token: use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.',
      );
    }
    const appId = options.withAppId ? await appIdOf(client, result.bot_id, options.logger) : undefined;
    return { botId: result.bot_id, botUserId: result.user_id, teamId: result.team_id, appId };
  } catch (error) {
    if (error instanceof WebAPIPlatformError) {
      throw new SlackStartupError(
        `Slack refused SLACK_BOT_TOKEN (${error.data.error}). Copy the Bot User OAuth Token again from your Slack app's OAuth & Permissions page, or reinstall the app.`,
      );
    }
    throw error;
  }
}
