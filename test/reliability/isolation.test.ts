/**
 * Issue item 8: workspace isolation, table-driven over every listener. Each row is a request from workspace B
 * (its own admin, so permission checks are not what stops it) carrying workspace A's ids — contacts, the
 * company, visits, A's setup views and forms — and proves nothing of A is read (no A name reaches B's user in
 * the ack, a modal, a message or a response_url post) and nothing of A is changed (A's collections identical,
 * its lifecycle too: installation, pending deletion, scheduled jobs).
 *
 * A's names and visit texts (the traces) never appear in what B sends: the forms B submits are A's, with every
 * trace replaced, ids kept. So any trace B is shown was read from A's data — no exemption for echoed input.
 */
import { ids } from '../../src/ids';
import { setupSections } from '../../src/services/setup/setup.types';
import { clearUserCache } from '../../src/services/people/user-directory';
import mongoose from 'mongoose';
import { getWorkspaceSetup } from '../../src/services/setup/setup.service';
import {
  appHomeOpened,
  appUninstalled,
  blockActions,
  blockSuggestion,
  buttonAction,
  eventCallback,
  globalShortcut,
  messageShortcut,
  slashCommand,
  tokensRevoked,
  viewOutput,
  viewSubmission,
} from '../harness/payloads';
import type { SlackHttpResponse } from '../harness/slack-request';
import type { SentView } from '../support/contact-flows';
import { fillView, type Typed } from '../support/modal-state';
import { fingerprint, LIFECYCLE_COLLECTIONS, WORKSPACE_COLLECTIONS } from './support/fingerprint';
import { captureTemplates, type Templates } from './support/fuzz-corpus';
import { startReliableApp, type ReliableApp } from './support/reliable-app';
import { expectNoSecrets } from './support/secrets';
import { seedWorkspace, USERS, type SeededWorkspace } from './support/seed';

const B_ADMIN = 'U0BADMIN';
const ALL_COLLECTIONS = [...WORKSPACE_COLLECTIONS, ...LIFECYCLE_COLLECTIONS];
let kontakt: ReliableApp;
let a: SeededWorkspace;
let b: SeededWorkspace;
let tA: Templates;

beforeAll(async () => {
  kontakt = await startReliableApp({}, { keepSentChars: 1_000_000 });
  a = await seedWorkspace('T0001', 'Alfa');
  b = await seedWorkspace('T0002', 'Bravo');
  kontakt.fake.setUser(USERS.admin, { is_admin: true });
  tA = await captureTemplates(kontakt, a, USERS);
  await giveLifecycle(a);
  await kontakt.idle();
  // Everything sent from here on has A's traces replaced (ids are kept: they are the attack).
  const send = kontakt.slack.raw.bind(kontakt.slack);
  kontakt.slack.raw = (body, options) => send(withoutTraces(body), options);
});

/** A has an installation, a pending follow-up reminder and a weekly digest: lifecycle B must not touch. */
async function giveLifecycle(ws: SeededWorkspace): Promise<void> {
  const { scheduler } = kontakt.running;
  await scheduler.scheduleFollowUp({
    workspaceId: ws.teamId,
    visitId: ws.visit.id,
    userId: USERS.sales,
    runAt: new Date(Date.now() + 30 * 86_400_000),
  });
  const setup = await getWorkspaceSetup(ws.teamId);
  await scheduler.scheduleDigest(ws.teamId, {
    digest: { ...setup.digest, enabled: true },
    roles: { ...setup.roles, managers: [USERS.admin] },
  });
  await mongoose.connection.db!.collection('installations').insertOne({
    key: ws.teamId,
    teamId: ws.teamId,
    botTokenCipher: 'sealed-elsewhere',
    botScopes: [],
    installedAt: new Date(),
  });
}

/** What of A could leak: its contacts' names and its visits' descriptions. */
const aTraces = () => [
  a.company.name,
  a.person.name,
  a.independent.name,
  a.visit.description,
  a.othersVisit.description,
];

const TRACE_STAND_IN = 'Redacted';
const replaceTraces = (text: string) => aTraces().reduce((out, trace) => out.split(trace).join(TRACE_STAND_IN), text);

/** The raw body with every trace of A replaced, in each form field (Slack's form encoding) or in the JSON. */
function withoutTraces(raw: string): string {
  if (raw.startsWith('{')) return replaceTraces(raw);
  const form = new URLSearchParams(raw);
  for (const [key, value] of [...form]) form.set(key, replaceTraces(value));
  return form.toString();
}
afterAll(async () => {
  expectNoSecrets(kontakt);
  await kontakt.stop();
});
beforeEach(() => {
  kontakt.fake.reset();
  clearUserCache();
  kontakt.fake.setUser(B_ADMIN, { is_admin: true });
});

const asB = { teamId: 'T0002', userId: B_ADMIN };
const respondTo = () => kontakt.fake.responseUrl(`iso${Math.random().toString(36).slice(2)}`);
const inView = (view: SentView, values: Record<string, Typed> = {}) =>
  viewOutput({
    viewId: `VISO${Math.random().toString(36).slice(2, 8)}`,
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    blocks: view.blocks,
    values: fillView(view, values),
    teamId: 'T0002',
  });
const click = (actionId: string, value: string, view?: SentView) =>
  kontakt.slack.interactive(
    blockActions({
      ...asB,
      actions: [buttonAction({ actionId, value })],
      responseUrl: respondTo(),
      view: view ? inView(view) : undefined,
    }),
  );
const submit = (view: SentView, typed: Record<string, Typed> = {}) =>
  kontakt.slack.interactive(
    viewSubmission({
      ...asB,
      viewId: 'VISOSUBMIT',
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      blocks: view.blocks,
      values: fillView(view, typed),
      rootViewId: 'VISOROOT',
    }),
  );
const command = (text: string) => kontakt.slack.command(slashCommand({ ...asB, text, responseUrl: respondTo() }));

type Row = [string, () => Promise<SlackHttpResponse>];
const rows: Row[] = [
  // Slash command
  ['/contact <A company No.> (B has the same No.)', () => command(a.company.no)],
  ['/contact search <A name>', () => command('search Alfa')],
  ['/contact <A name>', () => command('Alfa Maskin')],
  ['/contact log <A name>', () => command('log Kari Alf')],
  ['/contact visits team', () => command('visits team')],
  ['/contact visits <A salesperson>', () => command(`visits <@${USERS.sales}>`)],
  ['/contact setup', () => command('setup')],
  ['/contact new person', () => command('new person')],
  // Shortcuts
  [
    'message shortcut naming A contacts',
    () =>
      kontakt.slack.interactive(
        messageShortcut({
          ...asB,
          callbackId: ids.shortcuts.logVisit,
          responseUrl: respondTo(),
          message: { text: `Met Kari Alf and ${a.company.id}` },
        }),
      ),
  ],
  [
    'global shortcut New contact',
    () => kontakt.slack.interactive(globalShortcut({ ...asB, callbackId: ids.shortcuts.newContact })),
  ],
  [
    'global shortcut Log visit',
    () => kontakt.slack.interactive(globalShortcut({ ...asB, callbackId: ids.shortcuts.logVisitGlobal })),
  ],
  // Buttons on cards, lists and modals
  ['View <A company>', () => click(ids.actions.viewContact, a.company.id)],
  ['View <A company> from a modal', () => click(ids.actions.viewContact, a.company.id, tA.card)],
  ['Edit <A company>', () => click(ids.actions.editContact, a.company.id)],
  ['Add person to <A company>', () => click(ids.actions.addPerson, a.company.id)],
  ['Share <A company>', () => click(ids.actions.shareContact, a.company.id)],
  ['Delete <A person>', () => click(ids.actions.deleteContact, a.independent.id)],
  ['Log visit for <A person>', () => click(ids.actions.logVisit, a.person.id)],
  ['Show all visits of <A company>', () => click(ids.actions.visitShowAll, a.company.id)],
  [
    'Visit history page of <A company>',
    () => click(ids.actions.visitPage, JSON.stringify({ c: a.company.id, p: 0 }), tA.history),
  ],
  ['Edit <A visit>', () => click(ids.actions.editVisit, a.visit.id)],
  ['Cancel <A visit> (B admin)', () => click(ids.actions.cancelVisit, a.visit.id)],
  ['Search page for A names', () => click(ids.actions.searchPage, JSON.stringify({ q: 'Alfa', p: 0 }))],
  [
    'Open existing <A company> (duplicates)',
    () => click(ids.actions.openExisting, a.company.id, tA.duplicates ?? tA.contactCompany),
  ],
  [
    'Not a duplicate <A company>',
    () => click(ids.actions.notDuplicate, a.company.id, tA.duplicates ?? tA.contactCompany),
  ],
  [
    'Switch type in <A edit form>',
    () =>
      kontakt.slack.interactive(
        blockActions({
          ...asB,
          view: inView(tA.contactEdit),
          actions: [
            {
              type: 'radio_buttons',
              action_id: ids.actions.contactTypeChanged,
              block_id: ids.contactField.blocks.type,
              selected_option: { text: { type: 'plain_text', text: 'Person' }, value: 'person' },
              action_ts: '1.1',
            } as never,
          ],
        }),
      ),
  ],
  ...setupSections.map((section): Row => [
    `Setup: Edit ${section} in <A setup view>`,
    () => click(ids.actions.setupOpenSection, section, tA.setupHome),
  ]),
  ['Setup: audit log in <A setup view>', () => click(ids.actions.setupOpenAudit, '', tA.setupHome)],
  [
    'Setup: add duplicate row in <A form>',
    () => click(ids.actions.setupAddDuplicateRow, '2', tA.setupSections.duplicates),
  ],
  [
    'Setup: remove duplicate row in <A form>',
    () => click(ids.actions.setupRemoveDuplicateRow, '2', tA.setupSections.duplicates),
  ],
  ['Home: New contact', () => click(ids.actions.homeNewContact, '')],
  ['Home: Log visit', () => click(ids.actions.homeLogVisit, '')],
  ['Home: Search', () => click(ids.actions.homeSearch, '')],
  ['Home: Setup', () => click(ids.actions.homeSetup, '')],
  [
    'Home: pick <A company> in the search modal',
    () =>
      kontakt.slack.interactive(
        blockActions({
          ...asB,
          view: inView(tA.homeSearch),
          actions: [
            {
              type: 'external_select',
              action_id: ids.actions.homeContactPicked,
              block_id: ids.visitField.contactSearch,
              selected_option: { text: { type: 'plain_text', text: 'x' }, value: a.company.id },
              action_ts: '1.1',
            } as never,
          ],
        }),
      ),
  ],
  // View submissions of A's forms
  ['Submit <A contact edit form>', () => submit(tA.contactEdit, { [ids.contactField.blocks.name]: 'Taken Over AS' })],
  [
    'Submit a new person at <A company>',
    () =>
      submit(tA.contactPerson, {
        [ids.contactField.blocks.name]: 'Spy Person',
        [ids.contactField.blocks.companyId]: a.company.id,
      }),
  ],
  ['Save anyway in <A duplicates view>', () => submit(tA.duplicates ?? tA.contactCompany)],
  [
    'Log a visit on <A person>',
    () => submit(tA.logVisitCreate, { [ids.visitField.contact]: a.person.id, [ids.visitField.date]: '2026-01-20' }),
  ],
  [
    'Submit <A visit edit form>',
    () => submit(tA.logVisitEdit, { [ids.visitField.contact]: b.person.id, [ids.visitField.description]: 'hijacked' }),
  ],
  ...setupSections.map((section): Row => [
    `Submit <A setup form> ${section}`,
    () => submit(tA.setupSections[section]!),
  ]),
  // Typeahead
  ...[ids.actions.contactPicker, ids.actions.companyPicker, ids.actions.homeContactPicked].map((actionId): Row => [
    `Typeahead ${actionId} for A names`,
    () => kontakt.slack.options(blockSuggestion({ ...asB, actionId, value: 'Alfa' })),
  ]),
  // Events
  [
    'App Home opened',
    () => kontakt.slack.event(eventCallback(appHomeOpened({ userId: B_ADMIN }), { teamId: 'T0002' })),
  ],
  // Lifecycle, last (B is uninstalled afterwards): B's tokens and data go, A's installation and jobs stay.
  ['tokens_revoked in B', () => kontakt.slack.event(eventCallback(tokensRevoked(), { teamId: 'T0002' }))],
  ['app_uninstalled in B', () => kontakt.slack.event(eventCallback(appUninstalled(), { teamId: 'T0002' }))],
];

describe('workspace B carrying workspace A’s ids', () => {
  it.each(rows)('%s: reads nothing of A and changes nothing of A', async (_name, send) => {
    const before = await fingerprint(['T0001'], ALL_COLLECTIONS);
    const response = await send();
    expect(response.status).toBeLessThan(500);
    await kontakt.idle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await kontakt.idle();
    expect(await fingerprint(['T0001'], ALL_COLLECTIONS)).toEqual(before);
    // The premise: nothing of A's data was in what B sent.
    const raw = kontakt.exchanges.at(-1)?.sent ?? '';
    const sent = raw.startsWith('{') ? raw : [...new URLSearchParams(raw).values()].join('\n');
    expect(aTraces().filter((trace) => sent.includes(trace))).toEqual([]);
    const shown = [
      response.text,
      ...kontakt.fake.calls.map((c) => JSON.stringify(c.args)),
      ...kontakt.fake.responses.map((r) => JSON.stringify(r.body)),
    ].join('\n');
    const leaked = aTraces().filter((trace) => shown.includes(trace));
    expect(
      leaked.map(
        (trace) => `${trace}: ${shown.slice(Math.max(0, shown.indexOf(trace) - 120), shown.indexOf(trace) + 60)}`,
      ),
    ).toEqual([]);
  });
});
