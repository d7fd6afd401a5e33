/**
 * The users.info cache behind every permission check, against the fake Slack Web API through the app's WebClient.
 */
import { type Logger, LogLevel, webApi } from '@slack/bolt';
import { clearUserCache, getUserProfile } from '../../../src/services/people/user-directory';
import { FakeSlackApi } from '../../harness/fake-slack-api';

const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

let fake: FakeSlackApi;
let client: InstanceType<typeof webApi.WebClient>;

beforeAll(async () => {
  fake = await FakeSlackApi.start();
  client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.url, logger: silentLogger });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  clearUserCache();
});

describe('user directory', () => {
  it('reuses a fresh answer instead of asking Slack again', async () => {
    fake.setUser('U1', { is_admin: true });
    expect((await getUserProfile(client, 'T1', 'U1')).isAdmin).toBe(true);
    expect((await getUserProfile(client, 'T1', 'U1')).isAdmin).toBe(true);
    expect(fake.callsTo('users.info')).toHaveLength(1);
  });

  // Was a flaky CI failure: a lookup in flight across a clear (a test's reset, an uninstall) cached its stale answer
  // after the clear, and the next permission check used it: an admin was refused setup.
  it('an answer that arrives after the cache was cleared is not kept', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    fake.respondWith('users.info', async () => {
      await held;
      return { user: { id: 'U1', name: 'u1', is_admin: false } };
    });
    const stale = getUserProfile(client, 'T1', 'U1');
    await fake.waitForCall('users.info');
    clearUserCache();
    release();
    expect((await stale).isAdmin).toBe(false);

    fake.reset();
    fake.setUser('U1', { is_admin: true });
    expect((await getUserProfile(client, 'T1', 'U1')).isAdmin).toBe(true);
    expect(fake.callsTo('users.info')).toHaveLength(1);
  });
});
