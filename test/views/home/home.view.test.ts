import type { Visit, VisitTotals } from '../../../src/services/visits/visit.types';
import { translator } from '../../../src/i18n';
import { homeView, type HomeViewArgs } from '../../../src/views/home/home.view';
import { checkView } from '../../harness/block-kit-checker';
import { buttons, longText, summary, visibleText, worstSummary } from '../../fixtures/contact-fixtures';

function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 'v1',
    workspaceId: 'T0TEST',
    contactId: 'c1',
    contactNo: 'CT000043',
    contactName: 'Kari Nordmann',
    companyId: null,
    salespersonId: 'U0ME',
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

const week = { from: '2026-11-23', to: '2026-11-29' };
const noTotals: VisitTotals = {
  visits: 0,
  failedAttempts: 0,
  byType: [],
  bySalesperson: [],
  byEvaluation: { very_positive: 0, positive: 0, neutral: 0, negative: 0, very_negative: 0 },
};
const myTotals: VisitTotals = {
  ...noTotals,
  visits: 2,
  byType: [{ code: 'VISIT', description: 'Visit', count: 2 }],
  bySalesperson: [{ userId: 'U0ME', count: 2 }],
};

function home(overrides: Partial<HomeViewArgs> = {}) {
  return homeView(translator('en'), {
    userId: 'U0ME',
    myWeek: {
      visits: [
        visit(),
        visit({ id: 'v2', date: '2026-11-25', contactName: 'Nordlys Maskin AS', contactNo: 'CT000042' }),
      ],
      totals: myTotals,
      range: week,
    },
    recentContacts: [summary()],
    isAdmin: false,
    ...overrides,
  });
}

const buttonIds = (view: ReturnType<typeof home>) => buttons(view.blocks).map((b) => b.action_id);

describe('homeView', () => {
  it('greets, offers New contact / Log visit / Search, and no Setup for a salesperson', () => {
    const view = home();
    expect(view.type).toBe('home');
    expect(buttonIds(view).slice(0, 3)).toEqual(['home_new_contact', 'home_log_visit', 'home_search']);
    expect(buttonIds(view)).not.toContain('home_setup');
    expect(visibleText(view.blocks)).toContain('Hi <@U0ME>!');
    expect(checkView(view)).toEqual([]);
  });

  it('adds Setup for admins', () => {
    expect(buttonIds(home({ isAdmin: true }))).toContain('home_setup');
  });

  it('lists my week newest first with totals', () => {
    const text = visibleText(home().blocks);
    expect(text).toContain('Your week');
    expect(text).toContain('2 visits · Nov 23, 2026 – Nov 29, 2026');
    const newer = text.indexOf('Nov 25, 2026 · *Visit* · <@U0ME> · Nordlys Maskin AS (CT000042)');
    expect(newer).toBeGreaterThan(0);
    expect(text.indexOf('Nov 24, 2026 · *Visit* · <@U0ME> · Kari Nordmann (CT000043)')).toBeGreaterThan(newer);
  });

  it('says so when the week is empty and there are no contacts', () => {
    const text = visibleText(
      home({ myWeek: { visits: [], totals: noTotals, range: week }, recentContacts: [] }).blocks,
    );
    expect(text).toContain('No visits logged this week yet.');
    expect(text).toContain('No contacts yet.');
  });

  it('shows recent contacts with View buttons', () => {
    const view = home({
      recentContacts: [
        summary(),
        summary({ id: 'c2', no: 'CT000050', name: 'Fjord AS', type: 'company', companyName: undefined }),
      ],
    });
    expect(
      buttons(view.blocks)
        .filter((b) => b.action_id === 'contact_view')
        .map((b) => b.value),
    ).toEqual(['65f0c0ffee0000000000000c', 'c2']);
    expect(visibleText(view.blocks)).toContain(':office: *Fjord AS* · Bergen · CT000050');
  });

  it('shows the team’s week to managers only', () => {
    expect(visibleText(home().blocks)).not.toContain('Team this week');
    const team = {
      totals: {
        ...myTotals,
        visits: 7,
        bySalesperson: [
          { userId: 'U0ME', count: 2 },
          { userId: 'U0OLA', count: 5 },
        ],
      },
      salespeopleWithoutVisits: ['U0PER'],
    };
    const text = visibleText(home({ team }).blocks);
    expect(text).toContain('Team this week');
    expect(text).toContain('*By salesperson*\n• <@U0OLA>: 5\n• <@U0ME>: 2');
    expect(text).toContain('*By type*\n• Visit: 2');
    expect(text).toContain('*Salespeople with no visits (1)*\n<@U0PER>');
    // Managers come to Home for the team: it is first, right under the buttons.
    expect(text.indexOf('Team this week')).toBeLessThan(text.indexOf('Your week'));
    expect(text.indexOf('Your week')).toBeLessThan(text.indexOf('Recent contacts'));
  });

  it('stays within 100 blocks with 5,000 visits, 200 salespeople and long everything', () => {
    const visits = Array.from({ length: 5000 }, (_, i) =>
      visit({
        id: `v${i}`,
        date: `2026-11-${String(23 + (i % 7))}`,
        contactName: longText(300),
        typeDescription: longText(200),
        description: longText(3000),
      }),
    );
    const big: VisitTotals = {
      ...myTotals,
      visits: 5000,
      byType: Array.from({ length: 300 }, (_, i) => ({ code: `T${i}`, description: longText(200), count: i })),
      bySalesperson: Array.from({ length: 200 }, (_, i) => ({ userId: `U${String(i).padStart(9, '0')}`, count: 25 })),
    };
    const view = home({
      myWeek: { visits, totals: big, range: week },
      recentContacts: Array.from({ length: 50 }, (_, i) => worstSummary(i)),
      team: {
        totals: big,
        salespeopleWithoutVisits: Array.from({ length: 200 }, (_, i) => `U${String(i).padStart(9, '1')}`),
      },
      isAdmin: true,
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(checkView(view)).toEqual([]);
    const text = visibleText(view.blocks);
    expect(text).toContain('4992 more this week: `/contact visits` lists them all.');
    expect(buttons(view.blocks).filter((b) => b.action_id === 'contact_view')).toHaveLength(10);
  });
});
