import { contactOption, contactOptions } from '../../../src/views/contact/contact-option';
import { checkOptions } from '../../harness/block-kit-checker';
import { longText, summary, worstSummary } from '../../fixtures/contact-fixtures';

const chars = (text: string) => [...text].length;

describe('contactOption', () => {
  it('names the person, their company and the No.; the value is the contact id', () => {
    expect(contactOption(summary({ id: 'abc123', name: 'Kari Nordmann', no: 'CT000042' }))).toEqual({
      text: { type: 'plain_text', text: 'Kari Nordmann — Nordlys Maskin AS (CT000042)', emoji: true },
      value: 'abc123',
    });
  });

  it('leaves the company out when there is none (companies, independent persons)', () => {
    const option = contactOption(
      summary({ type: 'company', name: 'Nordlys Maskin AS', no: 'CT000001', companyName: undefined }),
    );
    expect(option.text.text).toBe('Nordlys Maskin AS (CT000001)');
  });

  it('shortens both names, never the No., to fit 75 characters', () => {
    const option = contactOption(
      summary({ name: 'K'.repeat(100), companyName: 'C'.repeat(100), no: 'CT000000000000000042' }),
    );
    expect(chars(option.text.text)).toBeLessThanOrEqual(75);
    expect(option.text.text).toMatch(/^K+… — C+… \(CT000000000000000042\)$/);
  });

  it('keeps a short company whole and shortens only the long name', () => {
    const option = contactOption(summary({ name: 'K'.repeat(100), companyName: 'Nordlys AS', no: 'CT000042' }));
    expect(option.text.text).toMatch(/^K+… — Nordlys AS \(CT000042\)$/);
    expect(chars(option.text.text)).toBe(75);
  });

  it('keeps a short name whole and shortens a long company', () => {
    const option = contactOption(summary({ name: 'Kari', companyName: 'C'.repeat(100), no: 'CT000042' }));
    expect(option.text.text).toMatch(/^Kari — C+… \(CT000042\)$/);
  });

  it('counts emoji as Slack does (one character each) and does not split them', () => {
    const option = contactOption(summary({ name: '😀'.repeat(100), companyName: undefined, no: 'CT1' }));
    expect(chars(option.text.text)).toBeLessThanOrEqual(75);
    expect(option.text.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('contactOptions', () => {
  it('answers a typeahead with at most 100 options Slack accepts, even for the longest names', () => {
    const reply = contactOptions(Array.from({ length: 150 }, (_, i) => worstSummary(i)));
    expect(reply.options).toHaveLength(100);
    expect(checkOptions(reply)).toEqual([]);
    for (const [i, option] of reply.options.entries())
      expect(option.text.text.endsWith(`(${worstSummary(i).no})`)).toBe(true);
  });

  it('answers no match with an empty list', () => {
    expect(contactOptions([])).toEqual({ options: [] });
    expect(checkOptions(contactOptions([]))).toEqual([]);
  });

  it('keeps the order the search ranked', () => {
    const reply = contactOptions([summary({ id: 'a', name: longText(5) }), summary({ id: 'b' })]);
    expect(reply.options.map((o) => o.value)).toEqual(['a', 'b']);
  });
});
