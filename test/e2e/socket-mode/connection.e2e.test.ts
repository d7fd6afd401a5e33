/**
 * The life of a Socket Mode connection: Slack refreshes connections (a `disconnect` message) and networks drop
 * them; each time Kontakt must ask for a new URL (apps.connections.open — the old one works once) and go on
 * serving, and events Slack re-sends meanwhile must not be lost.
 */
import { appHomeOpened, eventCallback, slashCommand } from '../../harness/payloads';
import { TEST_APP_TOKEN, TEST_BOT_TOKEN } from '../../support/test-app';
import { useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt({ mode: 'socket', freshDatabase: false });

/** `/contact help` answered over the current connection. */
async function stillServes(): Promise<void> {
  const response = await kontakt.send.command(slashCommand({ text: 'help' }));
  expect(response.json).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/contact help') });
}

/** Waits until the app has opened `count` connections in all and one is open now. */
async function connectedAgain(count: number): Promise<void> {
  await kontakt.socket.waitForConnections(count);
  expect(kontakt.socket.openConnections).toBe(1);
}

describe('Socket Mode connection', () => {
  it('is open from the start (apps.connections.open reached SLACK_API_URL, the fake) and serves requests', async () => {
    expect(kontakt.socket.connectionsOpened).toBe(1);
    expect(kontakt.socket.openConnections).toBe(1);
    await stillServes();
  });

  it('reconnects with a new URL after Slack’s `disconnect` (refresh_requested), and keeps serving', async () => {
    const before = kontakt.socket.connectionsOpened;
    kontakt.socket.disconnect('refresh_requested');
    await connectedAgain(before + 1);
    const opens = kontakt.fake.callsTo('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]?.token).toBe(TEST_APP_TOKEN);
    await stillServes();
  });

  it('reconnects after the socket drops without a word, and keeps serving', async () => {
    const before = kontakt.socket.connectionsOpened;
    kontakt.socket.drop();
    await connectedAgain(before + 1);
    expect(kontakt.fake.callsTo('apps.connections.open')).toHaveLength(1);
    await stillServes();
  });

  it('handles an event Slack re-sends after the reconnect, once', async () => {
    const before = kontakt.socket.connectionsOpened;
    kontakt.socket.drop();
    // Sent while no connection is open: Slack holds it and delivers it on the next connection.
    const ack = kontakt.send.event(eventCallback(appHomeOpened({ userId: 'U0001' })));
    await connectedAgain(before + 1);
    expect((await ack).status).toBe(200);
    const publish = await kontakt.fake.waitForCall('views.publish');
    expect(publish.args.user_id).toBe('U0001');
    expect(publish.token).toBe(TEST_BOT_TOKEN);
    expect(kontakt.fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('never logs either token while connecting, reconnecting or serving', () => {
    const logs = kontakt.logs.join('\n');
    expect(logs).toContain('Kontakt is connected to Slack in Socket Mode');
    expect(logs).not.toContain(TEST_APP_TOKEN);
    expect(logs).not.toContain(TEST_BOT_TOKEN);
  });
});
