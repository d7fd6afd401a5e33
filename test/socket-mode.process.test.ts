/**
 * Socket Mode as a new team first meets it: `npm start` with SLACK_APP_TOKEN set, against the local Slack
 * stand-ins. A token Slack refuses ends the process with exit code 1 and one sentence naming the setting — after
 * a single attempt, not a retry loop; a Slack that cannot be reached is waited for with a readable warning per
 * attempt; an offline machine's embedded database is one line, not a stack trace.
 */
import { withDatabaseName } from '../src/db/connection';
import { FakeSlackApi } from './harness/fake-slack-api';
import { FakeSocketMode } from './harness/fake-socket-mode';
import { closedPort, runKontakt, START_PATIENCE_MS, tempDir, waitFor, type Exit } from './support/kontakt-process';
import { TEST_APP_TOKEN, TEST_BOT_TOKEN } from './support/test-app';

const CONNECTED = 'Kontakt is connected to Slack in Socket Mode';
/** A start, then what the test waits for, on a busy machine (a run at load ~20 outlived 30 s): patience only. */
const PROCESS_TEST_MS = 3 * START_PATIENCE_MS;
const testDatabase = () => withDatabaseName(process.env.KONTAKT_TEST_MONGODB_URI as string, 'kontakt_socket_process');

let fake: FakeSlackApi;
let socket: FakeSocketMode | undefined;

beforeEach(async () => {
  fake = await FakeSlackApi.start();
});

afterEach(async () => {
  await socket?.close();
  socket = undefined;
  await fake.close();
});

const socketModeEnv = (extra: Record<string, string> = {}) => ({
  SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
  SLACK_APP_TOKEN: TEST_APP_TOKEN,
  SLACK_API_URL: fake.url,
  MONGODB_URI: testDatabase(),
  ...extra,
});

const output = (result: Exit) => result.stdout + result.stderr;
const errorLines = (result: Exit) =>
  output(result)
    .split('\n')
    .filter((line) => / ERROR /.test(line));

function expectNoSecretsOrStack(result: Exit): void {
  expect(output(result)).not.toContain(TEST_APP_TOKEN);
  expect(output(result)).not.toContain(TEST_BOT_TOKEN);
  expect(output(result)).not.toMatch(/\n\s+at /);
}

describe('npm start in Socket Mode, with a token Slack refuses', () => {
  it.each(['invalid_auth', 'not_allowed_token_type'])(
    'exits 1 after one apps.connections.open answered %s, naming SLACK_APP_TOKEN in one sentence',
    async (slackError) => {
      fake.failNext('apps.connections.open', slackError);
      const result = await runKontakt(socketModeEnv());
      expect(result.code).toBe(1);
      expect(errorLines(result)).toEqual([
        expect.stringContaining(`Kontakt could not start: Slack refused SLACK_APP_TOKEN (${slackError})`),
      ]);
      // No retry loop: Slack was asked once, and the process ended by itself.
      expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
      expect(fake.callsTo('apps.connections.open')[0]?.token).toBe(TEST_APP_TOKEN);
      expectNoSecretsOrStack(result);
    },
  );

  it(
    'exits 1 when the bot token belongs to another app than the app token, naming both settings',
    async () => {
      socket = await FakeSocketMode.start(fake, { appId: 'A0OTHERAPP' });
      const result = await runKontakt(socketModeEnv());
      expect(result.code).toBe(1);
      expect(errorLines(result)).toEqual([
        expect.stringContaining(
          'SLACK_BOT_TOKEN belongs to Slack app A0KONTAKT but SLACK_APP_TOKEN to app A0OTHERAPP: copy both tokens from the same app',
        ),
      ]);
      expect(output(result)).not.toContain(CONNECTED);
      expectNoSecretsOrStack(result);
    },
    PROCESS_TEST_MS,
  );
});

describe('npm start in Socket Mode, when Slack cannot be reached', () => {
  it(
    'keeps trying with a readable warning per attempt instead of exiting',
    async () => {
      const unreachable = `http://127.0.0.1:${await closedPort()}/api/`;
      const warning = `Slack could not be reached at ${unreachable} to check SLACK_BOT_TOKEN (ECONNREFUSED)`;
      const result = await runKontakt(socketModeEnv({ SLACK_API_URL: unreachable }), (seen) =>
        waitFor(() => seen().split(warning).length > 2, 2 * START_PATIENCE_MS, 'two warnings'),
      );
      expect(result.stoppedByTest).toBe(true);
      const warnings = output(result)
        .split('\n')
        .filter((line) => line.includes(warning));
      expect(warnings.length).toBeGreaterThanOrEqual(2);
      expect(warnings[0]).toMatch(/trying again in \d+ s\. Check the network, or SLACK_API_URL if you set it\.$/);
      // One warning per attempt: the Web API client's own "http request failed" is not repeated next to it.
      expect(output(result)).not.toContain('http request failed');
      expect(errorLines(result)).toEqual([]);
      expectNoSecretsOrStack(result);
    },
    PROCESS_TEST_MS,
  );
});

describe('npm start in Socket Mode on an offline machine, without MONGODB_URI', () => {
  it(
    'says in one line that the in-memory stand-in is used, connects, and stops cleanly',
    async () => {
      socket = await FakeSocketMode.start(fake);
      const nowhere = `https://127.0.0.1:${await closedPort()}`;
      const env = socketModeEnv({
        MONGODB_URI: '',
        MONGODB_DATA_DIR: tempDir('kontakt-data-'),
        // No cached mongod to find and no download to be had, whatever this machine has in its caches.
        HOME: tempDir('kontakt-home-'),
        MONGOMS_DOWNLOAD_DIR: tempDir('kontakt-mongod-'),
        MONGOMS_DOWNLOAD_URL: `${nowhere}/linux/mongodb-linux-x86_64-debian12-7.0.14.tgz`,
      });
      const result = await runKontakt(env, (seen) =>
        waitFor(() => seen().includes(CONNECTED), 2 * START_PATIENCE_MS, 'the app'),
      );
      expect(result.code).toBe(0);
      const lines = output(result)
        .split('\n')
        .filter((line) => line.includes('No mongod could be downloaded'));
      expect(lines).toEqual([expect.stringContaining('using the in-memory stand-in — data is lost on restart')]);
      expect(output(result)).toContain(CONNECTED);
      expect(socket.connectionsOpened).toBe(1);
      expectNoSecretsOrStack(result);
    },
    PROCESS_TEST_MS,
  );
});
