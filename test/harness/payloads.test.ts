/**
 * The builders are checked twice: for the fields Slack's reference documents, and by routing each payload
 * through a real Bolt App (HTTPReceiver + the fake Web API + the response_url catcher), which only calls a
 * listener when the payload has the shape Bolt recognises (type, callback_id, action_id, event.type…).
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkOptions } from './block-kit-checker';
import { FakeSlackApi, WAIT_PATIENCE_MS } from './fake-slack-api';
import {
  appHomeOpened,
  appUninstalled,
  blockActions,
  blockSuggestion,
  buttonAction,
  deepMerge,
  eventCallback,
  globalShortcut,
  messageShortcut,
  slashCommand,
  stateValue,
  tokensRevoked,
  triggerId,
  urlVerification,
  viewClosed,
  viewOutput,
  viewSubmission,
} from './payloads';
import { SlackRequestSender } from './slack-request';

describe('payload builders', () => {
  it('make unique trigger ids in the requested format', () => {
    const ids = new Set(Array.from({ length: 50 }, () => triggerId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^123\.456\.[0-9a-f]+$/);
    expect(globalShortcut().trigger_id).not.toBe(globalShortcut().trigger_id);
  });

  it('slashCommand: all form fields as strings, defaults to /contact in Acme', () => {
    const command = slashCommand({ text: 'Jane', responseUrl: 'http://x/response/1' });
    expect(command).toMatchObject({
      command: '/contact',
      text: 'Jane',
      team_id: 'T0001',
      team_domain: 'acme',
      user_id: 'U0001',
      user_name: 'ada',
      channel_id: 'C0001',
      api_app_id: 'A0KONTAKT',
      is_enterprise_install: 'false',
      response_url: 'http://x/response/1',
    });
    for (const value of Object.values(command)) expect(typeof value).toBe('string');
    expect(command).not.toHaveProperty('enterprise_id');
    expect(slashCommand({ enterpriseId: 'E0001', isEnterpriseInstall: true })).toMatchObject({
      enterprise_id: 'E0001',
      enterprise_name: 'Acme Grid',
      is_enterprise_install: 'true',
    });
  });

  it('globalShortcut has no channel and no response_url; messageShortcut has message, channel, response_url', () => {
    const global = globalShortcut();
    expect(global).toMatchObject({
      type: 'shortcut',
      callback_id: 'new_contact',
      team: { id: 'T0001', domain: 'acme' },
      user: { id: 'U0001' },
    });
    expect(global).not.toHaveProperty('channel');
    expect(global).not.toHaveProperty('response_url');

    const fromMessage = messageShortcut({ message: { text: 'Call Jane', ts: '1700000000.000100', user: 'U0009' } });
    expect(fromMessage).toMatchObject({
      type: 'message_action',
      message_ts: '1700000000.000100',
      channel: { id: 'C0001' },
      message: { type: 'message', text: 'Call Jane', ts: '1700000000.000100', user: 'U0009' },
      response_url: expect.stringMatching(/^https:\/\/hooks\.slack\.com\/actions\//),
    });
  });

  it('viewSubmission carries state values, private_metadata, callback_id, hash, team and user', () => {
    const submission = viewSubmission({
      callbackId: 'new_contact',
      privateMetadata: '{"c":"C0001"}',
      hash: '123.abc',
      values: {
        name: { name: stateValue.plainText('Jane') },
        company: { company_select: stateValue.externalSelect('co-1', 'Initech') },
      },
    });
    expect(submission).toMatchObject({
      type: 'view_submission',
      team: { id: 'T0001' },
      user: { id: 'U0001', name: 'ada' },
      view: {
        type: 'modal',
        callback_id: 'new_contact',
        private_metadata: '{"c":"C0001"}',
        hash: '123.abc',
        state: {
          values: {
            name: { name: { type: 'plain_text_input', value: 'Jane' } },
            company: {
              company_select: {
                type: 'external_select',
                selected_option: { value: 'co-1', text: { text: 'Initech' } },
              },
            },
          },
        },
      },
    });
    expect(viewClosed({ isCleared: true })).toMatchObject({
      type: 'view_closed',
      is_cleared: true,
      view: { notify_on_close: true },
    });
  });

  it('blockActions: message source has response_url, modal source has a view container and none', () => {
    expect(blockActions()).toMatchObject({
      container: { type: 'message', channel_id: 'C0001' },
      response_url: expect.any(String),
    });
    const view = viewOutput({ viewId: 'V123' });
    const inModal = blockActions({ view, actions: [buttonAction({ actionId: 'a', value: 'v' })] });
    expect(inModal).toMatchObject({
      container: { type: 'view', view_id: 'V123' },
      view: { id: 'V123' },
      actions: [{ action_id: 'a', value: 'v' }],
    });
    expect(inModal).not.toHaveProperty('response_url');
  });

  it('blockSuggestion and events follow Slack shapes', () => {
    expect(blockSuggestion({ value: 'Acm' })).toMatchObject({
      type: 'block_suggestion',
      value: 'Acm',
      action_id: 'company_select',
      block_id: 'company',
      view: { type: 'modal' },
    });
    const envelope = eventCallback(appHomeOpened());
    expect(envelope).toMatchObject({
      type: 'event_callback',
      team_id: 'T0001',
      api_app_id: 'A0KONTAKT',
      event: { type: 'app_home_opened', user: 'U0001', tab: 'home' },
    });
    expect(envelope.event_id).toMatch(/^Ev/);
    expect(tokensRevoked({ oauth: ['U0001'] }).tokens).toEqual({ oauth: ['U0001'], bot: ['U0BOT'] });
    expect(urlVerification({ challenge: 'z' })).toMatchObject({ type: 'url_verification', challenge: 'z' });
  });

  it('overrides deep-merge objects and replace arrays and scalars', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 'x' }, { a: { c: [3] }, d: undefined })).toEqual({
      a: { b: 1, c: [3] },
    });
    expect(globalShortcut({ overrides: { team: { domain: 'other' } } }).team).toEqual({ id: 'T0001', domain: 'other' });
    expect(slashCommand({ overrides: { channel_name: 'directmessage' } }).channel_name).toBe('directmessage');
  });
});

async function until(condition: () => boolean, timeoutMs = WAIT_PATIENCE_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('payloads routed through a real Bolt app', () => {
  const SECRET = 'payload-test-secret';
  const seen: string[] = [];
  const minimalModal = (callbackId: string) => ({
    type: 'modal' as const,
    callback_id: callbackId,
    notify_on_close: true,
    title: { type: 'plain_text' as const, text: 'Contact' },
    blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Hi' } }],
  });
  let fake: FakeSlackApi;
  let receiver: HTTPReceiver;
  let slack: SlackRequestSender;

  beforeAll(async () => {
    fake = await FakeSlackApi.start();
    receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
    const app = new App({
      receiver,
      token: 'xoxb-test',
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url },
    });
    app.command('/contact', async ({ ack, body, client, respond }) => {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: minimalModal('new_contact') });
      await respond({ response_type: 'ephemeral', text: `Opened for ${body.text}` });
    });
    // Listeners record before ack(): the HTTP response is sent on ack, so the test sees the record after it.
    app.shortcut({ type: 'shortcut', callback_id: 'new_contact' }, async ({ ack }) => {
      seen.push('global shortcut');
      await ack();
    });
    app.shortcut(
      { type: 'message_action', callback_id: 'contact_from_message' },
      async ({ ack, shortcut, client, respond }) => {
        await ack();
        const link = await client.chat.getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message_ts });
        await respond({ text: `From ${String(link.permalink)}` });
      },
    );
    app.action('open_contact', async ({ ack, action }) => {
      seen.push(`action ${'value' in action ? String(action.value) : ''}`);
      await ack();
    });
    app.view('new_contact', async ({ ack, view }) => {
      const name = view.state.values.name?.name?.value;
      if (!name) await ack({ response_action: 'errors', errors: { name: 'Please enter a name' } });
      else await ack();
    });
    app.view({ type: 'view_closed', callback_id: 'new_contact' }, async ({ ack }) => {
      seen.push('closed');
      await ack();
    });
    app.options('company_select', async ({ ack, options }) => {
      const all = ['Acme', 'Acme Labs', 'Initech'];
      await ack({
        options: all
          .filter((n) => n.startsWith(options.value))
          .map((n) => ({ text: { type: 'plain_text', text: n }, value: n })),
      });
    });
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
    });
    app.event('app_uninstalled', async () => {
      seen.push('uninstalled');
    });
    app.event('tokens_revoked', async ({ event, context }) => {
      seen.push(`revoked ${event.tokens.bot?.join(',')} retry ${context.retryNum} ${context.retryReason}`);
    });
    const server = (await receiver.start(0)) as Server;
    slack = new SlackRequestSender({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
      signingSecret: SECRET,
    });
  });
  afterAll(async () => {
    await receiver.stop();
    await fake.close();
  });
  afterEach(() => fake.expectNoBlockKitViolations());

  it('slash command: ack, views.open with its trigger_id, respond() to the catcher', async () => {
    const command = slashCommand({ text: 'Jane', responseUrl: fake.responseUrl('cmd') });
    expect((await slack.command(command)).status).toBe(200);
    const open = await fake.waitForCall('views.open', (c) => c.args.trigger_id === command.trigger_id);
    expect(open.args.view).toMatchObject({ callback_id: 'new_contact' });
    await expect(fake.waitForResponse((r) => r.key === 'cmd')).resolves.toMatchObject({
      body: { text: 'Opened for Jane' },
    });
  });

  it('shortcuts, block actions and view_closed reach their listeners', async () => {
    await slack.interactive(globalShortcut());
    await slack.interactive(blockActions({ actions: [buttonAction({ actionId: 'open_contact', value: 'c-7' })] }));
    await slack.interactive(viewClosed({ callbackId: 'new_contact' }));
    expect(seen).toEqual(expect.arrayContaining(['global shortcut', 'action c-7', 'closed']));

    const shortcut = messageShortcut({ responseUrl: fake.responseUrl('msg'), message: { ts: '1700000000.000200' } });
    expect((await slack.interactive(shortcut)).status).toBe(200);
    await expect(fake.waitForResponse((r) => r.key === 'msg')).resolves.toMatchObject({
      body: { text: 'From https://acme.slack.com/archives/C0001/p1700000000000200' },
    });
  });

  it('view_submission: Bolt reads state.values; the ack body is the response_action', async () => {
    const empty = await slack.interactive(
      viewSubmission({ callbackId: 'new_contact', values: { name: { name: stateValue.plainText(null) } } }),
    );
    expect(empty.json).toEqual({ response_action: 'errors', errors: { name: 'Please enter a name' } });
    const filled = await slack.interactive(
      viewSubmission({ callbackId: 'new_contact', values: { name: { name: stateValue.plainText('Jane') } } }),
    );
    expect(filled).toMatchObject({ status: 200, text: '' });
  });

  it('block_suggestion: the options ack passes checkOptions', async () => {
    const response = await slack.options(blockSuggestion({ value: 'Acm' }));
    expect(response.json).toEqual({
      options: [expect.objectContaining({ value: 'Acme' }), expect.objectContaining({ value: 'Acme Labs' })],
    });
    expect(checkOptions(response.json)).toEqual([]);
  });

  it('events: app_home_opened publishes Home; app_uninstalled and tokens_revoked reach listeners; retries carry headers', async () => {
    expect((await slack.event(eventCallback(appHomeOpened({ userId: 'U0042' })))).status).toBe(200);
    await expect(fake.waitForCall('views.publish', (c) => c.args.user_id === 'U0042')).resolves.toBeDefined();
    await slack.event(eventCallback(appUninstalled()));
    await slack.event(eventCallback(tokensRevoked()), { retryNum: 1, retryReason: 'http_timeout' });
    // Events are processed after the ack, so wait for the listeners to have run.
    await until(() => seen.includes('uninstalled') && seen.some((s) => s.startsWith('revoked')));
    expect(seen).toEqual(expect.arrayContaining(['uninstalled', 'revoked U0BOT retry 1 http_timeout']));
  });
});
