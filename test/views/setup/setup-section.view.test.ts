import { getCountries } from 'libphonenumber-js';
import { ids } from '../../../src/ids';
import { duplicateRowBlockIds, textBoxBlockId } from '../../../src/schemas/setup/setup-form';
import { defaultWorkspaceSetup } from '../../../src/services/setup/setup.defaults';
import { setupSections, type WorkspaceSetup } from '../../../src/services/setup/setup.types';
import { setupSectionModal, type SetupSectionModalArgs } from '../../../src/views/setup/setup-section.view';
import { checkView } from '../../harness/block-kit-checker';
import { blockById, blockIds, elementOf, worstWorkspaceSetup } from '../../fixtures/setup-fixtures';
import { translator } from '../../../src/i18n';

const tr = translator('en');

const b = ids.setupField.blocks;
type Json = Record<string, unknown>;

function modal(overrides: Partial<SetupSectionModalArgs> = {}) {
  return setupSectionModal(tr, {
    section: 'numbering',
    setup: defaultWorkspaceSetup,
    nextNo: 42,
    adminTimeZone: 'Europe/Oslo',
    privateMetadata: '{"version":3}',
    ...overrides,
  });
}

const options = (element: Json) => element.options as { text: { text: string }; value: string }[];
const texts = (element: Json) => options(element).map((o) => o.text.text);
const values = (element: Json) => options(element).map((o) => o.value);

describe('setupSectionModal', () => {
  describe.each([
    ['default', defaultWorkspaceSetup],
    ['worst-case', worstWorkspaceSetup()],
  ] as [string, WorkspaceSetup][])('with the %s setup', (_name, setup) => {
    it.each([...setupSections])('%s stays within Slack’s limits', (section) => {
      const view = modal({ section, setup, nextNo: 9_999_999_999, privateMetadata: 'm'.repeat(3000) });
      expect(checkView(view)).toEqual([]);
      expect(view).toMatchObject({
        type: 'modal',
        callback_id: ids.views.setupSection,
        submit: { type: 'plain_text', text: section === 'interactionTypes' ? 'Done' : 'Save' },
        close: { type: 'plain_text', text: 'Back' },
        private_metadata: 'm'.repeat(3000),
      });
      expect(view.blocks.length).toBeGreaterThan(0);
      // Slack refuses an initial value longer than the input allows.
      for (const block of view.blocks as unknown as Json[]) {
        const element = block.element as Json | undefined;
        if (element?.type === 'plain_text_input' && typeof element.initial_value === 'string') {
          expect([...element.initial_value].length).toBeLessThanOrEqual(element.max_length as number);
        }
      }
    });
  });

  it('names each section in its title', () => {
    expect(setupSections.map((section) => modal({ section }).title.text)).toEqual([
      'Roles',
      'Visit types',
      'Weekly digest',
      'Language',
      'Defaults',
      'Sharing to channels',
      'Importing contacts',
      'Keeping visits',
      'Enhetsregisteret',
      'Inheritance',
      'Business relations',
      'Industry groups',
      'Territories',
      'Job responsibilities',
      'Organizational levels',
      'Number series',
      'Duplicates',
    ]);
  });

  it('refuses private_metadata Slack would refuse, rather than cutting it', () => {
    expect(() => modal({ privateMetadata: 'm'.repeat(3001) })).toThrow(RangeError);
  });

  it('number series: prefix, digits 1–10, next number and the manual-numbers box, pre-filled', () => {
    const view = modal({
      setup: { ...defaultWorkspaceSetup, numbering: { prefix: 'CT', digits: 6, allowManual: true } },
    });
    expect(blockIds(view)).toEqual([b.prefix, b.digits, b.nextNo, b.allowManual]);
    expect(elementOf(view, b.prefix)).toMatchObject({ type: 'plain_text_input', initial_value: 'CT', max_length: 10 });
    expect(elementOf(view, b.digits)).toMatchObject({
      type: 'number_input',
      is_decimal_allowed: false,
      min_value: '1',
      max_value: '10',
      initial_value: '6',
    });
    expect(elementOf(view, b.nextNo)).toMatchObject({
      type: 'number_input',
      is_decimal_allowed: false,
      min_value: '1',
      initial_value: '42',
    });
    expect(blockById(view, b.nextNo).hint).toMatchObject({ text: expect.stringContaining('CT000042') });
    expect(elementOf(view, b.allowManual)).toMatchObject({ type: 'checkboxes', initial_options: [{ value: 'on' }] });
    expect(elementOf(modal(), b.allowManual).initial_options).toBeUndefined();
  });

  it('inheritance: one checkboxes element with the six switches, ticked as set up', () => {
    const setup = {
      ...defaultWorkspaceSetup,
      inheritance: { ...defaultWorkspaceSetup.inheritance, territory: false, communication: false },
    };
    const element = elementOf(modal({ section: 'inheritance', setup }), b.inheritance);
    expect(values(element)).toEqual(['salesperson', 'territory', 'country', 'language', 'address', 'communication']);
    expect((element.initial_options as Json[]).map((o) => o.value)).toEqual([
      'salesperson',
      'country',
      'language',
      'address',
    ]);
    const none = {
      ...defaultWorkspaceSetup,
      inheritance: Object.fromEntries(Object.keys(defaultWorkspaceSetup.inheritance).map((k) => [k, false])),
    };
    expect(
      elementOf(modal({ section: 'inheritance', setup: none as WorkspaceSetup }), b.inheritance).initial_options,
    ).toBeUndefined();
  });

  it('defaults: country and language text, a salesperson, a territory from the list, a phone region', () => {
    const setup: WorkspaceSetup = {
      ...defaultWorkspaceSetup,
      defaults: { country: 'NO', language: 'NB', salespersonId: 'U0KARI', territory: 'WEST', phoneRegion: 'SE' },
    };
    const view = modal({ section: 'defaults', setup });
    expect(blockIds(view)).toEqual([b.country, b.defaultLanguage, b.salesperson, b.territory, b.phoneRegion]);
    expect(elementOf(view, b.country)).toMatchObject({ type: 'plain_text_input', initial_value: 'NO', max_length: 10 });
    expect(elementOf(view, b.defaultLanguage)).toMatchObject({
      type: 'plain_text_input',
      initial_value: 'NB',
      max_length: 10,
    });
    expect(elementOf(view, b.salesperson)).toMatchObject({ type: 'users_select', initial_user: 'U0KARI' });
    const territory = elementOf(view, b.territory);
    expect(values(territory)).toEqual(['none', 'NORTH', 'MID', 'WEST', 'EAST', 'SOUTH', 'ABROAD']);
    expect(texts(territory)[3]).toBe('WEST — West');
    expect(territory.initial_option).toMatchObject({ value: 'WEST' });
    const region = elementOf(view, b.phoneRegion);
    expect(region.initial_option).toMatchObject({ value: 'SE', text: { text: 'Sweden (SE)' } });
    expect(values(region).slice(0, 4)).toEqual(['NO', 'SE', 'DK', 'FI']);
    expect(values(region)).toEqual(expect.arrayContaining(['GB', 'DE', 'US']));
    expect(blockById(view, b.phoneRegion).optional).toBe(false);
  });

  it('defaults: offers only regions libphonenumber knows, and the current one even when not usually offered', () => {
    const setup: WorkspaceSetup = { ...defaultWorkspaceSetup, defaults: { phoneRegion: 'FJ' } };
    const region = elementOf(modal({ section: 'defaults', setup }), b.phoneRegion);
    const known = new Set<string>(getCountries());
    expect(values(region).every((code) => known.has(code))).toBe(true);
    expect(values(region).length).toBeLessThanOrEqual(100);
    expect(region.initial_option).toMatchObject({ value: 'FJ' });
    expect(elementOf(modal({ section: 'defaults' }), b.territory).initial_option).toMatchObject({
      value: 'none',
      text: { text: 'No default territory' },
    });
  });

  it('defaults: leaves the territory out when setup has no territories (a select needs options)', () => {
    const setup = { ...defaultWorkspaceSetup, codes: { ...defaultWorkspaceSetup.codes, territories: [] } };
    expect(blockIds(modal({ section: 'defaults', setup }))).not.toContain(b.territory);
  });

  it('duplicates: autosearch, hit %, then a field + part select and a length for each row', () => {
    const view = modal({ section: 'duplicates' });
    const row = (n: number) => duplicateRowBlockIds(n);
    expect(blockIds(view)).toEqual([
      b.autosearch,
      b.hitPercent,
      undefined,
      row(1).field,
      row(1).length,
      row(2).field,
      row(2).length,
      row(3).field,
      row(3).length,
      row(4).field,
      row(4).length,
      row(5).field,
      row(5).length,
      b.duplicateRowButtons,
    ]);
    expect(elementOf(view, b.hitPercent)).toMatchObject({
      type: 'number_input',
      min_value: '1',
      max_value: '100',
      initial_value: '60',
    });
    const field = elementOf(view, row(1).field);
    expect(options(field)).toHaveLength(20);
    expect(texts(field).slice(0, 2)).toEqual(['Name — first characters', 'Name — last characters']);
    expect(values(field)).toContain('vatRegNo:last');
    expect(field.initial_option).toMatchObject({ value: 'name:first' });
    expect(elementOf(view, row(5).field).initial_option).toMatchObject({ value: 'vatRegNo:first' });
    expect(elementOf(view, row(1).length)).toMatchObject({
      type: 'number_input',
      min_value: '2',
      max_value: '10',
      initial_value: '5',
    });
    expect((blockById(view, b.duplicateRowButtons).elements as Json[]).map((e) => [e.action_id, e.value])).toEqual([
      [ids.actions.setupAddDuplicateRow, '5'],
      [ids.actions.setupRemoveDuplicateRow, '5'],
    ]);
  });

  it('duplicates: draws the rows it is given, offers no Add at 10 rows and no Remove at 1', () => {
    const rows = (n: number) =>
      Array.from({ length: n }, () => ({ field: 'city' as const, part: 'last' as const, length: 3 }));
    const buttonsOf = (n: number) =>
      (
        blockById(modal({ section: 'duplicates', duplicateRows: rows(n) }), b.duplicateRowButtons).elements as Json[]
      ).map((e) => e.action_id);
    expect(buttonsOf(10)).toEqual([ids.actions.setupRemoveDuplicateRow]);
    expect(buttonsOf(1)).toEqual([ids.actions.setupAddDuplicateRow]);
    const six = modal({ section: 'duplicates', duplicateRows: rows(6) });
    expect(blockIds(six)).toContain(duplicateRowBlockIds(6).length);
    expect(elementOf(six, duplicateRowBlockIds(6).field).initial_option).toMatchObject({ value: 'city:last' });
    expect(blockIds(modal({ section: 'duplicates', duplicateRows: rows(12) }))).not.toContain(
      duplicateRowBlockIds(11).field,
    );
    const none = modal({ section: 'duplicates', duplicateRows: [] });
    expect(elementOf(none, duplicateRowBlockIds(1).field).initial_option).toMatchObject({ value: 'name:first' });
  });

  it('code lists: one text box, one "CODE Description" per line, with a hint that explains the format', () => {
    const view = modal({ section: 'industryGroups' });
    expect(blockIds(view)).toEqual([b.codes]);
    const element = elementOf(view, b.codes);
    expect(element).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
    expect(String(element.initial_value).split('\n').slice(0, 2)).toEqual(['MANU Manufacturing', 'RETAIL Retail']);
    expect(blockById(view, b.codes)).toMatchObject({ label: { text: 'Industry groups' }, optional: true });
    expect((blockById(view, b.codes).hint as Json).text).toMatch(
      /One code per line.*up to 10 characters, no spaces.*description/,
    );
  });

  it('code lists: 100 codes with long descriptions go on over several boxes, with an empty one for new lines', () => {
    const view = modal({ section: 'territories', setup: worstWorkspaceSetup() });
    const boxes = blockIds(view);
    expect(boxes).toEqual([
      b.codes,
      textBoxBlockId(b.codes, 2),
      textBoxBlockId(b.codes, 3),
      textBoxBlockId(b.codes, 4),
    ]);
    const lines = boxes.flatMap((id) =>
      String(elementOf(view, String(id)).initial_value ?? '')
        .split('\n')
        .filter(Boolean),
    );
    expect(lines).toHaveLength(100);
    expect(elementOf(view, textBoxBlockId(b.codes, 4)).initial_value).toBeUndefined();
    expect(blockById(view, textBoxBlockId(b.codes, 2)).label).toMatchObject({ text: 'Territories (continued, box 2)' });
  });

  it('visit types: one row per type with an Edit / Remove menu, and Add type', () => {
    const view = modal({ section: 'interactionTypes', note: 'Saved *DEMO* · Demo.' });
    const rows = (view.blocks as unknown as Json[]).filter((block) => block.type === 'section');
    expect(rows.map((row) => (row.text as Json).text)).toEqual([
      '*VISIT* · Visit\n60 min · cost 0 · outbound, started by us',
      '*MEETING* · Meeting\n60 min · cost 0 · outbound, started by us',
      '*PHONE* · Phone call\n15 min · cost 0 · outbound, started by us',
      '*EMAIL* · E-mail\n5 min · cost 0 · outbound, started by us',
      '*VIDEO* · Video call\n30 min · cost 0 · outbound, started by us',
    ]);
    expect(rows[0]?.accessory).toMatchObject({
      type: 'overflow',
      action_id: ids.actions.setupTypeMenu,
      options: [
        { text: { text: 'Edit' }, value: 'edit:VISIT' },
        { text: { text: 'Remove' }, value: 'remove:VISIT' },
      ],
    });
    expect(JSON.stringify(view.blocks)).toContain('Saved *DEMO* · Demo.');
    expect(JSON.stringify(view.blocks)).toContain(ids.actions.setupTypeAdd);
    expect(view.blocks.some((block) => block.type === 'input')).toBe(false);
  });

  it('visit types: a full list (the worst case) fits 100 blocks and offers no Add', () => {
    const view = modal({ section: 'interactionTypes', setup: worstWorkspaceSetup() });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view.blocks)).not.toContain(ids.actions.setupTypeAdd);
    expect(JSON.stringify(view.blocks)).toContain('4 more types are not shown');
  });

  it('sharing: one switch, on by default', () => {
    const view = modal({ section: 'sharing' });
    expect(blockIds(view)).toEqual([b.sharingEnabled]);
    expect(elementOf(view, b.sharingEnabled).initial_options).toHaveLength(1);
    const off = modal({ section: 'sharing', setup: { ...defaultWorkspaceSetup, sharingEnabled: false } });
    expect(elementOf(off, b.sharingEnabled).initial_options).toBeUndefined();
  });

  it('roles: two user pickers, pre-filled', () => {
    const setup = { ...defaultWorkspaceSetup, roles: { admins: ['U0KARI'], managers: [] } };
    const view = modal({ section: 'roles', setup });
    expect(elementOf(view, b.admins)).toMatchObject({ type: 'multi_users_select', initial_users: ['U0KARI'] });
    expect(elementOf(view, b.managers)).toMatchObject({ type: 'multi_users_select' });
    expect(elementOf(view, b.managers).initial_users).toBeUndefined();
  });

  it('weekly digest: on/off, Monday–Sunday as 1–7, a time, and the zone (the admin’s until one is set)', () => {
    const view = modal({ section: 'digest', adminTimeZone: 'America/New_York' });
    expect(blockIds(view)).toEqual([b.digestEnabled, b.digestWeekday, b.digestTime, b.digestTimeZone]);
    const weekday = elementOf(view, b.digestWeekday);
    expect(texts(weekday)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(values(weekday)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(weekday.initial_option).toMatchObject({ value: '1', text: { text: 'Monday' } });
    expect(elementOf(view, b.digestTime)).toMatchObject({ type: 'timepicker', initial_time: '08:00' });
    expect(elementOf(view, b.digestTimeZone)).toMatchObject({
      type: 'external_select',
      action_id: ids.actions.setupTimeZone,
      initial_option: {
        value: 'America/New_York',
        text: { text: expect.stringMatching(/^America\/New York \(GMT-[45]\)$/) },
      },
    });
    const set = { ...defaultWorkspaceSetup, digest: { ...defaultWorkspaceSetup.digest, timeZone: 'Europe/Oslo' } };
    expect(
      elementOf(modal({ section: 'digest', setup: set, adminTimeZone: 'America/New_York' }), b.digestTimeZone)
        .initial_option,
    ).toMatchObject({ value: 'Europe/Oslo' });
  });

  it('language: English or Norsk bokmål, for those who chose none, and the Use Norwegian defaults button', () => {
    const view = modal({ section: 'language' });
    const radio = elementOf(view, b.language);
    expect(radio).toMatchObject({ type: 'radio_buttons', initial_option: { value: 'en' } });
    expect(texts(radio)).toEqual(['English', 'Norsk bokmål']);
    expect((blockById(view, b.language).hint as Json).text).toMatch(/not chosen their own with `\/contact language`/);
    expect(JSON.stringify(view.blocks)).toContain(`"action_id":"${ids.actions.setupNorwegianDefaults}"`);
    expect(JSON.stringify(view.blocks)).toContain('Use Norwegian defaults');
    expect(JSON.stringify(view.blocks)).not.toContain('coming');
  });

  it('imports: one switch, off by default, saying only admins import then', () => {
    const view = modal({ section: 'imports' });
    expect(elementOf(view, b.importForEveryone)).toMatchObject({ type: 'checkboxes' });
    expect(elementOf(view, b.importForEveryone).initial_options).toBeUndefined();
    expect((blockById(view, b.importForEveryone).hint as Json).text).toMatch(/only Kontakt admins/);
  });
});
