import { translator } from '../../src/i18n';
import { addDays, isIsoDate, isoWeekNumber, oneYearAfter, weekOf } from '../../src/services/calendar';
import { parseVisitsQuery } from '../../src/schemas/visits-query';
import { visitPageValue } from '../../src/schemas/button-values';

// A Wednesday.
const today = '2026-11-25';

function ok(text: string, day = today) {
  const result = parseVisitsQuery(text, day, translator('en'));
  if (!result.ok) throw new Error(`expected ok for ${JSON.stringify(text)}, got: ${result.error}`);
  return result;
}

function error(text: string): string {
  const result = parseVisitsQuery(text, today, translator('en'));
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(text)}`);
  return result.error;
}

describe('parseVisitsQuery', () => {
  it('defaults to my visits this week, Monday to Sunday', () => {
    for (const text of ['', 'visits', '  VISITS  ', 'this week', 'visits me this week']) {
      expect(ok(text)).toEqual({
        ok: true,
        who: { kind: 'me' },
        range: { from: '2026-11-23', to: '2026-11-29' },
        label: 'Your visits this week',
      });
    }
  });

  it('knows Sunday and Monday belong to the week that started on the Monday', () => {
    expect(ok('', '2026-11-29').range).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(ok('', '2026-11-23').range).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('reads last week, across a year boundary too', () => {
    expect(ok('last week').range).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(ok('last week').label).toBe('Your visits last week');
    expect(ok('last week', '2027-01-01').range).toEqual({ from: '2026-12-21', to: '2026-12-27' });
  });

  it('reads a mention as someone else, escaped with or without the name', () => {
    expect(ok('visits <@U0KARI|kari> last week')).toMatchObject({
      who: { kind: 'user', userId: 'U0KARI' },
      label: 'Visits by <@U0KARI> last week',
    });
    expect(ok('<@W012ABC>').who).toEqual({ kind: 'user', userId: 'W012ABC' });
  });

  it('reads team and an explicit range, with or without spaces around ..', () => {
    expect(ok('team 2026-11-01..2026-11-30')).toEqual({
      ok: true,
      who: { kind: 'team' },
      range: { from: '2026-11-01', to: '2026-11-30' },
      label: 'Team visits Nov 1, 2026 – Nov 30, 2026',
    });
    expect(ok('2026-11-01 .. 2026-11-30 TEAM').range).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(ok('2026-11-24').range).toEqual({ from: '2026-11-24', to: '2026-11-24' });
  });

  it('accepts a range of exactly 366 days and refuses 367, saying how to ask', () => {
    expect(ok('2024-01-01..2024-12-31').range.to).toBe('2024-12-31');
    const message = error('2024-01-01..2025-01-01');
    expect(message).toContain('367 days');
    expect(message).toContain('at most 366');
    expect(message).toContain('/contact visits 2026-11-01..2026-11-30');
  });

  it('refuses a reversed range with the usage', () => {
    const message = error('2026-11-30..2026-11-01');
    expect(message).toContain('ends before it starts');
    expect(message).toContain('/contact visits last week');
  });

  it('refuses dates that do not exist or are not written YYYY-MM-DD', () => {
    expect(error('2026-02-30..2026-03-05')).toContain('`2026-02-30` is not a date');
    expect(error('2026-1-5')).toContain('YYYY-MM-DD');
  });

  it('refuses unknown words, a plain-text @name, two people and two periods', () => {
    expect(error('next month')).toContain('I didn’t understand `next month`');
    expect(error('@kari')).toContain('pick the person from the list');
    expect(error('team <@U0KARI>')).toContain('one person or the team');
    expect(error('this week last week')).toContain('one period');
  });

  it('throws on a malformed today, which only a bug in the caller can send', () => {
    expect(() => parseVisitsQuery('', '25.11.2026', translator('en'))).toThrow(RangeError);
  });

  it('never echoes markup from what the user typed', () => {
    expect(error('<!channel> `x`')).not.toMatch(/<!channel>|``/);
  });
});

describe('calendar helpers', () => {
  it('validates, adds, finds ISO weeks and a year ahead', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate(20261124)).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(weekOf('2027-01-03')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(isoWeekNumber('2026-11-25')).toBe(48);
    expect(isoWeekNumber('2027-01-01')).toBe(53);
    expect(isoWeekNumber('2024-12-30')).toBe(1);
    expect(oneYearAfter('2026-11-25')).toBe('2027-11-25');
    expect(oneYearAfter('2028-02-29')).toBe('2029-02-28');
  });
});

describe('visit page values', () => {
  it('round-trips and refuses anything else', () => {
    expect(visitPageValue.decode(visitPageValue.encode('65f0c0ffee0000000000000a', 3))).toEqual({
      contactId: '65f0c0ffee0000000000000a',
      page: 3,
    });
    for (const junk of ['', 'nope', '{"c":"x","p":-1}', '{"c":"","p":1}', '{"c":"x","p":1.5}', '[]', undefined, 42]) {
      expect(visitPageValue.decode(junk)).toBeUndefined();
    }
  });
});
