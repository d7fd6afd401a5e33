import { englishWordsIn, shownText } from '../support/english-words';

describe('englishWordsIn', () => {
  it('finds the listed English words as whole words, lower-case ones also capitalised', () => {
    expect(englishWordsIn('Save the Visit · 3 contacts · This week')).toEqual([
      'Visit',
      'Save',
      'contacts',
      'this week',
    ]);
    expect(englishWordsIn('Post Code')).toEqual(['Post Code']);
  });

  it('finds nothing in Norwegian, nor in words that only start like an English one', () => {
    expect(englishWordsIn('Lagre besøket · 3 kontakter · denne uken · Navn, Poststed, Selger, Søk')).toEqual([]);
    expect(englishWordsIn('Visitor names · Searching · visitsrapport')).toEqual([]);
  });
});

describe('shownText', () => {
  it('reads plain_text and mrkdwn texts and a message’s own text, not ids or values', () => {
    const text = shownText({
      text: 'Varsel',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hei' }, block_id: 'Search' }],
    });
    expect(text.split('\n').sort()).toEqual(['Hei', 'Varsel']);
  });
});
