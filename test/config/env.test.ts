import { ConfigError, parseConfig } from '../../src/config/env';

const secret = '0123456789abcdef0123456789abcdef';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('lists every missing setting at once, each with where to find it', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^SLACK_BOT_TOKEN is missing: .*OAuth & Permissions/);
    expect(problems[1]).toMatch(/^SLACK_SIGNING_SECRET is missing: .*SLACK_APP_TOKEN/);
  });

  it('lists every invalid value at once without echoing any of them', () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      SLACK_SIGNING_SECRET: 'not hex at all',
      PORT: '70000',
      LOG_LEVEL: 'loud',
      SLACK_API_URL: 'ftp://example.com',
      MONGODB_URI: 'postgres://db',
    };
    const problems = problemsOf(env);
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
      'SLACK_API_URL',
      'PORT',
      'MONGODB_URI',
      'LOG_LEVEL',
    ]);
    const message = new ConfigError(problems).message;
    expect(message).toContain('6 settings need attention');
    for (const value of Object.values(env)) expect(message).not.toContain(value);
  });

  it('chooses HTTP mode with port 3000 by default', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: secret });
    expect(config).toMatchObject({ mode: 'http', port: 3000, mongodb: { uri: undefined, dataDir: '.data/mongodb' } });
    expect(config.log).toEqual({ level: 'info', format: 'pretty' });
  });

  it('chooses Socket Mode when an app token is set, with no port unless asked', () => {
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toMatchObject({
      mode: 'socket',
      port: undefined,
    });
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PORT: '8080' }).port).toBe(8080);
  });

  it('treats empty values as unset and normalises the Slack API URL', () => {
    const config = parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: secret,
      SLACK_APP_TOKEN: '',
      PORT: '',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db.internal:27017/kontakt',
    });
    expect(config).toMatchObject({ mode: 'http', port: 3000, slack: { apiUrl: 'http://127.0.0.1:9999/api/' } });
    expect(config.log.format).toBe('json');
  });
});

describe('parseConfig and the database', () => {
  const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: secret };

  it('refuses production without MONGODB_URI, naming it and why', () => {
    expect(problemsOf({ ...slack, NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^MONGODB_URI is missing: production \(NODE_ENV=production\) needs a real MongoDB/),
    ]);
    expect(
      parseConfig({ ...slack, NODE_ENV: 'production', MONGODB_URI: 'mongodb://db:27017/kontakt' }).mongodb.uri,
    ).toBe('mongodb://db:27017/kontakt');
  });

  it('lets development (and tests) start the embedded MongoDB when none is given', () => {
    expect(parseConfig(slack).mongodb.uri).toBeUndefined();
    expect(parseConfig({ ...slack, NODE_ENV: 'test' }).mongodb.uri).toBeUndefined();
  });
});

describe('parseConfig for many workspaces (OAuth)', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const oauth = {
    SLACK_CLIENT_ID: '123.456',
    SLACK_CLIENT_SECRET: 'client-secret-0123456789',
    SLACK_STATE_SECRET: 'state-secret-0123456789',
    INSTALLATION_ENCRYPTION_KEY: key,
    SLACK_SIGNING_SECRET: secret,
  };

  it('selects OAuth mode with its keys', () => {
    const config = parseConfig(oauth);
    expect(config.auth).toMatchObject({ kind: 'oauth', clientId: '123.456' });
    expect(config.auth.kind === 'oauth' && config.auth.encryptionKeys.current).toEqual(Buffer.alloc(32, 7));
    expect(config.dataRetentionDays).toBe(30);
  });

  it('refuses a bot token and OAuth settings together, saying so', () => {
    expect(problemsOf({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID.*not both/),
    ]);
  });

  it('lists every missing OAuth setting, and a key that is not 32 bytes', () => {
    const problems = problemsOf({
      SLACK_CLIENT_ID: '123.456',
      SLACK_SIGNING_SECRET: secret,
      INSTALLATION_ENCRYPTION_KEY: 'c2hvcnQ=',
    });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'INSTALLATION_ENCRYPTION_KEY',
      'SLACK_CLIENT_SECRET',
      'SLACK_STATE_SECRET',
    ]);
    expect(problems.join('\n')).toContain('32 random bytes');
    expect(problems.join('\n')).not.toContain('c2hvcnQ=');
  });
});
