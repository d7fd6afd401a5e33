import { parseConfig, type AppConfig } from '../../src/config/env';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../../test/support/test-app';

/**
 * Kontakt's configuration for an in-process benchmark run: production settings against the fake Slack at `slackApiUrl`
 * and the database at `mongoUri`, any free port, warnings only. `extra` adds or overrides variables.
 */
export function benchAppConfig(slackApiUrl: string, mongoUri: string, extra: Record<string, string> = {}): AppConfig {
  return parseConfig({
    NODE_ENV: 'production',
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    PORT: '0',
    MONGODB_URI: mongoUri,
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...extra,
  });
}
