import { parseContactCommand } from '../../src/schemas/contact-command';

describe('parseContactCommand', () => {
  it.each([
    ['', { word: '', rest: '', text: '' }],
    ['   ', { word: '', rest: '', text: '' }],
    ['HELP', { word: 'help', rest: '', text: 'HELP' }],
    ['search  bergen pumps ', { word: 'search', rest: 'bergen pumps', text: 'search  bergen pumps' }],
    ['new\ncompany', { word: 'new', rest: 'company', text: 'new\ncompany' }],
  ])('%j → %j', (text, expected) => {
    expect(parseContactCommand(text)).toEqual(expected);
  });

  it('never throws on what a forger might send', () => {
    expect(parseContactCommand(undefined)).toEqual({ word: '', rest: '', text: '' });
    expect(parseContactCommand({ $ne: 1 })).toEqual({ word: '', rest: '', text: '' });
    expect(parseContactCommand('x '.repeat(10_000)).rest.length).toBeLessThan(4_000);
  });
});
