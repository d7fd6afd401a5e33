/**
 * Issue item 5: concurrency. 100 simultaneous contact creates get 100 distinct numbers; 50 simultaneous submits
 * of the same log-visit view store one visit; two admins saving setup at once: one wins, the other is told.
 */
import { randomBytes } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { ids } from '../../src/ids';
import { clearUserCache } from '../../src/services/people/user-directory';
import { getWorkspaceSetup, listSetupAudit } from '../../src/services/setup/setup.service';
import { viewSubmission } from '../harness/payloads';
import type { SentView } from '../support/contact-flows';
import { clearCollections } from '../support/database';
import { fillView, type Typed } from '../support/modal-state';
import { captureTemplates, freshContactMetadata, type Templates } from './support/fuzz-corpus';
import { startReliableApp, type ReliableApp } from './support/reliable-app';
import { expectNoSecrets } from './support/secrets';
import { seedWorkspace, USERS, type SeededWorkspace } from './support/seed';

let kontakt: ReliableApp;
let ws: SeededWorkspace;
let templates: Templates;

beforeAll(async () => {
  kontakt = await startReliableApp();
  kontakt.fake.setUser(USERS.admin, { is_admin: true });
  kontakt.fake.setUser('U0ADMIN2', { is_admin: true });
});
afterAll(async () => {
  expectNoSecrets(kontakt);
  await kontakt.stop();
});
beforeEach(async () => {
  await kontakt.idle();
  kontakt.fake.reset();
  kontakt.fake.setUser(USERS.admin, { is_admin: true });
  kontakt.fake.setUser('U0ADMIN2', { is_admin: true });
  clearUserCache();
  await clearCollections();
  ws = await seedWorkspace('T0001', 'Alfa');
  templates = await captureTemplates(kontakt, ws, USERS);
  kontakt.fake.reset();
  kontakt.fake.setUser(USERS.admin, { is_admin: true });
  kontakt.fake.setUser('U0ADMIN2', { is_admin: true });
});

const word = () => Array.from(randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join('');

function submit(
  view: SentView,
  typed: Record<string, Typed>,
  o: { viewId: string; userId?: string; privateMetadata?: string; rootViewId?: string },
) {
  return kontakt.slack.interactive(
    viewSubmission({
      userId: o.userId ?? USERS.sales,
      viewId: o.viewId,
      callbackId: view.callback_id,
      privateMetadata: o.privateMetadata ?? view.private_metadata,
      blocks: view.blocks,
      values: fillView(view, typed),
      rootViewId: o.rootViewId,
    }),
  );
}

it('100 simultaneous contact creates: 100 contacts, 100 distinct numbers, none skipped', async () => {
  const view = templates.contactCompany;
  const before = await mongoose.connection.db!.collection('contacts').countDocuments({ workspaceId: 'T0001' });
  const started = performance.now();
  const responses = await Promise.all(
    Array.from({ length: 100 }, (_, n) =>
      submit(
        view,
        { [ids.contactField.blocks.name]: `${word()} ${word()}` },
        {
          viewId: `VC${n}`,
          privateMetadata: JSON.stringify({
            ...(JSON.parse(view.private_metadata!) as object),
            contactId: new Types.ObjectId().toString(),
          }),
        },
      ),
    ),
  );
  const elapsed = performance.now() - started;
  expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
  expect(responses.filter((r) => r.json !== undefined).map((r) => r.text)).toEqual([]);
  expect(Math.max(...responses.map((r) => r.elapsedMs))).toBeLessThan(3_000);
  const contacts = await mongoose.connection.db!.collection('contacts').find({ workspaceId: 'T0001' }).toArray();
  expect(contacts.length - before).toBe(100);
  const nos = contacts.map((c) => c.no as string);
  expect(new Set(nos).size).toBe(nos.length);
  // The seed took CT000001–3; the hundred took exactly the next hundred.
  expect(nos.sort().at(-1)).toBe(`CT${String(before + 100).padStart(6, '0')}`);
  console.log(
    `100 simultaneous creates: all saved in ${Math.round(elapsed)} ms, slowest ack ${Math.round(Math.max(...responses.map((r) => r.elapsedMs)))} ms, numbers ${nos[before]}…${nos.at(-1)}`,
  );
});

it('50 simultaneous submits of the same log-visit view: one visit, counted once, confirmed once', async () => {
  const view = templates.logVisitCreate;
  const typed = { [ids.visitField.contact]: ws.independent.id, [ids.visitField.date]: '2026-01-20' };
  const responses = await Promise.all(Array.from({ length: 50 }, () => submit(view, typed, { viewId: 'VSAMEVISIT' })));
  expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
  expect(responses.filter((r) => r.json !== undefined).map((r) => r.text)).toEqual([]);
  await kontakt.idle();
  const db = mongoose.connection.db!;
  expect(
    await db.collection('visits').countDocuments({ workspaceId: 'T0001', idempotencyKey: 'view:VSAMEVISIT' }),
  ).toBe(1);
  const contact = await db
    .collection('contacts')
    .findOne({ workspaceId: 'T0001', _id: new Types.ObjectId(ws.independent.id) });
  expect(contact?.stats?.interactionCount).toBe(1);
  expect(
    kontakt.fake.calls.filter(
      (c) => c.method.startsWith('chat.post') && JSON.stringify(c.args).includes(ws.independent.name),
    ),
  ).toHaveLength(1);
});

it('two admins save setup at the same moment: one wins, the other is told it changed meanwhile', async () => {
  // Both opened the Language section of the same setup version and save at once.
  const section = templates.setupSections.language!;
  const [first, second] = await Promise.all([
    submit(
      section,
      { [ids.setupField.blocks.language]: 'nb' },
      { viewId: 'VSETUP1', userId: USERS.admin, rootViewId: 'VROOT1' },
    ),
    submit(
      section,
      { [ids.setupField.blocks.language]: 'nb' },
      { viewId: 'VSETUP2', userId: 'U0ADMIN2', rootViewId: 'VROOT2' },
    ),
  ]);
  const acks = [first!.json, second!.json] as (
    { response_action?: string; errors?: Record<string, string> } | undefined
  )[];
  expect(acks.filter((ack) => ack === undefined)).toHaveLength(1);
  const loser = acks.find((ack) => ack !== undefined);
  expect(loser?.response_action).toBe('errors');
  expect(JSON.stringify(loser?.errors)).toContain('changed since you opened it');
  const setup = await getWorkspaceSetup('T0001');
  expect(setup.language).toBe('nb');
  expect(
    (await listSetupAudit('T0001')).filter((entry) => entry.section === 'language' && entry.changes.length > 0),
  ).toHaveLength(1);
});

// Was a bug (fixed in createContact): the second submission of the same "New contact" form hit the duplicate _id,
// which was rethrown, and the user read "Kontakt could not reach its database just now", which was untrue.
it('the same New contact form submitted twice saves one contact and tells no lie about the database', async () => {
  const view = templates.contactCompany;
  const typed = { [ids.contactField.blocks.name]: `${word()} ${word()}` };
  const privateMetadata = freshContactMetadata(view.private_metadata);
  const first = await submit(view, typed, { viewId: 'VTWICE', privateMetadata });
  const second = await submit(view, typed, { viewId: 'VTWICE', privateMetadata });
  expect(first.json).toBeUndefined();
  expect(second.text).not.toContain('could not reach its database');
});

it('the double submit above does save exactly one contact (the part that works)', async () => {
  const view = templates.contactCompany;
  const name = `${word()} ${word()}`;
  const privateMetadata = freshContactMetadata(view.private_metadata);
  const [a, b] = await Promise.all(
    [1, 2].map(() => submit(view, { [ids.contactField.blocks.name]: name }, { viewId: 'VTWICE2', privateMetadata })),
  );
  expect([a!.status, b!.status]).toEqual([200, 200]);
  expect(await mongoose.connection.db!.collection('contacts').countDocuments({ workspaceId: 'T0001', name })).toBe(1);
});
