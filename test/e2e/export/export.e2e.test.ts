import { exportProgress } from '../../../src/listeners/commands/export.subcommand';
import { saveSetupSection } from '../../../src/services/setup/setup.service';
import { createOpportunity } from '../../../src/services/opportunities/opportunity.service';
import type { RecordedCall } from '../../harness/fake-slack-api';
import { slashCommand } from '../../harness/payloads';
import { useKontakt } from '../../support/use-kontakt';
import { parseCsv, seedBook, seedContacts, seedVisit } from '../../services/export/export-seed';

const kontakt = useKontakt();
const defaultInterval = exportProgress.minIntervalMs;

beforeEach(async () => {
  exportProgress.minIntervalMs = defaultInterval;
});

/** `/contact export` as `userId`; returns the response_url key its ephemeral replies arrive under. */
async function exportCommand(userId: string, teamId = 'T0001'): Promise<string> {
  const key = `export-${Math.random()}`;
  const response = await kontakt.slack.command(
    slashCommand({ text: 'export', userId, teamId, responseUrl: kontakt.fake.responseUrl(key) }),
  );
  expect(response.status).toBe(200);
  return key;
}

const texts = (method: string): string[] => kontakt.fake.callsTo(method).map((call) => String(call.args.text));
const dmOf = (call: RecordedCall): string => (call.answer?.body.channel as { id: string }).id;

/** The files shared by a files.completeUploadExternal call, with the bytes the app uploaded for each. */
function sharedFiles(call: RecordedCall): { filename: string; title: string; bytes: Buffer }[] {
  return (call.args.files as { id: string; title: string }[]).map((file) => {
    const uploaded = kontakt.fake.uploadedFile(file.id);
    if (!uploaded) throw new Error(`file ${file.id} was completed but never uploaded`);
    return { ...uploaded, title: file.title };
  });
}

describe('/contact export', () => {
  it('refuses a non-admin, saying who can export, and uploads nothing', async () => {
    const saved = await saveSetupSection({
      workspaceId: 'T0001',
      userId: 'U0001',
      section: 'roles',
      version: 0,
      patch: { roles: { admins: ['U0KARI'], managers: [] } },
    });
    expect(saved.status).toBe('saved');
    const key = await exportCommand('U0SALES');
    const reply = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(reply.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringMatching(/^Only Kontakt admins \(<@U0KARI>\) or a Slack workspace admin or owner can export/),
    });
    // Give a wrongly started export time to show itself.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const method of [
      'conversations.open',
      'chat.postMessage',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]) {
      expect(kontakt.fake.callsTo(method)).toEqual([]);
    }
  });

  it('sends an admin the workspace’s contacts, visits and opportunities as three CSV files in their DM, and none of another workspace', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    const [nordlys] = await seedContacts('T0001', [
      { type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen', phone: '55 12 34 56' },
    ]);
    const [kari] = await seedContacts('T0001', [
      { type: 'person', name: 'Kari Nordmann', companyId: nordlys!.id, companyName: 'Nordlys Maskin AS' },
    ]);
    await seedContacts('T0001', [{ type: 'company', name: '=HYPERLINK("http://evil.example","Click me")' }]);
    await seedVisit('T0001', kari!, { description: 'Wants 3 pumps, "soon"' });
    const [stranger] = await seedContacts('T0002', [{ type: 'company', name: 'Other Workspace AS' }], 'XX');
    await seedVisit('T0002', stranger!, { description: 'Not for your eyes' });
    const deal = (workspaceId: string, contactId: string, description: string) =>
      createOpportunity({
        workspaceId,
        userId: 'U0001',
        idempotencyKey: description,
        input: { contactId, description, estimatedValue: 120_000, closingDate: '2026-12-20' },
      });
    expect((await deal('T0001', kari!.id, '3 pumps for the new hall')).status).toBe('saved');
    expect((await deal('T0002', stranger!.id, 'Their secret deal')).status).toBe('saved');

    const key = await exportCommand('U0001');
    expect((await kontakt.fake.waitForResponse((r) => r.key === key)).body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('DM'),
    });
    const opened = await kontakt.fake.waitForCall('conversations.open');
    expect(opened.args.users).toBe('U0001');
    const dm = dmOf(opened);

    const complete = await kontakt.fake.waitForCall('files.completeUploadExternal', () => true);
    expect(complete.args).toMatchObject({
      channel_id: dm,
      initial_comment: expect.stringContaining('3 contacts, 1 visit and 1 sales opportunity.'),
    });
    const files = sharedFiles(complete);
    expect(files.map((f) => f.filename).sort()).toEqual([
      expect.stringMatching(/^kontakt-contacts-T0001-\d{4}-\d{2}-\d{2}\.csv$/),
      expect.stringMatching(/^kontakt-opportunities-T0001-\d{4}-\d{2}-\d{2}\.csv$/),
      expect.stringMatching(/^kontakt-visits-T0001-\d{4}-\d{2}-\d{2}\.csv$/),
    ]);
    const contactsFile = files.find((f) => f.filename.startsWith('kontakt-contacts'))!;
    const visitsFile = files.find((f) => f.filename.startsWith('kontakt-visits'))!;
    expect(contactsFile.title).toBe(contactsFile.filename);
    for (const call of kontakt.fake.callsTo('files.getUploadURLExternal')) {
      const file = files.find((f) => f.filename === call.args.filename)!;
      expect(Number(call.args.length)).toBe(file.bytes.length);
    }

    const contacts = parseCsv(contactsFile.bytes);
    expect(contacts.map((c) => c.Name)).toEqual([
      'Nordlys Maskin AS',
      'Kari Nordmann',
      '\'=HYPERLINK("http://evil.example","Click me")',
    ]);
    expect(contacts[1]).toMatchObject({
      Type: 'Person',
      'Company No.': nordlys!.no,
      'Company name': 'Nordlys Maskin AS',
    });
    const visits = parseCsv(visitsFile.bytes);
    expect(visits).toEqual([
      expect.objectContaining({
        'Contact No.': kari!.no,
        'Contact name': 'Kari Nordmann',
        Description: 'Wants 3 pumps, "soon"',
      }),
    ]);
    const opportunitiesFile = files.find((f) => f.filename.startsWith('kontakt-opportunities'))!;
    expect(parseCsv(opportunitiesFile.bytes)).toEqual([
      expect.objectContaining({
        'Opportunity No.': 'SM000001',
        Description: '3 pumps for the new hall',
        'Contact No.': kari!.no,
        Company: 'Nordlys Maskin AS',
        Status: 'In progress',
        'Estimated value': '120000',
        Currency: 'NOK',
        'Estimated closing date': '2026-12-20',
        'Stage description': expect.any(String),
      }),
    ]);
    const everything = [contactsFile, visitsFile, opportunitiesFile].map((f) => f.bytes.toString()).join('');
    expect(everything).not.toContain('Other Workspace');
    expect(everything).not.toContain('Not for your eyes');
    expect(everything).not.toContain('Their secret deal');

    const done = await kontakt.fake.waitForCall('chat.update', (call) => String(call.args.text).startsWith('Done'));
    expect(done.args).toMatchObject({
      channel: dm,
      text: expect.stringContaining('Done: 3 contacts, 1 visit, 1 sales opportunity.'),
    });
    const [progress] = kontakt.fake.callsTo('chat.postMessage');
    expect(progress!.args).toMatchObject({ channel: dm, text: 'Exporting… 0 of 3 contacts' });
    expect(done.args.ts).toBe(progress!.answer?.body.ts);
  });

  it('posts progress and updates it as batches complete for a book larger than one batch', async () => {
    exportProgress.minIntervalMs = 0;
    kontakt.fake.setUser('U0001', { is_admin: true });
    const book = await seedBook('T0001', 2_500);
    await seedVisit('T0001', book[0]!);
    await seedVisit('T0001', book[1]!);

    const started = Date.now();
    await exportCommand('U0001');
    const complete = await kontakt.fake.waitForCall('files.completeUploadExternal', () => true);
    await kontakt.fake.waitForCall('chat.update', (call) => String(call.args.text).startsWith('Done'));
    process.stdout.write(`Export of 2,500 contacts: ${Date.now() - started} ms from command to "Done"\n`);

    expect(texts('chat.postMessage')).toEqual(['Exporting… 0 of 2,500 contacts']);
    expect(texts('chat.update')).toEqual([
      'Exporting… 1,000 of 2,500 contacts',
      'Exporting… 2,000 of 2,500 contacts',
      'Exporting… 2,500 of 2,500 contacts',
      'Exporting… 2,500 contacts done, 2 of 2 visits',
      'Exporting… 2,500 contacts, 2 visits and 0 sales opportunities ready, uploading the files',
      'Done: 2,500 contacts, 2 visits, 0 sales opportunities. The files are in this conversation.',
    ]);
    const contactsFile = sharedFiles(complete).find((f) => f.filename.startsWith('kontakt-contacts'))!;
    const records = parseCsv(contactsFile.bytes);
    expect(records).toHaveLength(2_500);
    expect(new Set(records.map((r) => r['No.']))).toEqual(new Set(book.map((c) => c.no)));
  });

  it('keeps progress updates to one every couple of seconds by default', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    await seedBook('T0001', 2_500);
    await exportCommand('U0001');
    await kontakt.fake.waitForCall('chat.update', (call) => String(call.args.text).startsWith('Done'));
    const updates = kontakt.fake.callsTo('chat.update');
    const batchUpdates = updates.filter((call) => /^Exporting… [\d,]+ of/.test(String(call.args.text)));
    const spanMs = (updates.at(-1)?.at ?? 0) - (kontakt.fake.callsTo('chat.postMessage')[0]?.at ?? 0);
    expect(batchUpdates.length).toBeLessThanOrEqual(Math.floor(spanMs / defaultInterval) + 1);
  });

  it('tells the admin clearly when Slack refuses to share the files, in the DM and where they typed', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    const [nordlys] = await seedContacts('T0001', [{ type: 'company', name: 'Nordlys Maskin AS' }]);
    await seedVisit('T0001', nordlys!);
    kontakt.fake.failNext('files.completeUploadExternal', 'internal_error');

    const key = await exportCommand('U0001');
    const failed = await kontakt.fake.waitForCall(
      'chat.update',
      (call) => String(call.args.text).includes('stopped'),
      5_000,
    );
    expect(failed.args.text).toBe(
      'The export stopped before it finished, and no files were shared. Please run `/contact export` again in a moment.',
    );
    expect(failed.args.ts).toBe(kontakt.fake.callsTo('chat.postMessage')[0]?.answer?.body.ts);
    const reply = await kontakt.fake.waitForResponse((r) => r.key === key && String(r.body.text).includes('stopped'));
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(texts('chat.update').some((text) => text.startsWith('Done'))).toBe(false);
    expect(kontakt.logs.join('\n')).toContain('internal_error');
  });

  it('says so when the DM cannot be opened, and exports nothing', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    kontakt.fake.failNext('conversations.open', 'missing_scope');
    const key = await exportCommand('U0001');
    const reply = await kontakt.fake.waitForResponse(
      (r) => r.key === key && String(r.body.text).includes('direct message'),
    );
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(kontakt.fake.callsTo('files.getUploadURLExternal')).toEqual([]);
    expect(kontakt.fake.callsTo('chat.postMessage')).toEqual([]);
  });
});
