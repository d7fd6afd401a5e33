import { WebClient, ErrorCode, type WebAPIPlatformError } from '@slack/web-api';

export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId?: string;
}

export class SlackStartupError extends Error {
  override name = 'SlackStartupError';
}

/**
 * Checks SLACK_BOT_TOKEN once at start (auth.test) so a wrong token is a clear startup error rather than a
 * failure on the first user's request. Retries are kept short: a person is waiting at a terminal.
 */
export async function verifyBotToken(token: string, slackApiUrl?: string): Promise<BotIdentity> {
  const client = new WebClient(token, {
    slackApiUrl,
    retryConfig: { retries: 2, factor: 1.5, minTimeout: 200, maxTimeout: 1_000 },
  });
  try {
    const result = await client.auth.test();
    if (!result.bot_id || !result.user_id) {
      throw new SlackStartupError(
        'SLACK_BOT_TOKEN is not a bot token: use the Bot User OAuth Token (xoxb-…) from OAuth & Permissions.',
      );
    }
    return { botId: result.bot_id, botUserId: result.user_id, teamId: result.team_id };
  } catch (error) {
    if (error instanceof SlackStartupError) throw error;
    const code = (error as { code?: string }).code;
    if (code === ErrorCode.PlatformError) {
      const slackError = (error as WebAPIPlatformError).data.error;
      throw new SlackStartupError(
        `Slack refused SLACK_BOT_TOKEN (${slackError}). Copy the Bot User OAuth Token again from your Slack app's OAuth & Permissions page, or reinstall the app.`,
      );
    }
    throw new SlackStartupError(
      `Could not reach the Slack Web API at ${slackApiUrl ?? 'https://slack.com/api/'} to check SLACK_BOT_TOKEN (${code ?? 'network error'}). Check the network, or SLACK_API_URL if you set it.`,
    );
  }
}
