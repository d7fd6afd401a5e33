/**
 * Issue item 3: the Slack Web API failing under Kontakt. 429 + Retry-After is waited out and the call succeeds;
 * expired_trigger_id tells the user to try again from every entry point that opens a modal; not_authed /
 * account_inactive / token_revoked are logged once per request with no retry storm and the app keeps answering;
 * network errors and timeouts end in a message to the user where one is possible.
 */
import { ids } from '../../src/ids';
import { clearUserCache } from '../../src/services/people/user-directory';
import { WAIT_PATIENCE_MS } from '../harness/fake-slack-api';
import { blockActions, buttonAction, globalShortcut, messageShortcut, slashCommand } from '../harness/payloads';
import { startReliableApp, type ReliableApp } from './support/reliable-app';
import { seedWorkspace, USERS, type SeededWorkspace } from './support/seed';
import { expectNoSecrets } from './support/secrets';

let kontakt: ReliableApp;
let ws: SeededWorkspace;

beforeAll(async () => {
  kontakt = await startReliableApp();
  ws = await seedWorkspace('T0001', 'Alfa');
});
afterAll(async () => {
  expectNoSecrets(kontakt);
  await kontakt.stop();
});
beforeEach(() => {
  kontakt.fake.reset();
  clearUserCache();
  kontakt.fake.setUser(USERS.admin, { is_admin: true });
});

/** The calls to `method` once `count` of them have been answered (the fake records a call before answering it). */
async function answered(method: string, count: number, timeoutMs = WAIT_PATIENCE_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const calls = kontakt.fake.callsTo(method).filter((c) => c.answer);
    if (calls.length >= count) return calls;
    if (Date.now() > deadline)
      throw new Error(`${method}: ${calls.length} of ${count} calls answered after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const command = (text: string, userId: string = USERS.sales) => {
  const key = `k${Math.random().toString(36).slice(2)}`;
  return {
    key,
    send: () => kontakt.slack.command(slashCommand({ text, userId, responseUrl: kontakt.fake.responseUrl(key) })),
  };
};
const button = (actionId: string, value: string) => {
  const key = `k${Math.random().toString(36).slice(2)}`;
  return {
    key,
    send: () =>
      kontakt.slack.interactive(
        blockActions({
          userId: USERS.sales,
          actions: [buttonAction({ actionId, value })],
          responseUrl: kontakt.fake.responseUrl(key),
        }),
      ),
  };
};

describe('429 with Retry-After', () => {
  it('views.open is retried after Retry-After and the modal opens', async () => {
    kontakt.fake.failNext('views.open', { status: 429, retryAfter: 1 });
    const { send } = command('new');
    expect((await send()).status).toBe(200);
    const opens = await answered('views.open', 2);
    expect(opens.map((c) => c.answer?.status)).toEqual([429, 200]);
    expect(opens[1]!.at - opens[0]!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('users.info (time zone, roles) is retried too, and the log-visit modal opens', async () => {
    kontakt.fake.failNext('users.info', { status: 429, retryAfter: 1 });
    await button(ids.actions.logVisit, ws.company.id).send();
    expect((await answered('users.info', 2)).map((c) => c.answer?.status)).toEqual([429, 200]);
    expect((await answered('views.open', 1)).map((c) => c.answer?.status)).toEqual([200]);
  });
});

describe('expired_trigger_id', () => {
  const userTold = 'Slack gave up waiting for that window to open. Please try again.';
  it.each([
    ['/contact new', () => command('new')],
    ['/contact log', () => command('log alfa')],
    ['/contact setup (admin)', () => command('setup', USERS.admin)],
    ['card: Edit', () => button(ids.actions.editContact, ws.company.id)],
    ['card: View', () => button(ids.actions.viewContact, ws.company.id)],
    ['card: Add person', () => button(ids.actions.addPerson, ws.company.id)],
    ['card: Log visit', () => button(ids.actions.logVisit, ws.company.id)],
    ['card: Show all visits', () => button(ids.actions.visitShowAll, ws.company.id)],
    ['visit: Edit', () => button(ids.actions.editVisit, ws.visit.id)],
  ])('%s: the user is told to try again', async (_name, make) => {
    kontakt.fake.failNext('views.open', 'expired_trigger_id');
    const { key, send } = make();
    expect((await send()).status).toBe(200);
    const reply = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(reply.body.text).toBe(userTold);
  });

  it('message shortcut Log visit: told in the channel (response_url)', async () => {
    kontakt.fake.failNext('views.open', 'expired_trigger_id');
    const key = 'shortcut-expired';
    await kontakt.slack.interactive(
      messageShortcut({ callbackId: ids.shortcuts.logVisit, responseUrl: kontakt.fake.responseUrl(key) }),
    );
    expect((await kontakt.fake.waitForResponse((r) => r.key === key)).body.text).toBe(userTold);
  });

  it.each([ids.shortcuts.newContact, ids.shortcuts.logVisitGlobal])(
    'global shortcut %s: told in the DM (no response_url exists)',
    async (callbackId) => {
      kontakt.fake.failNext('views.open', 'expired_trigger_id');
      await kontakt.slack.interactive(globalShortcut({ callbackId, userId: USERS.sales }));
      const dm = await kontakt.fake.waitForCall('chat.postMessage', (c) => c.args.channel === USERS.sales);
      expect(dm.args.text).toBe(userTold);
    },
  );
});

describe.each(['not_authed', 'account_inactive', 'token_revoked'])('Slack refuses the token: %s', (error) => {
  it('every request is still answered, the user told where possible, the failure logged once per request, no retry storm', async () => {
    const logsBefore = kontakt.logs.length;
    const requests = [
      command('new'),
      command('log alfa'),
      command('visits'),
      button(ids.actions.editContact, ws.company.id),
      button(ids.actions.viewContact, ws.company.id),
    ];
    for (const method of ['views.open', 'users.info', 'chat.postEphemeral', 'chat.postMessage', 'chat.getPermalink'])
      kontakt.fake.failNext(method, error, 50);
    for (const request of requests) {
      const response = await request.send();
      // 200, not Bolt's own 404 for a request no listener acked: acknowledged.
      expect(response.status).toBe(200);
    }
    await kontakt.idle();
    // Nobody is left waiting in silence: each got an answer through its response_url (which needs no token).
    for (const request of requests) await kontakt.fake.waitForResponse((r) => r.key === request.key);
    // No retry storm: Slack refused each request's first call; nobody asked again and again.
    expect(kontakt.fake.calls.length).toBeLessThanOrEqual(requests.length * 2);
    const lines = kontakt.logs.slice(logsBefore).filter((line) => line.includes(error));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(requests.length);
    expect(kontakt.trouble).toEqual([]);
  });
});

describe('network errors and timeouts from the Web API', () => {
  it('a single dropped connection is retried and the modal opens', async () => {
    kontakt.fake.failNext('views.open', { networkError: true });
    await command('new').send();
    expect((await answered('views.open', 1)).map((c) => c.answer?.status)).toEqual([200]);
    expect(kontakt.fake.callsTo('views.open')).toHaveLength(2);
  });

  // Was a bug (fixed by src/slack/client-options.ts): the WebClient kept @slack/web-api's default retry policy
  // (10 retries over about 30 minutes) and no timeout, so a user whose Slack was unreachable heard nothing.
  it('Slack unreachable: the user who asked is told to try again within 4 s', async () => {
    // Two drops: the client's own retries (≈1 s, then ≈2 s later) already outlast the trigger's 3 s.
    kontakt.fake.failNext('views.open', { networkError: true }, 2);
    const { key, send } = command('new');
    await send();
    try {
      const reply = await kontakt.fake.waitForResponse((r) => r.key === key);
      expect(String(reply.body.text)).toMatch(/try again/i);
    } finally {
      // Let the retrying listener finish, so nothing outlives the test.
      await kontakt.idle();
    }
  });

  // Was a bug: a Web API call that hangs (here 5 s) was waited for without limit. It is now cut at 2.5 s and not
  // retried (the trigger has expired by then), so the user is told to try again in time.
  it('Slack answering too late (5 s): the user is told to try again within 4 s', async () => {
    kontakt.fake.failNext('views.open', { delayMs: 5_000 });
    const { key, send } = command('new');
    await send();
    try {
      const reply = await kontakt.fake.waitForResponse((r) => r.key === key);
      expect(String(reply.body.text)).toMatch(/try again/i);
    } finally {
      await kontakt.idle();
    }
  });
});
