import { translator } from '../../../src/i18n';
import type { Visit, VisitTotals } from '../../../src/services/visits/visit.types';
import { visitsReportMessage, type VisitsReportArgs } from '../../../src/views/visit/visits-report.message';
import { checkMessage } from '../../harness/block-kit-checker';
import { longText, visibleText } from '../../fixtures/contact-fixtures';

function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 'v1',
    workspaceId: 'T0TEST',
    contactId: 'c1',
    contactNo: 'CT000043',
    contactName: 'Kari Nordmann',
    companyId: 'c0',
    salespersonId: 'U0KARI',
    typeCode: 'VISIT',
    typeDescription: 'Visit',
    date: '2026-11-24',
    description: 'Crane quote',
    evaluation: 'very_positive',
    attemptFailed: false,
    durationMin: 60,
    cost: 0,
    source: {},
    status: 'logged',
    createdAt: new Date('2026-11-24T10:00:00Z'),
    ...overrides,
  };
}

const totals: VisitTotals = {
  visits: 3,
  failedAttempts: 1,
  byType: [
    { code: 'PHONE', description: 'Phone call', count: 1 },
    { code: 'VISIT', description: 'Visit', count: 2 },
  ],
  bySalesperson: [
    { userId: 'U0OLA', count: 1 },
    { userId: 'U0KARI', count: 2 },
  ],
  byEvaluation: { very_positive: 2, positive: 0, neutral: 1, negative: 0, very_negative: 0 },
};

function report(overrides: Partial<VisitsReportArgs> = {}) {
  return visitsReportMessage(translator('en'), {
    label: 'Team visits this week',
    visits: [
      visit({ id: 'a', date: '2026-11-23' }),
      visit({
        id: 'b',
        date: '2026-11-25',
        typeDescription: 'Phone call',
        salespersonId: 'U0OLA',
        evaluation: 'neutral',
        attemptFailed: true,
      }),
      visit({ id: 'c', date: '2026-11-25', contactName: 'Nordlys Maskin AS', contactNo: 'CT000042' }),
    ],
    total: 3,
    totals,
    range: { from: '2026-11-23', to: '2026-11-29' },
    capped: false,
    ...overrides,
  });
}

describe('visitsReportMessage', () => {
  it('heads with the label and totals, then the days newest first, then totals per type and salesperson', () => {
    const message = report();
    const text = visibleText(message.blocks);
    expect(text.startsWith('*Team visits this week*\n3 visits · 1 failed attempt · Nov 23, 2026 – Nov 29, 2026')).toBe(
      true,
    );
    const wed = text.indexOf('*Wednesday, November 25*');
    const mon = text.indexOf('*Monday, November 23*');
    expect(wed).toBeGreaterThan(0);
    expect(mon).toBeGreaterThan(wed);
    expect(text).toContain(
      '• *Phone call* · <@U0OLA> · Kari Nordmann (CT000043) · :neutral_face: · _failed attempt_ · “Crane quote”',
    );
    expect(text).toContain('*By type*\n• Visit: 2\n• Phone call: 1');
    expect(text).toContain('*By salesperson*\n• <@U0KARI>: 2\n• <@U0OLA>: 1');
    expect(message.text).toBe('Team visits this week: 3 visits · 1 failed attempt');
    expect(checkMessage(message)).toEqual([]);
  });

  it('says when the period has no visits', () => {
    const message = report({
      visits: [],
      total: 0,
      totals: { ...totals, visits: 0, failedAttempts: 0, byType: [], bySalesperson: [] },
    });
    expect(visibleText(message.blocks)).toContain('No visits in this period.');
    expect(checkMessage(message)).toEqual([]);
  });

  it('keeps 5,000 visits within 50 blocks and says how many are not listed', () => {
    const visits = Array.from({ length: 5000 }, (_, i) =>
      visit({
        id: `v${i}`,
        date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        contactName: longText(300),
        contactNo: longText(40),
        typeDescription: longText(200),
        description: longText(3000),
        salespersonId: `U${String(i % 200).padStart(8, '0')}`,
      }),
    );
    const many: VisitTotals = {
      ...totals,
      visits: 6000,
      byType: Array.from({ length: 300 }, (_, i) => ({ code: `T${i}`, description: longText(100), count: i })),
      bySalesperson: Array.from({ length: 200 }, (_, i) => ({ userId: `U${String(i).padStart(8, '0')}`, count: 25 })),
    };
    const message = report({
      visits,
      total: 6000,
      totals: many,
      capped: true,
      range: { from: '2026-01-01', to: '2026-12-31' },
    });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(checkMessage(message)).toEqual([]);
    const text = visibleText(message.blocks);
    expect(text).toMatch(/\d+ more visits are not listed here\. Ask for a shorter range/);
    const listed = (text.match(/^• \*/gm) ?? []).length;
    const notListed = Number(/(\d+) more visits are not listed/.exec(text)?.[1]);
    expect(listed + notListed).toBeGreaterThanOrEqual(6000);
    expect(text).toMatch(/and \d+ more/);
  });

  it('repeats a day’s heading when its visits need more than one section', () => {
    const visits = Array.from({ length: 60 }, (_, i) => visit({ id: `v${i}`, description: longText(400) }));
    const message = report({ visits, total: 60 });
    const text = visibleText(message.blocks);
    expect(text).toContain('*Tuesday, November 24* (continued)');
    expect(checkMessage(message)).toEqual([]);
  });
});
