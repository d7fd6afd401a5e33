import { App, HTTPReceiver, SocketModeReceiver, type InstallationStore, type Logger, type LogLevel } from '@slack/bolt';
import type { AppConfig } from './config/env';
import { healthRoute } from './http/health.route';
import { InFlightTracker } from './http/in-flight';
import { registerListeners } from './listeners';
import { provideKontaktContext } from './listeners/frame';
import { republishHome } from './listeners/shared/home';
import { ACTOR_PACE, HomeRefresher, teamPace } from './slack/home-refresh';
import type { BotIdentity } from './slack/bot-identity';
import type { Scheduler } from './jobs/scheduler';
import { CompanyRegister } from './services/company-register/company-register.service';
import { installCallbacks, renderInstallPage } from './oauth/install-pages';
import { botScopes } from './oauth/scopes';
import { SingleUseStateStore } from './oauth/state-store';
import { reportListenerError } from './slack/listener-errors';
import { refuseForeignResponseUrls, responseUrlCheck } from './slack/response-url';
import { interactiveClientOptions } from './slack/client-options';
import { socketModeClientOptions } from './slack/socket-mode';
import { refuseUnprocessable } from './slack/receiver-errors';

const SLACK_EVENTS_PATH = '/slack/events';

export interface AppDependencies {
  logger: Logger;
  isDatabaseUp: () => Promise<boolean>;
  /** Single-workspace mode: from auth.test at start (see slack/bot-identity.ts); saves Bolt its own auth.test. */
  botIdentity?: BotIdentity;
  /** OAuth mode: where installations (and their encrypted tokens) live. */
  installationStore?: InstallationStore;
  /** Follow-up reminders and weekly digests; listeners reach it through the context (see listeners/frame.ts). */
  scheduler: Scheduler;
  /** Enhetsregisteret; made from the config when not given (tests and the weekly check share one). */
  register?: CompanyRegister;
}

export interface KontaktApp {
  app: App;
  receiver: HTTPReceiver | SocketModeReceiver;
  inFlight: InFlightTracker;
  /** Background Home re-publishes after saves (stopped with the app). */
  home: HomeRefresher;
}

/** OAuth settings for the receiver (install page, redirect, state), when installing into many workspaces. */
function oauthOptions(config: AppConfig, deps: AppDependencies) {
  if (config.auth.kind !== 'oauth') return {};
  return {
    clientId: config.auth.clientId,
    clientSecret: config.auth.clientSecret,
    stateSecret: config.auth.stateSecret,
    redirectUri: config.auth.redirectUri,
    scopes: botScopes,
    installationStore: deps.installationStore,
    installerOptions: {
      directInstall: false,
      // A state works for one callback: a replayed redirect is refused before its code is exchanged.
      stateStore: new SingleUseStateStore(config.auth.stateSecret),
      renderHtmlForInstallPath: renderInstallPage,
      callbackOptions: installCallbacks,
      clientOptions: config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : undefined,
      ...(config.mode === 'socket' && config.port !== undefined ? { port: config.port } : {}),
    },
  };
}

function createReceiver(config: AppConfig, deps: AppDependencies): HTTPReceiver | SocketModeReceiver {
  const health = healthRoute(deps.isDatabaseUp);
  if (config.mode === 'socket') {
    const oauth = oauthOptions(config, deps);
    return new SocketModeReceiver({
      appToken: config.slack.appToken as string,
      logger: deps.logger,
      ...oauth,
      // Socket Mode needs no public URL; /healthz is served only when a port is asked for.
      customRoutes: config.port === undefined ? [] : [health],
      installerOptions: {
        ...oauth.installerOptions,
        // Bolt gives these to the Socket Mode client (and the OAuth installer): SLACK_API_URL for every call.
        clientOptions: socketModeClientOptions(config.slack.apiUrl, deps.logger),
        ...(config.port === undefined ? {} : { port: config.port }),
      },
    });
  }
  return new HTTPReceiver({
    signingSecret: config.slack.signingSecret as string,
    endpoints: SLACK_EVENTS_PATH,
    customRoutes: [health],
    logger: deps.logger,
    processEventErrorHandler: refuseUnprocessable,
    // Tests run on busy machines: there a slow ack must not be mistaken for a missing one, so Bolt waits longer
    // before answering 404 itself, and the ack time the app reports (http/ack-timing.ts) says whether 3 s was met.
    ...(config.nodeEnv === 'test' ? { unhandledRequestTimeoutMillis: TEST_UNACKED_AFTER_MS } : {}),
    ...oauthOptions(config, deps),
  });
}

/** In tests, how long Bolt waits for an ack before it answers 404 (Slack itself gives up after 3 s). */
export const TEST_UNACKED_AFTER_MS = 15_000;

/** Builds the Bolt app with every listener registered. No network or database work happens here. */
export function createApp(config: AppConfig, deps: AppDependencies): KontaktApp {
  const receiver = createReceiver(config, deps);
  const app = new App({
    ...(config.auth.kind === 'single'
      ? { token: config.auth.botToken, botId: deps.botIdentity?.botId, botUserId: deps.botIdentity?.botUserId }
      : {}),
    receiver,
    logger: deps.logger,
    // Without it Bolt sets its logger (ours) back to info, whatever LOG_LEVEL says.
    logLevel: config.log.level as LogLevel,
    clientOptions: interactiveClientOptions(config.slack.apiUrl),
    extendedErrorHandler: true,
  });
  const inFlight = new InFlightTracker();
  inFlight.attach(app);
  const responseUrlAllowed = responseUrlCheck(config.slack.apiUrl);
  refuseForeignResponseUrls(app, responseUrlAllowed, deps.logger);
  const home = new HomeRefresher(republishHome, deps.logger, ACTOR_PACE, teamPace(config.homeTeamRefreshMs));
  const register = deps.register ?? CompanyRegister.fromConfig(config.companyRegister, deps.logger);
  provideKontaktContext(app, {
    scheduler: deps.scheduler,
    retentionDays: config.dataRetentionDays,
    home,
    register,
    submitDeadlineMs: config.submitDeadlineMs,
  });
  registerListeners(app);
  // extendedErrorHandler: Bolt passes { error, body, logger, context }.
  app.error(((args: Parameters<typeof reportListenerError>[0]) =>
    reportListenerError(args, deps.logger, responseUrlAllowed)) as unknown as Parameters<App['error']>[0]);
  return { app, receiver, inFlight, home };
}
