import { STATE_TTL_SECONDS } from '../../../src/oauth/state-store';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { ids } from '../../../src/ids';
import { InstallationModel } from '../../../src/models/installation.model';
import { WorkspaceStatusModel } from '../../../src/models/workspace-status.model';
import { contactInputSchema } from '../../../src/schemas/contact-input';
import { translator } from '../../../src/i18n';
import { createContact } from '../../../src/services/contacts/contact.service';
import { FakeSlackApi } from '../../harness/fake-slack-api';
import { appUninstalled, blockSuggestion, eventCallback, slashCommand } from '../../harness/payloads';
import { sealV1 } from '../../fixtures/legacy-token-cipher';
import { clearCollections } from '../../support/database';
import { englishWordsIn } from '../../support/english-words';
import { startTestApp, type TestApp } from '../../support/test-app';

const ENCRYPTION_KEY = randomBytes(32).toString('base64');
let kontakt: TestApp;

beforeAll(async () => {
  kontakt = await startTestApp({
    SLACK_BOT_TOKEN: '',
    SLACK_CLIENT_ID: '1234567890.0987654321',
    SLACK_CLIENT_SECRET: 'client-secret-0123456789abcdef',
    SLACK_STATE_SECRET: 'state-secret-0123456789abcdef',
    INSTALLATION_ENCRYPTION_KEY: ENCRYPTION_KEY,
  });
});
afterAll(async () => {
  await kontakt.stop();
});
beforeEach(async () => {
  kontakt.fake.reset();
  await clearCollections();
});

interface Install {
  teamId?: string;
  enterpriseId?: string;
  token: string;
  refresh?: { refreshToken: string; expiresIn: number };
}

/** Slack's answer to oauth.v2.access for an install. */
function oauthAnswer(install: Install) {
  const org = !install.teamId;
  return {
    ok: true,
    app_id: 'A0KONTAKT',
    authed_user: { id: 'U0ADMIN' },
    scope: 'commands,chat:write,users:read,files:write,im:write',
    token_type: 'bot',
    access_token: install.token,
    bot_user_id: 'U0BOT',
    team: org ? null : { id: install.teamId, name: `Team ${install.teamId}` },
    enterprise: install.enterpriseId ? { id: install.enterpriseId, name: 'Acme Grid' } : null,
    is_enterprise_install: org,
    ...(install.refresh ? { refresh_token: install.refresh.refreshToken, expires_in: install.refresh.expiresIn } : {}),
  };
}

/** The browser's first step: the install page sets a cookie and links to Slack with a signed state. */
async function beginInstall(): Promise<{ callbackUrl: string; cookie: string }> {
  const page = await fetch(`${kontakt.baseUrl}/slack/install`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const state = /state=([^"&]+)/.exec(html)?.[1];
  expect(state).toBeDefined();
  return {
    callbackUrl: `${kontakt.baseUrl}/slack/oauth_redirect?code=code-${Math.random()}&state=${state}`,
    cookie: (page.headers.get('set-cookie') ?? '').split(';')[0]!,
  };
}

/** The whole browser flow: install page (cookie + state) → Slack → our redirect endpoint. */
async function install(installation: Install, headers: Record<string, string> = {}): Promise<Response> {
  const { callbackUrl, cookie } = await beginInstall();
  kontakt.fake.respondWith('oauth.v2.access', oauthAnswer(installation));
  return fetch(callbackUrl, { headers: { ...headers, cookie } });
}

async function everythingStored(): Promise<string> {
  const db = mongoose.connection.db!;
  const collections = await db.listCollections().toArray();
  const dumps = await Promise.all(collections.map((c) => db.collection(c.name).find({}).toArray()));
  return JSON.stringify(dumps);
}

describe('installing Kontakt through Slack’s OAuth flow', () => {
  it('shows a friendly install page with an Add to Slack link asking for Kontakt’s scopes', async () => {
    const page = await fetch(`${kontakt.baseUrl}/slack/install`);
    const html = await page.text();
    expect(html).toContain('Add to Slack');
    expect(html).toContain('slack.com/oauth/v2/authorize');
    expect(decodeURIComponent(html)).toContain(
      'commands,chat:write,users:read,files:write,files:read,users:read.email,im:write,channels:read,groups:read',
    );
  });

  it('stores the installation with the token encrypted: the raw token is nowhere in the database', async () => {
    const response = await install({ teamId: 'T0001', token: 'xoxb-T0001-secret-bot-token' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Kontakt is installed');
    expect(await InstallationModel.countDocuments({})).toBe(1);
    expect(await everythingStored()).not.toContain('xoxb-T0001-secret-bot-token');
  });

  it('answers a browser that prefers Norwegian in Norwegian, and one that prefers neither language in English', async () => {
    const nb = translator('nb');
    const norsk = await install(
      { teamId: 'T0001', token: 'xoxb-T0001-token' },
      { 'accept-language': 'nn-NO,en;q=0.5' },
    );
    expect(norsk.status).toBe(200);
    const html = await norsk.text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain(`<h1>${nb.t('install.success.title')}</h1>`);
    expect(englishWordsIn(html.replace(/<style>[\s\S]*<\/style>/, ''))).toEqual([]);
    expect(html).not.toContain('Kontakt is installed');

    const failed = await fetch(`${kontakt.baseUrl}/slack/oauth_redirect?code=abc`, {
      headers: { 'accept-language': 'de-DE, no;q=0.8, en;q=0.6' },
    });
    expect(failed.status).toBe(400);
    expect(await failed.text()).toContain(nb.t('install.failure.title'));

    const other = await install(
      { teamId: 'T0002', token: 'xoxb-T0002-token' },
      { 'accept-language': 'de-DE,fr;q=0.9' },
    );
    expect(await other.text()).toContain('Kontakt is installed');
  });

  it('refuses a callback with a missing or forged state, storing nothing', async () => {
    for (const query of ['code=abc', 'code=abc&state=forged.state.value']) {
      const response = await fetch(`${kontakt.baseUrl}/slack/oauth_redirect?${query}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('Installation did not finish');
    }
    expect(await InstallationModel.countDocuments({})).toBe(0);
    expect(kontakt.fake.callsTo('oauth.v2.access')).toEqual([]);
  });

  it('a state works once: a replayed callback gets the failure page, is not exchanged and stores nothing', async () => {
    const { callbackUrl, cookie } = await beginInstall();
    kontakt.fake.respondWith('oauth.v2.access', oauthAnswer({ teamId: 'T0001', token: 'xoxb-T0001-token' }));
    expect((await fetch(callbackUrl, { headers: { cookie } })).status).toBe(200);

    kontakt.fake.respondWith('oauth.v2.access', oauthAnswer({ teamId: 'T0002', token: 'xoxb-replayed-token' }));
    const replay = await fetch(callbackUrl, { headers: { cookie } });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('Installation did not finish');
    expect(kontakt.fake.callsTo('oauth.v2.access')).toHaveLength(1);
    expect(await InstallationModel.countDocuments({ key: 'T0001' })).toBe(1);
    expect(await InstallationModel.countDocuments({ key: 'T0002' })).toBe(0);
  });

  it('two callbacks racing with the same state: one installs, the other is refused', async () => {
    const { callbackUrl, cookie } = await beginInstall();
    kontakt.fake.respondWith('oauth.v2.access', oauthAnswer({ teamId: 'T0001', token: 'xoxb-T0001-token' }));
    const answers = await Promise.all([1, 2].map(() => fetch(callbackUrl, { headers: { cookie } })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
    expect(kontakt.fake.callsTo('oauth.v2.access')).toHaveLength(1);
  });

  it('the used state is kept (hashed) only until it would have expired anyway', async () => {
    await install({ teamId: 'T0001', token: 'xoxb-T0001-token' });
    const [used] = await mongoose.connection
      .db!.collection('oauth_states')
      .find({ stateHash: /^[0-9a-f]{64}$/ })
      .toArray();
    // Kept for the state's own lifetime (plus a minute of clock skew) from when it was consumed: the stored times say
    // it, whatever the machine's speed between the install and this read.
    expect(used?.expiresAt.getTime() - used?.consumedAt.getTime()).toBe((STATE_TTL_SECONDS + 60) * 1000);
    expect(STATE_TTL_SECONDS).toBe(600);
  });

  it('two workspaces side by side: each request uses its own token and sees only its own contacts', async () => {
    await install({ teamId: 'T0001', token: 'xoxb-T0001-token' });
    await install({ teamId: 'T0002', token: 'xoxb-T0002-token' });
    for (const [teamId, name] of [
      ['T0001', 'Nordlys Maskin AS'],
      ['T0002', 'Fjord Pumper AS'],
    ] as const) {
      await createContact({
        workspaceId: teamId,
        userId: 'U0001',
        input: contactInputSchema.parse({ type: 'company', name }),
      });
    }
    const options = await kontakt.slack.options(
      blockSuggestion({ actionId: ids.actions.contactPicker, value: 'nordlys', teamId: 'T0002' }),
    );
    expect(options.json).toEqual({ options: [] });
    kontakt.fake.reset();
    await kontakt.slack.command(slashCommand({ text: 'new', teamId: 'T0002' }));
    const open = await kontakt.fake.waitForCall('views.open');
    expect(open.token).toBe('xoxb-T0002-token');
  });

  it('an org-wide install authorizes requests from its teams', async () => {
    await install({ enterpriseId: 'E0001', token: 'xoxb-E0001-token' });
    await kontakt.slack.command(
      slashCommand({
        text: 'new',
        teamId: 'T0009',
        enterpriseId: 'E0001',
        overrides: { is_enterprise_install: 'true' },
      }),
    );
    expect((await kontakt.fake.waitForCall('views.open')).token).toBe('xoxb-E0001-token');
  });

  it('app_uninstalled removes the tokens at once, keeps the data for the grace period, and later requests are refused cleanly', async () => {
    await install({ teamId: 'T0001', token: 'xoxb-T0001-token' });
    await createContact({
      workspaceId: 'T0001',
      userId: 'U0001',
      input: contactInputSchema.parse({ type: 'company', name: 'Nordlys' }),
    });
    const event = await kontakt.slack.event(eventCallback(appUninstalled(), { teamId: 'T0001' }));
    expect(event.status).toBe(200);
    await waitUntil(async () => (await InstallationModel.countDocuments({})) === 0);
    const status = await WorkspaceStatusModel.findOne({ workspaceId: 'T0001' }).lean();
    expect(status?.deleteAfter?.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(await mongoose.connection.db!.collection('contacts').countDocuments({ workspaceId: 'T0001' })).toBe(1);

    kontakt.fake.reset();
    const key = 'after-uninstall';
    const response = await kontakt.slack.command(
      slashCommand({ text: 'new', teamId: 'T0001', responseUrl: kontakt.fake.responseUrl(key) }),
    );
    expect(response.status).toBe(200);
    const refusal = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(refusal.body).toMatchObject({ text: expect.stringContaining('not installed') });
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);

    // Reinstalling within the grace period keeps everything.
    await install({ teamId: 'T0001', token: 'xoxb-T0001-new-token' });
    expect(await WorkspaceStatusModel.countDocuments({ workspaceId: 'T0001' })).toBe(0);
  });

  it('a workspace without an installation is not answered on a response_url that is not Slack’s', async () => {
    const elsewhere = await FakeSlackApi.start();
    try {
      const response = await kontakt.slack.command(
        slashCommand({ text: 'new', teamId: 'T0404', responseUrl: elsewhere.responseUrl('stranger') }),
      );
      expect(response.status).toBe(200);
      await waitUntil(async () => kontakt.logs.some((line) => line.includes('Not answering a response_url')));
      expect(elsewhere.responses).toEqual([]);
      // The same refusal on Slack's side is answered, so the check above is not vacuous.
      await kontakt.slack.command(
        slashCommand({ text: 'new', teamId: 'T0404', responseUrl: kontakt.fake.responseUrl('genuine') }),
      );
      const refusal = await kontakt.fake.waitForResponse((r) => r.key === 'genuine');
      expect(refusal.body).toMatchObject({ text: expect.stringContaining('not installed') });
    } finally {
      await elsewhere.close();
    }
  });

  it('a tampered token fails loudly in the log, not silently', async () => {
    await install({ teamId: 'T0001', token: 'xoxb-T0001-token' });
    await InstallationModel.updateOne({ key: 'T0001' }, { $set: { botTokenCipher: 'v1:000000000000:AAAA:AAAA:AAAA' } });
    kontakt.logs.length = 0;
    await kontakt.slack.command(
      slashCommand({ text: 'new', teamId: 'T0001', responseUrl: kontakt.fake.responseUrl() }),
    );
    await waitUntil(async () => kontakt.logs.some((line) => line.includes('not configured')));
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);
  });

  it('a token ciphertext copied onto another installation does not open there: refused, logged without the token', async () => {
    await install({ teamId: 'T0001', token: 'xoxb-T0001-token' });
    await install({ teamId: 'T0002', token: 'xoxb-T0002-token' });
    const donor = await InstallationModel.findOne({ key: 'T0001' }).lean();
    await InstallationModel.updateOne({ key: 'T0002' }, { $set: { botTokenCipher: donor!.botTokenCipher } });
    kontakt.fake.reset();
    kontakt.logs.length = 0;
    await kontakt.slack.command(
      slashCommand({ text: 'new', teamId: 'T0002', responseUrl: kontakt.fake.responseUrl() }),
    );
    await waitUntil(async () => kontakt.logs.some((line) => line.includes('bot token of installation T0002')));
    expect(kontakt.logs.join('\n')).toContain('copied from another installation');
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);
    expect(kontakt.logs.join('\n')).not.toMatch(/xoxb-T000[12]-token/);
    // The installation the ciphertext belongs to is unaffected.
    await kontakt.slack.command(slashCommand({ text: 'new', teamId: 'T0001' }));
    expect((await kontakt.fake.waitForCall('views.open')).token).toBe('xoxb-T0001-token');
  });

  it('a token sealed before ciphertexts were bound opens once and is resealed, bound, on that use', async () => {
    await install({ teamId: 'T0001', token: 'xoxb-T0001-token' });
    const legacy = sealV1(Buffer.from(ENCRYPTION_KEY, 'base64'), 'xoxb-legacy-token');
    await InstallationModel.updateOne({ key: 'T0001' }, { $set: { botTokenCipher: legacy } });
    kontakt.fake.reset();
    await kontakt.slack.command(slashCommand({ text: 'new', teamId: 'T0001' }));
    expect((await kontakt.fake.waitForCall('views.open')).token).toBe('xoxb-legacy-token');
    await waitUntil(async () =>
      /^v2:/.test((await InstallationModel.findOne({ key: 'T0001' }).lean())?.botTokenCipher ?? ''),
    );
    // Resealed for T0001 only: copied to another installation, it no longer opens.
    await install({ teamId: 'T0002', token: 'xoxb-T0002-token' });
    const resealed = (await InstallationModel.findOne({ key: 'T0001' }).lean())!.botTokenCipher;
    await InstallationModel.updateOne({ key: 'T0002' }, { $set: { botTokenCipher: resealed } });
    kontakt.fake.reset();
    await kontakt.slack.command(slashCommand({ text: 'new', teamId: 'T0002' }));
    await waitUntil(async () => kontakt.logs.some((line) => line.includes('bot token of installation T0002')));
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);
  });

  it('token rotation: a token about to expire is refreshed exactly once, even under concurrent requests', async () => {
    await install({
      teamId: 'T0001',
      token: 'xoxb-old-token',
      refresh: { refreshToken: 'xoxe-refresh-1', expiresIn: 600 },
    });
    kontakt.fake.reset();
    kontakt.fake.respondWith('oauth.v2.access', {
      ok: true,
      access_token: 'xoxb-fresh-token',
      refresh_token: 'xoxe-refresh-2',
      expires_in: 43_200,
      token_type: 'bot',
    });
    await Promise.all(
      Array.from({ length: 8 }, () => kontakt.slack.command(slashCommand({ text: 'new', teamId: 'T0001' }))),
    );
    await waitUntil(async () => kontakt.fake.callsTo('views.open').length === 8);
    const refreshes = kontakt.fake.callsTo('oauth.v2.access');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.args).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'xoxe-refresh-1' });
    expect(kontakt.fake.callsTo('views.open').every((call) => call.token === 'xoxb-fresh-token')).toBe(true);
    expect(await everythingStored()).not.toContain('xoxb-fresh-token');
  });
});

describe('a failed token refresh', () => {
  const stored = async () => (await InstallationModel.findOne({ key: 'T0001' }).lean())!;
  /** Moves the next attempt into the past, as if its backoff had run out. */
  const backoffOver = () => InstallationModel.updateOne({ key: 'T0001' }, { $set: { refreshRetryAt: new Date(0) } });
  const command = async () => {
    const before = kontakt.fake.callsTo('views.open').length;
    await kontakt.slack.command(slashCommand({ text: 'new', teamId: 'T0001' }));
    return kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before);
  };

  beforeEach(async () => {
    await install({
      teamId: 'T0001',
      token: 'xoxb-old-token',
      refresh: { refreshToken: 'xoxe-refresh-1', expiresIn: 600 },
    });
    kontakt.fake.reset();
  });

  it('is not retried on every request: the current token serves meanwhile, the next attempt waits 30 s, then 60 s', async () => {
    kontakt.fake.respondWith('oauth.v2.access', { ok: false, error: 'invalid_refresh_token' });
    const before = Date.now();
    for (let i = 0; i < 5; i += 1) expect((await command()).token).toBe('xoxb-old-token');
    expect(kontakt.fake.callsTo('oauth.v2.access')).toHaveLength(1);
    const first = await stored();
    expect(first.refreshFailures).toBe(1);
    expect(first.refreshRetryAt!.getTime()).toBeGreaterThanOrEqual(before + 30_000);
    expect(first.refreshRetryAt!.getTime()).toBeLessThanOrEqual(Date.now() + 30_000);

    await backoffOver();
    const again = Date.now();
    expect((await command()).token).toBe('xoxb-old-token');
    expect((await command()).token).toBe('xoxb-old-token');
    expect(kontakt.fake.callsTo('oauth.v2.access')).toHaveLength(2);
    const second = await stored();
    expect(second.refreshFailures).toBe(2);
    expect(second.refreshRetryAt!.getTime()).toBeGreaterThanOrEqual(again + 60_000);
    expect(second.refreshRetryAt!.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);

    // Once Slack renews it, the backoff is forgotten.
    kontakt.fake.respondWith('oauth.v2.access', {
      ok: true,
      access_token: 'xoxb-fresh-token',
      refresh_token: 'xoxe-refresh-2',
      expires_in: 43_200,
      token_type: 'bot',
    });
    await backoffOver();
    expect((await command()).token).toBe('xoxb-fresh-token');
    const renewed = await stored();
    expect(renewed.refreshFailures ?? null).toBeNull();
    expect(renewed.refreshRetryAt ?? null).toBeNull();
  });

  it('the backoff is kept in the database, so a request that meets an expired token is told why and nothing is tried', async () => {
    await InstallationModel.updateOne(
      { key: 'T0001' },
      {
        $set: {
          botTokenExpiresAt: new Date(Date.now() - 60_000),
          refreshFailures: 3,
          refreshRetryAt: new Date(Date.now() + 120_000),
        },
      },
    );
    const key = 'expired';
    const response = await kontakt.slack.command(
      slashCommand({ text: 'new', teamId: 'T0001', responseUrl: kontakt.fake.responseUrl(key) }),
    );
    expect(response.status).toBe(200);
    const reply = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(reply.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Try again in a few minutes'),
    });
    expect(kontakt.fake.callsTo('oauth.v2.access')).toEqual([]);
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);
    expect(kontakt.logs.some((line) => line.includes('has expired and renewing it failed'))).toBe(true);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
