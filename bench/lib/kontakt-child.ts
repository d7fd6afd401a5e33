/**
 * What every benchmark that runs Kontakt in a child process (children.ts → app-process.ts) gives it: the settings
 * `npm start` would read from the environment, and `npm start`'s own node flags (package.json config.nodeFlags,
 * the heap cap), so the child's memory is the memory production would see.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../../test/support/test-app';

/** Kontakt's environment: HTTP mode on a free port, production settings, the fake Slack and the seeded database. */
export function kontaktEnv(slackApiUrl: string, mongodbUri: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    PORT: '0',
    MONGODB_URI: mongodbUri,
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: '5000',
  };
}

/** `npm start`'s node flags (package.json config.nodeFlags), as a string. */
export function startNodeFlags(): string {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    config?: { nodeFlags?: string };
  };
  return pkg.config?.nodeFlags ?? '';
}
