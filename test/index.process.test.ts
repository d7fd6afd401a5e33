import { withDatabaseName } from '../src/db/connection';
import { FakeSlackApi } from './harness/fake-slack-api';
import { killLeftoverProcesses, runKontakt, START_PATIENCE_MS, waitFor } from './support/kontakt-process';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './support/test-app';

jest.setTimeout(START_PATIENCE_MS + 30_000);
afterEach(killLeftoverProcesses);

describe('src/index.ts (the process npm start runs)', () => {
  it('exits 1 listing every missing setting, without a stack trace', async () => {
    const result = await runKontakt({});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Kontakt cannot start: 2 settings need attention.');
    expect(result.stderr).toContain('SLACK_BOT_TOKEN is missing');
    expect(result.stderr).toContain('SLACK_SIGNING_SECRET is missing');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to start in production without MONGODB_URI, naming it, before touching any database', async () => {
    const result = await runKontakt({
      NODE_ENV: 'production',
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Kontakt cannot start: one setting needs attention.');
    expect(result.stderr).toMatch(/MONGODB_URI is missing: production \(NODE_ENV=production\) needs a real MongoDB/);
    expect(result.stdout + result.stderr).not.toMatch(/embedded MongoDB|emulator|\n\s+at /);
    expect(result.stdout + result.stderr).not.toContain(TEST_BOT_TOKEN);
  });

  it('exits 1 with a clear sentence when Slack refuses the bot token, and never prints it', async () => {
    const fake = await FakeSlackApi.start();
    fake.failNext('auth.test', 'invalid_auth');
    try {
      const result = await runKontakt({
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: fake.url,
        MONGODB_URI: 'mongodb://127.0.0.1:1/unused',
      });
      expect(result.code).toBe(1);
      expect(result.stdout + result.stderr).toContain('Slack refused SLACK_BOT_TOKEN (invalid_auth)');
      expect(result.stdout + result.stderr).not.toContain(TEST_BOT_TOKEN);
    } finally {
      await fake.close();
    }
  });

  it('starts, serves /healthz, and exits 0 on SIGTERM after closing the database', async () => {
    const fake = await FakeSlackApi.start();
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    const health: { status?: number; body?: unknown; ackHeader?: string | null } = {};
    try {
      const result = await runKontakt(
        {
          SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
          SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
          SLACK_API_URL: fake.url,
          PORT: String(port),
          MONGODB_URI: withDatabaseName(process.env.KONTAKT_TEST_MONGODB_URI as string, 'kontakt_process_test'),
          NODE_ENV: 'production',
        },
        async (output) => {
          await waitFor(() => output().includes('Kontakt is listening'), START_PATIENCE_MS, 'the app to listen');
          const response = await fetch(`http://127.0.0.1:${port}/healthz`);
          health.status = response.status;
          health.body = await response.json();
          // The ack-time header is for tests only (src/http/ack-timing.ts).
          health.ackHeader = response.headers.get('x-kontakt-ack-ms');
        },
      );
      // What the app said, so a start that failed explains itself in the test's failure.
      expect({ health, output: health.status ? '' : result.stdout + result.stderr }).toEqual({
        health: { status: 200, body: { status: 'ok', db: 'up' }, ackHeader: null },
        output: '',
      });
      expect(result.code).toBe(0);
      const lines = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines.map((line) => line.msg)).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`Kontakt is listening on port ${port}`),
          expect.stringContaining('SIGTERM received'),
          'Kontakt stopped cleanly',
        ]),
      );
      expect(result.stdout + result.stderr).not.toContain(TEST_BOT_TOKEN);
      expect(result.stdout + result.stderr).not.toContain(TEST_SIGNING_SECRET);
    } finally {
      await fake.close();
    }
  });
});
