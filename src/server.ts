import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@slack/bolt';
import { createApp } from './app';
import type { AppConfig } from './config/env';
import { connectDatabase, disconnectDatabase, ensureIndexes, isDatabaseUp, withDatabaseName } from './db/connection';
import { startEmbeddedMongo, type EmbeddedMongo } from './db/embedded-mongo';
import { stampAckTimes } from './http/ack-timing';
import { START_PATIENCE_MS } from './db/bounds';
import { isDatabaseUnavailable } from './db/errors';
import './models';
import { verifyBotToken } from './slack/bot-identity';
import { startSocketMode, stopSocketMode, verifyAppToken } from './slack/socket-mode';
import type { SocketModeReceiver } from '@slack/bolt';
import { MongoInstallationStore } from './oauth/installation-store';
import { TokenCipher } from './oauth/token-cipher';
import { markInstalled } from './services/workspace-lifecycle.service';
import type { WebClient } from '@slack/web-api';
import { createScheduler, type Scheduler } from './jobs/scheduler';
import { migrateFollowUpsToTasks } from './jobs/task-migration.job';
import type { HomeRefresher } from './slack/home-refresh';
import { getWorkspaceSetup, listSetupWorkspaces } from './services/setup/setup.service';
import { CompanyRegister } from './services/company-register/company-register.service';

/** OAuth mode: installations in MongoDB, their tokens sealed with the configured key(s). */
function createInstallationStore(config: AppConfig, logger: Logger): MongoInstallationStore | undefined {
  if (config.auth.kind !== 'oauth') return undefined;
  return new MongoInstallationStore({
    cipher: new TokenCipher(config.auth.encryptionKeys.current, config.auth.encryptionKeys.old),
    clientId: config.auth.clientId,
    clientSecret: config.auth.clientSecret,
    slackApiUrl: config.slack.apiUrl,
    logger,
  });
}

/** A (re)install: data waiting for deletion after an uninstall is kept after all. */
async function welcomeBack(workspaceId: string, scheduler: Scheduler): Promise<void> {
  await markInstalled(workspaceId);
  await scheduler.cancelDataRemoval(workspaceId);
}

/** Digests are (re)scheduled from each workspace's setup at start, so a changed schedule survives restarts. */
async function scheduleAllDigests(scheduler: Scheduler, logger: Logger): Promise<void> {
  for (const workspaceId of await listSetupWorkspaces()) {
    await scheduler
      .scheduleDigest(workspaceId, await getWorkspaceSetup(workspaceId))
      .catch((error: Error) => logger.warn(`Scheduling the digest of ${workspaceId}: ${error.message}`));
  }
}

export interface RunningKontakt {
  /** Follow-up reminders and weekly digests (also reachable from listeners' context). */
  scheduler: Scheduler;
  /** Turns visit follow-ups not yet tasks into tasks (run once at start; idempotent). Returns how many. */
  migrateFollowUps(): Promise<number>;
  /** Background Home re-publishes (tests wait for `home.settled()` before counting publishes). */
  home: HomeRefresher;
  /** Enhetsregisteret as the app uses it (its 24 h cache included). */
  register: CompanyRegister;
  /** The HTTP port actually bound (useful when PORT=0 asked for any free port). */
  port?: number;
  database: 'external' | EmbeddedMongo['kind'];
  /** Stops taking requests, lets in-flight work finish (bounded), closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

const EMBEDDED_DB_NAME = 'kontakt';

async function openDatabase(config: AppConfig, logger: Logger): Promise<{ uri: string; embedded?: EmbeddedMongo }> {
  if (config.mongodb.uri) return { uri: config.mongodb.uri };
  logger.info(`No MONGODB_URI set: starting the embedded MongoDB (data in ${config.mongodb.dataDir})`);
  const embedded = await startEmbeddedMongo({ dbPath: config.mongodb.dataDir, logger });
  return { uri: withDatabaseName(embedded.uri, EMBEDDED_DB_NAME), embedded };
}

/**
 * Start-up work on the database, retried while the database does not answer in time: nobody waits on a request
 * yet, and each operation is still bounded (db/bounds.ts), so a slow first moment is waited out, not fatal.
 */
async function patiently<T>(work: () => Promise<T>): Promise<T> {
  const giveUp = Date.now() + START_PATIENCE_MS;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() > giveUp) throw error;
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** What the tests start Kontakt with beyond its configuration; production passes none. */
export interface StartOptions {
  /** Milliseconds between two questions to the register in the weekly check (default: its production pace). */
  registerPaceMs?: number;
}

/** Connect the database, check the Slack token, start receiving. Everything started is stopped again on failure. */
export async function startKontakt(
  config: AppConfig,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningKontakt> {
  const slackApiUrl = config.slack.apiUrl;
  const botIdentity =
    config.auth.kind === 'single'
      ? await verifyBotToken(config.auth.botToken, { slackApiUrl, logger, withAppId: config.mode === 'socket' })
      : undefined;
  if (config.mode === 'socket') await verifyAppToken(config.slack.appToken as string, { slackApiUrl, logger });
  const { uri, embedded } = await openDatabase(config, logger);
  try {
    await connectDatabase(uri);
    await ensureIndexes(logger);
  } catch (error) {
    await disconnectDatabase().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }

  const register = CompanyRegister.fromConfig(config.companyRegister, logger);
  // Scheduled jobs reach Slack with the one bot token, or with each installation's (OAuth mode).
  const slack: { client?: WebClient } = {};
  const installationStore = createInstallationStore(config, logger);
  const clientFor = async (workspaceId: string): Promise<WebClient> => {
    if (installationStore) return installationStore.clientFor(workspaceId);
    if (!slack.client) throw new Error('The Slack client is not ready yet');
    return slack.client;
  };
  const scheduler: Scheduler = createScheduler({
    mongoUri: uri,
    clientFor,
    logger,
    pollMs: config.jobsPollMs,
    register,
    registerPaceMs: options.registerPaceMs,
  });
  installationStore?.onInstalled((workspaceId) => welcomeBack(workspaceId, scheduler));
  const { app, receiver, inFlight, home } = createApp(config, {
    logger,
    isDatabaseUp,
    botIdentity,
    installationStore,
    scheduler,
    register,
  });
  slack.client = app.client;
  let server: Server | undefined;
  try {
    if (config.mode === 'http') {
      server = (await app.start(config.port ?? 3000)) as Server;
      // Tests judge Slack's 3 s by the time the app itself took (see http/ack-timing.ts).
      if (config.nodeEnv === 'test') stampAckTimes(server);
    } else {
      await startSocketMode(app, receiver as SocketModeReceiver, botIdentity?.appId);
    }
  } catch (error) {
    await scheduler.stop().catch(() => undefined);
    await disconnectDatabase().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
  const port = server ? (server.address() as AddressInfo).port : config.port;
  await scheduler.start();
  // One workspace: starting with its token is (re)installing it, so data waiting for deletion after an uninstall
  // is kept after all.
  const teamId = botIdentity?.teamId;
  if (teamId) await patiently(() => welcomeBack(teamId, scheduler));
  await patiently(() => scheduleAllDigests(scheduler, logger));
  // One-off and idempotent: visit follow-ups from before tasks become tasks (reminded as tasks from then on).
  const migrateFollowUps = () => migrateFollowUpsToTasks({ scheduler, clientFor, logger });
  await patiently(migrateFollowUps);
  logger.info(
    config.mode === 'http'
      ? `Kontakt is listening on port ${port} (Slack requests: POST /slack/events, health: GET /healthz)`
      : `Kontakt is connected to Slack in Socket Mode${port === undefined ? '' : ` (health: GET /healthz on port ${port})`}`,
  );

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    const deadline = Date.now() + config.shutdownTimeoutMs;
    const left = () => Math.max(0, deadline - Date.now());
    // server.close() refuses new connections and waits for open requests; past the deadline they are cut.
    await withTimeout(
      config.mode === 'socket' ? stopSocketMode(app, receiver as SocketModeReceiver) : app.stop().then(() => undefined),
      left(),
      () => server?.closeAllConnections(),
    ).catch((error: Error) => logger.warn(`Stopping the receiver: ${error.message}`));
    if (!(await inFlight.drain(left()))) {
      logger.warn(`Shutdown timeout: ${inFlight.count} request(s) were still being processed`);
    }
    await withTimeout(home.stop(), left(), () => undefined);
    await scheduler.stop().catch((error: Error) => logger.warn(`Stopping the scheduler: ${error.message}`));
    await disconnectDatabase();
    await embedded?.stop();
  };

  return {
    scheduler,
    migrateFollowUps,
    home,
    register,
    port,
    database: embedded ? embedded.kind : 'external',
    stop: () => (stopping ??= stop()),
  };
}
