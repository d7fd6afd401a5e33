import { ContactModel } from '../../../src/models/contact.model';
import { ids } from '../../../src/ids';
import { checkView } from '../../harness/block-kit-checker';
import { buttonAction } from '../../harness/payloads';
import {
  clickInModal,
  field,
  inputBlockIds,
  moreDetails,
  openNewContact,
  pickCompany,
  submitView,
  type SentView,
} from '../../support/contact-flows';
import { useKontakt } from '../../support/use-kontakt';

/** The short forms a salesperson meets on a phone: quick fields, inheritance told in words, one round of errors. */
const kontakt = useKontakt();

const NORDLYS_LABEL = 'Nordlys Maskin AS (CT000001)';

/** Nordlys Maskin AS in Bergen, looked after by Kari (not the creator, U0001). */
async function createNordlys(): Promise<string> {
  const view = await moreDetails(kontakt, await openNewContact(kontakt));
  expect(
    await submitView(kontakt, view, {
      [field.name]: 'Nordlys Maskin AS',
      [field.address]: 'Strandkaien 2',
      [field.postCode]: '5013',
      [field.city]: 'Bergen',
      [field.phone]: '55 12 34 56',
      [field.salespersonId]: 'U0KARI',
    }),
  ).toBeUndefined();
  const company = await ContactModel.findOne({ workspaceId: 'T0001', name: 'Nordlys Maskin AS' }).lean();
  return company!._id.toString();
}

const text = (view: SentView) => JSON.stringify(view.blocks);
const person = () => ContactModel.findOne({ workspaceId: 'T0001', type: 'person' }).lean();

describe('a new person at a company', () => {
  it('shows what the person takes from the company as text, and saves it with the company’s salesperson', async () => {
    const companyId = await createNordlys();
    const view = await openNewContact(kontakt, 'new person');
    // Before a company is picked nobody is pre-selected: the company's salesperson will apply.
    const salesperson = view.blocks.find((b) => b.block_id === field.salespersonId) as unknown as {
      element: { initial_user?: string };
    };
    expect(salesperson.element.initial_user).toBeUndefined();

    const picked = await pickCompany(
      kontakt,
      view,
      { id: companyId, label: NORDLYS_LABEL },
      {
        [field.name]: 'Kari Nordmann',
      },
    );
    expect(checkView(picked)).toEqual([]);
    expect(text(picked)).toContain('Address: Strandkaien 2, 5013 Bergen — from Nordlys Maskin AS');
    expect(text(picked)).toContain('Phone: 55 12 34 56 — from Nordlys Maskin AS');
    expect(text(picked)).toContain('Salesperson: <@U0KARI> — from Nordlys Maskin AS');
    expect(text(picked)).toContain('Kari Nordmann');
    // The inherited values are not inputs (an empty input there would read as "none").
    expect(inputBlockIds(picked)).toEqual([field.type, field.name, field.independent, field.companyId, field.email]);

    expect(await submitView(kontakt, picked, {})).toBeUndefined();
    expect(await person()).toMatchObject({
      name: 'Kari Nordmann',
      companyId: expect.anything(),
      address: 'Strandkaien 2',
      postCode: '5013',
      city: 'Bergen',
      phone: '55 12 34 56',
      salespersonId: 'U0KARI',
      createdBy: 'U0001',
    });
  });

  it('"Change" shows the inherited values as inputs, filled in; what the user changes is kept', async () => {
    const companyId = await createNordlys();
    const picked = await pickCompany(kontakt, await openNewContact(kontakt, 'new person'), {
      id: companyId,
      label: NORDLYS_LABEL,
    });
    const changing = await clickInModal(
      kontakt,
      picked,
      buttonAction({ actionId: ids.actions.contactChangeInherited, value: 'change', blockId: 'contact_inherited' }),
      { [field.name]: 'Ola Nordmann' },
    );
    expect(text(changing)).not.toContain('from Nordlys Maskin AS');
    expect(inputBlockIds(changing)).toEqual(
      expect.arrayContaining([field.address, field.postCode, field.city, field.phone, field.salespersonId]),
    );
    const address = changing.blocks.find((b) => b.block_id === field.address) as unknown as {
      element: { initial_value?: string };
    };
    expect(address.element.initial_value).toBe('Strandkaien 2');
    expect(text(changing)).toContain('Ola Nordmann');

    expect(await submitView(kontakt, changing, { [field.phone]: '+47 912 34 567' })).toBeUndefined();
    expect(await person()).toMatchObject({
      name: 'Ola Nordmann',
      phone: '+47 912 34 567',
      city: 'Bergen',
      salespersonId: 'U0KARI',
    });
  });

  it('a company id from elsewhere (forged, or another workspace’s) shows nothing inherited', async () => {
    await createNordlys();
    const picked = await pickCompany(kontakt, await openNewContact(kontakt, 'new person'), {
      id: '65f0c0ffee0000000000000a',
      label: 'Someone Else AS',
    });
    expect(text(picked)).not.toContain('from ');
    expect(text(picked)).not.toContain('Someone Else AS');
  });
});

describe('"At a company / Independent"', () => {
  it('Independent drops the company picker, pre-selects the creator and saves without a company', async () => {
    const view = await openNewContact(kontakt, 'new person');
    const independent = await clickInModal(
      kontakt,
      view,
      {
        type: 'radio_buttons',
        action_id: ids.actions.contactEmploymentChanged,
        block_id: field.independent,
        selected_option: { text: { type: 'plain_text', text: 'Independent' }, value: 'independent' },
      },
      { [field.name]: 'Ola Frilans', [field.independent]: 'independent' },
    );
    expect(inputBlockIds(independent)).not.toContain(field.companyId);
    const salesperson = independent.blocks.find((b) => b.block_id === field.salespersonId) as unknown as {
      element: { initial_user?: string };
    };
    expect(salesperson.element.initial_user).toBe('U0001');
    expect(await submitView(kontakt, independent, {})).toBeUndefined();
    expect(await person()).toMatchObject({ name: 'Ola Frilans', companyId: null, salespersonId: 'U0001' });
  });
});

describe('More details', () => {
  it('redraws the modal with every field and keeps what was typed', async () => {
    const view = await openNewContact(kontakt);
    const all = await moreDetails(kontakt, view, {
      [field.name]: 'Fjord Fisk AS',
      [field.phone]: '55 00 00 00',
      [field.city]: 'Ålesund',
    });
    expect(checkView(all)).toEqual([]);
    expect(inputBlockIds(all)).toEqual(expect.arrayContaining([field.address, field.vatRegNo, field.homePage]));
    for (const typed of ['Fjord Fisk AS', '55 00 00 00', 'Ålesund']) expect(text(all)).toContain(typed);
    // It stays open: the metadata remembers, so a later redraw (the type radio) keeps every field.
    expect(JSON.parse(all.private_metadata!)).toMatchObject({ mode: 'create', more: true });
    expect(await submitView(kontakt, all, { [field.vatRegNo]: 'NO 987 654 325' })).toBeUndefined();
    expect(await ContactModel.findOne({ workspaceId: 'T0001' }).lean()).toMatchObject({
      name: 'Fjord Fisk AS',
      city: 'Ålesund',
      vatRegNo: 'NO 987 654 325',
    });
  });
});
