/**
 * Issue item 1: every kind of request Slack sends (slash command, interactivity — shortcut, block action, view
 * submission —, options, events) with a missing, malformed, wrong-secret or stale (over 5 minutes) signature is
 * refused with 401, and nothing happens: no listener runs, no Slack call, no database write. Each refusal is
 * counted; a correctly signed copy of each request proves the request itself would have worked.
 */
import { ids } from '../../src/ids';
import {
  appHomeOpened,
  blockActions,
  blockSuggestion,
  buttonAction,
  eventCallback,
  globalShortcut,
  messageShortcut,
  slashCommand,
  viewSubmission,
} from '../harness/payloads';
import type { SendOptions, SigningMode, SlackHttpResponse } from '../harness/slack-request';
import { fingerprint } from './support/fingerprint';
import { startReliableApp, type ReliableApp } from './support/reliable-app';
import { seedWorkspace, type SeededWorkspace } from './support/seed';
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

type Signing = SigningMode | { timestamp: number };
type Kind = { name: string; send: (signing: Signing) => Promise<SlackHttpResponse> };

function kinds(): Kind[] {
  const s = kontakt.slack;
  const opts = (signing: Signing): SendOptions =>
    typeof signing === 'string' ? { signing } : { signing: 'valid', ...signing };
  return [
    {
      name: 'slash command',
      send: (g) => s.command(slashCommand({ text: 'search alfa', responseUrl: kontakt.fake.responseUrl() }), opts(g)),
    },
    {
      name: 'global shortcut',
      send: (g) => s.interactive(globalShortcut({ callbackId: ids.shortcuts.newContact }), opts(g)),
    },
    {
      name: 'message shortcut',
      send: (g) =>
        s.interactive(
          messageShortcut({ callbackId: ids.shortcuts.logVisit, responseUrl: kontakt.fake.responseUrl() }),
          opts(g),
        ),
    },
    {
      name: 'block action',
      send: (g) =>
        s.interactive(
          blockActions({
            actions: [buttonAction({ actionId: ids.actions.deleteContact, value: ws.independent.id })],
            responseUrl: kontakt.fake.responseUrl(),
          }),
          opts(g),
        ),
    },
    {
      name: 'view submission',
      send: (g) =>
        s.interactive(
          viewSubmission({
            callbackId: ids.views.contactModal,
            privateMetadata: JSON.stringify({ mode: 'create', contactId: '65a000000000000000000001' }),
            values: { [ids.contactField.blocks.name]: { value: { type: 'plain_text_input', value: 'Forged AS' } } },
          }),
          opts(g),
        ),
    },
    {
      name: 'options',
      send: (g) => s.options(blockSuggestion({ actionId: ids.actions.contactPicker, value: 'alfa' }), opts(g)),
    },
    { name: 'event', send: (g) => s.event(eventCallback(appHomeOpened()), opts(g)) },
  ];
}

const badModes: { name: string; signing: Signing }[] = [
  { name: 'missing', signing: 'none' },
  { name: 'malformed', signing: 'malformed' },
  { name: 'wrong secret', signing: 'wrong-secret' },
  { name: 'stale (6 minutes old)', signing: 'stale' },
  { name: 'stale by 5 min 1 s', signing: { timestamp: Math.floor(Date.now() / 1000) - 301 } },
];

const counts: Record<string, number> = {};

describe('requests without a valid signature', () => {
  it.each(badModes.map((m) => [m.name, m.signing] as const))(
    '%s signature: 401 on every kind, no listener, no Slack call, no write',
    async (mode, signing) => {
      for (const kind of kinds()) {
        const before = await fingerprint(['T0001']);
        const started = kontakt.started();
        const calls = kontakt.fake.calls.length;
        const responses = kontakt.fake.responses.length;
        const response = await kind.send(signing);
        expect({ kind: kind.name, status: response.status }).toEqual({ kind: kind.name, status: 401 });
        // Give anything wrongly started a moment to show itself.
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect({ kind: kind.name, started: kontakt.started() - started }).toEqual({ kind: kind.name, started: 0 });
        expect(kontakt.fake.calls.slice(calls).map((c) => c.method)).toEqual([]);
        expect(kontakt.fake.responses.length).toBe(responses);
        expect(await fingerprint(['T0001'])).toEqual(before);
        counts[`${mode} / ${kind.name}`] = (counts[`${mode} / ${kind.name}`] ?? 0) + 1;
      }
    },
  );

  it('the same requests correctly signed do reach the app (so the refusals above are about the signature)', async () => {
    for (const kind of kinds()) {
      const started = kontakt.started();
      const response = await kind.send('valid');
      expect({ kind: kind.name, status: response.status }).toEqual({ kind: kind.name, status: 200 });
      expect(kontakt.started()).toBeGreaterThan(started);
    }
    await kontakt.idle();
  });

  afterAll(() => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `Signature refusals: ${total} (${badModes.length} bad signatures × ${kinds().length} kinds), each 401 with nothing run, called or written`,
    );
  });
});
