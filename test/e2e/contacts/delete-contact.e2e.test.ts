import mongoose from 'mongoose';
import { ids } from '../../../src/ids';
import { runIntegrityRound } from '../../../src/jobs/integrity.job';
import { getContact } from '../../../src/services/contacts/contact.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { logVisit } from '../../../src/services/visits/visit.service';
import { blockSuggestion, slashCommand } from '../../harness/payloads';
import { click, field, submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();
const db = () => mongoose.connection.db!;
let company: Contact;
let person: Contact;

beforeEach(async () => {
  kontakt.fake.setUser('U0KARI', { name: 'kari' });
  kontakt.fake.setUser('U0ADMIN', { is_admin: true });
  company = await addContact({
    type: 'company',
    name: 'Nordlys Maskin AS',
    city: 'Bergen',
    salespersonId: 'U0KARI',
  });
  person = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
});

async function openEdit(contactId: string, userId: string): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.open').length;
  await click(kontakt, ids.actions.editContact, contactId, { userId });
  return viewOf(await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before));
}

interface Reply {
  text: string;
  replace_original?: boolean;
  blocks?: { type: string; elements?: { action_id: string; value: string }[] }[];
}

/** Clicks a button in a message as `userId`; returns what Kontakt answered through the response_url. */
async function clickFor(actionId: string, value: string, userId: string): Promise<Reply> {
  const payload = await click(kontakt, actionId, value, { userId });
  const reply = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === payload.response_url);
  return reply.body as unknown as Reply;
}

const clickDelete = (contactId: string, userId: string) => clickFor(ids.actions.deleteContact, contactId, userId);

const visitOn = (contactId: string, key: string) =>
  logVisit({
    workspaceId: 'T0001',
    userId: 'U0KARI',
    idempotencyKey: key,
    input: {
      contactId,
      typeCode: 'VISIT',
      date: '2026-11-24',
      description: '',
      evaluation: 'neutral',
      successful: true,
    },
  });

async function command(text: string, userId: string) {
  const url = kontakt.fake.responseUrl();
  await kontakt.slack.command(slashCommand({ text, userId, responseUrl: url }));
  const reply = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === url);
  return reply.body as { text: string; blocks: { type: string; accessory?: { action_id: string; value: string } }[] };
}

describe('who may change the salesperson, and so who may delete', () => {
  it('a member who makes themself the salesperson is refused, and then cannot delete', async () => {
    const view = await openEdit(company.id, 'U0OTHER');
    const ack = await submitView(kontakt, view, { [field.salespersonId]: 'U0OTHER' }, { userId: 'U0OTHER' });
    expect(ack).toEqual({
      response_action: 'errors',
      errors: {
        [field.salespersonId]: expect.stringContaining('Only kari (the contact’s salesperson) or a Kontakt admin'),
      },
    });
    expect((await getContact('T0001', company.id))?.salespersonId).toBe('U0KARI');

    const reply = await clickDelete(company.id, 'U0OTHER');
    expect(reply.text).toContain('Only Kontakt admins and the contact’s salesperson (<@U0KARI>) can delete it');
    expect(await getContact('T0001', company.id)).toBeDefined();
    expect(await db().collection('contact_deletions').countDocuments({})).toBe(0);
  });

  it('a member edits everything else; the salesperson and an admin hand the contact on', async () => {
    const byMember = await openEdit(company.id, 'U0OTHER');
    expect(await submitView(kontakt, byMember, { [field.city]: 'Voss' }, { userId: 'U0OTHER' })).toBeUndefined();
    expect(await getContact('T0001', company.id)).toMatchObject({ city: 'Voss', salespersonId: 'U0KARI' });

    const byOwner = await openEdit(company.id, 'U0KARI');
    expect(
      await submitView(kontakt, byOwner, { [field.salespersonId]: 'U0PER' }, { userId: 'U0KARI' }),
    ).toBeUndefined();
    const byAdmin = await openEdit(company.id, 'U0ADMIN');
    expect(
      await submitView(kontakt, byAdmin, { [field.salespersonId]: 'U0OTHER' }, { userId: 'U0ADMIN' }),
    ).toBeUndefined();
    expect((await getContact('T0001', company.id))?.salespersonId).toBe('U0OTHER');
  });

  it('only an admin gives a contact without salesperson one', async () => {
    const unowned = await addContact({ type: 'person', name: 'Ola Fri' });
    const view = await openEdit(unowned.id, 'U0OTHER');
    const ack = await submitView(kontakt, view, { [field.salespersonId]: 'U0OTHER' }, { userId: 'U0OTHER' });
    expect(ack?.errors?.[field.salespersonId]).toContain('only a Kontakt admin can give it one');
  });

  it('moving a person to the member’s own company does not hand it to them as inherited salesperson', async () => {
    // Kari Nordmann follows her company's salesperson (U0KARI); the member's company would give her U0OTHER.
    const theirs = await addContact({ type: 'company', name: 'Fjord Pumper AS', salespersonId: 'U0OTHER' });
    const view = await openEdit(person.id, 'U0OTHER');
    expect(await submitView(kontakt, view, { [field.companyId]: theirs.id }, { userId: 'U0OTHER' })).toBeUndefined();
    expect(await getContact('T0001', person.id)).toMatchObject({ companyId: theirs.id, salespersonId: 'U0KARI' });
    expect((await clickDelete(person.id, 'U0OTHER')).text).toContain('can delete it');

    // The salesperson moving her does hand her on, as inheritance says.
    const back = await openEdit(person.id, 'U0KARI');
    expect(await submitView(kontakt, back, { [field.companyId]: company.id }, { userId: 'U0KARI' })).toBeUndefined();
    const again = await openEdit(person.id, 'U0KARI');
    expect(await submitView(kontakt, again, { [field.companyId]: theirs.id }, { userId: 'U0KARI' })).toBeUndefined();
    expect((await getContact('T0001', person.id))?.salespersonId).toBe('U0OTHER');
  });
});

describe('Delete', () => {
  it('the salesperson deletes a company and its person: gone for users, kept and recorded for admins', async () => {
    await visitOn(person.id, 'k1');
    const reply = await clickDelete(company.id, 'U0KARI');
    expect(reply.text).toBe('Deleted Nordlys Maskin AS (CT000001) and its person. Logged visits are kept.');
    // The salesperson is no admin: no Undo (restoring is for admins), but told who can.
    expect(JSON.stringify(reply.blocks)).toContain('/contact deleted');
    expect(JSON.stringify(reply.blocks)).not.toContain(ids.actions.undoDelete);

    expect(await db().collection('contact_deletions').findOne({})).toMatchObject({
      workspaceId: 'T0001',
      contactNo: 'CT000001',
      contactName: 'Nordlys Maskin AS',
      personIds: [expect.anything()],
      deletedBy: 'U0KARI',
      deletedAt: expect.any(Date),
      status: 'deleted',
    });
    expect(await db().collection('contacts').countDocuments({ workspaceId: 'T0001', deletedBy: 'U0KARI' })).toBe(2);
    expect(await db().collection('visits').findOne({})).toMatchObject({ contactId: expect.anything() });

    // Search, typeahead and the card no longer find it.
    const search = await command('nordlys', 'U0KARI');
    expect(search.text).toContain('neither a command nor a match');
    const options = await kontakt.slack.options(
      blockSuggestion({ actionId: ids.actions.contactPicker, value: 'nordlys' }),
    );
    expect(options.json).toEqual({ options: [] });
    expect((await clickFor(ids.actions.viewContact, person.id, 'U0KARI')).text).toContain('no longer exists');
  });

  it('an admin gets Undo, which brings the company and its person back', async () => {
    const reply = await clickDelete(company.id, 'U0ADMIN');
    const undo = reply.blocks?.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ids.actions.undoDelete);
    expect(undo).toBeDefined();
    expect(await clickFor(ids.actions.undoDelete, undo!.value, 'U0ADMIN')).toMatchObject({
      replace_original: true,
      text: 'Restored Nordlys Maskin AS (CT000001) and its person.',
    });
    expect(await getContact('T0001', company.id)).toBeDefined();
    expect(await getContact('T0001', person.id)).toMatchObject({ companyName: 'Nordlys Maskin AS' });
    expect(await db().collection('contact_deletions').findOne({})).toMatchObject({
      status: 'restored',
      restoredBy: 'U0ADMIN',
    });
  });

  it('a forged Undo from someone who is not an admin restores nothing', async () => {
    const reply = await clickDelete(company.id, 'U0KARI');
    const deletion = await db().collection('contact_deletions').findOne({});
    expect(reply.text).toContain('Deleted');
    expect(await clickFor(ids.actions.undoDelete, String(deletion!._id), 'U0KARI')).toMatchObject({
      text: expect.stringContaining('Only Kontakt admins can restore'),
    });
    expect(await getContact('T0001', company.id)).toBeUndefined();
  });
});

describe('/contact deleted', () => {
  it('is refused for members, with who can', async () => {
    const reply = await command('deleted', 'U0KARI');
    expect(reply.text).toContain('Only Kontakt admins can restore deleted contacts');
  });

  it('lists recent deletions for admins, and Restore brings one back', async () => {
    await clickDelete(person.id, 'U0KARI');
    await clickDelete(company.id, 'U0KARI');
    const list = await command('deleted', 'U0ADMIN');
    const restores = list.blocks.filter((b) => b.accessory?.action_id === ids.actions.restoreContact);
    expect(restores).toHaveLength(2);
    expect(JSON.stringify(list.blocks)).toContain('company');

    const deletionOf = async (no: string) =>
      String((await db().collection('contact_deletions').findOne({ workspaceId: 'T0001', contactNo: no }))!._id);
    expect(restores.map((b) => b.accessory!.value).sort()).toEqual(
      [await deletionOf(company.no), await deletionOf(person.no)].sort(),
    );

    // The person went on its own before its company: it cannot come back while the company is deleted.
    const refused = await clickFor(ids.actions.restoreContact, await deletionOf(person.no), 'U0ADMIN');
    expect(refused.text).toContain('Restore the company first');
    expect(await getContact('T0001', person.id)).toBeUndefined();

    const redrawn = await clickFor(ids.actions.restoreContact, await deletionOf(company.no), 'U0ADMIN');
    expect(redrawn).toMatchObject({ replace_original: true, text: 'Restored Nordlys Maskin AS (CT000001).' });
    expect(JSON.stringify(redrawn.blocks)).toContain(ids.actions.restoreContact);
    expect(await getContact('T0001', company.id)).toBeDefined();
    expect(await getContact('T0001', person.id)).toBeUndefined();
  });
});

describe('after 30 days', () => {
  it('the round is scheduled hourly, once for all instances, first an hour after the first start', async () => {
    const jobs = await db().collection('agendaJobs').find({ name: 'integrity-round' }).toArray();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ repeatInterval: '1 hour', nextRunAt: expect.any(Date) });
    expect((jobs[0]!.nextRunAt as Date).getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
  });

  it('the scheduled round purges deleted contacts for good, clearing visit links first', async () => {
    await visitOn(person.id, 'k2');
    await clickDelete(company.id, 'U0KARI');
    const logger = { info: () => undefined, warn: () => undefined };
    await runIntegrityRound(logger, new Date(Date.now() + 29 * 86_400_000));
    expect(await db().collection('contacts').countDocuments({})).toBe(2);

    const round = await runIntegrityRound(logger, new Date(Date.now() + 31 * 86_400_000));
    expect(round.purged).toBe(1);
    expect(await db().collection('contacts').countDocuments({})).toBe(0);
    expect(await db().collection('visits').findOne({})).toMatchObject({
      contactId: null,
      companyId: null,
      contactName: 'Kari Nordmann',
      companyName: 'Nordlys Maskin AS',
    });
    expect(await db().collection('contact_deletions').findOne({})).toMatchObject({ status: 'purged' });
    const list = await command('deleted', 'U0ADMIN');
    expect(list.text).toBe('No contacts were deleted in the last 30 days.');
  });
});
