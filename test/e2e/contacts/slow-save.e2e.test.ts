/**
 * A save slower than Slack's 3 s, though no single database operation is past its bound: the form is answered in
 * time with "try again", the save finishes, and the retry stores nothing twice. The writes are really slowed at the
 * driver (test/support/fault-injection.ts); the deadline is production's (2.5 s).
 */
import mongoose from 'mongoose';
import { findIntegrityProblems } from '../../../src/services/integrity/integrity-check.service';
import { WriteFaults } from '../../support/fault-injection';
import { field, openNewContact, submitView } from '../../support/contact-flows';
import { useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt({ env: { SUBMIT_ANSWER_DEADLINE_MS: '2500' } });
const faults = new WriteFaults();
beforeAll(() => faults.install());
afterEach(() => faults.count());
afterAll(() => faults.uninstall());

const contacts = () =>
  mongoose.connection.db!.collection('contacts').find({ workspaceId: 'T0001' }).sort({ no: 1 }).toArray();

describe('a New contact form whose save outlives Slack’s deadline', () => {
  it('is answered "try again" in time; the save finishes, the user is told, and the retry stores nothing twice', async () => {
    const view = await openNewContact(kontakt);
    // Each write waits 1 s: none is past the database bound, the save as a whole is past SUBMIT_ANSWER_DEADLINE_MS.
    faults.slowWrites(1_000);
    const answered = await submitView(kontakt, view, { [field.name]: 'Nordlys Maskin AS' });
    expect(answered).toEqual({
      response_action: 'errors',
      errors: { [field.name]: expect.stringContaining('could not finish this in time') },
    });
    // The save goes on after the answer, and its confirmation reaches the user.
    const confirmation = await kontakt.fake.waitForCall('chat.postEphemeral');
    expect(JSON.stringify(confirmation.args)).toContain('Nordlys Maskin AS');
    expect(faults.writes.length).toBeGreaterThanOrEqual(3);
    faults.count();
    expect(await submitView(kontakt, view, { [field.name]: 'Nordlys Maskin AS' })).toBeUndefined();
    expect((await contacts()).map((c) => [c.no, c.name])).toEqual([['CT000001', 'Nordlys Maskin AS']]);
    expect(await findIntegrityProblems('T0001')).toEqual([]);
  });
});
