import mongoose, { Types } from 'mongoose';
import { ids } from '../../../src/ids';
import { ContactDraftModel } from '../../../src/models/contact-draft.model';
import { ContactModel } from '../../../src/models/contact.model';
import { DuplicateCandidateModel } from '../../../src/models/duplicate-candidate.model';
import { DuplicatePairModel } from '../../../src/models/duplicate-pair.model';
import { ImportModel, ImportRowModel } from '../../../src/models/import.model';
import { OpportunityModel } from '../../../src/models/opportunity.model';
import { PrivacyErasureModel } from '../../../src/models/privacy-erasure.model';
import { RegisterCheckModel } from '../../../src/models/register-check.model';
import { TaskModel } from '../../../src/models/task.model';
import { VisitModel } from '../../../src/models/visit.model';
import { deleteContact } from '../../../src/services/contacts/contact-deletion.service';
import { suggestContacts } from '../../../src/services/contacts/contact-search.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { erasePerson, resumeUnfinishedErasures } from '../../../src/services/privacy/erasure.service';
import { mergeContacts, undoMerge } from '../../../src/services/contacts/merge/merge.service';
import { scrubbers } from '../../../src/services/privacy/erasure-scrubbers';
import type { RecordedCall } from '../../harness/fake-slack-api';
import { blockActions, slashCommand, viewOutput } from '../../harness/payloads';
import { erasureForeground } from '../../../src/listeners/shared/privacy';
import { recountTasks } from '../../../src/services/tasks/task-counts';
import { actor } from '../../support/actors';
import { viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';
import { parseCsv } from '../../services/export/export-seed';

const kontakt = useKontakt();
const ADMIN = 'U0ADMIN';
const SALES = 'U0SALES';

let nordlys: Contact;
let kari: Contact;
let ola: Contact;
let stranger: Contact;
const PERMALINK = 'https://acme.slack.com/archives/C0001/p1700000000000100';
const NOTE = 'Kari says the hydraulic pump leaks again';

let sequence = 0;
const key = () => `k-${(sequence += 1)}`;

async function visit(contact: Contact, fields: Record<string, unknown> = {}): Promise<Types.ObjectId> {
  const doc = await VisitModel.create({
    workspaceId: contact.workspaceId ?? 'T0001',
    contactId: new Types.ObjectId(contact.id),
    contactNo: contact.no,
    contactName: contact.name,
    companyId: contact.companyId ? new Types.ObjectId(contact.companyId) : null,
    companyName: contact.companyName,
    subjects: [contact.id, ...(contact.companyId ? [contact.companyId] : [])].map((id) => new Types.ObjectId(id)),
    salespersonId: SALES,
    typeCode: 'VISIT',
    typeDescription: 'Visit',
    date: '2026-11-24',
    description: 'Routine visit',
    durationMin: 60,
    idempotencyKey: key(),
    ...fields,
  });
  return doc._id;
}

async function deal(contact: Contact, status: 'won' | 'in_progress', description: string): Promise<void> {
  await OpportunityModel.create({
    workspaceId: 'T0001',
    no: `SM${String((sequence += 1)).padStart(6, '0')}`,
    description,
    contactId: new Types.ObjectId(contact.id),
    contactNo: contact.no,
    contactName: contact.name,
    companyId: contact.companyId ? new Types.ObjectId(contact.companyId) : null,
    companyName: contact.companyName,
    subjects: [contact.id, ...(contact.companyId ? [contact.companyId] : [])].map((id) => new Types.ObjectId(id)),
    salespersonId: SALES,
    cycleCode: 'FIRST',
    status,
    createdBy: SALES,
    idempotencyKey: key(),
  });
}

beforeEach(async () => {
  kontakt.fake.setUser(ADMIN, { is_admin: true });
  kontakt.fake.setUser(SALES, { name: 'sales' });
  nordlys = await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen', phone: '55 12 34 56' });
  kari = await addContact({
    type: 'person',
    name: 'Kari Nordmann',
    companyId: nordlys.id,
    email: 'kari.nordmann@nordlys.example',
    mobile: '+47 912 34 567',
    searchName: 'KARI N',
  });
  ola = await addContact({ type: 'person', name: 'Ola Hansen', companyId: nordlys.id, email: 'ola@nordlys.example' });
  stranger = await addContact({ type: 'person', name: 'Stranger Strand', email: 's@other.example' }, 'T0002');
});

/** `/contact <text>` as `userId`; returns Kontakt's ephemeral answer. */
async function command(text: string, userId = ADMIN, teamId = 'T0001') {
  const k = `cmd-${Math.random()}`;
  await kontakt.slack.command(slashCommand({ text, userId, teamId, responseUrl: kontakt.fake.responseUrl(k) }));
  return (await kontakt.fake.waitForResponse((r) => r.key === k)).body as unknown as Reply;
}

interface Reply {
  text: string;
  replace_original?: boolean;
  blocks?: { type: string; text?: { text: string }; elements?: { action_id: string; value: string }[] }[];
}

/** Clicks a button in an ephemeral message (or in `view`) as `userId`; returns the response_url key. */
async function press(actionId: string, value: string, options: { userId?: string; view?: SentView } = {}) {
  const k = `act-${Math.random()}`;
  const view = options.view
    ? viewOutput({
        viewId: 'VPRIV01',
        callbackId: options.view.callback_id,
        privateMetadata: options.view.private_metadata,
        blocks: options.view.blocks,
      })
    : undefined;
  const response = await kontakt.send.interactive(
    blockActions({
      userId: options.userId ?? ADMIN,
      actions: [
        {
          type: 'button',
          action_id: actionId,
          block_id: 'b1',
          value,
          text: { type: 'plain_text', text: 'x' },
        } as never,
      ],
      responseUrl: kontakt.fake.responseUrl(k),
      view,
      overrides: view ? undefined : { container: { type: 'message', is_ephemeral: true } as never },
    }),
  );
  expect(response.status).toBe(200);
  return k;
}

const answerTo = async (k: string) => (await kontakt.fake.waitForResponse((r) => r.key === k)).body as unknown as Reply;
const textOf = (reply: Reply) => `${reply.text}\n${JSON.stringify(reply.blocks ?? [])}`;

/** The files shared by a files.completeUploadExternal call, with the bytes the app uploaded for each. */
function sharedFiles(call: RecordedCall): { filename: string; bytes: Buffer }[] {
  return (call.args.files as { id: string }[]).map((file) => {
    const uploaded = kontakt.fake.uploadedFile(file.id);
    if (!uploaded) throw new Error(`file ${file.id} was completed but never uploaded`);
    return uploaded;
  });
}

/** Every document of every collection, as text (ObjectIds as hex), to scan for a value. */
async function everyDocument(): Promise<{ collection: string; text: string }[]> {
  const db = mongoose.connection.db!;
  const out: { collection: string; text: string }[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    for (const doc of await db.collection(name).find({}).toArray()) {
      // The erasure's own log keeps which No. was erased (and nothing else of the person): that field is the one
      // value allowed to stay.
      const kept = name === 'privacy_erasures' ? { ...doc, no: undefined } : doc;
      out.push({ collection: name, text: JSON.stringify(kept) });
    }
  }
  return out;
}

async function seedEverything(): Promise<void> {
  await visit(kari, {
    description: NOTE,
    source: { channelId: 'C0001', messageTs: '1700000000.000100', permalink: PERMALINK },
  });
  await visit(kari, { status: 'cancelled', description: 'Kari cancelled: sick', cancelledBy: SALES });
  await visit(nordlys, { description: 'Company visit, not about Kari' });
  await visit(ola, { description: 'Met Ola' });
  await deal(kari, 'won', 'Pumps for the Bergen plant');
  await TaskModel.create({
    workspaceId: 'T0001',
    title: 'Call Kari Nordmann back',
    contactId: new Types.ObjectId(kari.id),
    contactNo: kari.no,
    contactName: kari.name,
    assigneeId: SALES,
    createdBy: SALES,
    dueDate: '2026-12-10',
    note: 'Ring +47 912 34 567',
    idempotencyKey: key(),
  });
  const [a, b] = [kari.id, ola.id].sort();
  await DuplicateCandidateModel.create({
    workspaceId: 'T0001',
    a,
    b,
    kind: 'person',
    score: 80,
    reasons: ['nameAtCompany'],
  });
  await DuplicatePairModel.create({ workspaceId: 'T0001', a, b, markedBy: SALES });
  await ContactDraftModel.create({
    workspaceId: 'T0001',
    userId: SALES,
    contactId: new Types.ObjectId(kari.id),
    mode: 'edit',
    input: { name: 'Kari Nordmann', email: 'kari.nordmann@nordlys.example' },
  });
  const imp = await ImportModel.create({
    workspaceId: 'T0001',
    userId: ADMIN,
    fileName: 'contacts.csv',
    state: 'done',
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  await ImportRowModel.create({
    workspaceId: 'T0001',
    importId: imp._id,
    rowNo: 2,
    cells: ['Kari Nordmann', 'kari.nordmann@nordlys.example', '+47 912 34 567'],
    kind: 'person',
    outcome: 'created',
    contactId: new Types.ObjectId(kari.id),
    expiresAt: new Date(Date.now() + 86_400_000),
  });
}

describe('/contact privacy export', () => {
  it('sends an admin everything Kontakt holds about one person as JSON and CSV in their DM, with where each came from', async () => {
    await seedEverything();
    await visit(stranger, { workspaceId: 'T0002', description: 'Not for your eyes' });

    const reply = await command(`privacy export ${kari.no}`);
    expect(reply.text).toContain(`Collecting everything Kontakt holds about *Kari Nordmann* (${kari.no})`);
    const opened = await kontakt.fake.waitForCall('conversations.open');
    expect(opened.args.users).toBe(ADMIN);
    const complete = await kontakt.fake.waitForCall('files.completeUploadExternal', () => true);
    const files = sharedFiles(complete);
    expect(files.map((f) => f.filename).sort()).toEqual([
      expect.stringMatching(new RegExp(`^kontakt-person-${kari.no}-\\d{4}-\\d{2}-\\d{2}\\.csv$`)),
      expect.stringMatching(new RegExp(`^kontakt-person-${kari.no}-\\d{4}-\\d{2}-\\d{2}\\.json$`)),
    ]);
    expect(String(complete.args.initial_comment)).toContain('Everything Kontakt holds about Kari Nordmann');

    const json = JSON.parse(files.find((f) => f.filename.endsWith('.json'))!.bytes.toString()) as Record<
      string,
      { id: string; source: string; fields: Record<string, unknown> }[]
    >;
    expect(json.contacts!.map((c) => c.fields.name)).toEqual(['Kari Nordmann']);
    expect(json.contacts![0]!.fields).toMatchObject({ email: 'kari.nordmann@nordlys.example', searchName: 'KARI N' });
    // Made by the import: that is where it came from.
    expect(json.contacts![0]!.source).toEqual(expect.stringContaining('Imported from the file contacts.csv, row 2'));
    expect(json.visits!.map((v) => [v.fields.description, v.fields.status]).sort()).toEqual([
      ['Kari cancelled: sick', 'cancelled'],
      [NOTE, 'logged'],
    ]);
    expect(json.visits!.find((v) => v.fields.description === NOTE)!.source).toBe(
      `Logged from a Slack message: ${PERMALINK}`,
    );
    // Her history of changes: the creation, with who and when.
    expect(json.changes!.map((c) => c.fields.kind)).toContain('create');
    expect(json.changes![0]!.source).toEqual(expect.stringContaining('Recorded in the change log'));
    expect(json.opportunities!.map((o) => o.fields.description)).toEqual(['Pumps for the Bergen plant']);
    expect(json.tasks!.map((t) => t.fields.title)).toEqual(['Call Kari Nordmann back']);
    expect(json.duplicateCandidates).toHaveLength(1);
    expect(json.notDuplicates![0]!.source).toBe(`Marked as not duplicates by ${SALES}`);
    expect(json.importRows).toHaveLength(1);
    expect(json.drafts).toHaveLength(1);

    const rows = parseCsv(files.find((f) => f.filename.endsWith('.csv'))!.bytes);
    expect(Object.keys(rows[0]!)).toEqual(['Record', 'Id', 'Field', 'Value', 'Source']);
    expect(rows).toContainEqual(
      expect.objectContaining({ Record: 'Contact', Field: 'email', Value: 'kari.nordmann@nordlys.example' }),
    );
    expect(rows).toContainEqual(expect.objectContaining({ Record: 'Visit', Field: 'description', Value: NOTE }));
    expect(rows).toContainEqual(expect.objectContaining({ Record: 'Visit', Field: 'status', Value: 'cancelled' }));
    const everything = files.map((f) => f.bytes.toString()).join('');
    expect(everything).not.toContain('Ola Hansen');
    expect(everything).not.toContain('Not for your eyes');
    expect(everything).not.toContain('Company visit, not about Kari');

    const done = await kontakt.fake.waitForCall('chat.update', (call) => String(call.args.text).startsWith('Done'));
    expect(done.args.text).toBe(`Done: the personal data of ${kari.no} is in this conversation, as JSON and CSV.`);
  });

  it('refuses a non-admin and sends nothing; bad input gets the usage', async () => {
    expect((await command(`privacy export ${kari.no}`, SALES)).text).toContain('Only Kontakt admins');
    expect((await command('personvern')).text).toContain('Use `/contact privacy export <contact>`');
    expect((await command('privacy shred Kari')).text).toContain('Use `/contact privacy export <contact>`');
    expect((await command('privacy export')).text).toContain('Use `/contact privacy export <contact>`');
    expect((await command('privacy export Zyxwvut Qqq')).text).toContain('No contact matches “Zyxwvut Qqq”');
    expect(kontakt.fake.callsTo('files.completeUploadExternal')).toEqual([]);
  });
});

describe('/contact privacy erase', () => {
  it('erases a duplicate merged into the person too (kept hidden for the undo), and the merge record forgets both', async () => {
    const privat = await addContact({
      type: 'person',
      name: 'Kari Nordmann',
      companyId: nordlys.id,
      email: 'kari.privat@example.org',
      mobile: '+47 934 56 789',
    });
    await visit(privat, { description: 'Met Kari at the fair' });
    const merged = await mergeContacts({
      workspaceId: 'T0001',
      actor: actor(ADMIN, { admin: true }),
      keepId: kari.id,
      mergeId: privat.id,
      fields: {},
      expectedVersions: { keep: 0, merge: 0 },
    });
    expect(merged.status).toBe('merged');
    if (merged.status !== 'merged') return;

    await command(`privacy erase ${kari.no}`);
    const done = await answerTo(await press(ids.privacy.actions.erase, kari.id));
    expect(done.text).toContain(`Erased ${kari.no}.`);

    for (const value of [
      'Kari Nordmann',
      'kari.nordmann@nordlys.example',
      'kari.privat@example.org',
      '+47 934 56 789',
      '+4793456789',
      kari.no,
      privat.no,
      'Met Kari at the fair',
    ]) {
      const holding = (await everyDocument()).filter((doc) => doc.text.includes(value)).map((doc) => doc.collection);
      expect({ value, holding }).toEqual({ value, holding: [] });
    }
    // The merge is still on record (who merged, when), with nothing left to restore.
    expect(await ContactModel.countDocuments({ workspaceId: 'T0001', _id: { $in: [kari.id, privat.id] } })).toBe(0);
    const undo = await undoMerge({
      workspaceId: 'T0001',
      actor: actor(ADMIN, { admin: true }),
      mergeRecordId: merged.merge.id,
    });
    expect(undo.status).toBe('expired');
  });

  it('asks first (what is removed, what is kept), then erases every copy of the person; aggregates stay as “erased person”', async () => {
    await seedEverything();
    // Her open task is in the kept open-task counts (as the task service keeps them).
    await recountTasks('T0001');
    const counts = () =>
      mongoose.connection.db!.collection('task_counts').findOne({ workspaceId: 'T0001', assigneeId: SALES });
    expect(await counts()).toMatchObject({ open: 1 });
    const question = await command(`privacy erase ${kari.no}`);
    const said = textOf(question);
    expect(said).toContain(`Erase Kari Nordmann (${kari.no})?`);
    expect(said).toContain('The notes and Slack message links of 2 visits where it was the contact');
    expect(said).toContain('2 visits: type, date, salesperson, company and figures');
    expect(said).toContain('1 closed opportunity');
    expect(said).toContain('1 task, without title or note');
    const buttons = question.blocks!.flatMap((b) => b.elements ?? []);
    expect(buttons.map((e) => [e.action_id, e.value])).toEqual([
      [ids.privacy.actions.erase, kari.id],
      [ids.privacy.actions.cancel, kari.id],
    ]);
    // Nothing happens before the answer.
    expect(await ContactModel.countDocuments({ _id: kari.id, deletedAt: null })).toBe(1);

    const done = await answerTo(await press(ids.privacy.actions.erase, kari.id));
    expect(done.replace_original).toBe(true);
    expect(done.text).toContain(`Erased ${kari.no}.`);
    expect(done.text).toContain('shown as “erased person”');

    // The "Done when": no collection holds her name, e-mail, phone, No. or the note of a visit she was the contact of.
    for (const value of [
      'Kari Nordmann',
      'KARI N',
      'kari.nordmann@nordlys.example',
      '+47 912 34 567',
      '+4791234567',
      '91234567',
      kari.no,
      NOTE,
      'Kari cancelled: sick',
      PERMALINK,
    ]) {
      const holding = (await everyDocument()).filter((doc) => doc.text.includes(value)).map((doc) => doc.collection);
      expect({ value, holding }).toEqual({ value, holding: [] });
    }
    // The aggregate stays: a visit of type X on date D by salesperson S for company C.
    const kept = await VisitModel.find({ workspaceId: 'T0001', contactName: 'erased person' }).lean();
    expect(kept).toHaveLength(2);
    expect(kept[0]).toMatchObject({
      typeCode: 'VISIT',
      date: '2026-11-24',
      salespersonId: SALES,
      companyName: 'Nordlys Maskin AS',
      companyId: new Types.ObjectId(nordlys.id),
      description: '',
      contactId: null,
    });
    expect(kept[0]!.source).toBeUndefined();
    // Others are untouched: the company, its other person, their visits.
    expect(await ContactModel.countDocuments({ _id: { $in: [nordlys.id, ola.id] }, deletedAt: null })).toBe(2);
    expect(await VisitModel.countDocuments({ workspaceId: 'T0001', description: 'Met Ola' })).toBe(1);
    expect(await OpportunityModel.findOne({}).lean()).toMatchObject({ contactName: 'erased person', status: 'won' });
    expect(await TaskModel.findOne({}).lean()).toMatchObject({ status: 'cancelled', note: '' });
    // The cancelled task left the kept open-task counts too.
    expect(await counts()).toMatchObject({ open: 0 });
    // The erasure is logged: who, when, which No. — and nothing else of her.
    const log = await PrivacyErasureModel.find({}).lean();
    expect(log).toEqual([
      expect.objectContaining({
        no: kari.no,
        requestedBy: ADMIN,
        status: 'done',
        type: 'person',
        finishedAt: expect.any(Date),
      }),
    ]);
  });

  it('erases a company with its persons (and says so first); their visits stay at “erased company”', async () => {
    await visit(kari, { description: NOTE });
    await visit(nordlys, { description: 'About the Bergen plant' });
    await RegisterCheckModel.create({
      workspaceId: 'T0001',
      contactId: new Types.ObjectId(nordlys.id),
      orgNo: '923609016',
      status: 'active',
      checkedAt: new Date(),
    });
    const question = textOf(await command(`privacy erase ${nordlys.no}`));
    expect(question).toContain('Its 2 persons, with all their data');
    const done = await answerTo(await press(ids.privacy.actions.erase, nordlys.id));
    expect(done.text).toContain(`Erased ${nordlys.no} and its 2 persons.`);
    expect(await ContactModel.countDocuments({ workspaceId: 'T0001' })).toBe(0);
    const visits = await VisitModel.find({ workspaceId: 'T0001' }).sort({ contactName: 1 }).lean();
    expect(visits.map((v) => [v.contactName, v.companyName, v.description])).toEqual([
      ['erased company', undefined, ''],
      ['erased person', 'erased company', ''],
    ]);
    for (const value of ['Nordlys Maskin AS', 'Kari Nordmann', 'Ola Hansen', '55 12 34 56', NOTE, '923609016'])
      expect((await everyDocument()).filter((d) => d.text.includes(value)).map((d) => d.collection)).toEqual([]);
    // Another workspace's person is untouched.
    expect(await ContactModel.countDocuments({ workspaceId: 'T0002' })).toBe(1);
  });

  it('refuses, changing nothing: a contact of another workspace, open opportunities (named), a non-admin', async () => {
    await visit(kari, { description: NOTE });
    const before = JSON.stringify(await everyDocument());

    // Another workspace's contact id in the button value.
    const foreign = await answerTo(await press(ids.privacy.actions.erase, stranger.id));
    expect(foreign.text).toContain('not in this workspace’s Kontakt');
    // A non-admin, by command and by the button.
    expect((await command(`privacy erase ${kari.no}`, SALES)).text).toContain('Only Kontakt admins');
    const notAdmin = await answerTo(await press(ids.privacy.actions.erase, kari.id, { userId: SALES }));
    expect(notAdmin.text).toContain('Only Kontakt admins');
    expect(JSON.stringify(await everyDocument())).toBe(before);

    await deal(ola, 'in_progress', 'Service contract 2027');
    const withDeals = JSON.stringify(await everyDocument());
    const refused = await command(`privacy erase ${nordlys.no}`);
    expect(refused.text).toMatch(/has an open opportunity, so it cannot be erased/);
    expect(refused.text).toMatch(/• SM\d{6} Service contract 2027/);
    const clicked = await answerTo(await press(ids.privacy.actions.erase, ola.id));
    expect(clicked.text).toContain('Service contract 2027');
    expect(JSON.stringify(await everyDocument())).toBe(withDeals);
    expect(await PrivacyErasureModel.countDocuments({})).toBe(0);
  });

  it('an erasure longer than its foreground time goes on in the background and reports to the admin’s DM', async () => {
    const foreground = erasureForeground.ms;
    erasureForeground.ms = 0;
    try {
      await visit(kari, { description: NOTE });
      const answered = await answerTo(await press(ids.privacy.actions.erase, kari.id));
      expect(answered).toMatchObject({ replace_original: true });
      expect(answered.text).toContain(`Erasing ${kari.no} takes a while: it is already hidden from every search`);
      const dm = await kontakt.fake.waitForCall('conversations.open');
      expect(dm.args.users).toBe(ADMIN);
      const last = await kontakt.fake.waitForCall('chat.update', (call) => String(call.args.text).includes('Erased'));
      expect(String(last.args.text)).toContain(`Erased ${kari.no}.`);
      expect(await ContactModel.countDocuments({ _id: kari.id })).toBe(0);
    } finally {
      erasureForeground.ms = foreground;
    }
  });

  it('Cancel erases nothing', async () => {
    const cancelled = await answerTo(await press(ids.privacy.actions.cancel, kari.id));
    expect(cancelled).toMatchObject({ replace_original: true, text: 'Nothing was erased.' });
    expect(await ContactModel.countDocuments({ _id: kari.id, deletedAt: null })).toBe(1);
  });

  it('an erasure cut off by a crash hides the person at once and is finished by the start-up path', async () => {
    await seedEverything();
    // A deleted (restorable) contact is still held: it can be erased too.
    await deleteContact({ workspaceId: 'T0001', actor: actor(ADMIN, { admin: true }), contactId: kari.id });
    const crashAt = scrubbers.findIndex((s) => s.name === 'duplicates');
    const real = scrubbers[crashAt]!;
    scrubbers[crashAt] = {
      name: real.name,
      scrub: () => Promise.reject(new Error('the process died here')),
    };
    try {
      await expect(erasePerson('T0001', kari.id, actor(ADMIN, { admin: true }))).rejects.toThrow('died here');
    } finally {
      scrubbers[crashAt] = real;
    }
    const record = await PrivacyErasureModel.findOne({}).lean();
    expect(record).toMatchObject({
      status: 'running',
      no: kari.no,
      done: ['visits', 'opportunities', 'tasks', 'contact_deletions'],
    });
    // The intent holds ids, never her values.
    expect(JSON.stringify(record)).not.toMatch(/Kari|nordlys\.example|912/);
    // Half-erased, she is in no search.
    expect((await suggestContacts('T0001', ADMIN, 'Kari Nordmann')).map((c) => c.name)).toEqual([]);
    expect((await command('privacy erase Kari Nordmann')).text).toContain('No contact matches');

    expect(await resumeUnfinishedErasures()).toBe(1);
    expect(await PrivacyErasureModel.findOne({}).lean()).toMatchObject({ status: 'done' });
    for (const value of ['Kari Nordmann', 'kari.nordmann@nordlys.example', kari.no, NOTE])
      expect((await everyDocument()).filter((d) => d.text.includes(value)).map((d) => d.collection)).toEqual([]);
    expect(await resumeUnfinishedErasures()).toBe(0);
  });
});

describe('the card’s Personal data… (admins)', () => {
  async function cardOf(contact: Contact, userId: string) {
    return command(contact.no, userId);
  }
  const menuOf = (reply: Reply): string[] =>
    (reply.blocks ?? [])
      .flatMap(
        (b) => (b.elements ?? []) as unknown as { action_id: string; options?: { value: string }[]; value?: string }[],
      )
      .filter((e) => e.action_id === ids.actions.contactMenu)
      .flatMap((e) => (e.options ? e.options.map((o) => o.value) : [e.value!]))
      .map((v) => v.split(':')[0]!);

  it('is in an admin’s ⋯ menu (never more than 5 entries), opens Export / Erase, and Erase asks in the modal', async () => {
    expect(menuOf(await cardOf(nordlys, ADMIN))).toEqual(['edit', 'share', 'privacy', 'merge', 'delete']);
    expect(menuOf(await cardOf(nordlys, SALES))).not.toContain('privacy');
    await visit(kari, { description: NOTE });

    const opened = kontakt.fake.callsTo('views.open').length;
    const k = `menu-${Math.random()}`;
    await kontakt.send.interactive(
      blockActions({
        userId: ADMIN,
        actions: [
          {
            type: 'overflow',
            action_id: ids.actions.contactMenu,
            block_id: 'b1',
            selected_option: { value: `privacy:${kari.id}`, text: { type: 'plain_text', text: 'x' } },
            action_ts: '1.2',
          } as never,
        ],
        responseUrl: kontakt.fake.responseUrl(k),
        overrides: { container: { type: 'message', is_ephemeral: true } as never },
      }),
    );
    const modal = viewOf(
      await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > opened),
    );
    expect(modal.callback_id).toBe(ids.privacy.views.modal);
    const actions = JSON.stringify(modal.blocks);
    expect(actions).toContain(ids.privacy.actions.export);
    expect(actions).toContain(ids.privacy.actions.askErase);

    const updates = kontakt.fake.callsTo('views.update').length;
    await press(ids.privacy.actions.askErase, kari.id, { view: modal });
    const asked = viewOf(
      await kontakt.fake.waitForCall('views.update', () => kontakt.fake.callsTo('views.update').length > updates),
    );
    expect(JSON.stringify(asked.blocks)).toContain(
      'The notes and Slack message links of 1 visit where it was the contact',
    );

    const again = kontakt.fake.callsTo('views.update').length;
    await press(ids.privacy.actions.erase, kari.id, { view: asked });
    const result = viewOf(
      await kontakt.fake.waitForCall('views.update', () => kontakt.fake.callsTo('views.update').length > again),
    );
    expect(JSON.stringify(result.blocks)).toContain(`Erased ${kari.no}.`);
    expect(await ContactModel.countDocuments({ _id: kari.id })).toBe(0);
  });

  it('a non-admin choosing it (a forged menu value) is refused', async () => {
    const k = await press(ids.actions.contactMenu, `privacy:${kari.id}`, { userId: SALES });
    expect((await answerTo(k)).text).toContain('Only Kontakt admins');
  });
});

describe('/contact privacy purge', () => {
  it('asks with the count, then removes the cancelled visits of every contact and reports how many', async () => {
    const cancelled = await visit(kari, { status: 'cancelled', description: 'cancelled one' });
    await visit(nordlys, { status: 'cancelled', description: 'cancelled two' });
    await visit(ola, { description: 'logged' });
    await visit(stranger, { workspaceId: 'T0002', status: 'cancelled' });
    await TaskModel.create({
      workspaceId: 'T0001',
      title: 'Follow up',
      contactId: new Types.ObjectId(kari.id),
      contactNo: kari.no,
      contactName: kari.name,
      visitId: cancelled,
      assigneeId: SALES,
      createdBy: SALES,
      dueDate: '2026-12-10',
      idempotencyKey: key(),
    });
    expect((await command('privacy purge', SALES)).text).toContain('Only Kontakt admins');
    const question = await command('personvern purge');
    expect(question.text).toContain('Remove all 2 cancelled visits of every contact for good?');
    const done = await answerTo(await press(ids.privacy.actions.purge, 'purge'));
    expect(done.text).toBe('Purged 2 cancelled visits.');
    expect((await VisitModel.find({ workspaceId: 'T0001' }).lean()).map((v) => v.description)).toEqual(['logged']);
    expect(await VisitModel.countDocuments({ workspaceId: 'T0002' })).toBe(1);
    expect(await TaskModel.findOne({}).lean()).toMatchObject({ visitId: null });
    expect((await command('privacy purge')).text).toBe('There are no cancelled visits to purge.');
  });
});
