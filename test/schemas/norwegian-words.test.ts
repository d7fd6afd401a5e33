import { translator } from '../../src/i18n';
import { parseContactCommand } from '../../src/schemas/contact-command';
import { parseSearch } from '../../src/schemas/search-query';
import { parseVisitsQuery } from '../../src/schemas/visits-query';

describe('search filters with Norwegian names', () => {
  it('reads type:firma, poststed:, by:, selger:@ and bransje: as the English filters', () => {
    expect(parseSearch('pumper type:firma poststed:"mo i rana" selger:<@U0KARI|kari> bransje:prod')).toEqual({
      text: 'pumper',
      filters: { type: 'company', city: 'mo i rana', owner: 'U0KARI', industry: 'PROD' },
      problems: [],
      unknownFilters: [],
    });
    expect(parseSearch('by:bergen type:personer').filters).toEqual({ city: 'bergen', type: 'person' });
    expect(parseSearch('type:selskap').filters).toEqual({ type: 'company' });
  });

  it('names a filter it could not read back as the user wrote it', () => {
    expect(parseSearch('selger:kari type:båt').problems).toEqual(['selger:kari', 'type:båt']);
  });

  it('leaves words that only end in a filter name alone', () => {
    expect(parseSearch('abby:bergen').filters).toEqual({});
  });
});

describe('Norwegian words in commands', () => {
  it('keeps Norwegian letters in the subcommand word', () => {
    expect(parseContactCommand('SØK bergen')).toEqual({ word: 'søk', rest: 'bergen', text: 'SØK bergen' });
  });

  it('reads `denne uken` and `forrige uke` in /contact besøk', () => {
    const today = '2026-11-25';
    const lastWeek = parseVisitsQuery('besøk forrige uke', today, translator('nb'));
    expect(lastWeek.ok && lastWeek.range).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    const thisWeek = parseVisitsQuery('team denne uka', today, translator('nb'));
    expect(thisWeek.ok && thisWeek.who).toEqual({ kind: 'team' });
    expect(thisWeek.ok && thisWeek.range).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });
});
