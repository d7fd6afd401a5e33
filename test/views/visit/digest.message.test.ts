import type { VisitTotals } from '../../../src/services/visits/visit.types';
import { digestMessage } from '../../../src/views/visit/digest.message';
import { checkMessage } from '../../harness/block-kit-checker';
import { longText, visibleText } from '../../fixtures/contact-fixtures';

const range = { from: '2026-11-16', to: '2026-11-22' };
const totals: VisitTotals = {
  visits: 14,
  failedAttempts: 2,
  byType: [
    { code: 'VISIT', description: 'Visit', count: 9 },
    { code: 'PHONE', description: 'Phone call', count: 5 },
  ],
  bySalesperson: [
    { userId: 'U0OLA', count: 4 },
    { userId: 'U0KARI', count: 10 },
  ],
  byEvaluation: { very_positive: 3, positive: 6, neutral: 4, negative: 1, very_negative: 0 },
};

describe('digestMessage', () => {
  it('summarises the week: salespeople, types, evaluations, first-time contacts, who logged nothing', () => {
    const message = digestMessage({
      range,
      totals,
      firstTimeContacts: [{ name: 'Nordlys Maskin AS', no: 'CT000042' }],
      salespeopleWithoutVisits: ['U0PER', 'U0LISE'],
    });
    const text = visibleText(message.blocks);
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Visits in week 47 · 2026-11-16 – 2026-11-22' },
    });
    expect(text).toContain('14 visits · 2 failed attempts');
    expect(text).toContain('*By salesperson*\n• <@U0KARI>: 10\n• <@U0OLA>: 4');
    expect(text).toContain('*By type*\n• Visit: 9\n• Phone call: 5');
    expect(text).toContain(
      '*Evaluations*\n:star-struck: Very positive: 3\n:slightly_smiling_face: Positive: 6\n:neutral_face: Neutral: 4',
    );
    expect(text).toContain(':disappointed: Very negative: 0');
    expect(text).toContain('*Contacts visited for the first time (1)*\n• Nordlys Maskin AS (CT000042)');
    expect(text).toContain('*Salespeople with no visits (2)*\n<@U0PER>, <@U0LISE>');
    expect(message.text).toBe('Visits in week 47 · 2026-11-16 – 2026-11-22: 14 visits · 2 failed attempts');
    expect(checkMessage(message)).toEqual([]);
  });

  it('says plainly when nobody logged anything', () => {
    const none: VisitTotals = {
      visits: 0,
      failedAttempts: 0,
      byType: [],
      bySalesperson: [],
      byEvaluation: { very_positive: 0, positive: 0, neutral: 0, negative: 0, very_negative: 0 },
    };
    const message = digestMessage({ range, totals: none, firstTimeContacts: [], salespeopleWithoutVisits: ['U0KARI'] });
    const text = visibleText(message.blocks);
    expect(text).toContain('No visits were logged this week.');
    expect(text).not.toContain('Evaluations');
    expect(text).toContain('None this week.');
    expect(checkMessage(message)).toEqual([]);
  });

  it('fits a big team in 50 blocks and Slack’s limits', () => {
    const big: VisitTotals = {
      ...totals,
      visits: 5000,
      byType: Array.from({ length: 300 }, (_, i) => ({ code: `T${i}`, description: longText(200), count: i })),
      bySalesperson: Array.from({ length: 200 }, (_, i) => ({ userId: `U${String(i).padStart(9, '0')}`, count: 25 })),
    };
    const message = digestMessage({
      range,
      totals: big,
      firstTimeContacts: Array.from({ length: 2000 }, (_, i) => ({ name: longText(300), no: `CT${i}` })),
      salespeopleWithoutVisits: Array.from({ length: 200 }, (_, i) => `U${String(i).padStart(9, '1')}`),
    });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(checkMessage(message)).toEqual([]);
    const sections = visibleText(message.blocks).split('\n*');
    // Every long list ends by saying how much of it was left out.
    for (const title of [
      'By salesperson*',
      'By type*',
      'Contacts visited for the first time (2000)*',
      'Salespeople with no visits (200)*',
    ]) {
      expect(sections.find((section) => section.startsWith(title))).toMatch(/_and \d+ more_$/);
    }
  });
});
