/**
 * What a user sees when they submit a form again: after a double click, or after Kontakt told them the database
 * failed and to try again. The failures are real: the Nth write of a model fails at the driver (see
 * test/support/fault-injection.ts).
 */
import mongoose from 'mongoose';
import { ids } from '../../../src/ids';
import { findIntegrityProblems } from '../../../src/services/integrity/integrity-check.service';
import { getContact } from '../../../src/services/contacts/contact.service';
import { WriteFaults } from '../../support/fault-injection';
import { click, field, openNewContact, submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();
const faults = new WriteFaults();
beforeAll(() => faults.install());
afterEach(() => faults.count());
afterAll(() => faults.uninstall());

const contacts = () =>
  mongoose.connection.db!.collection('contacts').find({ workspaceId: 'T0001' }).sort({ no: 1 }).toArray();

describe('a New contact form submitted more than once', () => {
  it('5 identical submits at once store one contact; the next contact gets the next number', async () => {
    const view = await openNewContact(kontakt);
    const acks = await Promise.all(
      Array.from({ length: 5 }, () => submitView(kontakt, view, { [field.name]: 'Nordlys Maskin AS' })),
    );
    expect(acks).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect((await contacts()).map((c) => [c.no, c.name])).toEqual([['CT000001', 'Nordlys Maskin AS']]);
    await kontakt.fake.waitForCall('chat.postEphemeral');

    const next = await openNewContact(kontakt);
    expect(await submitView(kontakt, next, { [field.name]: 'Fjord Pumper AS' })).toBeUndefined();
    expect((await contacts()).map((c) => c.no)).toEqual(['CT000001', 'CT000002']);
  });

  it('the retry after a failed save keeps the number the form took', async () => {
    const view = await openNewContact(kontakt);
    faults.failWrite(1, 'before', { model: 'Contact', method: 'insertOne' });
    const failed = await submitView(kontakt, view, { [field.name]: 'Nordlys Maskin AS' });
    expect(failed).toEqual({
      response_action: 'errors',
      errors: { [field.name]: expect.stringContaining('could not reach its database') },
    });
    expect(await submitView(kontakt, view, { [field.name]: 'Nordlys Maskin AS' })).toBeUndefined();
    const next = await openNewContact(kontakt);
    await submitView(kontakt, next, { [field.name]: 'Fjord Pumper AS' });
    expect((await contacts()).map((c) => c.no)).toEqual(['CT000001', 'CT000002']);
  });
});

describe('a company rename whose persons were not all updated', () => {
  it('the user’s retry is not refused as someone else’s change, and finishes the persons', async () => {
    const company = await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen' });
    const person = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
    await click(kontakt, ids.actions.editContact, company.id);
    const view: SentView = viewOf(await kontakt.fake.waitForCall('views.open'));

    faults.failWrite(1, 'before', { model: 'Contact', method: 'bulkWrite' });
    const failed = await submitView(kontakt, view, { [field.name]: 'Nordlys Industri AS' });
    expect(failed?.errors?.[field.name]).toContain('could not reach its database');
    // Half-saved: the company has its new name, its person not yet.
    expect((await getContact('T0001', person.id))?.companyName).toBe('Nordlys Maskin AS');

    // The user retries from the same form, and this time also fixes the city.
    const retried = await submitView(kontakt, view, { [field.name]: 'Nordlys Industri AS', [field.city]: 'Oslo' });
    expect(retried).toBeUndefined();
    expect(await getContact('T0001', person.id)).toMatchObject({ companyName: 'Nordlys Industri AS', city: 'Oslo' });
    expect(await findIntegrityProblems('T0001')).toEqual([]);
  });
});

describe('a logged visit whose contact figures were not updated', () => {
  it('the retry finishes it and confirms it (once)', async () => {
    const company = await addContact({ type: 'company', name: 'Nordlys Maskin AS' });
    await click(kontakt, ids.actions.logVisit, company.id);
    // Slack sends every submission of one modal with that modal's id.
    const view: SentView = { ...viewOf(await kontakt.fake.waitForCall('views.open')), id: 'V0RETRY' };

    faults.failWrite(1, 'before', { model: 'Contact', method: 'updateOne' });
    const failed = await submitView(kontakt, view, {});
    expect(JSON.stringify(failed?.errors)).toContain('could not reach its database');
    expect((await getContact('T0001', company.id))?.stats.interactionCount).toBe(0);

    expect(await submitView(kontakt, view, {})).toBeUndefined();
    expect((await getContact('T0001', company.id))?.stats.interactionCount).toBe(1);
    await kontakt.fake.waitForCall('chat.postEphemeral');
    // A third delivery of the same form changes nothing and confirms nothing more.
    expect(await submitView(kontakt, view, {})).toBeUndefined();
    // Give a confirmation that should not come the time to arrive anyway.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kontakt.fake.callsTo('chat.postEphemeral')).toHaveLength(1);
    expect(await findIntegrityProblems('T0001')).toEqual([]);
  });
});
