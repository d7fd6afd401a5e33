import { ids } from '../../../src/ids';
import { checkboxValue } from '../../../src/schemas/contact-modal';
import { getContact } from '../../../src/services/contacts/contact.service';
import { latestContactChanges } from '../../../src/services/contacts/change-log.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { slashCommand } from '../../harness/payloads';
import { click, field, submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';
import { textOf } from '../import/import-flow';

const kontakt = useKontakt();
let company: Contact;
let person: Contact;

beforeEach(async () => {
  company = await addContact({ type: 'company', name: 'Nordlys Maskin AS' });
  person = await addContact({ type: 'person', name: 'Ola Nordmann', companyId: company.id });
});

async function openEdit(contactId: string): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.open').length;
  await click(kontakt, ids.actions.editContact, contactId);
  return viewOf(await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before));
}

const { privacyBlocked: BLOCKED, minor: MINOR, parentalConsentReceived: CONSENT } = checkboxValue;

/** Edits `contact` ticking exactly `ticked` in the privacy block; returns the stored contact. */
async function tick(contact: Contact, ticked: string[]) {
  const view = await openEdit(contact.id);
  expect(await submitView(kontakt, view, { [field.privacyBlocked]: ticked })).toBeUndefined();
  return (await getContact('T0001', contact.id))!;
}

function optionsOf(view: SentView): string[] {
  const block = view.blocks.find((b) => b.block_id === field.privacyBlocked) as unknown as {
    element: { options: { value: string }[] };
  };
  return block.element.options.map((o) => o.value);
}

async function cardText(no: string): Promise<string> {
  const key = `card-${Math.random()}`;
  await kontakt.slack.command(slashCommand({ text: no, responseUrl: kontakt.fake.responseUrl(key) }));
  return textOf(((await kontakt.fake.waitForResponse((r) => r.key === key)).body as { blocks: unknown[] }).blocks);
}

describe('Minor and Parental consent received (persons)', () => {
  it('a person’s edit form offers them beside Privacy blocked; a company’s does not', async () => {
    expect(optionsOf(await openEdit(person.id))).toEqual([BLOCKED, MINOR, CONSENT]);
    expect(optionsOf(await openEdit(company.id))).toEqual([BLOCKED]);
  });

  it('Minor sets Privacy blocked, and the card says so', async () => {
    const stored = await tick(person, [MINOR]);
    expect(stored).toMatchObject({ minor: true, parentalConsentReceived: false, privacyBlocked: true });
    const text = await cardText(person.no);
    expect(text).toContain('Privacy blocked');
    expect(text).toContain('Minor — no parental consent received yet.');
  });

  it('a minor cannot be unblocked without consent: unticking Privacy blocked alone keeps the block', async () => {
    await tick(person, [MINOR]);
    expect(await tick(person, [MINOR])).toMatchObject({ privacyBlocked: true });
  });

  it('Parental consent received lifts the block; a block set again by hand afterwards stays', async () => {
    await tick(person, [MINOR, BLOCKED]);
    expect(await tick(person, [MINOR, BLOCKED, CONSENT])).toMatchObject({
      minor: true,
      parentalConsentReceived: true,
      privacyBlocked: false,
    });
    expect(await cardText(person.no)).toContain('Minor — parental consent received.');
    expect(await tick(person, [MINOR, CONSENT, BLOCKED])).toMatchObject({ privacyBlocked: true });
  });

  it('clearing Minor keeps a Privacy blocked the form still has, and clears the consent', async () => {
    await tick(person, [MINOR]);
    expect(await tick(person, [BLOCKED, CONSENT])).toMatchObject({
      minor: false,
      parentalConsentReceived: false,
      privacyBlocked: true,
    });
    // Unticked on purpose, it goes.
    expect(await tick(person, [])).toMatchObject({ privacyBlocked: false });
  });

  it('a company is never a minor, even from a forged form', async () => {
    const view = await openEdit(company.id);
    const forged = {
      ...view,
      blocks: view.blocks.map((b) =>
        b.block_id === field.privacyBlocked
          ? {
              ...b,
              element: {
                ...(b.element as object),
                options: [BLOCKED, MINOR, CONSENT].map((value) => ({
                  value,
                  text: { type: 'plain_text', text: value },
                })),
              },
            }
          : b,
      ),
    } as SentView;
    expect(await submitView(kontakt, forged, { [field.privacyBlocked]: [MINOR] })).toBeUndefined();
    expect(await getContact('T0001', company.id)).toMatchObject({ minor: false, privacyBlocked: false });
  });

  it('the change log records the switches that moved', async () => {
    await tick(person, [MINOR]);
    const [latest] = await latestContactChanges('T0001', person.id, 1);
    expect(latest!.fields).toEqual([
      { field: 'privacyBlocked', new: 'true' },
      { field: 'minor', new: 'true' },
    ]);
  });
});
