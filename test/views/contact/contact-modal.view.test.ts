import { translator } from '../../../src/i18n';
import { ids } from '../../../src/ids';
import { contactInputSchema, type ContactInput } from '../../../src/schemas/contact-input';
import { parseContactModal } from '../../../src/schemas/contact-modal';
import { defaultContactSetup } from '../../../src/services/setup/setup.defaults';
import { contactModal, type ContactModalArgs } from '../../../src/views/contact/contact-modal.view';
import { checkView } from '../../harness/block-kit-checker';
import {
  blockById,
  elementOf,
  inputBlocks,
  longText,
  stateFromInitialValues,
  worstSetup,
} from '../../fixtures/contact-fixtures';

const b = ids.contactField.blocks;

function modal(overrides: Partial<ContactModalArgs> = {}) {
  return contactModal({
    tr: translator('en'),
    mode: 'create',
    type: 'company',
    values: {},
    setup: defaultContactSetup,
    privateMetadata: '{"mode":"create"}',
    userId: 'U0ME',
    ...overrides,
  });
}

const blockIds = (view: ReturnType<typeof modal>) => view.blocks.map((block) => block.block_id);

describe('contactModal', () => {
  it('opens a new company form with the fields filled on a phone, and "More details" for the rest', () => {
    const view = modal();
    expect(blockIds(view)).toEqual([
      'contact_type',
      'contact_name',
      'contact_city',
      'contact_phone',
      'contact_email',
      'contact_salesperson',
      'contact_more_details',
      undefined,
    ]);
    expect(blockById(view, 'contact_more_details')).toMatchObject({
      type: 'actions',
      elements: [{ type: 'button', action_id: 'contact_more_details', text: { text: 'More details' } }],
    });
    expect(checkView(view)).toEqual([]);
  });

  it('with More details: title, buttons, the type radio first, then every company field', () => {
    const view = modal({ moreDetails: true });
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: ids.views.contactModal,
      title: { type: 'plain_text', text: 'New contact' },
      submit: { type: 'plain_text', text: 'Save' },
      close: { type: 'plain_text', text: 'Cancel' },
      private_metadata: '{"mode":"create"}',
    });
    expect(view.blocks[0]).toMatchObject({
      type: 'input',
      block_id: 'contact_type',
      dispatch_action: true,
      element: { type: 'radio_buttons', action_id: 'contact_type_changed', initial_option: { value: 'company' } },
    });
    const radio = elementOf(view, b.type) as { options: { text: { text: string }; value: string }[] };
    expect(radio.options.map((o) => [o.text.text, o.value])).toEqual([
      ['Company', 'company'],
      ['Person', 'person'],
    ]);
    expect(blockIds(view)).toEqual([
      'contact_type',
      'contact_name',
      'contact_name2',
      'contact_search_name',
      'contact_address',
      'contact_address2',
      'contact_post_code',
      'contact_city',
      'contact_county',
      'contact_country',
      'contact_phone',
      'contact_mobile',
      'contact_email',
      'contact_home_page',
      'contact_salesperson',
      'contact_territory',
      'contact_language',
      'contact_vat_reg_no',
      'contact_industry_groups',
      'contact_business_relations',
    ]);
    expect(checkView(view)).toEqual([]);
  });

  it('makes the name the only field a user must fill in', () => {
    const required = inputBlocks(modal({ moreDetails: true })).filter(
      (block) => !block.optional && block.block_id !== b.type,
    );
    expect(required.map((block) => block.block_id)).toEqual([b.name]);
    expect(blockById(modal(), b.name)).toMatchObject({
      label: { text: 'Name' },
      element: { placeholder: { text: 'The company’s name' } },
    });
  });

  it('uses the right element for each kind of field', () => {
    const view = modal({ moreDetails: true });
    expect(elementOf(view, b.email)).toMatchObject({ type: 'email_text_input', action_id: 'value' });
    expect(elementOf(view, b.homePage)).toMatchObject({ type: 'plain_text_input' });
    expect(elementOf(view, b.salespersonId)).toMatchObject({ type: 'users_select', action_id: 'value' });
    expect(elementOf(view, b.territory)).toMatchObject({ type: 'static_select', action_id: 'value' });
    expect(elementOf(view, b.industryGroups)).toMatchObject({ type: 'multi_static_select' });
    expect(elementOf(view, b.businessRelations)).toMatchObject({ type: 'multi_static_select' });
    // Placeholders never look like data (an example number reads as one the contact has).
    expect(elementOf(view, b.phone).placeholder).toBeUndefined();
    expect(elementOf(view, b.email).placeholder).toBeUndefined();
    expect(elementOf(view, b.address)).toMatchObject({ placeholder: { text: 'Street and number' } });
    const territories = elementOf(view, b.territory).options as { text: { text: string }; value: string }[];
    expect(territories[0]).toEqual({
      text: { type: 'plain_text', text: 'NORTH — North', emoji: true },
      value: 'NORTH',
    });
  });

  it('shows a new person "At a company / Independent", the company picker, and no company-only fields', () => {
    const view = modal({
      type: 'person',
      moreDetails: true,
      companyOption: { id: '65f0c0ffee0000000000000a', label: 'Nordlys Maskin AS (CT000042)' },
    });
    expect(blockIds(view)).toEqual([
      'contact_type',
      'contact_name',
      'contact_independent',
      'contact_company',
      'contact_job_title',
      'contact_org_level',
      'contact_job_responsibilities',
      'contact_salutation',
      'contact_address',
      'contact_address2',
      'contact_post_code',
      'contact_city',
      'contact_county',
      'contact_country',
      'contact_phone',
      'contact_mobile',
      'contact_email',
      'contact_home_page',
      'contact_salesperson',
      'contact_territory',
      'contact_language',
    ]);
    expect(elementOf(view, b.companyId)).toMatchObject({
      type: 'external_select',
      action_id: 'company_picker',
      min_query_length: 1,
      initial_option: { text: { text: 'Nordlys Maskin AS (CT000042)' }, value: '65f0c0ffee0000000000000a' },
    });
    expect(blockById(view, b.independent)).toMatchObject({
      label: { text: 'Where they work' },
      optional: false,
      dispatch_action: true,
      element: {
        type: 'radio_buttons',
        action_id: 'contact_employment_changed',
        options: [{ text: { text: 'At a company' } }, { text: { text: 'Independent' } }],
        initial_option: { value: 'company' },
      },
    });
    expect(blockById(view, b.companyId)).toMatchObject({ dispatch_action: true });
    expect(checkView(view)).toEqual([]);
  });

  it('chooses "Independent" for an independent person, and then shows no company picker', () => {
    const independent = modal({ type: 'person', independent: true });
    expect(elementOf(independent, b.independent).initial_option).toMatchObject({ value: 'independent' });
    expect(blockIds(independent)).not.toContain(b.companyId);
    const edited = modal({ type: 'person', mode: 'edit', values: { companyId: null } });
    expect(elementOf(edited, b.independent).initial_option).toMatchObject({ value: 'independent' });
  });

  it('shows what a new person takes from the company as text, with Change, instead of those inputs', () => {
    const view = modal({
      type: 'person',
      values: { name: 'Kari Nordmann', email: 'kari@nordlys.no' },
      companyOption: { id: '65f0c0ffee0000000000000a', label: 'Nordlys Maskin AS (CT000042)' },
      inherited: {
        companyName: 'Nordlys Maskin AS',
        values: {
          address: 'Strandkaien 2',
          postCode: '5013',
          city: 'Bergen',
          phone: '55 12 34 56',
          email: 'post@nordlys.no',
          salespersonId: 'U0KARI',
        },
      },
    });
    // The city, phone and salesperson come from the company; the e-mail was typed, so it stays an input.
    expect(blockIds(view)).toEqual([
      'contact_type',
      'contact_name',
      'contact_independent',
      'contact_company',
      undefined,
      'contact_inherited',
      'contact_email',
      'contact_more_details',
      undefined,
    ]);
    const inherited = blockById(view, 'contact_inherited') as { text: { text: string }; accessory: unknown };
    expect(inherited.text.text).toBe(
      [
        '• Address: Strandkaien 2, 5013 Bergen — from Nordlys Maskin AS',
        '• Phone: 55 12 34 56 — from Nordlys Maskin AS',
        '• Salesperson: <@U0KARI> — from Nordlys Maskin AS',
      ].join('\n'),
    );
    expect(inherited.accessory).toMatchObject({ action_id: 'contact_change_inherited', text: { text: 'Change' } });
    expect(checkView(view)).toEqual([]);
  });

  it('leaves the salesperson to the company for a new person at a company, the creator otherwise', () => {
    expect(elementOf(modal({ type: 'person' }), b.salespersonId).initial_user).toBeUndefined();
    expect(blockById(modal({ type: 'person' }), b.salespersonId)?.hint).toMatchObject({
      text: 'Leave empty to use the company’s salesperson.',
    });
    expect(elementOf(modal({ type: 'person', independent: true }), b.salespersonId).initial_user).toBe('U0ME');
    const noInheritance = {
      ...defaultContactSetup,
      inheritance: { ...defaultContactSetup.inheritance, salesperson: false },
    };
    expect(elementOf(modal({ type: 'person', setup: noInheritance }), b.salespersonId).initial_user).toBe('U0ME');
  });

  it('adds the name parts and the privacy box when editing a person, and never the No.', () => {
    const view = modal({
      type: 'person',
      mode: 'edit',
      setup: { ...defaultContactSetup, numbering: { ...defaultContactSetup.numbering, allowManual: true } },
    });
    expect(view.title.text).toBe('Edit contact');
    expect(blockIds(view)).toEqual(expect.arrayContaining([b.firstName, b.middleName, b.surname, b.privacyBlocked]));
    expect(blockIds(view)).not.toContain(b.no);
    expect(blockById(view, b.name)?.hint).toMatchObject({ text: expect.stringContaining('rebuilt') });
    expect(blockIds(modal({ type: 'person' }))).not.toContain(b.firstName);
  });

  it('offers the No. only on create and only when setup allows manual numbers', () => {
    const manual = { ...defaultContactSetup, numbering: { ...defaultContactSetup.numbering, allowManual: true } };
    expect(blockIds(modal())).not.toContain(b.no);
    expect(blockById(modal({ setup: manual, moreDetails: true }), b.no)).toMatchObject({
      optional: true,
      hint: { text: 'Leave empty to number automatically.' },
    });
    expect(blockIds(modal({ setup: manual, mode: 'edit' }))).not.toContain(b.no);
    expect(blockIds(modal({ setup: manual, moreDetails: true }))).toContain(b.no);
  });

  it('pre-selects the user as salesperson on create only, and keeps a salesperson already chosen', () => {
    expect(elementOf(modal(), b.salespersonId).initial_user).toBe('U0ME');
    expect(elementOf(modal({ values: { salespersonId: 'U0KARI' } }), b.salespersonId).initial_user).toBe('U0KARI');
    expect(elementOf(modal({ mode: 'edit' }), b.salespersonId).initial_user).toBeUndefined();
  });

  it('drops codes that are no longer in the setup lists instead of sending an invalid initial option', () => {
    const view = modal({
      moreDetails: true,
      values: { territory: 'GONE', industryGroups: ['MANU', 'GONE'], businessRelations: ['GONE'] },
    });
    expect(elementOf(view, b.territory).initial_option).toBeUndefined();
    expect(elementOf(view, b.industryGroups).initial_options).toEqual([
      { text: { type: 'plain_text', text: 'MANU — Manufacturing', emoji: true }, value: 'MANU' },
    ]);
    expect(elementOf(view, b.businessRelations).initial_options).toBeUndefined();
    expect(checkView(view)).toEqual([]);
  });

  it('leaves out a code field whose list is empty (a select needs options)', () => {
    const setup = {
      ...defaultContactSetup,
      codes: { ...defaultContactSetup.codes, territories: [], industryGroups: [] },
    };
    const ids = blockIds(modal({ setup, moreDetails: true }));
    expect(ids).not.toContain(b.territory);
    expect(ids).not.toContain(b.industryGroups);
    expect(ids).toContain(b.businessRelations);
  });

  it('lets each text input take exactly what the contact schema accepts', () => {
    const views = [
      modal({ mode: 'edit' }),
      modal({ mode: 'edit', type: 'person' }),
      modal({ setup: worstSetup(), moreDetails: true }),
    ];
    const checked = new Set<string>();
    for (const view of views) {
      for (const block of inputBlocks(view)) {
        const element = block.element as { type: string; max_length?: number };
        if (element.type !== 'plain_text_input') continue;
        const field = Object.entries(b).find(([, id]) => id === block.block_id)?.[0] as keyof ContactInput;
        const max = element.max_length;
        expect(max).toBeDefined();
        const accepts = (length: number) =>
          contactInputSchema.safeParse({ type: 'company', name: 'N', [field]: 'x'.repeat(length) }).success;
        expect([field, accepts(max as number)]).toEqual([field, true]);
        expect([field, accepts((max as number) + 1)]).toEqual([field, false]);
        checked.add(field);
      }
    }
    expect(checked.size).toBeGreaterThanOrEqual(18);
  });

  describe('pre-filled values survive a round trip through Slack and the parser', () => {
    const companyValues = contactInputSchema.parse({
      type: 'company',
      name: 'Nordlys Maskin AS',
      name2: 'Avd. Bergen',
      searchName: 'NORDLYS',
      address: 'Strandkaien 12',
      address2: '3. etasje',
      postCode: '5013',
      city: 'Bergen',
      county: 'Vestland',
      country: 'NO',
      phone: '+47 55 12 34 56',
      mobile: '+47 912 34 567',
      email: 'post@nordlys.no',
      homePage: 'nordlys.no',
      salespersonId: 'U0KARI',
      territory: 'WEST',
      language: 'NB',
      vatRegNo: 'NO 987 654 325 MVA',
      industryGroups: ['MANU', 'MARINE'],
      businessRelations: ['CUST', 'PART'],
      privacyBlocked: true,
      companyId: null,
    });

    it('for a company being edited', () => {
      const view = modal({ mode: 'edit', values: companyValues });
      expect(parseContactModal(stateFromInitialValues(view), defaultContactSetup)).toEqual({
        ok: true,
        input: companyValues,
        independent: false,
      });
    });

    it('for a person at a company, with the name parts', () => {
      const values = contactInputSchema.parse({
        type: 'person',
        name: 'Kari Anne Nordmann',
        firstName: 'Kari',
        middleName: 'Anne',
        surname: 'Nordmann',
        companyId: '65f0c0ffee0000000000000a',
        jobTitle: 'Innkjøpssjef',
        organizationalLevel: 'MANAGER',
        jobResponsibilities: ['PURCHASE', 'MGMT'],
        salutation: 'Fru',
        city: 'Bergen',
        email: 'kari@nordlys.no',
        salespersonId: 'U0KARI',
        territory: 'WEST',
        minor: true,
        parentalConsentReceived: true,
      });
      const view = modal({
        mode: 'edit',
        type: 'person',
        values,
        companyOption: { id: '65f0c0ffee0000000000000a', label: 'Nordlys Maskin AS (CT000042)' },
      });
      expect(parseContactModal(stateFromInitialValues(view), defaultContactSetup)).toEqual({
        ok: true,
        input: values,
        independent: false,
      });
    });

    it('for a new independent person (the user is pre-selected as salesperson)', () => {
      const view = modal({ type: 'person', values: { type: 'person', name: 'Ola Frilans' }, independent: true });
      const parsed = parseContactModal(stateFromInitialValues(view), defaultContactSetup);
      expect(parsed).toEqual({
        ok: true,
        input: contactInputSchema.parse({
          type: 'person',
          name: 'Ola Frilans',
          companyId: null,
          salespersonId: 'U0ME',
          // A person's form always reads the minor switches (off while the privacy block is not shown).
          minor: false,
          parentalConsentReceived: false,
        }),
        independent: true,
      });
    });
  });

  it('stays within Slack limits with the worst data (long values, 130-code lists, long company label)', () => {
    const long = (n: number) => longText(n);
    const values: Partial<ContactInput> = {
      name: long(100),
      name2: long(100),
      searchName: long(100),
      firstName: long(30),
      middleName: long(30),
      surname: long(30),
      address: long(100),
      address2: long(50),
      postCode: long(20),
      city: long(30),
      county: long(30),
      country: long(10),
      phone: long(30),
      mobile: long(30),
      email: `${'k'.repeat(70)}@nordlys.no`,
      homePage: long(200),
      salespersonId: 'U0KARI',
      territory: 'T000000129',
      language: long(10),
      vatRegNo: long(20),
      jobTitle: long(30),
      salutation: long(10),
      organizationalLevel: 'O000000001',
      industryGroups: Array.from({ length: 50 }, (_, i) => `I${String(i).padStart(9, '0')}`),
      businessRelations: ['B000000001'],
      jobResponsibilities: ['J000000002'],
    };
    const companyOption = { id: '65f0c0ffee0000000000000a', label: longText(300) };
    for (const type of ['company', 'person'] as const) {
      for (const mode of ['create', 'edit'] as const) {
        const view = contactModal({
          tr: translator('en'),
          mode,
          type,
          values,
          companyOption,
          moreDetails: true,
          setup: worstSetup(),
          privateMetadata: 'x'.repeat(3000),
          userId: 'U0ME',
        });
        expect([type, mode, checkView(view)]).toEqual([type, mode, []]);
        expect(view.blocks.length).toBeLessThan(40);
      }
    }
    // The 130th territory is not offered (a select holds 100), so it is not pre-selected either.
    const view = contactModal({
      tr: translator('en'),
      mode: 'edit',
      type: 'company',
      values,
      setup: worstSetup(),
      privateMetadata: '',
      userId: 'U0ME',
    });
    expect(elementOf(view, b.territory).options).toHaveLength(100);
    expect(elementOf(view, b.territory).initial_option).toBeUndefined();
    expect(elementOf(view, b.industryGroups).initial_options).toHaveLength(50);
  });

  it('refuses private_metadata Slack would reject rather than cutting it', () => {
    expect(() => modal({ privateMetadata: 'x'.repeat(3001) })).toThrow(RangeError);
  });
});
