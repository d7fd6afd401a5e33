import mongoose from 'mongoose';
import { ids } from '../../../src/ids';
import { findIntegrityProblems } from '../../../src/services/integrity/integrity-check.service';
import { repairWorkspace } from '../../../src/services/integrity/integrity-repair.service';
import { createOpportunity } from '../../../src/services/opportunities/opportunity.service';
import { getWorkspaceSetup, saveSetupSection } from '../../../src/services/setup/setup.service';
import { createTask } from '../../../src/services/tasks/task.service';
import { logVisit } from '../../../src/services/visits/visit.service';
import { searchContacts } from '../../../src/services/contacts/contact-search.service';
import { latestContactChanges } from '../../../src/services/contacts/change-log.service';
import { slashCommand } from '../../harness/payloads';
import { WriteFaults } from '../../support/fault-injection';
import { click, submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

/**
 * Merging two contacts (issue 18): the field-by-field modal from `/contact duplicates`, everything that pointed at
 * the merged contact moving to the kept one, the old No. as an alias, the refusals, Undo, and a merge cut off
 * half-way being finished by the repair job.
 */
const kontakt = useKontakt();
const db = () => mongoose.connection.db!;
const faults = new WriteFaults();
beforeAll(() => faults.install());
afterEach(() => faults.count());
afterAll(() => faults.uninstall());

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  accessory?: { action_id: string; value: string };
  element?: { options?: { value: string; text: { text: string } }[]; initial_option?: { value: string } };
}

async function save(section: 'roles', patch: object) {
  const { version } = await getWorkspaceSetup('T0001');
  const result = await saveSetupSection({ workspaceId: 'T0001', userId: 'U0ADMIN', section, version, patch });
  expect(result.status).toBe('saved');
}

beforeEach(async () => {
  kontakt.fake.setUser('U0ADMIN', { name: 'anne', is_admin: true });
  kontakt.fake.setUser('U0BOSS', { name: 'boss' });
  kontakt.fake.setUser('U0KARI', { name: 'kari' });
  await save('roles', { roles: { admins: ['U0ADMIN'], managers: ['U0BOSS'] } });
});

let n = 0;
const today = () => new Date().toISOString().slice(0, 10);

async function visit(contactId: string) {
  const result = await logVisit({
    workspaceId: 'T0001',
    userId: 'U0KARI',
    idempotencyKey: `merge-visit-${(n += 1)}`,
    input: {
      contactId,
      typeCode: 'VISIT',
      date: today(),
      description: `Visit ${n}`,
      evaluation: 'positive',
      successful: true,
    },
  } as never);
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.visit;
}

async function opportunity(contactId: string) {
  const result = await createOpportunity({
    workspaceId: 'T0001',
    userId: 'U0KARI',
    idempotencyKey: `merge-opp-${(n += 1)}`,
    input: { contactId, description: '20 forklifts', estimatedValue: 100_000 } as never,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.opportunity;
}

async function task(contactId: string) {
  const result = await createTask({
    workspaceId: 'T0001',
    actorId: 'U0KARI',
    input: { title: 'Send the offer', contactId, assigneeId: 'U0KARI', dueDate: today(), priority: 'normal' } as never,
    timeZone: 'Europe/Oslo',
    idempotencyKey: `merge-task-${(n += 1)}`,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.task;
}

/** Two companies that are one: the older with an address, the newer with a phone, each with persons and history. */
async function seedCompanies() {
  const older = await addContact({
    type: 'company',
    name: 'Nordlys Maskin AS',
    address: 'Strandgaten 1',
    city: 'Bergen',
  });
  const newer = await addContact({
    type: 'company',
    name: 'Nordlys Maskin',
    city: 'Bergen',
    phone: '55 12 34 56',
    email: 'post@nordlys.no',
  });
  const kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: newer.id });
  const ola = await addContact({ type: 'person', name: 'Ola Hansen', companyId: newer.id });
  await addContact({ type: 'person', name: 'Per Berg', companyId: older.id });
  const visits = [await visit(newer.id), await visit(kari.id), await visit(older.id)];
  const opps = [await opportunity(newer.id), await opportunity(ola.id)];
  const tasks = [await task(newer.id)];
  return { older, newer, kari, ola, visits, opps, tasks };
}

async function openMerge(a: string, b: string, userId = 'U0ADMIN', teamId?: string): Promise<SentView | string> {
  const opens = kontakt.fake.callsTo('views.open').length;
  const payload = await click(kontakt, ids.merge.actions.fromList, `${a}:${b}:0`, { userId, teamId });
  const answered = () =>
    kontakt.fake.callsTo('views.open').length > opens ||
    kontakt.fake.responses.some((r) => kontakt.fake.responseUrl(r.key) === payload.response_url);
  for (let i = 0; i < 400 && !answered(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  const opened = kontakt.fake.callsTo('views.open')[opens];
  if (opened) {
    const view = viewOf(opened);
    return view.callback_id === ids.merge.modal ? { ...view, id: 'V0MERGE' } : JSON.stringify(view);
  }
  const reply = kontakt.fake.responses.find((r) => kontakt.fake.responseUrl(r.key) === payload.response_url)!;
  return (reply.body as { text: string }).text;
}

const rowId = (field: string) => `${ids.merge.blocks.fieldPrefix}${field}`;
const contact = (id: string) =>
  db()
    .collection('contacts')
    .findOne({ _id: new mongoose.Types.ObjectId(id) });
const oid = (id: string) => new mongoose.Types.ObjectId(id);

async function everything(id: string) {
  const _id = oid(id);
  const [visits, opps, tasks, persons] = await Promise.all([
    db().collection('visits').countDocuments({ workspaceId: 'T0001', subjects: _id }),
    db().collection('opportunities').countDocuments({ workspaceId: 'T0001', subjects: _id }),
    db().collection('tasks').countDocuments({ workspaceId: 'T0001', contactId: _id }),
    db().collection('contacts').countDocuments({ workspaceId: 'T0001', companyId: _id }),
  ]);
  return { visits, opps, tasks, persons };
}

async function search(text: string) {
  const outcome = await searchContacts({ workspaceId: 'T0001', userId: 'U0ADMIN', text, filters: { type: 'company' } });
  return outcome.contacts.map((c) => c.no);
}

describe('merging two companies', () => {
  it('moves persons, visits, opportunities and tasks, applies the chosen values, and the old No. finds the kept one', async () => {
    const s = await seedCompanies();
    const modal = await openMerge(s.newer.id, s.older.id);
    if (typeof modal === 'string') throw new Error(modal);
    const blocks = modal.blocks as Block[];
    // The older contact (lower No.) stays by default, and only the differing fields are rows.
    const keep = blocks.find((b) => b.block_id === ids.merge.blocks.keep)!;
    expect(keep.element!.initial_option!.value).toBe('a');
    expect(keep.element!.options!.map((o) => o.text.text)).toEqual([
      `${s.older.no} Nordlys Maskin AS`,
      `${s.newer.no} Nordlys Maskin`,
    ]);
    const rows = blocks.filter((b) => b.block_id?.startsWith(ids.merge.blocks.fieldPrefix)).map((b) => b.block_id);
    expect(rows).toEqual([rowId('name'), rowId('address'), rowId('phone'), rowId('email')]);
    // Empty on the kept side: the other's value is the default.
    const phone = blocks.find((b) => b.block_id === rowId('phone'))!;
    expect(phone.element!.initial_option!.value).toBe('b');
    expect(blocks.length).toBeLessThanOrEqual(100);

    const ack = await submitView(kontakt, modal, { [rowId('email')]: 'a' }, { userId: 'U0ADMIN' });
    expect(ack?.response_action).toBe('update');
    const card = ack!.view as unknown as { callback_id: string; blocks: Block[] };
    expect(card.callback_id).toBe(ids.views.contactCardModal);
    expect(card.blocks[0]!.text!.text).toContain(`Merged ${s.newer.no} (Nordlys Maskin) into ${s.older.no}`);
    expect(card.blocks[0]!.text!.text).toContain('2 persons, 2 visits, 2 opportunities, 1 task');
    expect(card.blocks[0]!.accessory!.action_id).toBe(ids.merge.actions.undo);

    const kept = await contact(s.older.id);
    expect(kept).toMatchObject({ name: 'Nordlys Maskin AS', address: 'Strandgaten 1', phone: '55 12 34 56' });
    expect(kept!.email).toBeUndefined();
    expect(kept!.aliasNos).toEqual([s.newer.no]);
    const merged = await contact(s.newer.id);
    expect(merged!.deletedAt).toBeInstanceOf(Date);
    expect(merged!.mergedInto.toString()).toBe(s.older.id);

    expect(await everything(s.newer.id)).toEqual({ visits: 0, opps: 0, tasks: 0, persons: 0 });
    expect(await everything(s.older.id)).toEqual({ visits: 3, opps: 2, tasks: 1, persons: 3 });
    const kari = await contact(s.kari.id);
    expect(kari).toMatchObject({ companyName: 'Nordlys Maskin AS' });
    const visits = await db()
      .collection('visits')
      .find({ workspaceId: 'T0001', subjects: oid(s.older.id), contactId: oid(s.older.id) })
      .toArray();
    expect(visits.map((v) => [v.contactNo, v.contactName])).toEqual([
      [s.older.no, 'Nordlys Maskin AS'],
      [s.older.no, 'Nordlys Maskin AS'],
    ]);
    const task = await db()
      .collection('tasks')
      .findOne({ _id: oid(s.tasks[0]!.id) });
    expect(task).toMatchObject({ contactNo: s.older.no, contactName: 'Nordlys Maskin AS' });
    expect(kept!.stats.interactionCount).toBe(2);

    // The old No. finds the kept contact: in search, and `/contact <old No.>` opens its card.
    expect(await search(s.newer.no)).toEqual([s.older.no]);
    expect(await search('nordlys')).toEqual([s.older.no]);
    const url = kontakt.fake.responseUrl();
    await kontakt.send.command(slashCommand({ text: s.newer.no, userId: 'U0ADMIN', responseUrl: url }));
    const reply = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === url);
    expect(JSON.stringify(reply.body)).toContain(`Nordlys Maskin AS (${s.older.no})`);

    const record = await db().collection('contact_merges').findOne({});
    expect(record).toMatchObject({
      status: 'done',
      keepNo: s.older.no,
      mergeNo: s.newer.no,
      mergedBy: 'U0ADMIN',
      choices: { name: 'keep', address: 'keep', phone: 'merge', email: 'keep' },
    });
    // The change log: the kept contact took the phone and the other's No.; the merged one says where it went.
    const [keptChange] = await latestContactChanges('T0001', s.older.id, 1);
    expect(keptChange).toMatchObject({ kind: 'merge', by: 'U0ADMIN' });
    expect(keptChange!.fields).toEqual(
      expect.arrayContaining([
        { field: 'phone', new: '55 12 34 56' },
        { field: 'mergedFrom', new: s.newer.no },
      ]),
    );
    const [mergedChange] = await latestContactChanges('T0001', s.newer.id, 1);
    expect(mergedChange).toMatchObject({ kind: 'merge', fields: [{ field: 'mergedInto', new: s.older.no }] });
    expect(await findIntegrityProblems('T0001')).toEqual([]);
  });

  it('Undo brings the merged contact back with its records, and the kept one its values', async () => {
    const s = await seedCompanies();
    const modal = await openMerge(s.older.id, s.newer.id);
    if (typeof modal === 'string') throw new Error(modal);
    const ack = await submitView(kontakt, modal, {}, { userId: 'U0ADMIN' });
    const card = ack!.view as unknown as SentView & { blocks: Block[] };
    const undo = card.blocks[0]!.accessory!;

    const updates = kontakt.fake.callsTo('views.update').length;
    await click(kontakt, undo.action_id, undo.value, { userId: 'U0ADMIN', view: { ...card, id: 'V0CARD' } });
    const redrawn = viewOf(
      await kontakt.fake.waitForCall('views.update', () => kontakt.fake.callsTo('views.update').length > updates),
    );
    expect((redrawn.blocks[0] as Block).text!.text).toContain(`Merge undone: ${s.newer.no} is back`);

    const kept = await contact(s.older.id);
    expect(kept!.phone).toBeUndefined();
    expect(kept!.aliasNos ?? []).toEqual([]);
    const merged = await contact(s.newer.id);
    expect(merged!.deletedAt).toBeUndefined();
    expect(await everything(s.newer.id)).toEqual({ visits: 2, opps: 2, tasks: 1, persons: 2 });
    expect(await everything(s.older.id)).toEqual({ visits: 1, opps: 0, tasks: 0, persons: 1 });
    expect(await contact(s.kari.id)).toMatchObject({ companyName: 'Nordlys Maskin' });
    expect((await search(s.newer.no))[0]).toBe(s.newer.no);
    expect(await db().collection('contact_merges').findOne({})).toMatchObject({ status: 'undone' });
    const [unmerged] = await latestContactChanges('T0001', s.older.id, 1);
    expect(unmerged!.fields).toEqual(expect.arrayContaining([{ field: 'unmergedFrom', new: s.newer.no }]));
    expect((await latestContactChanges('T0001', s.newer.id, 1))[0]).toMatchObject({ kind: 'restore' });
    expect(await findIntegrityProblems('T0001')).toEqual([]);
  });

  it('Undo is refused, saying why, once the kept contact changed since', async () => {
    const s = await seedCompanies();
    const modal = await openMerge(s.older.id, s.newer.id);
    if (typeof modal === 'string') throw new Error(modal);
    const ack = await submitView(kontakt, modal, {}, { userId: 'U0ADMIN' });
    const undo = (ack!.view as unknown as { blocks: Block[] }).blocks[0]!.accessory!;
    await db()
      .collection('contacts')
      .updateOne({ _id: oid(s.older.id) }, { $set: { city: 'Oslo' }, $inc: { __v: 1 } });
    const payload = await click(kontakt, undo.action_id, undo.value, { userId: 'U0ADMIN' });
    const reply = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === payload.response_url);
    expect((reply.body as { text: string }).text).toContain(`${s.older.no} was changed after the merge`);
    expect((await contact(s.newer.id))!.deletedAt).toBeInstanceOf(Date);
  });
});

describe('refusals change nothing', () => {
  async function unchanged(s: Awaited<ReturnType<typeof seedCompanies>>) {
    expect((await contact(s.newer.id))!.deletedAt).toBeUndefined();
    expect(await everything(s.newer.id)).toEqual({ visits: 2, opps: 2, tasks: 1, persons: 2 });
    expect(
      await db()
        .collection('contact_merges')
        .countDocuments({ workspaceId: 'T0001', status: { $in: ['running', 'done', 'undoing', 'undone'] } }),
    ).toBe(0);
  }

  it('a member who is not the salesperson of both may not open or submit the merge', async () => {
    const s = await seedCompanies();
    expect(await openMerge(s.older.id, s.newer.id, 'U0KARI')).toContain(
      'Only admins and the salesperson of both contacts can merge them',
    );
    const modal = await openMerge(s.older.id, s.newer.id, 'U0ADMIN');
    if (typeof modal === 'string') throw new Error(modal);
    const ack = await submitView(kontakt, modal, {}, { userId: 'U0BOSS' });
    expect(ack).toMatchObject({
      response_action: 'errors',
      errors: { [ids.merge.blocks.keep]: expect.stringContaining('Only admins and the salesperson') },
    });
    await unchanged(s);
  });

  it('ids of another workspace, a company with a person, and a contact with itself', async () => {
    const s = await seedCompanies();
    const foreign = await addContact({ type: 'company', name: 'Nordlys Maskin AS' }, 'T0002');
    expect(await openMerge(s.older.id, foreign.id)).toContain('no longer there');
    expect(await openMerge(s.newer.id, s.kari.id)).toContain('A company and a person cannot be merged');
    expect(await openMerge(s.older.id, s.older.id)).toContain('cannot be merged with itself');
    // A forged form: the metadata names another workspace's contact.
    const modal = await openMerge(s.older.id, s.newer.id);
    if (typeof modal === 'string') throw new Error(modal);
    const forged = { ...modal, private_metadata: modal.private_metadata!.replace(s.newer.id, foreign.id) };
    const ack = await submitView(kontakt, forged, {}, { userId: 'U0ADMIN' });
    expect(ack?.errors?.[ids.merge.blocks.keep]).toContain('no longer there');
    await unchanged(s);
    expect((await contact(foreign.id))!.deletedAt).toBeUndefined();
  });

  it('two admins merging the same pair at once: one merge, the other told why, nothing moved twice', async () => {
    const s = await seedCompanies();
    const first = await openMerge(s.older.id, s.newer.id);
    const second = await openMerge(s.older.id, s.newer.id);
    if (typeof first === 'string' || typeof second === 'string') throw new Error('no modal');
    kontakt.fake.setUser('U0ADMIN2', { name: 'bo', is_admin: true });
    const acks = await Promise.all([
      submitView(kontakt, first, {}, { userId: 'U0ADMIN' }),
      submitView(kontakt, second, {}, { userId: 'U0ADMIN2' }),
    ]);
    expect(acks.map((ack) => ack?.response_action).sort()).toEqual(['errors', 'update']);
    const refused = acks.find((ack) => ack?.response_action === 'errors')!;
    expect(refused.errors![ids.merge.blocks.keep]).toMatch(/no longer there|merging one of these|was changed/);
    expect(await db().collection('contact_merges').countDocuments({ workspaceId: 'T0001', status: 'done' })).toBe(1);
    expect(await everything(s.older.id)).toEqual({ visits: 3, opps: 2, tasks: 1, persons: 3 });
    expect(await findIntegrityProblems('T0001')).toEqual([]);
  });

  it('a contact changed after the form was opened: an inline error, nothing merged', async () => {
    const s = await seedCompanies();
    const modal = await openMerge(s.older.id, s.newer.id);
    if (typeof modal === 'string') throw new Error(modal);
    await db()
      .collection('contacts')
      .updateOne({ _id: oid(s.newer.id) }, { $set: { phone: '55 00 00 00' }, $inc: { __v: 1 } });
    const ack = await submitView(kontakt, modal, {}, { userId: 'U0ADMIN' });
    expect(ack?.errors?.[ids.merge.blocks.keep]).toContain(`${s.newer.no} was changed after this form was opened`);
    await unchanged(s);
  });
});

describe('a merge cut off half-way', () => {
  it.each([2, 3, 5, 9])(
    'is finished by the repair job when write %i fails, and a search never shows both',
    async (nth) => {
      const s = await seedCompanies();
      const modal = await openMerge(s.older.id, s.newer.id);
      if (typeof modal === 'string') throw new Error(modal);
      faults.failWrite(nth, 'before');
      await submitView(kontakt, modal, {}, { userId: 'U0ADMIN' });
      expect(faults.fired).toBe(true);
      faults.count();
      const record = await db().collection('contact_merges').findOne({});
      expect(record?.status).toBe('running');
      // Half-way, the search shows one of the two, never both: the merged one is hidden first (write 2; a failure
      // there leaves both as they were before the merge, nothing moved yet).
      expect((await search('nordlys')).length).toBe(nth === 2 ? 2 : 1);
      const report = await repairWorkspace('T0001');
      expect(report.failures).toEqual([]);
      expect(await db().collection('contact_merges').findOne({})).toMatchObject({ status: 'done' });
      expect(await everything(s.newer.id)).toEqual({ visits: 0, opps: 0, tasks: 0, persons: 0 });
      expect(await everything(s.older.id)).toEqual({ visits: 3, opps: 2, tasks: 1, persons: 3 });
      expect(await search(s.newer.no)).toEqual([s.older.no]);
      expect(await findIntegrityProblems('T0001')).toEqual([]);
    },
  );
});

describe('merging two persons', () => {
  it('from the card’s “Possible duplicate of” line: the company is a choice and the visits follow', async () => {
    const company = await addContact({ type: 'company', name: 'Fjord Pumper AS', city: 'Bergen' });
    const first = await addContact({
      type: 'person',
      name: 'Kari Nordmann',
      email: 'kari@fjord.no',
      companyId: company.id,
    });
    const second = await addContact({
      type: 'person',
      name: 'Kari Nordmann',
      email: 'kari@fjord.no',
      mobile: '912 34 567',
    });
    await visit(second.id);
    await task(second.id);

    const opens = kontakt.fake.callsTo('views.open').length;
    await click(kontakt, ids.actions.viewContact, first.id, { userId: 'U0ADMIN' });
    const card = viewOf(
      await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > opens),
    );
    const merge = (card.blocks as { elements?: { action_id: string; value: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === ids.merge.actions.fromCard)!;
    expect(merge.value).toBe(`${first.id}:${second.id}:0`);

    const pushes = kontakt.fake.callsTo('views.push').length;
    await click(kontakt, merge.action_id, merge.value, { userId: 'U0ADMIN', view: { ...card, id: 'V0CARD' } });
    const modal = {
      ...viewOf(await kontakt.fake.waitForCall('views.push', () => kontakt.fake.callsTo('views.push').length > pushes)),
      id: 'V0MERGE',
    };
    const rows = (modal.blocks as Block[]).filter((b) => b.block_id?.startsWith(ids.merge.blocks.fieldPrefix));
    expect(rows.map((b) => b.block_id)).toEqual([rowId('companyId'), rowId('city'), rowId('mobile')]);
    // The company shows by its name.
    expect(rows[0]!.element!.options!.map((o) => o.text.text)).toEqual(['Fjord Pumper AS', '_(empty)_']);

    const ack = await submitView(kontakt, modal, { [rowId('mobile')]: 'b' }, { userId: 'U0ADMIN' });
    expect(ack?.response_action).toBe('update');
    expect(await contact(first.id)).toMatchObject({ companyName: 'Fjord Pumper AS', mobile: '912 34 567' });
    expect((await contact(second.id))!.mergedInto.toString()).toBe(first.id);
    expect(await everything(second.id)).toEqual({ visits: 0, opps: 0, tasks: 0, persons: 0 });
    expect(await everything(first.id)).toMatchObject({ visits: 1, tasks: 1 });
    const moved = await db()
      .collection('visits')
      .findOne({ workspaceId: 'T0001', subjects: oid(first.id), contactId: oid(first.id) });
    expect(moved).toMatchObject({ contactNo: first.no, contactName: 'Kari Nordmann' });
    expect(await search(second.no)).toEqual([]);
    const people = await searchContacts({ workspaceId: 'T0001', userId: 'U0ADMIN', text: second.no, filters: {} });
    expect(people.contacts.map((c) => c.no)).toEqual([first.no]);
    expect(await findIntegrityProblems('T0001')).toEqual([]);
  });
});
