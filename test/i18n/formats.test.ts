import { t, translator } from '../../src/i18n';

const nb = translator('nb');
const en = translator('en');
const NBSP = '\u00a0';

describe('plurals and numbers', () => {
  it('writes Norwegian counts with a non-breaking space as thousands separator, as Intl does in Node', () => {
    expect(nb.number(1250)).toBe(`1${NBSP}250`);
    expect(nb.count(1250, 'contact')).toBe(`1${NBSP}250 kontakter`);
    expect(nb.count(1, 'contact')).toBe('1 kontakt');
    expect(nb.count(0, 'visit')).toBe('0 besøk');
  });

  it('picks English plural forms and groups with a comma', () => {
    expect(en.count(1, 'contact')).toBe('1 contact');
    expect(en.count(1250, 'contact')).toBe('1,250 contacts');
    expect(en.count(2, 'visit')).toBe('2 visits');
  });

  it('shows a missing placeholder visibly instead of throwing, and never a raw key', () => {
    expect(t('contact.delete.done', { name: 'Nordlys AS' }, 'nb')).toContain('{no}');
    expect(t('contact.delete.done', { name: 'Nordlys AS', no: 'CT000001' }, 'en')).toBe(
      'Deleted Nordlys AS (CT000001).',
    );
  });
});

describe('dates, times and weeks', () => {
  const friday = '2026-12-04';
  it('formats short and long dates in each language', () => {
    expect(nb.date(friday)).toBe('4. des. 2026');
    expect(en.date(friday)).toBe('Dec 4, 2026');
    expect(nb.longDate(friday)).toBe('fredag 4. desember');
    expect(en.longDate(friday)).toBe('Friday, December 4');
  });

  it('shows an instant on the day and clock of the given time zone', () => {
    const lateEvening = new Date('2026-12-04T23:30:00Z'); // already Saturday in Oslo
    expect(nb.date(lateEvening, 'Europe/Oslo')).toBe('5. des. 2026');
    expect(nb.date(lateEvening, 'America/New_York')).toBe('4. des. 2026');
    expect(nb.time(lateEvening, 'Europe/Oslo')).toBe('00:30');
    expect(nb.time(new Date('2026-12-04T13:05:00Z'), 'Europe/Oslo')).toBe('14:05');
    expect(en.time(new Date('2026-12-04T13:05:00Z'), 'Europe/Oslo')).toBe('2:05 PM');
    expect(nb.date(lateEvening, 'Not/AZone')).toBe('4. des. 2026');
  });

  it('numbers ISO weeks that start on Monday', () => {
    expect(nb.week(friday)).toBe('uke 49');
    expect(en.week(friday)).toBe('week 49');
    expect(nb.weekStart(friday)).toBe('2026-11-30');
    expect(nb.weekStart('2026-12-06')).toBe('2026-11-30'); // Sunday belongs to the week before
    expect(nb.weekStart('2026-12-07')).toBe('2026-12-07');
    expect(nb.weekNumber('2027-01-01')).toBe(53); // 2026 has 53 ISO weeks
    expect(nb.weekNumber('2026-01-01')).toBe(1);
    // Sunday 23:30 UTC is Monday in Oslo: the next week there.
    expect(nb.weekNumber(new Date('2026-12-06T23:30:00Z'), 'Europe/Oslo')).toBe(50);
  });
});

describe('sorting by name', () => {
  const names = ['Åsane', 'Bryggen', 'Anders', 'Ørsta', 'Zeta', 'Ærfugl'];
  it('puts Æ, Ø, Å after Z in Norwegian', () => {
    expect(nb.sort(names)).toEqual(['Anders', 'Bryggen', 'Zeta', 'Ærfugl', 'Ørsta', 'Åsane']);
  });
  it('sorts Å with A in English', () => {
    expect(en.sort(names).indexOf('Åsane')).toBeLessThan(en.sort(names).indexOf('Bryggen'));
  });
  it('sorts objects by a key and compares case-insensitively', () => {
    const sorted = nb.sort([{ name: 'åsane' }, { name: 'Bergen' }], (c) => c.name);
    expect(sorted.map((c) => c.name)).toEqual(['Bergen', 'åsane']);
    expect(nb.compare('bergen', 'Bergen')).toBe(0);
  });
});

describe('amounts', () => {
  it('formats currency amounts by the language', () => {
    expect(nb.amount(1250.5, 'NOK')).toBe(`1${NBSP}250,50${NBSP}kr`);
    expect(en.amount(1250.5, 'NOK')).toBe(`NOK${NBSP}1,250.50`);
    expect(en.amount(99, 'EUR')).toBe('€99.00');
  });
});

describe('date input', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  it.each([
    ['4.12.2026', '2026-12-04'],
    ['04.12.26', '2026-12-04'],
    ['4.12', '2026-12-04'],
    ['4.12.', '2026-12-04'],
    ['4/12', '2026-12-04'],
    ['4/12/2026', '2026-12-04'],
    ['2026-12-04', '2026-12-04'],
    [' 29.2.2028 ', '2028-02-29'],
  ])('reads %j as %s', (input, iso) => {
    expect(nb.parseDate(input, { now, timeZone: 'Europe/Oslo' })).toBe(iso);
    expect(en.parseDate(input, { now })).toBe(iso);
  });
  it.each(['31.2.2026', '2026-13-01', '12/31', 'tomorrow', '', '4.12.202', '1.1.1800'])('refuses %j', (input) => {
    expect(nb.parseDate(input, { now })).toBeUndefined();
  });
  it('takes the missing year from the time zone', () => {
    const newYearInOslo = new Date('2026-12-31T23:30:00Z');
    expect(nb.parseDate('4.1', { now: newYearInOslo, timeZone: 'Europe/Oslo' })).toBe('2027-01-04');
    expect(nb.parseDate('4.1', { now: newYearInOslo, timeZone: 'UTC' })).toBe('2026-01-04');
  });
});
