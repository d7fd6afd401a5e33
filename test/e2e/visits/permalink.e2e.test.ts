import { FAKE_USER_TZ } from '../../harness/fake-slack-answers';
import { ids } from '../../../src/ids';
import { VisitModel } from '../../../src/models/visit.model';
import { todayIn } from '../../../src/services/calendar';
import type { RecordedCall } from '../../harness/fake-slack-api';
import { messageShortcut, slashCommand } from '../../harness/payloads';
import { submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';
import { parseCsv } from '../../services/export/export-seed';

const kontakt = useKontakt();
const GENUINE = 'https://acme.slack.com/archives/C0001/p1764000000000100';
const FORGED = 'https://evil.example/archives/C0001/p1764000000000100';

beforeEach(async () => {
  // An admin (export needs one) from the first users.info on.
  kontakt.fake.setUser('U0001', { is_admin: true });
  await addContact({ type: 'company', name: 'Nordlys Maskin AS' });
});

/** "Log visit" on a message → the modal Kontakt opened (chat.getPermalink answers whatever the test set). */
async function logFromMessage(ts: string): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.open').length;
  const payload = messageShortcut({
    callbackId: ids.shortcuts.logVisit,
    message: { text: 'Met Nordlys Maskin AS today', ts },
    responseUrl: kontakt.fake.responseUrl(),
  });
  expect((await kontakt.slack.interactive(payload)).status).toBe(200);
  const call = await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before);
  return { ...viewOf(call), id: `V0${ts.replace('.', '')}` };
}

async function submit(view: SentView): Promise<void> {
  expect(await submitView(kontakt, view, { [ids.visitField.date]: todayIn(FAKE_USER_TZ) })).toBeUndefined();
}

/** `/contact export` as an admin → the visits CSV's rows. */
async function exportedVisits(): Promise<Record<string, string>[]> {
  await kontakt.slack.command(
    slashCommand({ text: 'export', userId: 'U0001', responseUrl: kontakt.fake.responseUrl() }),
  );
  const complete: RecordedCall = await kontakt.fake.waitForCall('files.completeUploadExternal', () => true);
  const files = (complete.args.files as { id: string }[]).map((file) => kontakt.fake.uploadedFile(file.id)!);
  const visits = files.find((file) => file.filename.startsWith('kontakt-visits'))!;
  return parseCsv(visits.bytes);
}

describe('the link to the message a visit was logged from', () => {
  it('a forged permalink is neither stored nor exported; the visit is saved without it, a genuine one is kept', async () => {
    // Genuine: chat.getPermalink's own answer.
    await submit(await logFromMessage('1764000000.000100'));
    // Forged in the form's private_metadata.
    const tampered = await logFromMessage('1764000000.000200');
    const metadata = JSON.parse(tampered.private_metadata!) as Record<string, unknown>;
    await submit({ ...tampered, private_metadata: JSON.stringify({ ...metadata, permalink: FORGED }) });
    // Forged in what the Web API answered (a compromised proxy in SLACK_API_URL): not even shown in the modal.
    kontakt.fake.respondWith('chat.getPermalink', { permalink: 'javascript:alert(1)//.slack.com/archives/C1/p1' });
    const fromProxy = await logFromMessage('1764000000.000300');
    expect(JSON.stringify(fromProxy.blocks)).not.toContain('javascript:');
    await submit(fromProxy);

    const stored = await VisitModel.find({ workspaceId: 'T0001' }).sort({ 'source.messageTs': 1 }).lean();
    expect(stored.map((visit) => visit.source?.messageTs)).toEqual([
      '1764000000.000100',
      '1764000000.000200',
      '1764000000.000300',
    ]);
    expect(stored.map((visit) => visit.source?.permalink ?? null)).toEqual([GENUINE, null, null]);
    // The visit and where it came from are still there, only the link is gone.
    expect(stored[1]).toMatchObject({ contactName: 'Nordlys Maskin AS', source: { channelId: 'C0001' } });

    // A row stored before links were checked on write (here: forged directly in the database) is not exported.
    await VisitModel.updateOne({ _id: stored[2]!._id }, { $set: { 'source.permalink': FORGED } });
    const rows = await exportedVisits();
    expect(rows.map((row) => row['Source message'])).toEqual(expect.arrayContaining([GENUINE, '', '']));
    expect(JSON.stringify(rows)).not.toContain('evil.example');
    expect(JSON.stringify(rows)).not.toContain('javascript:');
  });
});
