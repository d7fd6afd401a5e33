import { parseContactCommand } from '../../src/schemas/contact-command';

describe('parseContactCommand', () => {
  it.each([
    ['', { word: '', rest: '' }],
    ['   ', { word: '', rest: '' }],
    ['HELP', { word: 'help', rest: '' }],
    ['search  bergen pumps ', { word: 'search', rest: 'bergen pumps' }],
    ['new\ncompany', { word: 'new', rest: 'company' }],
  ])('%j → %j', (text, expected) => {
    expect(parseContactCommand(text)).toEqual(expected);
  });

  it('never throws on what a forger might send', () => {
    expect(parseContactCommand(undefined)).toEqual({ word: '', rest: '' });
    expect(parseContactCommand({ $ne: 1 })).toEqual({ word: '', rest: '' });
    expect(parseContactCommand('x '.repeat(10_000)).rest.length).toBeLessThan(4_000);
  });
});
