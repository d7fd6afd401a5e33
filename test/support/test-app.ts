import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { parseConfig, secretsOf, type AppConfig } from '../../src/config/env';
import { withDatabaseName } from '../../src/db/connection';
import { createLogger } from '../../src/logging/logger';
import { startKontakt, type RunningKontakt } from '../../src/server';
import { FakeSlackApi } from '../harness/fake-slack-api';
import { FakeSocketMode } from '../harness/fake-socket-mode';
import { SlackRequestSender } from '../harness/slack-request';
import type { SlackSender } from '../harness/slack-sender';
import { SocketModeSender } from '../harness/socket-mode-sender';

// Recognisable values, so a test can prove none of them ever reaches a log line or a reply.
export const TEST_BOT_TOKEN = 'xoxb-1111-2222-kontaktTESTtoken';
export const TEST_SIGNING_SECRET = 'f00dfacecafebabe0123456789abcdef';
export const TEST_APP_TOKEN = 'xapp-1-A0KONTAKT-3333-kontaktTESTapptoken';

/** How Slack reaches the app: signed HTTP requests to its receiver, or envelopes over a Socket Mode connection. */
export type SlackMode = 'http' | 'socket';
export const SLACK_MODES: readonly SlackMode[] = ['http', 'socket'];

export interface TestApp {
  mode: SlackMode;
  config: AppConfig;
  running: RunningKontakt;
  /** The fake Slack Web API the app talks to, with every call it received. */
  fake: FakeSlackApi;
  /** Hands the app a request the way this mode's Slack does, and answers with the ack. */
  send: SlackSender;
  /** HTTP mode only: signed requests to the app's real HTTP receiver (bad signatures, raw bodies, headers…). */
  slack: SlackRequestSender;
  /** Socket Mode only: the fake Socket Mode server the app is connected to. */
  socket: FakeSocketMode;
  /** `http://127.0.0.1:PORT` of the app (HTTP mode). */
  baseUrl: string;
  /** Every line the app logged. */
  logs: string[];
  stop(): Promise<void>;
}

/** Stands in for what this mode lacks: spreading or passing it is fine, using it says why it cannot work. */
function missingIn<T extends object>(mode: SlackMode, what: string): T {
  return new Proxy({} as T, {
    get: () => {
      throw new Error(`${what} exists only in ${mode === 'http' ? 'Socket Mode' : 'HTTP mode'}`);
    },
  });
}

/**
 * Starts Kontakt exactly as `npm start` does (startKontakt) against the fake Slack and a fresh database of its own
 * on the suite's MongoDB: in HTTP mode on a free port, or in Socket Mode (SLACK_APP_TOKEN set, no signing secret,
 * no port) connected to a fake Socket Mode server.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { mode?: SlackMode } = {},
): Promise<TestApp> {
  const mode = options.mode ?? 'http';
  const mongoUri = process.env.KONTAKT_TEST_MONGODB_URI;
  if (!mongoUri)
    throw new Error('KONTAKT_TEST_MONGODB_URI is not set: run the tests through jest (test/global-setup.ts).');
  const fake = await FakeSlackApi.start();
  // Files users share are served only to the app's bot token, as Slack does.
  fake.fileToken = TEST_BOT_TOKEN;
  const socket = mode === 'socket' ? await FakeSocketMode.start(fake) : undefined;
  const dbName = `kontakt_test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const config = parseConfig({
    NODE_ENV: 'test',
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    ...(mode === 'http'
      ? { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, PORT: '0' }
      : { SLACK_APP_TOKEN: TEST_APP_TOKEN }),
    SLACK_API_URL: fake.url,
    MONGODB_URI: withDatabaseName(mongoUri, dbName),
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT_MS: '3000',
    // Jobs due now run when saved, without a poll; the poll only finds jobs whose time came later. Once a second
    // keeps the scheduler's queries (5 job kinds a scan, per app) from loading the shared test database.
    JOBS_POLL_MS: '1000',
    // Tests see a manager's Home follow a salesperson's save at the actor's pace (the slower pace is unit-tested).
    HOME_TEAM_REFRESH_MS: '750',
    // On a starved CI box a form can take seconds; tests judge what is saved, not Slack's clock. The production
    // deadline (2.5 s) is held by the files that set it back (slow-save, db-outage).
    SUBMIT_ANSWER_DEADLINE_MS: '15000',
    ...env,
  });
  const logs: string[] = [];
  const logger = createLogger({
    level: config.log.level,
    format: 'json',
    secrets: secretsOf(config),
    write: (line) => logs.push(line),
  });
  let running: RunningKontakt;
  try {
    running = await startKontakt(config, logger);
  } catch (error) {
    await socket?.close();
    await fake.close();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${running.port}`;
  const http =
    mode === 'http'
      ? new SlackRequestSender({ url: `${baseUrl}/slack/events`, signingSecret: TEST_SIGNING_SECRET })
      : undefined;
  return {
    mode,
    config,
    running,
    fake,
    send: http ?? new SocketModeSender(socket as FakeSocketMode),
    slack: http ?? missingIn<SlackRequestSender>(mode, 'The signed HTTP request sender'),
    socket: socket ?? missingIn<FakeSocketMode>(mode, 'The fake Socket Mode server'),
    baseUrl,
    logs,
    stop: async () => {
      await mongoose.connection.db?.dropDatabase().catch(() => undefined);
      await running.stop();
      await socket?.close();
      await fake.close();
    },
  };
}
