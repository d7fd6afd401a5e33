import { translator } from '../../src/i18n';
import { fieldErrorsToBlockErrors, parseContactModal, readContactModalValues } from '../../src/schemas/contact-modal';
import { defaultContactSetup } from '../../src/services/setup/setup.defaults';
import { stateValue } from '../harness/payloads';

const setup = defaultContactSetup;
type State = Record<string, Record<string, unknown>>;

const typeRadio = (value: string) => ({
  contact_type: { contact_type_changed: { type: 'radio_buttons', selected_option: { value } } },
});
const text = (blockId: string, value: string | null) => ({ [blockId]: { value: stateValue.plainText(value) } });
const company = (extra: State = {}): State => ({
  ...typeRadio('company'),
  ...text('contact_name', 'Nordlys Maskin AS'),
  ...extra,
});
const person = (extra: State = {}): State => ({
  ...typeRadio('person'),
  ...text('contact_name', 'Kari Nordmann'),
  ...extra,
});
const pickedCompany = {
  contact_company: {
    company_picker: stateValue.externalSelect('65f0c0ffee0000000000000a', 'Nordlys Maskin AS (CT000042)'),
  },
};
const independentBox = { contact_independent: { value: stateValue.checkboxes([{ value: 'independent' }]) } };

function errorsOf(result: ReturnType<typeof parseContactModal>): Record<string, string> {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.input)}`);
  return result.errors;
}

describe('parseContactModal', () => {
  it('reads a company with every kind of element', () => {
    const result = parseContactModal(
      company({
        contact_email: { value: stateValue.email('post@nordlys.no') },
        contact_salesperson: { value: stateValue.usersSelect('U0KARI') },
        contact_territory: { value: stateValue.staticSelect('WEST') },
        contact_industry_groups: {
          value: { type: 'multi_static_select', selected_options: [{ value: 'MANU' }, { value: 'MARINE' }] },
        },
        contact_business_relations: { value: { type: 'multi_static_select', selected_options: [] } },
        contact_city: { value: stateValue.plainText('  Bergen ') },
        contact_county: { value: stateValue.plainText(null) },
      }),
      setup,
    );
    expect(result).toEqual({
      ok: true,
      independent: false,
      input: expect.objectContaining({
        type: 'company',
        name: 'Nordlys Maskin AS',
        email: 'post@nordlys.no',
        salespersonId: 'U0KARI',
        territory: 'WEST',
        industryGroups: ['MANU', 'MARINE'],
        businessRelations: [],
        city: 'Bergen',
        county: undefined,
        companyId: null,
        privacyBlocked: false,
      }),
    });
  });

  it('asks for a company when a person has none and is not independent', () => {
    expect(errorsOf(parseContactModal(person(), setup))).toEqual({
      contact_company: 'Pick the company this person works for, or choose independent.',
    });
  });

  it('keeps the picked company of a person', () => {
    const result = parseContactModal(person(pickedCompany), setup);
    expect(result).toMatchObject({
      ok: true,
      independent: false,
      input: { type: 'person', companyId: '65f0c0ffee0000000000000a' },
    });
  });

  it('clears the company of a person ticked independent, even if one was picked', () => {
    const result = parseContactModal(person({ ...pickedCompany, ...independentBox }), setup);
    expect(result).toMatchObject({ ok: true, independent: true, input: { companyId: null } });
  });

  it('gives a company no company and ignores person fields left in the state after switching type', () => {
    const result = parseContactModal(
      company({ ...pickedCompany, ...independentBox, ...text('contact_job_title', 'Sjef') }),
      setup,
    );
    expect(result).toMatchObject({ ok: true, independent: false, input: { type: 'company', companyId: null } });
    expect(result.ok && result.input.jobTitle).toBeUndefined();
  });

  it('puts a bad e-mail address on the e-mail block', () => {
    const errors = errorsOf(
      parseContactModal(company({ contact_email: { value: stateValue.email('kari(at)nordlys') } }), setup),
    );
    expect(errors).toEqual({ contact_email: 'That is not an e-mail address.' });
  });

  it('says the name is required, and that a value is too long, on their own blocks', () => {
    const errors = errorsOf(
      parseContactModal(company({ ...text('contact_name', '   '), ...text('contact_city', 'x'.repeat(31)) }), setup),
    );
    expect(errors).toEqual({ contact_name: 'Name is required.', contact_city: 'Keep this under 30 characters.' });
  });

  it('words every problem in the reader’s language: all fields in one round, in Norwegian for a Norwegian', () => {
    const nb = translator('nb');
    const errors = errorsOf(
      parseContactModal(
        company({
          ...text('contact_name', '   '),
          ...text('contact_city', 'x'.repeat(31)),
          ...text('contact_phone', 'ring meg'),
          ...text('contact_home_page', 'ikke en adresse'),
          contact_email: { value: stateValue.email('kari(at)nordlys') },
        }),
        setup,
        nb,
      ),
    );
    expect(errors).toEqual({
      contact_name: 'Navn må fylles ut.',
      contact_city: 'Maks 30 tegn.',
      contact_phone: nb.t('validation.phone'),
      contact_home_page: nb.t('validation.homePage'),
      contact_email: 'Dette er ikke en e-postadresse.',
    });
    expect(errorsOf(parseContactModal(person(), setup, nb))).toEqual({
      contact_company: 'Velg firmaet personen jobber for, eller velg frittstående.',
    });
  });

  it('refuses codes that are not in the setup lists, on the block that holds them', () => {
    const errors = errorsOf(
      parseContactModal(
        person({
          ...pickedCompany,
          contact_territory: { value: stateValue.staticSelect('MOON') },
          contact_job_responsibilities: {
            value: { type: 'multi_static_select', selected_options: [{ value: 'SALES' }, { value: 'JUGGLING' }] },
          },
        }),
        setup,
      ),
    );
    expect(errors).toEqual({
      contact_territory: 'MOON is not in the list. Pick another, or ask an admin to add it.',
      contact_job_responsibilities: 'JUGGLING is not in the list. Pick another, or ask an admin to add it.',
    });
  });

  it('says so when more codes are chosen than a contact can hold', () => {
    const many = Array.from({ length: 51 }, () => ({ value: 'MANU' }));
    const errors = errorsOf(
      parseContactModal(
        company({ contact_industry_groups: { value: { type: 'multi_static_select', selected_options: many } } }),
        setup,
      ),
    );
    expect(errors).toEqual({ contact_industry_groups: 'Choose at most 50.' });
  });

  it('asks for the type when the radio is missing or forged', () => {
    expect(errorsOf(parseContactModal(text('contact_name', 'X'), setup))).toEqual({
      contact_type: 'Choose company or person.',
    });
    expect(errorsOf(parseContactModal({ ...typeRadio('robot'), ...text('contact_name', 'X') }, setup))).toEqual({
      contact_type: 'Choose company or person.',
    });
  });

  it('reads a value whatever element or action id carries it', () => {
    const result = parseContactModal(
      company({
        contact_territory: { other_action: stateValue.plainText('NORTH') },
        contact_country: { value: stateValue.staticSelect('SE') },
        contact_privacy_blocked: { value: stateValue.checkboxes([{ value: 'privacy_blocked' }]) },
      }),
      setup,
    );
    expect(result).toMatchObject({ ok: true, input: { territory: 'NORTH', country: 'SE', privacyBlocked: true } });
  });

  it('never throws on junk, and answers with errors a modal can show', () => {
    const junk: unknown[] = [
      undefined,
      null,
      42,
      'values',
      [],
      [[1]],
      { contact_name: 5 },
      { contact_name: { value: { value: { nested: 1 } } } },
      { contact_name: { value: null }, contact_type: { contact_type_changed: 'company' } },
      {
        ...typeRadio('person'),
        contact_company: { company_picker: { selected_option: 'oops' } },
        contact_independent: { value: { selected_options: 'all' } },
      },
      {
        ...typeRadio('company'),
        contact_industry_groups: { value: { selected_options: [null, 7, { value: 3 }, { value: 'MANU' }] } },
        ...text('contact_name', 'A'),
      },
      JSON.parse('{"__proto__": {"contact_name": {"value": {"value": "x"}}}, "constructor": {"prototype": 1}}'),
    ];
    for (const values of junk) {
      let result: ReturnType<typeof parseContactModal> | undefined;
      expect(() => (result = parseContactModal(values, setup))).not.toThrow();
      if (result && !result.ok) {
        for (const message of Object.values(result.errors)) expect(message).toMatch(/^[A-Z{][^\n]*[.!]?$/);
        expect(Object.keys(result.errors).every((key) => key.startsWith('contact_'))).toBe(true);
      }
    }
    // The one well-formed entry among junk options is still read.
    expect(parseContactModal(junk[10], setup)).toMatchObject({ ok: true, input: { industryGroups: ['MANU'] } });
  });
});

describe('fieldErrorsToBlockErrors', () => {
  it('puts each service error on its field block, and form-wide errors on the name', () => {
    expect(
      fieldErrorsToBlockErrors({
        email: 'Bad e-mail.',
        phone: 'Bad phone.',
        companyId: 'Gone.',
        no: 'Taken.',
        form: 'Changed meanwhile.',
      }),
    ).toEqual({
      contact_email: 'Bad e-mail.',
      contact_phone: 'Bad phone.',
      contact_company: 'Gone.',
      contact_no: 'Taken.',
      contact_name: 'Changed meanwhile.',
    });
  });

  it('keeps both messages when a name error and a form error meet on the name block', () => {
    expect(fieldErrorsToBlockErrors({ name: 'Name is required.', form: 'Try again.' })).toEqual({
      contact_name: 'Name is required. Try again.',
    });
    expect(fieldErrorsToBlockErrors({})).toEqual({});
  });
});

describe('readContactModalValues', () => {
  it('keeps what was typed, of both types, plus the picked company with its label, for a redraw', () => {
    const read = readContactModalValues(
      person({
        ...pickedCompany,
        ...text('contact_vat_reg_no', 'NO 1'),
        ...text('contact_city', 'Bergen'),
        ...text('contact_county', ''),
      }),
    );
    expect(read).toEqual({
      input: expect.objectContaining({
        type: 'person',
        name: 'Kari Nordmann',
        vatRegNo: 'NO 1',
        city: 'Bergen',
        companyId: '65f0c0ffee0000000000000a',
      }),
      companyOption: { id: '65f0c0ffee0000000000000a', label: 'Nordlys Maskin AS (CT000042)' },
      independent: false,
    });
    expect(read.input).not.toHaveProperty('county');
    expect(readContactModalValues('junk')).toMatchObject({ input: {}, independent: false });
  });
});
