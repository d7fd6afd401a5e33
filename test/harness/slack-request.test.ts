/**
 * The sender must produce requests Bolt accepts exactly when Slack's would be accepted. Checked two ways:
 * the captured raw request against Bolt's own verifySlackRequest, and end to end against a real Bolt App on
 * its HTTPReceiver (which answers 401 to anything it cannot verify).
 */
import { App, HTTPReceiver, LogLevel, verifySlackRequest } from '@slack/bolt';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSlackApi } from './fake-slack-api';
import { eventCallback, globalShortcut, slashCommand, tokensRevoked, urlVerification } from './payloads';
import { type SigningMode, SlackRequestSender, slackSignature } from './slack-request';

const SECRET = 'test-signing-secret-0123456789';

interface Captured {
  body: string;
  headers: IncomingHttpHeaders;
}

async function captureServer(): Promise<{ url: string; captured: Captured[]; server: Server }> {
  const captured: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      captured.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, captured, server };
}

function verify(request: Captured, secret = SECRET): void {
  verifySlackRequest({
    signingSecret: secret,
    body: request.body,
    headers: {
      'x-slack-signature': String(request.headers['x-slack-signature']),
      'x-slack-request-timestamp': Number(request.headers['x-slack-request-timestamp']),
    },
  });
}

describe('SlackRequestSender signatures (checked with Bolt verifySlackRequest)', () => {
  let capture: Awaited<ReturnType<typeof captureServer>>;
  let sender: SlackRequestSender;

  beforeAll(async () => {
    capture = await captureServer();
    sender = new SlackRequestSender({ url: capture.url, signingSecret: SECRET });
  });
  afterAll(() => new Promise<void>((resolve) => capture.server.close(() => resolve())));
  beforeEach(() => {
    capture.captured.length = 0;
  });

  it('signs slash commands, interactive payloads and events so Bolt verifies them', async () => {
    await sender.command(slashCommand({ text: 'add Jane Doe & co = 100%' }));
    await sender.interactive(globalShortcut());
    await sender.event(eventCallback(tokensRevoked()));
    expect(capture.captured).toHaveLength(3);
    for (const request of capture.captured) expect(() => verify(request)).not.toThrow();
  });

  it('uses the encodings Slack uses', async () => {
    const command = slashCommand({ text: 'find Müller & Söhne' });
    await sender.command(command);
    const shortcut = globalShortcut();
    await sender.interactive(shortcut);
    await sender.event(urlVerification({ challenge: 'abc' }));
    const [commandReq, shortcutReq, eventReq] = capture.captured as [Captured, Captured, Captured];

    expect(commandReq.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(commandReq.body))).toEqual(command);
    expect(shortcutReq.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(JSON.parse(new URLSearchParams(shortcutReq.body).get('payload') ?? 'null')).toEqual(shortcut);
    expect(eventReq.headers['content-type']).toBe('application/json');
    expect(JSON.parse(eventReq.body)).toMatchObject({ type: 'url_verification', challenge: 'abc' });
  });

  it('computes the documented v0 HMAC', () => {
    // v0= + hex(HMAC-SHA256(secret, "v0:<ts>:<body>")), recomputed here independently of the sender's helper
    const expected = `v0=${createHmac('sha256', SECRET).update('v0:1700000000:a=b').digest('hex')}`;
    expect(slackSignature(SECRET, 1700000000, 'a=b')).toBe(expected);
  });

  it.each<[SigningMode, RegExp]>([
    ['wrong-secret', /signature mismatch/],
    ['stale', /stale/],
    ['malformed', /signature mismatch/],
  ])('a %s request is refused by verifySlackRequest', async (signing, reason) => {
    await sender.command(slashCommand(), { signing });
    const [request] = capture.captured as [Captured];
    expect(() => verify(request)).toThrow(reason);
  });

  it('stale means more than 5 minutes old', async () => {
    await sender.command(slashCommand(), { signing: 'stale' });
    const ts = Number(capture.captured[0]?.headers['x-slack-request-timestamp']);
    expect(Math.floor(Date.now() / 1000) - ts).toBeGreaterThan(300);
  });

  it('sends no signature headers when unsigned, and retry headers for events', async () => {
    await sender.command(slashCommand(), { signing: 'none' });
    await sender.event(eventCallback(tokensRevoked()), { retryNum: 2, retryReason: 'http_timeout' });
    const [unsigned, retried] = capture.captured as [Captured, Captured];
    expect(unsigned.headers['x-slack-signature']).toBeUndefined();
    expect(unsigned.headers['x-slack-request-timestamp']).toBeUndefined();
    expect(retried.headers['x-slack-retry-num']).toBe('2');
    expect(retried.headers['x-slack-retry-reason']).toBe('http_timeout');
    expect(() => verify(retried)).not.toThrow();
  });

  it('raw() sends the body byte for byte with a given signature', async () => {
    const response = await sender.raw('not json{', {
      contentType: 'application/json',
      signature: 'v0=abc',
      timestamp: 42,
    });
    expect(capture.captured[0]).toMatchObject({
      body: 'not json{',
      headers: { 'x-slack-signature': 'v0=abc', 'x-slack-request-timestamp': '42' },
    });
    expect(response).toMatchObject({ status: 200, text: '{"ok":true}', json: { ok: true } });
  });
});

describe('SlackRequestSender against a real Bolt HTTPReceiver', () => {
  let app: App;
  let receiver: HTTPReceiver;
  let sender: SlackRequestSender;
  let fake: FakeSlackApi;
  const seenCommands: string[] = [];

  beforeAll(async () => {
    // Bolt calls auth.test before the first listener runs; there is no Slack here, so it goes to the fake.
    fake = await FakeSlackApi.start();
    receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
    app = new App({ receiver, token: 'xoxb-test', logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.url } });
    app.command('/contact', async ({ ack, command }) => {
      seenCommands.push(command.text);
      await ack(`searching for ${command.text}`);
    });
    const server = (await receiver.start(0)) as Server;
    sender = new SlackRequestSender({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
      signingSecret: SECRET,
    });
  });
  afterAll(async () => {
    await receiver.stop();
    await fake.close();
  });

  it('gets a valid slash command acked by the app', async () => {
    const response = await sender.command(slashCommand({ text: 'Initech' }));
    expect(response.status).toBe(200);
    expect(response.text).toBe('searching for Initech');
    expect(seenCommands).toContain('Initech');
    // Bolt's single-token authorize asked "Slack" who the bot is: proof the app's client used the fake.
    expect(fake.callsTo('auth.test')[0]?.token).toBe('xoxb-test');
  });

  it('gets url_verification answered with the challenge', async () => {
    const response = await sender.event(urlVerification({ challenge: 'c-123' }));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ challenge: 'c-123' });
  });

  it.each<SigningMode>(['wrong-secret', 'stale', 'malformed', 'none'])(
    'is refused with 401 when %s',
    async (signing) => {
      const before = seenCommands.length;
      const response = await sender.command(slashCommand({ text: `refused-${signing}` }), { signing });
      expect(response.status).toBe(401);
      expect(seenCommands).toHaveLength(before);
    },
  );
});
