import { MAX_LOOKUPS, readMessage, SCAN_CHARS } from '../../../../src/services/contacts/mention/message-reading';

describe('readMessage', () => {
  it('looks up the uncommon words, those written as names first, folded', () => {
    const reading = readMessage('var innom kunden i dag. Møtte Sjøbris og ÅLESUND Fisk, de vil ha 3 nye pumper');
    expect(reading.lookups).toEqual(['sjobris', 'alesund', 'pumper']);
    expect(reading.words.find((word) => word.word === 'sjobris')).toEqual({ word: 'sjobris', cased: true });
  });

  it('does not take a capital at the start of a sentence or a list item as a name', () => {
    const words = readMessage('Nordlys ringte. Fjellheim også\n- Havbris var der: Mowi ikke').words;
    const cased = words.filter((word) => word.cased).map((word) => word.word);
    expect(cased).toEqual([]);
    expect(readMessage('Vi var hos Nordlys').words.at(-1)).toEqual({ word: 'nordlys', cased: true });
  });

  it('keeps phrases with at least one uncommon word, and name prefixes of two or three words', () => {
    const reading = readMessage('Møte hos Nordlys Maskin AS');
    expect([...reading.phrases.keys()]).toEqual(
      expect.arrayContaining(['nordlys maskin', 'nordlys maskin as', 'hos nordlys maskin as']),
    );
    expect(reading.phrases.has('mote hos')).toBe(false);
    expect(reading.prefixes).toEqual(expect.arrayContaining(['nordlys maskin', 'nordlys maskin as']));
  });

  it('takes out e-mails (also as Slack links), phone numbers and No.s, and drops mentions, links and :emoji:', () => {
    const reading = readMessage(
      '<@U0123> Mail fra <mailto:Kari@Nordlys.no|Kari@Nordlys.no>, ring +47 912 34 567 eller 55 12 34 56 om CT000042 ' +
        ':tada: se <https://nordlys.no/x|nordlys.no> og https://www.example.com/a',
    );
    expect(reading.emails).toEqual(['kari@nordlys.no']);
    expect(reading.phoneKeys).toEqual(expect.arrayContaining(['91234567', '4791234567', '55123456']));
    expect(reading.numbers).toEqual(['ct000042']);
    expect(reading.words.map((word) => word.word)).toEqual(['mail', 'fra', 'ring', 'eller', 'om', 'se', 'og']);
  });

  it('reads only the start of a very long message, with every list capped', () => {
    const words = Array.from({ length: 8_000 }, (_, i) => `Navn${i.toString(36)}x`).join(' ');
    const reading = readMessage(`${words} Nordlys`);
    expect(reading.words.length).toBeLessThanOrEqual(600);
    expect(reading.lookups.length).toBeLessThanOrEqual(MAX_LOOKUPS);
    expect(reading.phrases.size).toBeLessThanOrEqual(300);
    expect(reading.prefixes.length).toBeLessThanOrEqual(40);
    expect(reading.lookups).not.toContain('nordlys');
    expect(readMessage(`${'x '.repeat(SCAN_CHARS)} Nordlys`).lookups).toEqual([]);
  });

  it('finds nothing in emoji, punctuation or nothing at all', () => {
    for (const text of [':tada: :rocket: 🚀🎉', '!!! ??? ...', '', undefined]) {
      const reading = readMessage(text);
      expect(reading.lookups).toEqual([]);
      expect(reading.phrases.size).toBe(0);
    }
  });
});
