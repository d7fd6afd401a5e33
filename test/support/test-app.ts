import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { parseConfig, secretsOf, type AppConfig } from '../../src/config/env';
import { withDatabaseName } from '../../src/db/connection';
import { createLogger } from '../../src/logging/logger';
import { startKontakt, type RunningKontakt } from '../../src/server';
import { FakeSlackApi } from '../harness/fake-slack-api';
import { SlackRequestSender } from '../harness/slack-request';

// Recognisable values, so a test can prove none of them ever reaches a log line or a reply.
export const TEST_BOT_TOKEN = 'xoxb-1111-2222-kontaktTESTtoken';
export const TEST_SIGNING_SECRET = 'f00dfacecafebabe0123456789abcdef';

export interface TestApp {
  config: AppConfig;
  running: RunningKontakt;
  /** The fake Slack Web API the app talks to, with every call it received. */
  fake: FakeSlackApi;
  /** Sends requests signed as Slack does to the app's real HTTP receiver. */
  slack: SlackRequestSender;
  /** `http://127.0.0.1:PORT` of the app. */
  baseUrl: string;
  /** Every line the app logged. */
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Starts Kontakt exactly as `npm start` does (startKontakt), in HTTP mode on a free port, against the fake Slack
 * and a fresh database of its own on the suite's MongoDB.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const mongoUri = process.env.KONTAKT_TEST_MONGODB_URI;
  if (!mongoUri)
    throw new Error('KONTAKT_TEST_MONGODB_URI is not set: run the tests through jest (test/global-setup.ts).');
  const fake = await FakeSlackApi.start();
  const dbName = `kontakt_test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const config = parseConfig({
    NODE_ENV: 'test',
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    PORT: '0',
    MONGODB_URI: withDatabaseName(mongoUri, dbName),
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT_MS: '3000',
    // Jobs due now run when saved, without a poll; the poll only finds jobs whose time came later. Once a second
    // keeps the scheduler's queries (5 job kinds a scan, per app) from loading the shared test database.
    JOBS_POLL_MS: '1000',
    ...env,
  });
  const logs: string[] = [];
  const logger = createLogger({
    level: config.log.level,
    format: 'json',
    secrets: secretsOf(config),
    write: (line) => logs.push(line),
  });
  const running = await startKontakt(config, logger);
  const baseUrl = `http://127.0.0.1:${running.port}`;
  const slack = new SlackRequestSender({ url: `${baseUrl}/slack/events`, signingSecret: TEST_SIGNING_SECRET });
  return {
    config,
    running,
    fake,
    slack,
    baseUrl,
    logs,
    stop: async () => {
      await mongoose.connection.db?.dropDatabase().catch(() => undefined);
      await running.stop();
      await fake.close();
    },
  };
}
