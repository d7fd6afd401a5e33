/**
 * The fake is exercised through the same client the app uses (@slack/web-api's WebClient, re-exported by
 * Bolt), so "the app would see X" claims are checked against the real client's behaviour: how it encodes
 * arguments, which errors it throws, that it retries a 429 by itself.
 */
import { type Logger, LogLevel, webApi } from '@slack/bolt';
import { FakeSlackApi } from './fake-slack-api';

const { WebClient } = webApi;

/** WebClient logs every platform error and "[ERROR]" metadata line; keep the test output readable. */
const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

const modal = {
  type: 'modal' as const,
  callback_id: 'new_contact',
  title: { type: 'plain_text' as const, text: 'New contact' },
  submit: { type: 'plain_text' as const, text: 'Save' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'name',
      label: { type: 'plain_text' as const, text: 'Name' },
      element: { type: 'plain_text_input' as const, action_id: 'name' },
    },
  ],
};

let fake: FakeSlackApi;
let client: InstanceType<typeof WebClient>;

beforeAll(async () => {
  fake = await FakeSlackApi.start();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  client = new WebClient('xoxb-test', { slackApiUrl: fake.url, logger: silentLogger });
});

/** The platform error a WebClient call rejects with (fails the test if it resolves). */
async function platformError(call: Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    return error as { code: string; data: Record<string, unknown> };
  }
  throw new Error('expected the call to be rejected');
}

describe('recording', () => {
  it('records form-encoded WebClient calls with JSON fields decoded and the bearer token', async () => {
    await client.views.open({ trigger_id: '123.456.abc', view: modal });
    await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks: [{ type: 'divider' }], unfurl_links: false });

    const open = fake.lastCall('views.open');
    expect(open).toMatchObject({
      method: 'views.open',
      token: 'xoxb-test',
      args: { trigger_id: '123.456.abc', view: modal },
    });
    expect(typeof open?.at).toBe('number');
    // blocks decoded; scalars stay the strings Slack receives in a form
    expect(fake.lastCall('chat.postMessage')?.args).toMatchObject({
      blocks: [{ type: 'divider' }],
      unfurl_links: 'false',
    });
    expect(fake.calls.map((c) => c.method)).toEqual(['views.open', 'chat.postMessage']);
  });

  it('records JSON calls, with the token from the body when there is no Authorization header', async () => {
    const response = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ token: 'xoxb-json', channel: 'C2', text: '[1,2]', blocks: [{ type: 'divider' }] }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C2' });
    expect(fake.lastCall('chat.postMessage')).toMatchObject({
      token: 'xoxb-json',
      args: { channel: 'C2', text: '[1,2]', blocks: [{ type: 'divider' }] },
    });
  });

  it('waitForCall resolves for a call recorded before or after it started', async () => {
    await client.chat.postMessage({ channel: 'C1', text: 'early' });
    await expect(fake.waitForCall('chat.postMessage')).resolves.toMatchObject({ args: { text: 'early' } });

    const later = fake.waitForCall('chat.postMessage', (c) => c.args.text === 'late');
    await client.chat.postMessage({ channel: 'C1', text: 'late' });
    await expect(later).resolves.toMatchObject({ args: { text: 'late' } });
  });

  it('waitForCall rejects listing the calls it saw', async () => {
    await client.chat.postMessage({ channel: 'C9', text: 'not what you wait for' });
    await expect(fake.waitForCall('views.open', undefined, 50)).rejects.toThrow(
      /no matching call to views\.open within 50 ms[\s\S]*chat\.postMessage .*C9/,
    );
  });

  it('reset() forgets calls', async () => {
    await client.auth.test();
    fake.reset();
    expect(fake.calls).toHaveLength(0);
  });
});

describe('default answers', () => {
  it('auth.test describes the Acme workspace and the bot', async () => {
    expect(await client.auth.test()).toMatchObject({
      ok: true,
      team_id: 'T0001',
      team: 'Acme',
      user_id: 'U0BOT',
      bot_id: 'B0BOT',
      url: 'https://acme.slack.com/',
      user: 'kontakt',
    });
  });

  it('chat.* answers carry channel, ts and permalinks built from them', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'hello' });
    expect(posted).toMatchObject({ ok: true, channel: 'C1', message: { text: 'hello', bot_id: 'B0BOT' } });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    const second = await client.chat.postMessage({ channel: 'C1', text: 'again' });
    expect(second.ts).not.toBe(posted.ts);

    const link = await client.chat.getPermalink({ channel: 'C1', message_ts: '1700000000.123456' });
    expect(link.permalink).toBe('https://acme.slack.com/archives/C1/p1700000000123456');
    expect(await client.chat.update({ channel: 'C1', ts: posted.ts as string, text: 'edited' })).toMatchObject({
      ts: posted.ts,
      text: 'edited',
    });
    expect(await client.chat.delete({ channel: 'C1', ts: posted.ts as string })).toMatchObject({
      ok: true,
      ts: posted.ts,
    });
    expect((await client.chat.postEphemeral({ channel: 'C1', user: 'U0001', text: 'psst' })).message_ts).toMatch(
      /^\d+\.\d+$/,
    );
  });

  it('views.* return the view with id and hash; views.update keeps the id', async () => {
    const opened = await client.views.open({ trigger_id: '123.456.def', view: modal });
    expect(opened.view).toMatchObject({ callback_id: 'new_contact', title: modal.title, team_id: 'T0001' });
    expect(opened.view?.id).toMatch(/^V[0-9A-F]+$/);
    expect(opened.view?.hash).toEqual(expect.any(String));

    const updated = await client.views.update({
      view_id: opened.view?.id as string,
      hash: opened.view?.hash,
      view: modal,
    });
    expect(updated.view?.id).toBe(opened.view?.id);
    const home = await client.views.publish({ user_id: 'U0001', view: { type: 'home', blocks: [] } });
    expect(home.view).toMatchObject({ type: 'home' });
  });

  it('users.info returns a user with time zone and roles, overridable with setUser', async () => {
    const ada = await client.users.info({ user: 'U0001' });
    expect(ada.user).toMatchObject({
      id: 'U0001',
      name: 'ada',
      tz: 'Europe/Berlin',
      tz_offset: 7200,
      is_admin: false,
      is_owner: false,
      profile: { real_name: 'Ada Lovelace' },
    });
    fake.setUser('U0002', {
      is_admin: true,
      tz: 'America/New_York',
      tz_offset: -14400,
      profile: { display_name: 'bob' },
    });
    const bob = await client.users.info({ user: 'U0002' });
    expect(bob.user).toMatchObject({
      id: 'U0002',
      is_admin: true,
      tz: 'America/New_York',
      tz_offset: -14400,
      profile: { display_name: 'bob' },
    });
    expect(bob.user?.profile?.email).toEqual(expect.any(String));
  });

  it('conversations.open returns a stable D… channel per user', async () => {
    const first = await client.conversations.open({ users: 'U0001' });
    const again = await client.conversations.open({ users: 'U0001' });
    const other = await client.conversations.open({ users: 'U0002' });
    expect(first.channel?.id).toMatch(/^D/);
    expect(again.channel?.id).toBe(first.channel?.id);
    expect(other.channel?.id).not.toBe(first.channel?.id);
  });

  it('files.uploadV2 goes through getUploadURLExternal, the upload URL and completeUploadExternal', async () => {
    const result = await client.filesUploadV2({
      channel_id: 'C1',
      filename: 'contacts.csv',
      content: 'name\nJane Doe\n',
      title: 'Contacts',
    });
    const getUrl = fake.lastCall('files.getUploadURLExternal');
    expect(getUrl?.args).toMatchObject({ filename: 'contacts.csv', length: '14' });
    const fileId = (getUrl?.answer?.body.file_id as string) ?? '';
    expect(fake.uploadedFile(fileId)?.bytes.toString('utf8')).toBe('name\nJane Doe\n');
    expect(fake.lastCall('files.completeUploadExternal')?.args).toMatchObject({
      channel_id: 'C1',
      files: [{ id: fileId, title: 'Contacts' }],
    });
    expect(JSON.stringify(result)).toContain(fileId);
  });

  it('team.info, oauth.v2.access and unknown methods answer ok', async () => {
    expect((await client.team.info()).team).toMatchObject({ id: 'T0001', name: 'Acme', domain: 'acme' });
    const oauth = await new WebClient(undefined, { slackApiUrl: fake.url, logger: silentLogger }).oauth.v2.access({
      client_id: 'id',
      client_secret: 'secret',
      code: 'code',
    });
    expect(oauth).toMatchObject({ ok: true, access_token: expect.stringMatching(/^xoxb-/), team: { id: 'T0001' } });
    expect(await client.apiCall('reactions.add', { channel: 'C1', name: 'thumbsup', timestamp: '1.2' })).toMatchObject({
      ok: true,
    });
    expect(fake.lastCall('reactions.add')?.args).toMatchObject({ name: 'thumbsup' });
  });

  it('answers not_authed when no token is sent', async () => {
    const anonymous = new WebClient(undefined, { slackApiUrl: fake.url, logger: silentLogger });
    const error = await platformError(anonymous.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(error.data.error).toBe('not_authed');
  });
});

describe('overrides and failures', () => {
  it('respondWith answers with a body or a function until reset', async () => {
    fake.respondWith('users.info', { user: { id: 'UX', tz: 'Asia/Tokyo' } });
    expect((await client.users.info({ user: 'UX' })).user?.tz).toBe('Asia/Tokyo');
    expect((await client.users.info({ user: 'UX' })).user?.tz).toBe('Asia/Tokyo');
    fake.respondWith('oauth.v2.access', (call) => ({ ok: true, team: { id: String(call.args.code) } }));
    expect((await client.oauth.v2.access({ client_id: 'a', client_secret: 'b', code: 'T0042' })).team?.id).toBe(
      'T0042',
    );
    fake.reset();
    expect((await client.users.info({ user: 'UX' })).user?.tz).toBe('Europe/Berlin');
  });

  it('failNext surfaces as the platform error WebClient throws for Slack errors, for `times` calls only', async () => {
    fake.failNext('views.open', 'expired_trigger_id');
    fake.failNext('chat.postMessage', 'account_inactive', 2);
    const expired = await platformError(client.views.open({ trigger_id: '123.456.aaa', view: modal }));
    expect(expired.code).toBe('slack_webapi_platform_error');
    expect(expired.data).toMatchObject({ ok: false, error: 'expired_trigger_id' });
    // the failed call did not spend the trigger
    await expect(client.views.open({ trigger_id: '123.456.aaa', view: modal })).resolves.toMatchObject({ ok: true });

    for (let i = 0; i < 2; i++) {
      expect((await platformError(client.chat.postMessage({ channel: 'C1', text: 'x' }))).data.error).toBe(
        'account_inactive',
      );
    }
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('a 429 with Retry-After makes WebClient wait and retry by itself', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const result = await client.chat.postMessage({ channel: 'C1', text: 'eventually' });
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const calls = fake.callsTo('chat.postMessage');
    expect(calls.map((c) => c.answer?.status)).toEqual([429, 200]);
    expect(calls[0]?.answer?.body).toEqual({ ok: false, error: 'ratelimited' });
  }, 15000);

  it('a 429 is a rate-limited error for a client that rejects rate-limited calls', async () => {
    fake.failNext('users.info', { status: 429, retryAfter: 7 });
    const strict = new WebClient('xoxb-test', {
      slackApiUrl: fake.url,
      logger: silentLogger,
      rejectRateLimitedCalls: true,
    });
    await expect(strict.users.info({ user: 'U0001' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 7,
    });
  });

  it('delayMs answers normally, late', async () => {
    fake.failNext('auth.test', { delayMs: 300 });
    const started = Date.now();
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('networkError drops the connection; WebClient retries', async () => {
    fake.failNext('auth.test', { networkError: true });
    await expect(
      fetch(`${fake.url}auth.test`, { method: 'POST', headers: { authorization: 'Bearer xoxb-test' } }),
    ).rejects.toThrow();

    fake.failNext('auth.test', { networkError: true });
    const quick = new WebClient('xoxb-test', {
      slackApiUrl: fake.url,
      logger: silentLogger,
      retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 },
    });
    await expect(quick.auth.test()).resolves.toMatchObject({ ok: true });
    expect(fake.callsTo('auth.test').map((c) => c.answer?.status)).toEqual([undefined, undefined, 200]);
  });
});

describe('trigger_id works once', () => {
  it('answers exchanged_trigger_id when a trigger is reused, for views.open and views.push', async () => {
    await client.views.open({ trigger_id: '123.456.once', view: modal });
    const reused = await platformError(client.views.open({ trigger_id: '123.456.once', view: modal }));
    expect(reused.data.error).toBe('exchanged_trigger_id');
    expect((await platformError(client.views.push({ trigger_id: '123.456.once', view: modal }))).data.error).toBe(
      'exchanged_trigger_id',
    );
    await expect(client.views.open({ trigger_id: '123.456.fresh', view: modal })).resolves.toMatchObject({ ok: true });
  });

  it('can be switched off', async () => {
    const lenient = await FakeSlackApi.start({ triggerOnce: false });
    try {
      const c = new WebClient('xoxb-test', { slackApiUrl: lenient.url, logger: silentLogger });
      await c.views.open({ trigger_id: '123.456.same', view: modal });
      await expect(c.views.open({ trigger_id: '123.456.same', view: modal })).resolves.toMatchObject({ ok: true });
    } finally {
      await lenient.close();
    }
  });
});

describe('Block Kit enforcement', () => {
  const tooLongTitle = {
    ...modal,
    title: { type: 'plain_text' as const, text: 'A title that is way too long for Slack' },
  };

  it('answers a bad views.open with invalid_arguments and json-pointer messages, and records it', async () => {
    const error = await platformError(client.views.open({ trigger_id: '123.456.bk1', view: tooLongTitle }));
    expect(error.data).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect((error.data.response_metadata as { messages: string[] }).messages).toEqual([
      expect.stringMatching(/^\[ERROR\] must be at most 24 characters .*\[json-pointer:\/view\/title\/text\]$/),
    ]);
    expect(fake.violations).toEqual([expect.objectContaining({ source: 'views.open', payload: tooLongTitle })]);
    expect(() => fake.expectNoBlockKitViolations()).toThrow(/views\.open[\s\S]*\/view\/title\/text/);
    // refused calls do not spend the trigger: the corrected modal still opens
    await expect(client.views.open({ trigger_id: '123.456.bk1', view: modal })).resolves.toMatchObject({ ok: true });
  });

  it('answers bad chat blocks with invalid_blocks and overlong text with msg_too_long', async () => {
    const blocks = [{ type: 'header', text: { type: 'mrkdwn', text: 'not allowed' } }];
    expect((await platformError(client.chat.postMessage({ channel: 'C1', text: 'x', blocks }))).data).toMatchObject({
      error: 'invalid_blocks',
      errors: [expect.stringContaining('/blocks/0/text/type')],
    });
    expect(
      (await platformError(client.chat.update({ channel: 'C1', ts: '1.2', text: 'x'.repeat(4001) }))).data.error,
    ).toBe('msg_too_long');
    expect(fake.violations.map((v) => v.source)).toEqual(['chat.postMessage', 'chat.update']);
  });

  it('passes valid content without violations, and can be switched off', async () => {
    await client.views.open({ trigger_id: '123.456.ok', view: modal });
    expect(() => fake.expectNoBlockKitViolations()).not.toThrow();

    const lax = await FakeSlackApi.start({ checkBlockKit: false });
    try {
      const c = new WebClient('xoxb-test', { slackApiUrl: lax.url, logger: silentLogger });
      await expect(c.views.open({ trigger_id: '123.456.lax', view: tooLongTitle })).resolves.toMatchObject({
        ok: true,
      });
      expect(lax.violations).toEqual([]);
    } finally {
      await lax.close();
    }
  });
});

describe('response_url catcher', () => {
  const post = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('records JSON POSTs under their key and lets tests wait for them', async () => {
    const url = fake.responseUrl('cmd-1');
    expect(url).toBe(`${fake.origin}response/cmd-1`);
    const waiting = fake.waitForResponse((r) => r.key === 'cmd-1');
    const response = await post(url, { response_type: 'ephemeral', text: 'Saved Jane Doe' });
    expect(response.status).toBe(200);
    await expect(waiting).resolves.toMatchObject({
      key: 'cmd-1',
      body: { response_type: 'ephemeral', text: 'Saved Jane Doe' },
    });
    expect(fake.responses).toHaveLength(1);
  });

  it('gives each call a distinct key by default', () => {
    expect(fake.responseUrl()).not.toBe(fake.responseUrl());
  });

  it('answers invalid Block Kit with HTTP 400 invalid_blocks and records the violation', async () => {
    const response = await post(fake.responseUrl('bad'), { text: 'x', blocks: [{ type: 'section' }] });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('invalid_blocks');
    expect(fake.violations).toEqual([expect.objectContaining({ source: 'response_url' })]);
  });

  it('can fail like a spent response_url', async () => {
    fake.failNext('response_url', 'used_url');
    expect((await post(fake.responseUrl(), { text: 'late' })).status).toBe(404);
    expect((await post(fake.responseUrl(), { text: 'fine' })).status).toBe(200);
  });

  it('waitForResponse rejects listing what it saw', async () => {
    await post(fake.responseUrl('other'), { text: 'hello' });
    await expect(fake.waitForResponse((r) => r.key === 'mine', 50)).rejects.toThrow(/within 50 ms[\s\S]*other .*hello/);
  });
});
