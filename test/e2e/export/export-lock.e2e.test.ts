import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExportLockModel } from '../../../src/models/export-lock.model';
import { exportDirectory } from '../../../src/services/export/export-directory';
import { exportLockTiming } from '../../../src/services/export/export-lock.service';
import type { RecordedCall } from '../../harness/fake-slack-api';
import { slashCommand } from '../../harness/payloads';
import { useKontakt } from '../../support/use-kontakt';
import { parseCsv, seedBook, seedContacts, seedVisit } from '../../services/export/export-seed';

/**
 * The export's files on disk and its one-per-workspace lock: where the rows go while the export runs, that they
 * are gone afterwards whatever happened, that a second export waits for the first, and that a crashed export's
 * lock does not block forever.
 */
const kontakt = useKontakt();
const defaultTiming = { ...exportLockTiming };
let tempRoot: string;

beforeEach(async () => {
  tempRoot = await mkdtemp(path.join(tmpdir(), 'kontakt-export-e2e-'));
  exportDirectory.tempRoot = tempRoot;
  Object.assign(exportLockTiming, defaultTiming);
  kontakt.fake.setUser('U0001', { is_admin: true });
  kontakt.fake.setUser('U0002', { is_admin: true });
});

afterEach(async () => {
  exportDirectory.tempRoot = undefined;
  Object.assign(exportLockTiming, defaultTiming);
  await rm(tempRoot, { recursive: true, force: true });
});

/** `/contact export` as `userId`; returns the response_url key its ephemeral replies arrive under. */
async function exportCommand(userId: string): Promise<string> {
  const key = `export-${userId}-${Math.random()}`;
  const response = await kontakt.slack.command(
    slashCommand({ text: 'export', userId, teamId: 'T0001', responseUrl: kontakt.fake.responseUrl(key) }),
  );
  expect(response.status).toBe(200);
  return key;
}

const isDone = (call: RecordedCall) => String(call.args.text).startsWith('Done');
const waitForDone = (nth = 1) =>
  kontakt.fake.waitForCall(
    'chat.update',
    () => kontakt.fake.callsTo('chat.update').filter(isDone).length >= nth,
    15_000,
  );

/** Holds every files.completeUploadExternal call until `open()`: an export caught in the middle of its upload. */
function holdCompletion(): { open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  kontakt.fake.respondWith('files.completeUploadExternal', async () => {
    await gate;
    return { ok: true, files: [] };
  });
  return { open };
}

async function seedSmallBook(): Promise<void> {
  const [nordlys] = await seedContacts('T0001', [{ type: 'company', name: 'Nordlys Maskin AS' }]);
  await seedVisit('T0001', nordlys!);
}

describe('/contact export: files on disk', () => {
  it('writes the rows to files in a private temporary directory, uploads exactly those bytes, and removes the directory after', async () => {
    await seedBook('T0001', 40);
    const held = holdCompletion();
    await exportCommand('U0001');
    const completion = await kontakt.fake.waitForCall('files.completeUploadExternal', () => true);

    // Mid-upload: one directory of the export's own, readable by this user only, holding both files.
    const [dirName, ...others] = await readdir(tempRoot);
    expect(others).toEqual([]);
    expect(dirName).toMatch(/^kontakt-export-/);
    const dir = path.join(tempRoot, dirName!);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const onDisk = (await readdir(dir)).sort();
    expect(onDisk).toEqual([
      expect.stringMatching(/^kontakt-contacts-T0001-\d{4}-\d{2}-\d{2}\.csv$/),
      expect.stringMatching(/^kontakt-opportunities-T0001-\d{4}-\d{2}-\d{2}\.csv$/),
      expect.stringMatching(/^kontakt-visits-T0001-\d{4}-\d{2}-\d{2}\.csv$/),
    ]);
    for (const file of completion.args.files as { id: string }[]) {
      const uploaded = kontakt.fake.uploadedFile(file.id)!;
      expect(await readFile(path.join(dir, uploaded.filename))).toEqual(uploaded.bytes);
    }
    const contactsUpload = (completion.args.files as { id: string }[])
      .map((file) => kontakt.fake.uploadedFile(file.id)!)
      .find((file) => file.filename.startsWith('kontakt-contacts'))!;
    expect(parseCsv(contactsUpload.bytes)).toHaveLength(40);
    expect(contactsUpload.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    held.open();
    await waitForDone();
    expect(await readdir(tempRoot)).toEqual([]);
  });

  it('releases the lock and removes the files when the upload fails, so the next export runs', async () => {
    await seedSmallBook();
    kontakt.fake.failNext('upload', 'internal_error');
    const key = await exportCommand('U0001');
    const reply = await kontakt.fake.waitForResponse(
      (r) => r.key === key && String(r.body.text).includes('stopped'),
      15_000,
    );
    expect(reply.body.text).toBe(
      'The export stopped before it finished, and no files were shared. Please run `/contact export` again in a moment.',
    );
    // The files were written (an upload URL was asked for with their size), and they are gone.
    expect(kontakt.fake.callsTo('files.getUploadURLExternal').length).toBeGreaterThan(0);
    expect(Number(kontakt.fake.callsTo('files.getUploadURLExternal')[0]!.args.length)).toBeGreaterThan(0);
    expect(kontakt.fake.callsTo('files.completeUploadExternal')).toEqual([]);
    expect(await readdir(tempRoot)).toEqual([]);
    expect(kontakt.logs.join('\n')).toContain('HTTP 500');

    // "Run it again in a moment" holds: the retry is not told an export is running.
    const retry = await exportCommand('U0001');
    await waitForDone();
    expect(kontakt.fake.responses.filter((r) => r.key === retry).map((r) => String(r.body.text))).not.toContainEqual(
      expect.stringContaining('already running'),
    );
    expect(await readdir(tempRoot)).toEqual([]);
  });
});

describe('/contact export: one at a time per workspace', () => {
  it('refuses a second export while one runs, saying who started it and where the files go, and starts nothing', async () => {
    await seedSmallBook();
    const held = holdCompletion();
    await exportCommand('U0001');
    await kontakt.fake.waitForCall('files.completeUploadExternal', () => true);

    const second = await exportCommand('U0002');
    const refusal = await kontakt.fake.waitForResponse((r) => r.key === second);
    expect(refusal.body).toMatchObject({ response_type: 'ephemeral' });
    expect(refusal.body.text).toMatch(
      /^An export is already running \(started by <@U0001> at <!date\^\d+\^\{time\}\|\d\d:\d\d UTC>\); the files will be in their DM with Kontakt when it’s done\. Try `\/contact export` again after that\.$/,
    );
    // The one who started it hears it the same way, in their own words.
    const again = await exportCommand('U0001');
    expect((await kontakt.fake.waitForResponse((r) => r.key === again)).body.text).toMatch(
      /^An export is already running \(started by you at <!date\^\d+\^\{time\}\|\d\d:\d\d UTC>\); you’ll find the files in your DM/,
    );
    // Nothing of a second export: one DM opened, one progress message, one upload of two files.
    expect(kontakt.fake.callsTo('conversations.open').map((call) => call.args.users)).toEqual(['U0001']);
    expect(kontakt.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(kontakt.fake.callsTo('files.getUploadURLExternal')).toHaveLength(3);

    held.open();
    await waitForDone();
    // Done means free: the next export runs.
    kontakt.fake.respondWith('files.completeUploadExternal', { ok: true, files: [] });
    await exportCommand('U0002');
    await waitForDone(2);
    expect(kontakt.fake.callsTo('conversations.open').map((call) => call.args.users)).toEqual(['U0001', 'U0002']);
  });

  it('keeps the lock while a long export runs: renewed before it would expire', async () => {
    exportLockTiming.leaseMs = 2_500;
    exportLockTiming.renewEveryMs = 100;
    await seedSmallBook();
    const held = holdCompletion();
    await exportCommand('U0001');
    await kontakt.fake.waitForCall('files.completeUploadExternal', () => true);
    // Well past the lease the export took; without renewal the lock would be free by now.
    await new Promise((resolve) => setTimeout(resolve, 2 * exportLockTiming.leaseMs));
    const second = await exportCommand('U0002');
    expect(String((await kontakt.fake.waitForResponse((r) => r.key === second)).body.text)).toMatch(
      /^An export is already running \(started by <@U0001>/,
    );
    held.open();
    await waitForDone();
  });

  it('honours a lock another app instance holds', async () => {
    await seedSmallBook();
    const startedAt = new Date(Date.now() - 60_000);
    await ExportLockModel.create({
      workspaceId: 'T0001',
      holder: 'another-instance',
      userId: 'U0009',
      startedAt,
      expiresAt: new Date(Date.now() + 60_000),
    });
    const key = await exportCommand('U0001');
    const refusal = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(refusal.body.text).toContain(`started by <@U0009> at <!date^${Math.floor(startedAt.getTime() / 1000)}^`);
    expect(kontakt.fake.callsTo('conversations.open')).toEqual([]);
    // Another workspace exports meanwhile: the lock is per workspace.
    kontakt.fake.setUser('U0001', { is_admin: true });
    const other = await kontakt.slack.command(
      slashCommand({ text: 'export', userId: 'U0001', teamId: 'T0002', responseUrl: kontakt.fake.responseUrl('t2') }),
    );
    expect(other.status).toBe(200);
    await waitForDone();
  });

  it('does not let a crashed export block the workspace: its lock expires', async () => {
    await seedSmallBook();
    // What an export that died (process killed, out of memory) leaves: a lock nobody renews, past its lease.
    await ExportLockModel.create({
      workspaceId: 'T0001',
      holder: 'crashed-export',
      userId: 'U0009',
      startedAt: new Date(Date.now() - exportLockTiming.leaseMs - 60_000),
      expiresAt: new Date(Date.now() - 60_000),
    });
    const key = await exportCommand('U0001');
    const done = await waitForDone();
    expect(done.args.text).toContain('Done: 1 contact, 1 visit, 0 sales opportunities.');
    expect(kontakt.fake.responses.filter((r) => r.key === key).map((r) => String(r.body.text))).not.toContainEqual(
      expect.stringContaining('already running'),
    );
    // Taken over and released: nothing is left behind.
    expect(await ExportLockModel.countDocuments({ workspaceId: 'T0001' })).toBe(0);
  });
});
