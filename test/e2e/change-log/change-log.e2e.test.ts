import mongoose from 'mongoose';
import { ids } from '../../../src/ids';
import { ContactChangeModel } from '../../../src/models/contact-change.model';
import { dropPersonalValues, latestContactChanges } from '../../../src/services/contacts/change-log.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { blockActions, slashCommand } from '../../harness/payloads';
import { click, field, openNewContact, submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';
import { fixture, makeAdmin, runImport, textOf, uploadFile } from '../import/import-flow';

const kontakt = useKontakt();
const db = () => mongoose.connection.db!;
jest.setTimeout(60_000);

let company: Contact;
let person: Contact;

beforeEach(async () => {
  kontakt.fake.setUser('U0KARI', { name: 'kari' });
  kontakt.fake.setUser('U0ADMIN', { is_admin: true });
  company = await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen', address: 'Kaigaten 1' });
  person = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
});

const rowsOf = async (contactId: string) =>
  (await ContactChangeModel.find({ workspaceId: 'T0001', contactId }).sort({ at: 1, _id: 1 }).lean()).map((row) => ({
    kind: row.kind,
    by: row.by,
    inherited: row.inherited ?? false,
    fields: row.fields.map((f) => ({ field: f.field, old: f.old ?? undefined, new: f.new ?? undefined })),
  }));

async function openEdit(contactId: string, userId: string): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.open').length;
  await click(kontakt, ids.actions.editContact, contactId, { userId });
  return viewOf(await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before));
}

/** `/contact <text>` as `userId`: the card Kontakt answered with. */
async function card(text: string, userId: string) {
  const key = `cmd-${Math.random()}`;
  await kontakt.slack.command(slashCommand({ text, userId, responseUrl: kontakt.fake.responseUrl(key) }));
  return (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as { blocks: unknown[] };
}

function menuOf(blocks: unknown[]): string[] {
  for (const block of blocks as {
    elements?: { action_id?: string; options?: { value: string }[]; value?: string }[];
  }[])
    for (const element of block.elements ?? [])
      if (element.action_id === ids.actions.contactMenu)
        return element.options ? element.options.map((o) => o.value) : [element.value ?? ''];
  return [];
}

/** Chooses `value` in a card's ⋯ menu (an ephemeral message) as `userId`; returns the response_url key. */
async function choose(value: string, userId: string): Promise<string> {
  const key = `menu-${Math.random()}`;
  const payload = blockActions({
    userId,
    actions: [
      {
        type: 'overflow',
        action_id: ids.actions.contactMenu,
        block_id: 'b1',
        selected_option: { value, text: { type: 'plain_text', text: 'x' } },
        action_ts: '1.2',
      } as never,
    ],
    responseUrl: kontakt.fake.responseUrl(key),
    overrides: { container: { is_ephemeral: true } as never },
  });
  expect((await kontakt.send.interactive(payload)).status).toBe(200);
  return key;
}

describe('the change log records every change to a contact', () => {
  it('a contact made in the modal has a create row with its values', async () => {
    const view = await openNewContact(kontakt, 'new company', { userId: 'U0KARI' });
    const ack = await submitView(
      kontakt,
      view,
      { [field.name]: 'Fjord Fisk AS', [field.city]: 'Tromsø' },
      { userId: 'U0KARI' },
    );
    expect(ack).toBeUndefined();
    const [created] = await ContactChangeModel.find({
      workspaceId: 'T0001',
      contactNo: { $nin: [company.no, person.no] },
    }).lean();
    expect(created).toMatchObject({ kind: 'create', by: 'U0KARI', contactName: 'Fjord Fisk AS' });
    expect(created!.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', new: 'Fjord Fisk AS' }),
        expect.objectContaining({ field: 'city', new: 'Tromsø' }),
      ]),
    );
  });

  it('an edit records only the fields that changed, old → new; the company edit flows to its person as inherited', async () => {
    const view = await openEdit(company.id, 'U0KARI');
    expect(await submitView(kontakt, view, { [field.address]: 'Strandkaien 9' }, { userId: 'U0KARI' })).toBeUndefined();
    const companyRows = await rowsOf(company.id);
    expect(companyRows.map((r) => r.kind)).toEqual(['create', 'edit']);
    expect(companyRows[1]).toEqual({
      kind: 'edit',
      by: 'U0KARI',
      inherited: false,
      fields: [{ field: 'address', old: 'Kaigaten 1', new: 'Strandkaien 9' }],
    });
    const personRows = await rowsOf(person.id);
    expect(personRows.at(-1)).toEqual({
      kind: 'edit',
      by: 'U0KARI',
      inherited: true,
      fields: [{ field: 'address', old: 'Kaigaten 1', new: 'Strandkaien 9' }],
    });
    // Saving the same form again (a double click) records nothing more.
    await submitView(kontakt, view, { [field.address]: 'Strandkaien 9' }, { userId: 'U0KARI' });
    expect(await rowsOf(company.id)).toHaveLength(2);
    // Nothing is left marked on the contacts.
    const marked = await db()
      .collection('contacts')
      .find({
        workspaceId: 'T0001',
        _id: { $in: [company.id, person.id].map((id) => new mongoose.Types.ObjectId(id)) },
      })
      .toArray();
    expect(marked).toHaveLength(2);
    expect(marked.filter((c) => c.changeMark)).toEqual([]);
  });

  it('delete and restore leave a row each, for the company and the person that went with it', async () => {
    const key = `del-${Math.random()}`;
    await kontakt.send.interactive(
      blockActions({
        userId: 'U0ADMIN',
        actions: [
          {
            type: 'button',
            action_id: ids.actions.deleteContact,
            block_id: 'b',
            value: company.id,
            action_ts: '1',
          } as never,
        ],
        responseUrl: kontakt.fake.responseUrl(key),
      }),
    );
    await kontakt.fake.waitForResponse((r) => r.key === key);
    const [deletion] = await db()
      .collection('contact_deletions')
      .find({ workspaceId: 'T0001', deletedAt: { $exists: true } })
      .sort({ deletedAt: -1 })
      .toArray();
    const restoreKey = `res-${Math.random()}`;
    await kontakt.send.interactive(
      blockActions({
        userId: 'U0ADMIN',
        actions: [
          {
            type: 'button',
            action_id: ids.actions.restoreContact,
            block_id: 'b',
            value: String(deletion!._id),
            action_ts: '1',
          } as never,
        ],
        responseUrl: kontakt.fake.responseUrl(restoreKey),
      }),
    );
    await kontakt.fake.waitForResponse((r) => r.key === restoreKey);
    expect((await rowsOf(company.id)).map((r) => [r.kind, r.by])).toEqual([
      ['create', 'U0001'],
      ['delete', 'U0ADMIN'],
      ['restore', 'U0ADMIN'],
    ]);
    expect((await rowsOf(person.id)).map((r) => r.kind)).toEqual(['create', 'delete', 'restore']);
  });

  it('an import leaves one import row per contact it created', async () => {
    await makeAdmin();
    const { result: preview } = await uploadFile(kontakt, 'Kontakter.csv', fixture('nav-kontakter-nb.csv'));
    await runImport(kontakt, preview);
    const rows = await ContactChangeModel.find({ workspaceId: 'T0001', kind: 'import' }).lean();
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.contactNo)).size).toBe(5);
    expect(rows.every((r) => r.by === 'U0ADMIN' && r.fields.some((f) => f.field === 'name' && f.new))).toBe(true);
  });
});

describe('"Changes…" on the card', () => {
  it('admins open it from Personal data… in the ⋯ menu: the changes with labels and old → new', async () => {
    const view = await openEdit(company.id, 'U0ADMIN');
    await submitView(kontakt, view, { [field.city]: 'Oslo' }, { userId: 'U0ADMIN' });
    const shown = await card(company.no, 'U0ADMIN');
    expect(menuOf(shown.blocks)).toContain(`privacy:${company.id}`);

    const opens = kontakt.fake.callsTo('views.open').length;
    await choose(`privacy:${company.id}`, 'U0ADMIN');
    const privacy = {
      ...viewOf(await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > opens)),
      id: 'V0PRIVACY',
    };
    expect(JSON.stringify(privacy.blocks)).toContain(
      `"action_id":"${ids.actions.contactChanges}","value":"${company.id}"`,
    );
    const pushes = kontakt.fake.callsTo('views.push').length;
    await click(kontakt, ids.actions.contactChanges, company.id, { view: privacy, userId: 'U0ADMIN' });
    const modal = viewOf(
      await kontakt.fake.waitForCall('views.push', () => kontakt.fake.callsTo('views.push').length > pushes),
    );
    expect(modal.callback_id).toBe(ids.views.contactChangesModal);
    const text = textOf(modal.blocks);
    expect(text).toContain('*Changes to Nordlys Maskin AS*');
    expect(text).toContain('*Edited*');
    expect(text).toContain('<@U0ADMIN>');
    expect(text).toContain('*City*: Bergen → Oslo');
    expect(text).toContain('*Created*');
    expect(text).toContain('• *Address*: Kaigaten 1');
    expect(text).toContain('• *Type*: Company');
  });

  it('a member does not get it, and a forged choice or button is refused with nothing opened', async () => {
    const shown = await card(company.no, 'U0KARI');
    expect(menuOf(shown.blocks)).not.toContain(`privacy:${company.id}`);
    expect(menuOf(shown.blocks)).not.toContain(`history:${company.id}`);
    expect(menuOf(shown.blocks)).toContain(`edit:${company.id}`);
    const key = await choose(`history:${company.id}`, 'U0KARI');
    const reply = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(String(reply.body.text)).toMatch(/Only Kontakt admins can see what was changed/);
    const clicked = await click(kontakt, ids.actions.contactChanges, company.id, { userId: 'U0KARI' });
    const refused = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === clicked.response_url);
    expect(String(refused.body.text)).toMatch(/Only Kontakt admins can see what was changed/);
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);
    expect(kontakt.fake.callsTo('views.push')).toEqual([]);
  });

  it('a contact of another workspace shows nothing: the forged id reads as gone', async () => {
    const other = await addContact({ type: 'company', name: 'Annet Firma AS' }, 'T0002');
    const key = await choose(`history:${other.id}`, 'U0ADMIN');
    const reply = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(String(reply.body.text)).not.toContain('Annet Firma');
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);
  });
});

describe('dropPersonalValues (erasure)', () => {
  it('keeps who, when, kind and field names, and leaves no value or name; running it again changes nothing', async () => {
    const view = await openEdit(person.id, 'U0KARI');
    await submitView(
      kontakt,
      view,
      { [field.email]: 'kari@nordlys.example', [field.mobile]: '+47 912 34 567' },
      { userId: 'U0KARI' },
    );
    const before = await latestContactChanges('T0001', person.id);
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(await dropPersonalValues('T0001', [person.id])).toBe(before.length);
    const after = await latestContactChanges('T0001', person.id);
    expect(after.map((c) => [c.kind, c.by, c.at.getTime(), c.fields.map((f) => f.field)])).toEqual(
      before.map((c) => [c.kind, c.by, c.at.getTime(), c.fields.map((f) => f.field)]),
    );
    const raw = JSON.stringify(await ContactChangeModel.find({ workspaceId: 'T0001', contactId: person.id }).lean());
    for (const value of ['Kari', 'Nordmann', 'kari@nordlys.example', '912 34 567']) expect(raw).not.toContain(value);
    expect(after.every((c) => c.erased && c.fields.every((f) => f.old === undefined && f.new === undefined))).toBe(
      true,
    );
    expect(await dropPersonalValues('T0001', [person.id])).toBe(0);
    // The company's rows are not touched.
    expect(JSON.stringify(await latestContactChanges('T0001', company.id))).toContain('Nordlys Maskin AS');
  });
});
