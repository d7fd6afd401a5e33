import { WebSocket } from 'ws';
import { FakeSlackApi } from './fake-slack-api';
import { FakeSocketMode } from './fake-socket-mode';
import { appHomeOpened, eventCallback, slashCommand } from './payloads';

let api: FakeSlackApi;
let socket: FakeSocketMode;
const clients: WebSocket[] = [];

beforeEach(async () => {
  api = await FakeSlackApi.start();
  socket = await FakeSocketMode.start(api);
});

afterEach(async () => {
  clients.splice(0).forEach((client) => client.terminate());
  await socket.close();
  await api.close();
});

async function openUrl(token = 'xapp-1-A0KONTAKT-1-test'): Promise<{ ok: boolean; url?: string; error?: string }> {
  const response = await fetch(`${api.url}apps.connections.open`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  return (await response.json()) as { ok: boolean; url?: string; error?: string };
}

/** A raw client: connects, collects every message, acks nothing unless told. */
async function connect(url: string): Promise<{ client: WebSocket; messages: Record<string, unknown>[] }> {
  const client = new WebSocket(url);
  clients.push(client);
  const messages: Record<string, unknown>[] = [];
  client.on('message', (data) => messages.push(JSON.parse(data.toString()) as Record<string, unknown>));
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve());
    client.once('error', reject);
  });
  await waitUntil(() => messages.length > 0);
  return { client, messages };
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not met in 2 s');
}

describe('FakeSocketMode', () => {
  it('answers apps.connections.open with a ws:// link for an app-level token only, as Slack does', async () => {
    expect(await openUrl()).toEqual({
      ok: true,
      url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/),
    });
    expect(await openUrl('xoxb-a-bot-token')).toEqual({ ok: false, error: 'not_allowed_token_type' });
  });

  it('greets a connection with Slack’s hello naming the app, and lets each link URL be used once', async () => {
    const { url } = await openUrl();
    const { messages } = await connect(url as string);
    expect(messages[0]).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: expect.objectContaining({ approximate_connection_time: expect.any(Number) }),
      connection_info: { app_id: 'A0KONTAKT' },
    });
    await expect(connect(url as string)).rejects.toThrow(/401/);
    expect(socket.connectionsOpened).toBe(1);
  });

  it('sends envelopes shaped like Slack’s and records each ack with its payload', async () => {
    const { client, messages } = await connect((await openUrl()).url as string);
    client.on('message', (data) => {
      const envelope = JSON.parse(data.toString()) as { envelope_id?: string; type: string };
      if (envelope.type === 'slash_commands') {
        client.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: 'pong' } }));
      } else if (envelope.envelope_id) client.send(JSON.stringify({ envelope_id: envelope.envelope_id }));
    });
    const command = slashCommand({ text: 'help' });
    const ack = await socket.deliver('slash_commands', command);
    expect(ack.payload).toEqual({ text: 'pong' });
    expect(messages[1]).toEqual({
      envelope_id: ack.envelope_id,
      type: 'slash_commands',
      payload: command,
      accepts_response_payload: true,
    });
    const eventAck = await socket.deliver('events_api', eventCallback(appHomeOpened()));
    expect(eventAck.payload).toEqual({});
    expect(messages[2]).toMatchObject({ type: 'events_api', accepts_response_payload: false, retry_attempt: 0 });
  });

  it('re-sends an event that lost its connection before the ack on the next one, as a retry', async () => {
    const first = await connect((await openUrl()).url as string);
    const acked = socket.deliver('events_api', eventCallback(appHomeOpened()));
    await waitUntil(() => first.messages.length === 2);
    first.client.terminate();
    await waitUntil(() => socket.openConnections === 0);
    const second = await connect((await openUrl()).url as string);
    await waitUntil(() => second.messages.length === 2);
    const resent = second.messages[1] as { envelope_id: string; retry_attempt: number; retry_reason: string };
    expect(resent).toMatchObject({
      envelope_id: first.messages[1]?.envelope_id,
      retry_attempt: 1,
      retry_reason: 'timeout',
    });
    second.client.send(JSON.stringify({ envelope_id: resent.envelope_id }));
    expect((await acked).envelope_id).toBe(resent.envelope_id);
  });

  it('cannot hand a command to an app with no open connection (the user would see dispatch_failed)', async () => {
    await expect(socket.deliver('slash_commands', slashCommand())).rejects.toThrow(/dispatch_failed/);
  });

  it('sends Slack’s disconnect message to every open connection', async () => {
    const { messages } = await connect((await openUrl()).url as string);
    socket.disconnect('refresh_requested');
    await waitUntil(() => messages.length === 2);
    expect(messages[1]).toEqual({
      type: 'disconnect',
      reason: 'refresh_requested',
      debug_info: { host: 'applink-fake' },
    });
  });
});
