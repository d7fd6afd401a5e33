import { ContactModel } from '../../../src/models/contact.model';
import { ids } from '../../../src/ids';
import { saveSetupSection } from '../../../src/services/setup/setup.service';
import { blockSuggestion, viewOutput } from '../../harness/payloads';
import {
  clickInModal,
  field,
  inputBlockIds,
  moreDetails,
  openNewContact,
  submitView,
  type SentView,
} from '../../support/contact-flows';
import { enhet, orgNo, useFakeRegister, wrongCheckDigit } from '../../support/fake-register';
import { addContact, useKontakt } from '../../support/use-kontakt';

const register = useFakeRegister();
const kontakt = useKontakt({ env: register.env });

const NORDLYS = orgNo('92360901');
const FJORD = orgNo('99182582');
const KAFFE = orgNo('97476067');

beforeEach(() => {
  kontakt.running.register.clear();
  register.fake().add(
    enhet({
      orgNo: NORDLYS,
      navn: 'Nordlys Maskin AS',
      business: { lines: ['Strandkaien 2', 'Bygg C'], postCode: '5013', city: 'Bergen' },
      hjemmeside: 'www.nordlysmaskin.no',
      mva: true,
      nace: { kode: '28.130', beskrivelse: 'Produksjon av andre pumper og kompressorer' },
    }),
    enhet({
      orgNo: FJORD,
      navn: 'Fjord Rådgivning AS',
      business: null,
      postal: { lines: ['Postboks 44'], postCode: '9008', city: 'Tromsø' },
      mva: false,
      nace: { kode: '70.220', beskrivelse: 'Bedriftsrådgivning og annen administrativ rådgivning' },
    }),
    enhet({
      orgNo: KAFFE,
      navn: 'Nordlys Kaffebar AS',
      business: { lines: ['Torget 1'], postCode: '9008', city: 'Tromsø' },
    }),
  );
});

type Options = { options: { text: { text: string }; value: string }[] };

/** What the "Find in Enhetsregisteret" typeahead answers to `typed`, asked from the New company modal. */
async function suggest(view: SentView, typed: string): Promise<Options['options']> {
  const response = await kontakt.send.options(
    blockSuggestion({
      actionId: ids.actions.registerPicker,
      blockId: ids.contactField.registerBlock,
      value: typed,
      view: viewOutput({ callbackId: view.callback_id, privateMetadata: view.private_metadata, blocks: view.blocks }),
    }),
  );
  expect(response.status).toBe(200);
  return (response.json as Options).options;
}

/** Picks a register company in the modal: the modal Kontakt drew after it. */
function pick(view: SentView, option: { text: { text: string }; value: string }): Promise<SentView> {
  return clickInModal(kontakt, view, {
    type: 'external_select',
    action_id: ids.actions.registerPicker,
    block_id: ids.contactField.registerBlock,
    selected_option: { text: { type: 'plain_text', text: option.text.text }, value: option.value },
  });
}

function initial(view: SentView, blockId: string): unknown {
  const block = view.blocks.find((b) => b.block_id === blockId) as
    { element: { initial_value?: string; initial_options?: { value: string }[] } } | undefined;
  if (!block) return undefined;
  return block.element.initial_value ?? block.element.initial_options?.map((o) => o.value);
}

const text = (view: SentView) => JSON.stringify(view.blocks);

describe('Find in Enhetsregisteret (New company)', () => {
  it('offers the register at the top of a New company modal, and not for a person', async () => {
    const view = await openNewContact(kontakt);
    expect(inputBlockIds(view).slice(0, 2)).toEqual([field.type, ids.contactField.registerBlock]);
    expect(text(view)).toContain('Find in Enhetsregisteret');
    const person = await openNewContact(kontakt, 'new person');
    expect(inputBlockIds(person)).not.toContain(ids.contactField.registerBlock);
  });

  it('finds companies by name as "Name — org.nr. — poststed"', async () => {
    const view = await openNewContact(kontakt);
    const options = await suggest(view, 'nordlys');
    expect(options.map((o) => o.text.text)).toEqual([
      'Nordlys Maskin AS — 923 609 016 — Bergen',
      `Nordlys Kaffebar AS — ${KAFFE.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3')} — Tromsø`,
    ]);
    expect(options.map((o) => o.value)).toEqual([NORDLYS, KAFFE]);
    expect(register.fake().requests).toEqual(['/enheter?navn=nordlys&size=20']);
  });

  it('finds one company by its org.nr., written with spaces or as a VAT number', async () => {
    const view = await openNewContact(kontakt);
    for (const typed of ['923609016', '923 609 016', 'NO 923 609 016 MVA']) {
      const options = await suggest(view, typed);
      expect(options.map((o) => o.value)).toEqual([NORDLYS]);
    }
    // Asked once: the answer is cached for 24 h.
    expect(register.fake().lookupsOf(NORDLYS)).toHaveLength(1);
  });

  it.each([
    ['92360901', 'An org.nr. has 9 digits'],
    ['9236090160', 'An org.nr. has 9 digits'],
    ['NO 92360901A MVA', 'An org.nr. has only digits'],
    [wrongCheckDigit(NORDLYS), 'the check digit is wrong'],
  ])('says why %s is no org.nr., and asks the register nothing', async (typed, sentence) => {
    const view = await openNewContact(kontakt);
    const options = await suggest(view, typed);
    expect(options).toHaveLength(1);
    expect(options[0]!.text.text).toContain(sentence);
    expect(register.fake().requests).toEqual([]);
  });

  it('picking fills name, business address, post code, city, country, VAT no. with MVA, home page — still editable', async () => {
    await saveSetupSection({
      workspaceId: 'T0001',
      userId: 'U0ADMIN',
      section: 'industryGroups',
      version: 0,
      patch: {
        codes: {
          industryGroups: [
            { code: '28', description: 'Maskiner' },
            { code: 'MANU', description: 'Manufacturing' },
          ],
        },
      },
    });
    const view = await openNewContact(kontakt);
    const [nordlys] = await suggest(view, 'nordlys maskin');
    const filled = await pick(view, nordlys!);
    expect(initial(filled, field.name)).toBe('Nordlys Maskin AS');
    expect(initial(filled, field.address)).toBe('Strandkaien 2');
    expect(initial(filled, field.address2)).toBe('Bygg C');
    expect(initial(filled, field.postCode)).toBe('5013');
    expect(initial(filled, field.city)).toBe('Bergen');
    expect(initial(filled, field.country)).toBe('NO');
    expect(initial(filled, field.vatRegNo)).toBe('NO 923609016 MVA');
    expect(initial(filled, field.homePage)).toBe('www.nordlysmaskin.no');
    // NACE 28.130 is in group 28 (the longest code it starts with wins over the default MANU).
    expect(initial(filled, field.industryGroups)).toEqual(['28']);
    expect(text(filled)).toContain('Filled in from Enhetsregisteret (org.nr. 923 609 016)');
    expect(text(filled)).not.toContain('NACE code');

    // The user changes the city before saving; what they typed is what is stored.
    const ack = await submitView(kontakt, filled, { [field.city]: 'Laksevåg' });
    expect(ack).toBeUndefined();
    const stored = await ContactModel.findOne({ workspaceId: 'T0001' }).lean();
    expect(stored).toMatchObject({
      name: 'Nordlys Maskin AS',
      address: 'Strandkaien 2',
      postCode: '5013',
      city: 'Laksevåg',
      country: 'NO',
      vatRegNo: 'NO 923609016 MVA',
      homePage: 'https://www.nordlysmaskin.no',
      industryGroups: ['28'],
    });
  });

  it('a company outside the VAT register gets the bare org.nr., the postal address when it has no business address, and its NACE code shown', async () => {
    const view = await openNewContact(kontakt);
    const [fjord] = await suggest(view, FJORD);
    const filled = await pick(view, fjord!);
    expect(initial(filled, field.vatRegNo)).toBe(FJORD);
    expect(initial(filled, field.address)).toBe('Postboks 44');
    expect(initial(filled, field.city)).toBe('Tromsø');
    expect(initial(filled, field.industryGroups)).toBeUndefined();
    expect(text(filled)).toContain('NACE code *70.220* Bedriftsrådgivning');
    expect(text(filled)).toContain('An admin can add it');
  });

  it('maps a NACE code to a default industry group of its division (28.130 → MANU)', async () => {
    const view = await openNewContact(kontakt);
    const [nordlys] = await suggest(view, NORDLYS);
    const filled = await pick(view, nordlys!);
    expect(initial(filled, field.industryGroups)).toEqual(['MANU']);
  });

  it('the duplicate check matches on org.nr.: the same number written another way is a duplicate', async () => {
    const existing = await addContact({ type: 'company', name: 'NLM Bergen', vatRegNo: '923 609 016' });
    const view = await openNewContact(kontakt);
    const [nordlys] = await suggest(view, NORDLYS);
    const filled = await pick(view, nordlys!);
    const ack = await submitView(kontakt, filled, {});
    expect(ack?.response_action).toBe('push');
    expect(JSON.stringify(ack?.view)).toContain(existing.no);
    expect(await ContactModel.countDocuments({ workspaceId: 'T0001' })).toBe(1);
  });

  it('checks a Norwegian org.nr. in the VAT field by its check digit; another country’s VAT number passes', async () => {
    const view = await moreDetails(kontakt, await openNewContact(kontakt));
    for (const [typed, sentence] of [
      [wrongCheckDigit(NORDLYS), 'check digit is wrong'],
      ['NO 92360901 MVA', 'has 9 digits'],
      ['NO 9236O9016 MVA', 'only digits'],
    ] as const) {
      const ack = await submitView(kontakt, view, { [field.name]: 'Nordlys', [field.vatRegNo]: typed });
      expect(ack?.response_action).toBe('errors');
      expect(ack?.errors?.[field.vatRegNo]).toContain(sentence);
    }
    expect(await ContactModel.countDocuments({})).toBe(0);
    const ok = await submitView(kontakt, view, { [field.name]: 'Volvo', [field.vatRegNo]: 'SE556012579001' });
    expect(ok).toBeUndefined();
  });
});

describe('when the register fails', () => {
  it('a register that is down: the typeahead says so in one line, and the company is typed by hand and saved', async () => {
    register.fake().mode = 'down';
    const view = await openNewContact(kontakt);
    const options = await suggest(view, 'nordlys');
    expect(options.map((o) => o.text.text)).toEqual(['Enhetsregisteret did not answer: fill in the fields by hand']);
    expect(JSON.stringify(options)).not.toMatch(/database/i);
    const ack = await submitView(kontakt, view, { [field.name]: 'Nordlys Maskin AS' });
    expect(ack).toBeUndefined();
    expect(await ContactModel.countDocuments({})).toBe(1);
  });

  it('a register slower than the typeahead’s 1.5 s: the typeahead is answered with the same line', async () => {
    register.fake().delayMs = 2_500;
    const view = await openNewContact(kontakt);
    const options = await suggest(view, 'nordlys');
    expect(options.map((o) => o.text.text)).toEqual(['Enhetsregisteret did not answer: fill in the fields by hand']);
    expect(kontakt.logs.join('\n')).toContain('did not answer within 1500 ms');
  });

  it.each(['garbage', 'html'] as const)(
    'an answer of another shape (%s) is ignored with a warning in the log, never shown half',
    async (mode) => {
      register.fake().mode = mode;
      const view = await openNewContact(kontakt);
      const options = await suggest(view, 'nordlys');
      expect(options.map((o) => o.value)).toEqual(['-']);
      expect(kontakt.logs.join('\n')).toMatch(/not of the documented shape|not JSON/);
    },
  );

  it('a pick the register cannot look up says so under the picker and fills nothing', async () => {
    const view = await openNewContact(kontakt);
    register.fake().mode = 'down';
    const filled = await pick(view, { text: { text: 'Nordlys Maskin AS — 923 609 016 — Bergen' }, value: NORDLYS });
    expect(text(filled)).toContain('Enhetsregisteret did not answer');
    expect(initial(filled, field.name)).toBeUndefined();
  });
});
