import { ids } from '../../../src/ids';
import { ContactModel } from '../../../src/models/contact.model';
import { getContact } from '../../../src/services/contacts/contact.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { viewSubmission } from '../../harness/payloads';
import { click, field, submitView, viewOf, type SentView } from '../../support/contact-flows';
import { encodeMetadata } from '../../../src/schemas/view-metadata';
import { addContact, useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();
let company: Contact;
let person: Contact;

beforeEach(async () => {
  company = await addContact({
    type: 'company',
    name: 'Nordlys Maskin AS',
    city: 'Bergen',
    address: 'Strandkaien 2',
    salespersonId: 'U0KARI',
  });
  person = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
});

async function openEdit(contactId: string): Promise<SentView> {
  await click(kontakt, ids.actions.editContact, contactId);
  return viewOf(await kontakt.fake.waitForCall('views.open'));
}

describe('Edit', () => {
  it('opens the modal pre-filled; saving flows the new city down to the company’s persons', async () => {
    const view = await openEdit(company.id);
    expect(view.title?.text).toBe('Edit contact');
    expect(JSON.stringify(view.blocks)).toContain('Strandkaien 2');
    expect(await submitView(kontakt, view, { [field.city]: 'Oslo' })).toBeUndefined();
    expect(await getContact('T0001', company.id)).toMatchObject({
      city: 'Oslo',
      address: 'Strandkaien 2',
      updatedBy: 'U0001',
    });
    expect(await getContact('T0001', person.id)).toMatchObject({ city: 'Oslo' });
    const confirmation = await kontakt.fake.waitForCall('chat.postEphemeral');
    expect(JSON.stringify(confirmation.args)).toContain('Oslo');
  });

  it('a second save from the same (now outdated) modal is refused inline', async () => {
    const view = await openEdit(company.id);
    await submitView(kontakt, view, { [field.city]: 'Oslo' });
    const second = await submitView(kontakt, view, { [field.city]: 'Voss' });
    expect(second).toEqual({
      response_action: 'errors',
      errors: { [field.name]: expect.stringContaining('changed this contact since you opened it') },
    });
    expect((await getContact('T0001', company.id))?.city).toBe('Oslo');
  });

  it('a forged private_metadata naming a contact of another workspace changes nothing', async () => {
    const view = await openEdit(company.id);
    const forged = {
      ...view,
      private_metadata: encodeMetadata({ mode: 'edit', contactId: company.id, version: company.version }),
    };
    const ack = await submitView(kontakt, forged, { [field.city]: 'Hacked' }, { teamId: 'T0002' });
    expect(ack?.response_action).toBe('errors');
    expect(JSON.stringify(ack?.errors)).toContain('no longer exists');
    expect((await getContact('T0001', company.id))?.city).toBe('Bergen');
  });

  it('junk private_metadata is refused with a message', async () => {
    const response = await kontakt.slack.interactive(
      viewSubmission({ callbackId: ids.views.contactModal, privateMetadata: '{"mode":"edit","contactId":{"$ne":1}}' }),
    );
    expect(response.json).toEqual({
      response_action: 'errors',
      errors: { [field.name]: expect.stringContaining('can no longer be saved') },
    });
  });
});

describe('Add person', () => {
  it('opens a new-person modal with the company already picked', async () => {
    await click(kontakt, ids.actions.addPerson, company.id);
    const view = viewOf(await kontakt.fake.waitForCall('views.open'));
    expect(JSON.stringify(view.blocks)).toContain(company.id);
    expect(await submitView(kontakt, view, { [field.name]: 'Per Hansen' })).toBeUndefined();
    expect(await ContactModel.findOne({ workspaceId: 'T0001', no: 'CT000003' }).lean()).toMatchObject({
      name: 'Per Hansen',
      companyName: 'Nordlys Maskin AS',
      city: 'Bergen',
    });
  });
});
