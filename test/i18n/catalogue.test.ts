import {
  catalogueFails,
  checkCatalogue,
  formatReport,
  modalTitleKeys,
  placeholdersOf,
  unusedKeys,
} from '../../src/i18n/catalogue-check';
import { readSources } from '../../scripts/i18n-sources';

describe('the catalogue (npm run i18n:check)', () => {
  const report = checkCatalogue(readSources());

  it('has every key in every language, the same placeholders, valid messages and short modal titles', () => {
    // The printed report names what is wrong, so a failure here says what to fix.
    expect(catalogueFails(report) ? formatReport(report) : 'ok').toBe('ok');
    expect(report.keys).toBeGreaterThan(500);
  });

  it('finds the modal titles in the views, setup section names included', () => {
    const titles = modalTitleKeys(readSources());
    expect(titles).toContain('contact.modal.titleCreate');
    expect(titles).toContain('visit.modal.titleEdit');
    expect(titles).toContain('setup.section.businessRelations');
    expect(titles).not.toContain('help.title');
  });
});

describe('the check’s rules', () => {
  it('reads placeholders through ICU, plural arguments included and `#` not', () => {
    expect(placeholdersOf('Slettet {name} ({no}).')).toEqual(['name', 'no']);
    expect(placeholdersOf('{count, plural, one {# kontakt} other {# kontakter}} i {city}')).toEqual(['city', 'count']);
    expect(() => placeholdersOf('{count, plural, one {# kontakt}')).toThrow();
  });

  it('counts a key as used when its literal or the prefix it is built from appears', () => {
    const unused = unusedKeys({
      'a.ts': "t('help.title'); t(`count.${noun}`); t(('visit.evaluation.' + e) as MessageKey);",
    });
    expect(unused).not.toContain('help.title');
    expect(unused).not.toContain('count.contact');
    expect(unused).not.toContain('visit.evaluation.neutral');
    expect(unused).toContain('help.intro');
  });

  it('takes a modal title from a `title: plain(…, SLACK.modalTitle)` over several lines', () => {
    const titles = modalTitleKeys({
      'v.ts': "title: plain(\n  t(mode === 'a' ? 'help.intro' : 'help.footer'),\n  SLACK.modalTitle,\n),",
    });
    expect(titles).toContain('help.intro');
    expect(titles).toContain('help.footer');
  });
});
