import { ids } from '../../../src/ids';
import { parseSetupSection, setupErrorsToBlockErrors } from '../../../src/schemas/setup/setup-section';
import { duplicateRowBlockIds, textBoxBlockId } from '../../../src/schemas/setup/setup-form';
import { defaultWorkspaceSetup } from '../../../src/services/setup/setup.defaults';
import {
  setupSections,
  type SetupPatch,
  type SetupSection,
  type WorkspaceSetup,
} from '../../../src/services/setup/setup.types';
import { setupSectionModal } from '../../../src/views/setup/setup-section.view';
import { stateFromInitialValues, withState, worstWorkspaceSetup } from '../../fixtures/setup-fixtures';
import { translator } from '../../../src/i18n';

const tr = translator('en');

const b = ids.setupField.blocks;

function stateOf(section: SetupSection, setup: WorkspaceSetup = defaultWorkspaceSetup, nextNo = 42) {
  return stateFromInitialValues(
    setupSectionModal(tr, { section, setup, nextNo, adminTimeZone: 'Europe/Oslo', privateMetadata: '{}' }),
  );
}

function parse(section: SetupSection, values: unknown, setup: WorkspaceSetup = defaultWorkspaceSetup) {
  return parseSetupSection(section, values, { setup, tr });
}

function errorsOf(section: SetupSection, values: unknown): Record<string, string> {
  const result = parse(section, values);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.patch)}`);
  return result.errors;
}

/** What saving a section untouched must give back: exactly the setup's own values for that section. */
function expectedPatch(section: SetupSection, setup: WorkspaceSetup, nextNo: number): SetupPatch {
  switch (section) {
    case 'numbering':
      return { numbering: setup.numbering, nextNo };
    case 'inheritance':
      return { inheritance: setup.inheritance };
    case 'defaults':
      return { defaults: setup.defaults };
    case 'duplicates':
      return { duplicates: setup.duplicates };
    case 'interactionTypes':
      return { interactionTypes: setup.interactionTypes };
    case 'roles':
      return { roles: setup.roles };
    case 'digest':
      return { digest: setup.digest };
    case 'language':
      return { language: setup.language };
    case 'sharing':
      return { sharingEnabled: setup.sharingEnabled };
    case 'imports':
      return { importForEveryone: setup.importForEveryone };
    case 'retention':
      return { visitRetentionYears: setup.visitRetentionYears };
    case 'register':
      return { registerCheck: setup.registerCheck };
    default:
      return { codes: { [section]: setup.codes[section] } };
  }
}

describe('parseSetupSection: a section saved untouched gives back the setup it was built from', () => {
  const setups: [string, WorkspaceSetup][] = [
    [
      'the defaults',
      { ...defaultWorkspaceSetup, digest: { ...defaultWorkspaceSetup.digest, timeZone: 'Europe/Oslo' } },
    ],
    ['the worst case (100 codes and types, 10 rows, 100 admins, long texts)', worstWorkspaceSetup()],
  ];
  describe.each(setups)('%s', (_name, setup) => {
    it.each([...setupSections])('%s', (section) => {
      const result = parse(section, stateOf(section, setup, 1234567), setup);
      expect(result).toEqual({ ok: true, patch: expectedPatch(section, setup, 1234567) });
    });
  });

  it('keeps undefined defaults out of the patch rather than writing them as empty', () => {
    const result = parse('defaults', stateOf('defaults'));
    expect(result).toEqual({ ok: true, patch: { defaults: { phoneRegion: 'NO' } } });
    if (result.ok) expect(Object.keys(result.patch.defaults ?? {})).toEqual(['phoneRegion']);
  });

  it('pre-fills the digest zone with the admin’s zone until one is set, and saves that', () => {
    const view = setupSectionModal(tr, {
      section: 'digest',
      setup: defaultWorkspaceSetup,
      nextNo: 1,
      adminTimeZone: 'America/New_York',
      privateMetadata: '',
    });
    const result = parse('digest', stateFromInitialValues(view));
    expect(result).toEqual({
      ok: true,
      patch: { digest: { enabled: true, weekday: 1, time: '08:00', timeZone: 'America/New_York' } },
    });
  });
});

describe('parseSetupSection: what users type', () => {
  it('upper-cases the prefix and codes, trims, and reads checkboxes', () => {
    let values = stateOf('numbering');
    values = withState(values, b.prefix, { value: '  kt ' });
    values = withState(values, b.allowManual, { selected_options: [{ value: 'on' }] });
    values = withState(values, b.nextNo, { value: '120' });
    expect(parse('numbering', values)).toEqual({
      ok: true,
      patch: { numbering: { prefix: 'KT', digits: 6, allowManual: true }, nextNo: 120 },
    });

    const codes = withState(stateOf('industryGroups'), b.codes, {
      value: 'manu   Manufacturing  and more\n\n  \nagri | Agriculture | and farming\nIT\n',
    });
    expect(parse('industryGroups', codes)).toEqual({
      ok: true,
      patch: {
        codes: {
          industryGroups: [
            { code: 'MANU', description: 'Manufacturing and more' },
            { code: 'AGRI', description: 'Agriculture | and farming' },
            { code: 'IT', description: '' },
          ],
        },
      },
    });
  });

  it('turns every inheritance switch off when no box is ticked', () => {
    const values = withState(stateOf('inheritance'), b.inheritance, { selected_options: [{ value: 'territory' }] });
    expect(parse('inheritance', values)).toEqual({
      ok: true,
      patch: {
        inheritance: {
          salesperson: false,
          territory: true,
          country: false,
          language: false,
          address: false,
          communication: false,
        },
      },
    });
  });

  it('spells a time zone as the IANA list does, and keeps aliases the runtime knows', () => {
    const zone = (value: string) =>
      parse('digest', withState(stateOf('digest'), b.digestTimeZone, { selected_option: { value } }));
    expect(zone(' europe/oslo ')).toMatchObject({ ok: true, patch: { digest: { timeZone: 'Europe/Oslo' } } });
    expect(zone('UTC')).toMatchObject({ ok: true, patch: { digest: { timeZone: 'UTC' } } });
  });

  it('clears the default territory with "No default territory", and refuses a territory not in the list', () => {
    const setup = { ...defaultWorkspaceSetup, defaults: { ...defaultWorkspaceSetup.defaults, territory: 'WEST' } };
    const values = stateOf('defaults', setup);
    expect(parse('defaults', values, setup)).toMatchObject({ ok: true, patch: { defaults: { territory: 'WEST' } } });
    const cleared = parse('defaults', withState(values, b.territory, { selected_option: { value: 'none' } }), setup);
    expect(cleared.ok && cleared.patch.defaults).toEqual({ phoneRegion: 'NO' });
    expect(errorsOf('defaults', withState(values, b.territory, { selected_option: { value: 'MARS' } }))).toEqual({
      [b.territory]: 'MARS is not a territory any more. Choose another.',
    });
  });
});

describe('parseSetupSection: bad input gives an inline error on its block and no patch', () => {
  const numbering = (block: string, value: string) =>
    errorsOf('numbering', withState(stateOf('numbering'), block, { value }));

  it.each([
    ['C T', 'A prefix cannot have spaces. Try CT or KONT.'],
    ['ABCDEFGHIJK', 'Keep the prefix to 10 characters or fewer.'],
    ['', 'Enter a prefix, e.g. CT.'],
  ])('prefix %j', (prefix, message) => {
    expect(numbering(b.prefix, prefix)).toEqual({ [b.prefix]: message });
  });

  it.each(['0', '11', '2.5', 'six'])('digits %j', (digits) => {
    expect(numbering(b.digits, digits)).toEqual({ [b.digits]: 'Enter a whole number from 1 to 10.' });
  });

  it.each(['0', '-3', '1.5', ''])('next number %j', (nextNo) => {
    expect(numbering(b.nextNo, nextNo)).toEqual({ [b.nextNo]: 'Enter a whole number of 1 or more.' });
  });

  it.each(['0', '101', '50.5'])('hit %% %j', (hit) => {
    expect(errorsOf('duplicates', withState(stateOf('duplicates'), b.hitPercent, { value: hit }))).toEqual({
      [b.hitPercent]: 'Enter a whole percentage from 1 to 100.',
    });
  });

  it.each(['1', '11'])('search-string length %j, on that row', (length) => {
    const row3 = duplicateRowBlockIds(3);
    expect(errorsOf('duplicates', withState(stateOf('duplicates'), row3.length, { value: length }))).toEqual({
      [row3.length]: 'Enter a length from 2 to 10 characters.',
    });
  });

  it('a search-string row with no field, or a forged one', () => {
    const row1 = duplicateRowBlockIds(1);
    const row2 = duplicateRowBlockIds(2);
    let values = withState(stateOf('duplicates'), row1.field, { selected_option: null });
    values = withState(values, row2.field, { selected_option: { value: 'salary:first' } });
    const message = 'Choose a field and whether to compare its first or last characters.';
    expect(errorsOf('duplicates', values)).toEqual({ [row1.field]: message, [row2.field]: message });
  });

  it('duplicate codes, naming both lines', () => {
    const values = withState(stateOf('industryGroups'), b.codes, {
      value: 'MANU Manufacturing\nRETAIL Retail\nmanu Also manufacturing',
    });
    expect(errorsOf('industryGroups', values)).toEqual({
      [b.codes]: 'Line 3: MANU is already on line 1. Keep each code once.',
    });
  });

  it('a code with spaces, a code too long, a description too long; later problems are listed by line', () => {
    const lines = [
      'NEW YORK | New York office',
      'OK Fine',
      'MANUFACTURING Manufacturing',
      `LONG ${'x'.repeat(51)}`,
    ].join('\n');
    expect(errorsOf('territories', withState(stateOf('territories'), b.codes, { value: lines }))).toEqual({
      [b.codes]:
        'Line 1: the code “NEW YORK” has a space in it. A code is one word, e.g. NEWYORK. Also check line 3, 4.',
    });
    expect(
      errorsOf('territories', withState(stateOf('territories'), b.codes, { value: `LONG ${'x'.repeat(51)}` })),
    ).toEqual({
      [b.codes]: 'Line 1: the description has 51 characters; keep it to 50.',
    });
    expect(errorsOf('territories', withState(stateOf('territories'), b.codes, { value: '| no code' }))).toEqual({
      [b.codes]: 'Line 1: start the line with a code, e.g. MANU Manufacturing.',
    });
  });

  it('more than 100 codes', () => {
    const value = Array.from({ length: 101 }, (_, i) => `C${i} Code ${i}`).join('\n');
    expect(errorsOf('jobResponsibilities', withState(stateOf('jobResponsibilities'), b.codes, { value }))).toEqual({
      [b.codes]: 'At most 100 codes; this list has 101.',
    });
  });

  it('a code repeated in a later box is reported on that box', () => {
    const setup = worstWorkspaceSetup();
    const values = stateOf('businessRelations', setup);
    const second = textBoxBlockId(b.codes, 2);
    const box2 = String(values[second]?.[ids.setupField.action]?.value);
    // The box's last line becomes a repeat of the very first code, so the list keeps its 100 entries.
    const changed = withState(values, second, {
      value: `${box2.split('\n').slice(0, -1).join('\n')}\nB000000000 Again`,
    });
    const errors = parseSetupSection('businessRelations', changed, { setup, tr });
    expect(errors).toEqual({
      ok: false,
      errors: { [second]: expect.stringMatching(/^Line \d+: B000000000 is already in a box above\./) },
    });
  });

  it.each([
    [b.digestTime, { selected_time: '25:00' }, 'Choose a time of day.'],
    [b.digestTime, { selected_time: null }, 'Choose a time of day.'],
    [b.digestWeekday, { selected_option: { value: '8' } }, 'Choose a day of the week.'],
    [
      b.digestTimeZone,
      { value: 'Europe/Atlantis' },
      'That is not a time zone name. Try Europe/Oslo, Europe/Stockholm or America/New_York.',
    ],
    [
      b.digestTimeZone,
      { value: '+01:00' },
      'That is not a time zone name. Try Europe/Oslo, Europe/Stockholm or America/New_York.',
    ],
    [b.digestTimeZone, { value: '' }, 'Enter a time zone, e.g. Europe/Oslo.'],
  ])('digest %s %j', (block, change, message) => {
    expect(errorsOf('digest', withState(stateOf('digest'), block, change))).toEqual({ [block]: message });
  });

  it.each([
    [b.country, { value: 'N O' }, 'Use a code without spaces, e.g. NO.'],
    [b.defaultLanguage, { value: 'NORSK-BOKMAL' }, 'Keep this to 10 characters or fewer.'],
    [b.phoneRegion, { selected_option: { value: 'ZZ' } }, 'Choose a phone region from the list.'],
    [b.phoneRegion, { selected_option: null }, 'Choose a phone region from the list.'],
    [b.salesperson, { selected_user: 'not a user' }, 'Choose a person from the list.'],
  ])('defaults %s %j', (block, change, message) => {
    expect(errorsOf('defaults', withState(stateOf('defaults'), block, change))).toEqual({ [block]: message });
  });

  it('a language other than English or Norsk bokmål', () => {
    expect(
      errorsOf('language', withState(stateOf('language'), b.language, { selected_option: { value: 'sv' } })),
    ).toEqual({
      [b.language]: 'Choose English or Norsk bokmål.',
    });
  });

  it('reports every bad field of a section at once', () => {
    let values = stateOf('numbering');
    values = withState(values, b.prefix, { value: 'C T' });
    values = withState(values, b.digits, { value: '0' });
    expect(Object.keys(errorsOf('numbering', values)).sort()).toEqual([b.digits, b.prefix].sort());
  });
});

describe('parseSetupSection never throws on junk', () => {
  const junk: unknown[] = [
    undefined,
    null,
    0,
    'values',
    [],
    [1, 2],
    { [b.prefix]: null },
    { [b.prefix]: 'x' },
    { [b.prefix]: { value: { value: 5 } } },
    { [b.codes]: { value: { value: ['a'] } } },
    { [b.codes]: { value: { value: 'A'.repeat(100_000) } } },
    { [b.admins]: { value: { selected_users: [1, null, 'U123', {}] } } },
    { [b.inheritance]: { value: { selected_options: 'all' } } },
    { [duplicateRowBlockIds(1).field]: { value: { selected_option: { value: ':' } } } },
    { ['__proto__']: { value: { value: 'x' } } },
    { [b.digestTime]: { other: { selected_time: '10:00' } } },
  ];

  it.each([...setupSections])('%s', (section) => {
    for (const values of junk) {
      const result = parse(section, values);
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) for (const message of Object.values(result.errors)) expect(message).toMatch(/\S/);
    }
  });

  it('reads a forged admin list as just the valid user ids', () => {
    expect(
      parse('roles', { [b.admins]: { value: { selected_users: [1, null, 'U123', {}, 'U123', '<!here>'] } } }),
    ).toEqual({
      ok: true,
      patch: { roles: { admins: ['U123'], managers: [] } },
    });
  });
});

describe('setupErrorsToBlockErrors', () => {
  it('puts the service’s errors on the blocks they are about', () => {
    expect(setupErrorsToBlockErrors('numbering', { nextNo: 'Numbers up to 41 are already used.' })).toEqual({
      [b.nextNo]: 'Numbers up to 41 are already used.',
    });
    expect(
      setupErrorsToBlockErrors('industryGroups', {
        'codes.industryGroups': 'Still in use, so they stay: MANU (used by 3 contacts).',
      }),
    ).toEqual({
      [b.codes]: 'Still in use, so they stay: MANU (used by 3 contacts).',
    });
    expect(setupErrorsToBlockErrors('digest', { 'digest.timeZone': 'Bad zone.' })).toEqual({
      [b.digestTimeZone]: 'Bad zone.',
    });
  });

  it('puts form-wide and unknown errors on the section’s first input block, joining messages', () => {
    expect(setupErrorsToBlockErrors('numbering', { form: 'Someone saved first.', mystery: 'Odd.' })).toEqual({
      [b.prefix]: 'Someone saved first. Odd.',
    });
    expect(setupErrorsToBlockErrors('roles', { nextNo: 'Not here.' })).toEqual({ [b.admins]: 'Not here.' });
    expect(setupErrorsToBlockErrors('territories', { 'codes.industryGroups': 'Other list.' })).toEqual({
      [b.codes]: 'Other list.',
    });
    expect(setupErrorsToBlockErrors('language', { form: '' })).toEqual({});
  });

  it('maps every section’s first block to a block its modal shows', () => {
    // The list of visit types has no inputs (each type has its own modal): its save answers with a notice instead.
    for (const section of setupSections.filter((s) => s !== 'interactionTypes')) {
      const [blockId] = Object.keys(setupErrorsToBlockErrors(section, { form: 'x' }));
      expect(Object.keys(stateOf(section))).toContain(blockId);
    }
  });
});
