import { translator } from '../../../src/i18n';
import type { Visit, VisitTotals } from '../../../src/services/visits/visit.types';
import { teamReportMessage } from '../../../src/views/visit/team-report.message';
import { checkMessage } from '../../harness/block-kit-checker';
import { longText, visibleText } from '../../fixtures/contact-fixtures';

const en = translator('en');
const range = { from: '2026-11-23', to: '2026-11-29' };

function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 'v1',
    workspaceId: 'T0TEST',
    contactId: 'c1',
    contactNo: 'CT000043',
    contactName: 'Kari Nordmann',
    companyId: null,
    salespersonId: 'U0KARI',
    typeCode: 'VISIT',
    typeDescription: 'Visit',
    date: '2026-11-24',
    description: 'Crane quote',
    evaluation: 'positive',
    attemptFailed: false,
    durationMin: 60,
    cost: 0,
    source: {},
    status: 'logged',
    createdAt: new Date('2026-11-24T10:00:00Z'),
    ...overrides,
  };
}

function totalsOf(visits: Visit[]): VisitTotals {
  const logged = visits.filter((v) => v.status === 'logged');
  const people = new Map<string, { count: number; failedAttempts: number }>();
  for (const v of logged) {
    const p = people.get(v.salespersonId) ?? { count: 0, failedAttempts: 0 };
    p.count += 1;
    if (v.attemptFailed) p.failedAttempts += 1;
    people.set(v.salespersonId, p);
  }
  return {
    visits: logged.length,
    failedAttempts: logged.filter((v) => v.attemptFailed).length,
    byType: [{ code: 'VISIT', description: 'Visit', count: logged.length }],
    bySalesperson: [...people]
      .map(([userId, p]) => ({ userId, ...p }))
      .sort((a, b) => b.count - a.count || a.userId.localeCompare(b.userId)),
    byEvaluation: { very_positive: 0, positive: logged.length, neutral: 0, negative: 0, very_negative: 0 },
  };
}

const report = (visits: Visit[], total = visits.length) =>
  teamReportMessage(en, {
    label: 'Team visits this week',
    visits,
    total,
    totals: totalsOf(visits),
    range,
    capped: total > visits.length,
  });

describe('teamReportMessage', () => {
  it('groups by salesperson, most visits first, each with their visits, an Open week button and Open a visit…', () => {
    const visits = [
      visit(),
      visit({ id: 'v2', salespersonId: 'U0OLA', contactName: 'Fjord AS', attemptFailed: true, evaluation: 'negative' }),
      visit({ id: 'v3', salespersonId: 'U0OLA', date: '2026-11-25', contactName: 'Nordlys Maskin AS' }),
      visit({ id: 'v4', salespersonId: 'U0OLA', date: '2026-11-26', status: 'cancelled', contactName: 'Gone AS' }),
    ];
    const message = report(visits);
    expect(checkMessage(message)).toEqual([]);
    const text = visibleText(message.blocks);
    expect(text.indexOf('*<@U0OLA>* · 2 visits · 1 failed attempt')).toBeGreaterThan(0);
    expect(text.indexOf('*<@U0KARI>* · 1 visit')).toBeGreaterThan(text.indexOf('<@U0OLA>'));
    expect(text).toContain(
      '• Tuesday, November 24 · *Visit* · Fjord AS (CT000043) · :slightly_frowning_face: Negative · _failed attempt_ · “Crane quote”',
    );
    expect(text).toContain('• Thursday, November 26 · ~*Visit* · Gone AS (CT000043)');
    expect(text).toContain('~ _cancelled_');
    const actions = message.blocks.filter((b) => b.type === 'actions') as unknown as {
      elements: Record<string, unknown>[];
    }[];
    expect(actions).toHaveLength(2);
    const ola = actions[0]!.elements;
    expect(ola[0]).toMatchObject({
      action_id: 'visits_open_week',
      value: JSON.stringify({ u: 'U0OLA', f: '2026-11-23', t: '2026-11-29' }),
    });
    expect(ola[1]).toMatchObject({ type: 'static_select', action_id: 'visits_open_visit' });
    expect((ola[1]!.options as { value: string }[]).map((o) => o.value)).toEqual(['v4', 'v3', 'v2']);
  });

  it('stays within 50 blocks with 60 salespeople and 200 long visits, saying what is left out', () => {
    const visits = Array.from({ length: 200 }, (_, i) =>
      visit({
        id: `v${i}`,
        salespersonId: `U${String(i % 60).padStart(9, '0')}`,
        contactName: longText(300),
        description: longText(3000),
        typeDescription: longText(200),
      }),
    );
    const message = report(visits, 500);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(checkMessage(message)).toEqual([]);
    const text = visibleText(message.blocks);
    expect(text).toContain('*38 more salespeople*');
    expect(text).toContain('300 more visits are not listed');
  });

  it('says so when the team logged nothing', () => {
    const text = visibleText(report([]).blocks);
    expect(text).toContain('No visits in this period.');
  });
});
