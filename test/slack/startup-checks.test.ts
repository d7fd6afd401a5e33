import { createLogger } from '../../src/logging/logger';
import { SlackStartupError, verifyBotToken } from '../../src/slack/bot-identity';
import { verifyAppToken } from '../../src/slack/socket-mode';
import { FakeSlackApi } from '../harness/fake-slack-api';
import { TEST_APP_TOKEN, TEST_BOT_TOKEN } from '../support/test-app';

let fake: FakeSlackApi;
let warnings: string[];
const logger = createLogger({
  level: 'debug',
  format: 'pretty',
  write: (line, level) => {
    if (level === 'warn') warnings.push(line.replace(/^.*\[kontakt\] /, ''));
  },
});
const quick = { retryDelaysMs: [10] };

beforeEach(async () => {
  fake = await FakeSlackApi.start();
  warnings = [];
});

afterEach(() => fake.close());

describe('the app-level token check at start (apps.connections.open)', () => {
  it('passes a token Slack accepts, asking once at SLACK_API_URL with that token', async () => {
    fake.respondWith('apps.connections.open', { url: 'wss://wss-primary.slack.com/link/?ticket=unused' });
    await verifyAppToken(TEST_APP_TOKEN, { slackApiUrl: fake.url, logger, ...quick });
    expect(fake.callsTo('apps.connections.open').map((call) => call.token)).toEqual([TEST_APP_TOKEN]);
    expect(warnings).toEqual([]);
  });

  it.each(['invalid_auth', 'not_allowed_token_type', 'token_revoked'])(
    'turns a refusal (%s) into one sentence naming SLACK_APP_TOKEN, without retrying',
    async (slackError) => {
      fake.failNext('apps.connections.open', slackError);
      const check = verifyAppToken(TEST_APP_TOKEN, { slackApiUrl: fake.url, logger, ...quick });
      await expect(check).rejects.toThrow(SlackStartupError);
      await expect(check).rejects.toThrow(
        `Slack refused SLACK_APP_TOKEN (${slackError}): use an app-level token (xapp-…) with the connections:write scope`,
      );
      expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
    },
  );

  it('waits out a Slack it cannot reach, one warning per attempt, and goes on once Slack answers', async () => {
    fake.respondWith('apps.connections.open', { url: 'wss://wss-primary.slack.com/link/?ticket=unused' });
    fake.failNext('apps.connections.open', { networkError: true }, 2);
    await verifyAppToken(TEST_APP_TOKEN, { slackApiUrl: fake.url, logger, ...quick });
    expect(fake.callsTo('apps.connections.open')).toHaveLength(3);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      new RegExp(`^Slack could not be reached at ${fake.url} to check SLACK_APP_TOKEN \\(.+\\); trying again in `),
    );
    expect(warnings.join('\n')).not.toContain(TEST_APP_TOKEN);
  });
});

describe('the bot token check at start (auth.test)', () => {
  it('names the bot’s app (bots.info) when asked, for Socket Mode to compare', async () => {
    const identity = await verifyBotToken(TEST_BOT_TOKEN, { slackApiUrl: fake.url, logger, withAppId: true });
    expect(identity).toEqual({ botId: 'B0BOT', botUserId: 'U0BOT', teamId: 'T0001', appId: 'A0KONTAKT' });
    expect(fake.lastCall('bots.info')?.args.bot).toBe('B0BOT');
  });

  it('asks nothing more in HTTP mode, and starts anyway when bots.info is refused', async () => {
    expect((await verifyBotToken(TEST_BOT_TOKEN, { slackApiUrl: fake.url, logger })).appId).toBeUndefined();
    expect(fake.callsTo('bots.info')).toEqual([]);
    fake.failNext('bots.info', 'missing_scope');
    const identity = await verifyBotToken(TEST_BOT_TOKEN, { slackApiUrl: fake.url, logger, withAppId: true });
    expect(identity).toMatchObject({ botId: 'B0BOT', appId: undefined });
  });

  it('waits out a Slack it cannot reach instead of giving up', async () => {
    fake.failNext('auth.test', { networkError: true }, 2);
    const identity = await verifyBotToken(TEST_BOT_TOKEN, { slackApiUrl: fake.url, logger, ...quick });
    expect(identity.botId).toBe('B0BOT');
    expect(warnings).toEqual([
      expect.stringContaining('to check SLACK_BOT_TOKEN'),
      expect.stringContaining('to check SLACK_BOT_TOKEN'),
    ]);
  });

  it('still stops at once when Slack refuses the token', async () => {
    fake.failNext('auth.test', 'invalid_auth');
    await expect(verifyBotToken(TEST_BOT_TOKEN, { slackApiUrl: fake.url, logger, ...quick })).rejects.toThrow(
      'Slack refused SLACK_BOT_TOKEN (invalid_auth)',
    );
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });
});
