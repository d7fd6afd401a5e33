import { App, HTTPReceiver, SocketModeReceiver, type Logger } from '@slack/bolt';
import type { AppConfig } from './config/env';
import { healthRoute } from './http/health.route';
import { InFlightTracker } from './http/in-flight';
import { registerListeners } from './listeners';
import type { BotIdentity } from './slack/bot-identity';
import { provideScheduler } from './jobs/context';
import type { Scheduler } from './jobs/scheduler';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface AppDependencies {
  logger: Logger;
  isDatabaseUp: () => Promise<boolean>;
  /** From auth.test at start (see slack/bot-identity.ts); saves Bolt an auth.test call of its own. */
  botIdentity: BotIdentity;
  /** Follow-up reminders and weekly digests; listeners reach it through the context (see jobs/context.ts). */
  scheduler: Scheduler;
}

export interface KontaktApp {
  app: App;
  receiver: HTTPReceiver | SocketModeReceiver;
  inFlight: InFlightTracker;
}

function createReceiver(config: AppConfig, deps: AppDependencies): HTTPReceiver | SocketModeReceiver {
  const health = healthRoute(deps.isDatabaseUp);
  if (config.mode === 'socket') {
    return new SocketModeReceiver({
      appToken: config.slack.appToken as string,
      logger: deps.logger,
      // Socket Mode needs no public URL; /healthz is served only when a port is asked for.
      customRoutes: config.port === undefined ? [] : [health],
      installerOptions: config.port === undefined ? undefined : { port: config.port },
    });
  }
  return new HTTPReceiver({
    signingSecret: config.slack.signingSecret as string,
    endpoints: SLACK_EVENTS_PATH,
    customRoutes: [health],
    logger: deps.logger,
  });
}

/** Builds the Bolt app with every listener registered. No network or database work happens here. */
export function createApp(config: AppConfig, deps: AppDependencies): KontaktApp {
  const receiver = createReceiver(config, deps);
  const app = new App({
    token: config.slack.botToken,
    botId: deps.botIdentity.botId,
    botUserId: deps.botIdentity.botUserId,
    receiver,
    logger: deps.logger,
    clientOptions: config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : undefined,
  });
  const inFlight = new InFlightTracker();
  inFlight.attach(app);
  provideScheduler(app, deps.scheduler);
  registerListeners(app);
  app.error(async (error) => {
    // Bolt hands us wrapped errors; the message is enough, payloads stay out of the log.
    deps.logger.error(`Unhandled error in a listener: ${error.message}`);
  });
  return { app, receiver, inFlight };
}
