import type { App, Logger, SocketModeReceiver } from '@slack/bolt';
import { WebClient, WebAPIPlatformError, type WebClientOptions } from '@slack/web-api';
import { SlackStartupError } from './bot-identity';
import { DEFAULT_SLACK_API_URL, startupClientLogger, untilReachable, unreachableReason } from './reachability';

/**
 * Socket Mode's own Web API calls (apps.connections.open, at start and at every reconnect). Bolt hands these
 * options to the Socket Mode client, which would otherwise call https://slack.com/api/ whatever SLACK_API_URL
 * says. While Slack cannot be reached the client keeps trying, at most every 30 s, with a warning per attempt.
 */
export function socketModeClientOptions(slackApiUrl: string | undefined, logger: Logger): WebClientOptions {
  return {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: {
      retries: 10_000,
      factor: 2,
      minTimeout: 1_000,
      maxTimeout: 30_000,
      onFailedAttempt: (error: unknown) => {
        const attempt = (error as { attemptNumber?: number }).attemptNumber ?? 1;
        logger.warn(
          `Slack could not be reached at ${slackApiUrl ?? DEFAULT_SLACK_API_URL} (${unreachableReason(error)}), attempt ${attempt}; trying again. Check the network, or SLACK_API_URL if you set it.`,
        );
      },
    } as WebClientOptions['retryConfig'],
  };
}

/**
 * Checks SLACK_APP_TOKEN once at start with apps.connections.open, the one call an app-level token is for. The
 * Socket Mode client retries most refusals for ever (`not_allowed_token_type` included), so without this check a
 * wrong token would look like a start that never finishes. The URL it returns is left unused; it expires.
 */
export async function verifyAppToken(
  appToken: string,
  options: { slackApiUrl?: string; logger: Logger; retryDelaysMs?: readonly number[] },
): Promise<void> {
  const client = new WebClient(appToken, {
    slackApiUrl: options.slackApiUrl,
    logger: startupClientLogger(options.logger),
    retryConfig: { retries: 0 },
  });
  try {
    await untilReachable(() => client.apps.connections.open(), {
      purpose: 'check SLACK_APP_TOKEN',
      slackApiUrl: options.slackApiUrl,
      logger: options.logger,
      delaysMs: options.retryDelaysMs,
    });
  } catch (error) {
    if (error instanceof WebAPIPlatformError) {
      throw new SlackStartupError(
        `Slack refused SLACK_APP_TOKEN (${error.data.error}): use an app-level token (xapp-…) with the connections:write scope from your Slack app's Basic Information → App-Level Tokens, with Socket Mode turned on.`,
      );
    }
    throw error;
  }
}

/**
 * The app the Socket Mode connection belongs to, as Slack's `hello` message says (`connection_info.app_id`).
 * `ws_message` is the Socket Mode client's event for every raw message; Bolt exposes nothing higher for hello.
 */
function watchConnectedApp(receiver: SocketModeReceiver): () => string | undefined {
  let appId: string | undefined;
  receiver.client.on('ws_message', (data: unknown, isBinary: boolean) => {
    if (isBinary) return;
    try {
      const message = JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer)) as {
        type?: string;
        connection_info?: { app_id?: string };
      };
      if (message.type === 'hello') appId = message.connection_info?.app_id;
    } catch {
      // Not JSON: the client itself ignores it too.
    }
  });
  return () => appId;
}

/**
 * Starts receiving over Socket Mode. With a single bot token, the bot must belong to the app whose token opened
 * the connection: otherwise every modal would fail (a trigger of one app cannot open another app's view), so the
 * start stops here with the two app ids.
 */
export async function startSocketMode(app: App, receiver: SocketModeReceiver, botAppId?: string): Promise<void> {
  const connectedApp = watchConnectedApp(receiver);
  await app.start();
  const socketAppId = connectedApp();
  if (botAppId && socketAppId && botAppId !== socketAppId) {
    await app.stop().catch(() => undefined);
    throw new SlackStartupError(
      `SLACK_BOT_TOKEN belongs to Slack app ${botAppId} but SLACK_APP_TOKEN to app ${socketAppId}: copy both tokens from the same app's settings.`,
    );
  }
}

/**
 * Stops receiving and waits until the WebSocket's closing handshake is over. Bolt's stop() only starts it; a
 * process that exits (or a test that closes Slack's end) before it finishes leaves Slack with a dropped link and
 * the client with a 30-second handshake timer.
 */
export async function stopSocketMode(app: App, receiver: SocketModeReceiver): Promise<void> {
  const disconnected = new Promise<void>((resolve) => receiver.client.once('disconnected', () => resolve()));
  await app.stop();
  await disconnected;
}
