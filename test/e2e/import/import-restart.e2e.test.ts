import { ContactChangeModel } from '../../../src/models/contact-change.model';
import { ContactModel } from '../../../src/models/contact.model';
import { ImportModel, ImportRowModel } from '../../../src/models/import.model';
import { IMPORT_BATCH } from '../../../src/services/import/import.service';
import { submitView } from '../../support/contact-flows';
import { WriteFaults, type FaultMode } from '../../support/fault-injection';
import { startTestApp, type TestApp } from '../../support/test-app';
import { makeAdmin, textOf, uploadFile } from './import-flow';

jest.setTimeout(180_000);

/**
 * An import survives a restart: the first instance is cut off after its first batches (a crash mid-batch, before
 * or after the contacts were written, or a graceful stop), a second instance on the same database and the same
 * Slack resumes it, and every row ends up imported exactly once.
 */

const COMPANIES = 300;
/**
 * Companies and persons interleaved, a person right after its company: 2 company batches, then 2 person batches.
 * The number comes first in names and addresses, so no company is a duplicate of another under the duplicate rules.
 */
function csv(): Buffer {
  const lines = ['No.,Type,Name,Company No.,Address,City,E-Mail'];
  for (let i = 1; i <= COMPANIES; i++) {
    const no = `C${String(i).padStart(5, '0')}`;
    lines.push(`${no},Company,${i} Bergen Handel AS,${no},${i} Storgata,Bergen,post@firma${i}.no`);
    lines.push(`P${String(i).padStart(5, '0')},Person,Person ${i},${no},,,p${i}@firma${i}.no`);
  }
  return Buffer.from(lines.join('\r\n'), 'utf8');
}
const ROWS = 2 * COMPANIES;

let first: TestApp | undefined;
let second: TestApp | undefined;
let faults: WriteFaults | undefined;

afterEach(async () => {
  faults?.uninstall();
  faults = undefined;
  // The second instance owns the database by then: its stop drops it. The first was stopped by the test, or is
  // stopped here if the test failed before (its fake Slack served both instances).
  await second?.stop();
  await first?.running.stop();
  await first?.fake.close();
  first = second = undefined;
});

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, app: TestApp): Promise<T> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: still ${JSON.stringify(value)}\nLogs:\n${app.logs.slice(-10).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Uploads the file and presses Import on the preview; returns the import's id. */
async function startImport(app: TestApp): Promise<string> {
  await makeAdmin();
  const { result: preview } = await uploadFile(app, 'Kontakter.csv', csv());
  expect(textOf(preview.blocks)).toContain(`${ROWS} contacts read`);
  const ack = await submitView(app, preview, {});
  expect(ack).toMatchObject({ response_action: 'update' });
  const doc = await ImportModel.findOne({ workspaceId: 'T0001' }).lean();
  return doc!._id.toString();
}

const insertsOfContacts = { model: 'Contact', method: 'insertMany' } as const;

/** A second Kontakt on the first one's database and fake Slack, as a restarted process would be. */
async function restart(app: TestApp): Promise<TestApp> {
  await app.running.stop();
  return startTestApp({ MONGODB_URI: app.config.mongodb.uri!, SLACK_API_URL: app.fake.url });
}

/** Contacts written after each batch: companies first (250, 50), then persons (250, 50). */
const WRITTEN_AFTER_BATCH = [0, IMPORT_BATCH, COMPANIES, COMPANIES + IMPORT_BATCH, ROWS];

/**
 * The restarted instance finished the import: every row once, persons under their companies, and one DM message
 * followed throughout (`slack`: the fake Slack both instances talked to).
 */
async function expectImportedOnce(slack: TestApp['fake'], importId: string): Promise<void> {
  const summary = await slack.waitForCall(
    'chat.update',
    (c) => String(c.args.text).startsWith('Imported *Kontakter.csv*'),
    90_000,
  );
  expect(summary.args.text).toBe(`Imported *Kontakter.csv*: ${ROWS} created, 0 updated, 0 skipped, 0 failed.`);
  // One progress message, posted by the first instance and turned into the summary by the second.
  expect(slack.callsTo('conversations.open')).toHaveLength(1);
  const posted = slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('Kontakter.csv'));
  expect(posted).toHaveLength(1);
  expect(posted[0]!.answer!.body.ts).toBe(summary.args.ts);

  const contacts = await ContactModel.find({ workspaceId: 'T0001' }).lean();
  expect(contacts).toHaveLength(ROWS);
  expect(new Set(contacts.map((c) => c.no)).size).toBe(ROWS);
  expect(new Set(contacts.map((c) => c.email)).size).toBe(ROWS);
  const byNo = new Map(contacts.map((c) => [c.no, c]));
  for (let i = 1; i <= COMPANIES; i++) {
    const company = byNo.get(`C${String(i).padStart(5, '0')}`);
    const person = byNo.get(`P${String(i).padStart(5, '0')}`);
    expect(company).toMatchObject({ type: 'company', name: `${i} Bergen Handel AS` });
    expect(person).toMatchObject({ type: 'person', companyId: company!._id, companyName: `${i} Bergen Handel AS` });
  }
  const rows = await ImportRowModel.find({ workspaceId: 'T0001' }, { outcome: 1, contactId: 1 }).lean();
  expect(rows).toHaveLength(ROWS);
  expect(rows.every((r) => r.outcome === 'created')).toBe(true);
  expect(new Set(rows.map((r) => String(r.contactId))).size).toBe(ROWS);
  // One change-log row per contact, also for those the cut-off attempt wrote.
  const changes = await ContactChangeModel.find({ workspaceId: 'T0001', kind: 'import' }).lean();
  expect(changes).toHaveLength(ROWS);
  expect(new Set(changes.map((c) => String(c.contactId)))).toEqual(new Set(contacts.map((c) => String(c._id))));
  expect(changes.every((c) => c.fields.some((f) => f.field === 'name' && f.new))).toBe(true);
  const doc = await ImportModel.findOne({ workspaceId: 'T0001' }).lean();
  expect(doc).toMatchObject({
    state: 'done',
    counts: { created: ROWS, updated: 0, skipped: 0, failed: 0 },
    progress: { done: ROWS, total: ROWS },
  });
  expect(doc!._id.toString()).toBe(importId);
}

describe('/contact import resumes after a restart', () => {
  it.each<[FaultMode, number]>([
    // The process dies as the third batch (the first of persons) is written: nothing of it is stored.
    ['before', 3],
    // The contacts of the third batch are stored, then the process dies before its rows say so.
    ['after', 3],
  ])('the instance dies %s writing batch %i: a new one finishes without importing a row twice', async (mode, n) => {
    expect(IMPORT_BATCH).toBe(250); // the batches the counts below assume
    first = await startTestApp();
    faults = new WriteFaults().install();
    faults.failWrite(n, mode, insertsOfContacts);
    const importId = await startImport(first);
    await until(
      'the job failing',
      async () => first!.logs.some((l) => l.includes('Job contact-import failed')),
      Boolean,
      first,
    );
    faults.uninstall();
    // Cut off half-way: what the batches before the fault (and, 'after', the faulted one) wrote is there.
    const written = WRITTEN_AFTER_BATCH[mode === 'after' ? n : n - 1];
    expect(await ContactModel.countDocuments({ workspaceId: 'T0001' })).toBe(written);
    expect(await ImportModel.findOne({ workspaceId: 'T0001' }).lean()).toMatchObject({ state: 'running' });

    second = await restart(first);
    await expectImportedOnce(first.fake, importId);
  });

  it('a job that failed on the database runs again by itself and finishes, without importing a row twice', async () => {
    first = await startTestApp();
    faults = new WriteFaults().install();
    faults.failWrite(3, 'after', insertsOfContacts);
    const importId = await startImport(first);
    await until(
      'the job failing',
      async () => first!.logs.some((l) => l.includes('Job contact-import failed')),
      Boolean,
      first,
    );
    faults.uninstall();
    // No restart: the same instance picks the import up again after its backoff (10 s for a first failure).
    await expectImportedOnce(first.fake, importId);
  });

  it('a graceful stop ends the job after the batch in hand; the next instance resumes from there', async () => {
    first = await startTestApp();
    const app = first;
    faults = new WriteFaults().install();
    // Told to stop while the second batch is in hand (as on SIGTERM): that batch is still finished.
    faults.beforeWrite(2, insertsOfContacts, () => void app.running.scheduler.stop());
    const importId = await startImport(app);
    const cutOff = await until(
      'the second batch finishing',
      () => ImportModel.findOne({ workspaceId: 'T0001' }).lean(),
      (doc) => (doc?.counts?.created ?? 0) >= WRITTEN_AFTER_BATCH[2]!,
      app,
    );
    faults.uninstall();
    // Give a job that wrongly went on past the stop the time to show it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await ContactModel.countDocuments({ workspaceId: 'T0001' })).toBe(WRITTEN_AFTER_BATCH[2]);
    expect(cutOff).toMatchObject({ state: 'running', counts: { created: WRITTEN_AFTER_BATCH[2] } });

    second = await restart(app);
    await expectImportedOnce(app.fake, importId);
  });
});
