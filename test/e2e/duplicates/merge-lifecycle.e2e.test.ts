import mongoose from 'mongoose';
import { ids } from '../../../src/ids';
import { runIntegrityRound } from '../../../src/jobs/integrity.job';
import { findIntegrityProblems } from '../../../src/services/integrity/integrity-check.service';
import { slashCommand } from '../../harness/payloads';
import { markNotDuplicates } from '../../../src/services/contacts/duplicate-candidates.service';
import { mergeContacts } from '../../../src/services/contacts/merge/merge.service';
import { getWorkspaceSetup, saveSetupSection } from '../../../src/services/setup/setup.service';
import { click } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

/**
 * What happens to a merge afterwards (issue 18): Undo takes back the "not a duplicate" marks the merge copied onto
 * the kept contact (and only those); past the 30 days of undo the hourly round removes the merged contact for
 * good, the alias No. and the merge record stay, and Undo says why it can no longer be done.
 */
const kontakt = useKontakt();
const db = () => mongoose.connection.db!;
const admin = { userId: 'U0ADMIN', isAdmin: async () => true, nameOf: async () => 'anne' };

beforeEach(async () => {
  kontakt.fake.setUser('U0ADMIN', { name: 'anne', is_admin: true });
  const { version } = await getWorkspaceSetup('T0001');
  const saved = await saveSetupSection({
    workspaceId: 'T0001',
    userId: 'U0ADMIN',
    section: 'roles',
    version,
    patch: { roles: { admins: ['U0ADMIN'], managers: [] } },
  });
  expect(saved.status).toBe('saved');
});

async function merge(keepId: string, mergeId: string, now?: Date) {
  const result = await mergeContacts({
    workspaceId: 'T0001',
    actor: admin,
    keepId,
    mergeId,
    fields: {},
    expectedVersions: { keep: 0, merge: 0 },
    now,
  });
  if (result.status !== 'merged') throw new Error(JSON.stringify(result));
  return result.merge;
}

/** The "not a duplicate" pairs, as `No.–No.` sorted. */
async function pairs(): Promise<string[]> {
  const contacts = await db().collection('contacts').find({ workspaceId: 'T0001' }).toArray();
  const noOf = (id: unknown) => contacts.find((c) => c._id.equals(id as mongoose.Types.ObjectId))!.no as string;
  const found = await db().collection('separate_contacts').find({ workspaceId: 'T0001' }).toArray();
  return found.map((p) => [noOf(p.a), noOf(p.b)].sort().join('–')).sort();
}

/** Clicks Undo (a DM's button) as the admin; returns the text answered. */
async function undo(mergeRecordId: string): Promise<string> {
  const payload = await click(kontakt, ids.merge.actions.undo, mergeRecordId, { userId: 'U0ADMIN' });
  const reply = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === payload.response_url);
  return (reply.body as { text: string }).text;
}

describe('Undo of a merge and the “not a duplicate” marks', () => {
  it('removes the marks the merge copied onto the kept contact, keeps its own, and brings the merged one’s back', async () => {
    const kept = await addContact({ type: 'company', name: 'Nordlys Maskin AS' });
    const gone = await addContact({ type: 'company', name: 'Nordlys Maskin' });
    const bygg = await addContact({ type: 'company', name: 'Nordlys Bygg AS' });
    const fisk = await addContact({ type: 'company', name: 'Nordlys Fisk AS' });
    for (const [a, b] of [
      [gone, bygg], // copied onto the kept one by the merge
      [gone, fisk], // the kept one has it already
      [kept, fisk],
    ])
      expect((await markNotDuplicates('T0001', 'U0KARI', a!.id, b!.id)).status).toBe('marked');
    const before = await pairs();
    expect(before).toEqual(
      [`${gone.no}–${bygg.no}`, `${gone.no}–${fisk.no}`, `${kept.no}–${fisk.no}`]
        .map((p) => p.split('–').sort().join('–'))
        .sort(),
    );

    const merged = await merge(kept.id, gone.id);
    expect(await pairs()).toEqual(
      [`${kept.no}–${bygg.no}`, `${kept.no}–${fisk.no}`].map((p) => p.split('–').sort().join('–')).sort(),
    );
    const record = await db().collection('contact_merges').findOne({});
    expect(record!.copiedPairs).toHaveLength(1);

    expect(await undo(merged.id)).toContain(`Merge undone: ${gone.no} is back`);
    // The kept contact's own mark stays; the copy is gone; the merged one's marks are back.
    expect(await pairs()).toEqual(before);
  });
});

const DAY = 86_400_000;
const quiet = { info: () => undefined, warn: () => undefined };

describe('past the 30 days of undo', () => {
  it('the hourly round removes the merged contact for good; the alias and the record stay; Undo says why not', async () => {
    const kept = await addContact({ type: 'company', name: 'Nordlys Maskin AS' });
    const gone = await addContact({ type: 'company', name: 'Nordlys Maskin', phone: '55 12 34 56' });
    const mergedAt = new Date(Date.now() - 31 * DAY);
    const merged = await merge(kept.id, gone.id, mergedAt);
    const contact = (id: string) =>
      db()
        .collection('contacts')
        .findOne({ _id: new mongoose.Types.ObjectId(id) });

    // Past the 30 days but not purged yet: Undo is refused, naming the day it ended.
    expect(await undo(merged.id)).toMatch(/can no longer be undone: the 30 days to undo it ended on .+\. /);
    expect(await contact(gone.id)).not.toBeNull();

    // A round before the end of the 30 days leaves it; the next one after it purges it.
    expect((await runIntegrityRound(quiet, new Date(mergedAt.getTime() + 29 * DAY))).mergesPurged).toBe(0);
    expect(await contact(gone.id)).not.toBeNull();
    expect((await runIntegrityRound(quiet, new Date(mergedAt.getTime() + 31 * DAY))).mergesPurged).toBe(1);
    expect(await contact(gone.id)).toBeNull();
    expect((await runIntegrityRound(quiet, new Date(mergedAt.getTime() + 32 * DAY))).mergesPurged).toBe(0);

    // The kept contact keeps the alias, and `/contact <old No.>` still finds it.
    expect(await contact(kept.id)).toMatchObject({ aliasNos: [gone.no], phone: '55 12 34 56' });
    const url = kontakt.fake.responseUrl();
    await kontakt.send.command(slashCommand({ text: gone.no, userId: 'U0ADMIN', responseUrl: url }));
    const reply = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === url);
    expect(JSON.stringify(reply.body)).toContain(`Nordlys Maskin AS (${kept.no})`);
    // The record stays for the audit, with both documents as they were.
    const record = await db().collection('contact_merges').findOne({});
    expect(record).toMatchObject({ status: 'done', mergeNo: gone.no, mergeDoc: { name: 'Nordlys Maskin' } });
    expect(record!.purgedAt).toBeInstanceOf(Date);

    expect(await undo(merged.id)).toContain(`${gone.no} has been removed for good. ${kept.no} keeps ${gone.no}`);
    expect(await findIntegrityProblems('T0001')).toEqual([]);
  });
});
