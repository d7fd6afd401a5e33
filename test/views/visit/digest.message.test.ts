import { translator } from '../../../src/i18n';
import type { Task } from '../../../src/services/tasks/task.types';
import type { Visit, VisitTotals } from '../../../src/services/visits/visit.types';
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

const en = translator('en');
const quiet = { highlights: { best: [], worst: [] }, tasksNextWeek: { tasks: [], total: 0 } };

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: 't1',
    workspaceId: 'T0TEST',
    title: 'Send the offer',
    contactId: 'c1',
    contactNo: 'CT000050',
    contactName: 'Bergen Bygg AS',
    opportunityId: null,
    visitId: null,
    assigneeId: 'U0KARI',
    createdBy: 'U0KARI',
    dueDate: '2026-11-24',
    dueTime: null,
    timeZone: 'Europe/Oslo',
    priority: 'normal',
    status: 'open',
    doneAt: null,
    doneBy: null,
    note: '',
    remindedFor: null,
    version: 0,
    createdAt: new Date('2026-11-20T10:00:00Z'),
    ...overrides,
  };
}

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
    date: '2026-11-18',
    description: 'Signed the service deal',
    evaluation: 'very_positive',
    attemptFailed: false,
    durationMin: 60,
    cost: 0,
    source: {},
    status: 'logged',
    createdAt: new Date('2026-11-18T10:00:00Z'),
    ...overrides,
  };
}

describe('digestMessage', () => {
  it('leads with highlights: best and worst visits, tasks due next week, and a button for the full report', () => {
    const message = digestMessage(en, {
      range,
      totals,
      firstTimeContacts: [{ name: 'Nordlys Maskin AS', no: 'CT000042' }],
      salespeopleWithoutVisits: [],
      highlights: {
        best: [visit()],
        worst: [
          visit({
            id: 'v2',
            evaluation: 'negative',
            attemptFailed: true,
            salespersonId: 'U0OLA',
            contactName: 'Fjord AS',
            description: 'Nobody there',
          }),
        ],
      },
      tasksNextWeek: { tasks: [task()], total: 1 },
    });
    const text = visibleText(message.blocks);
    expect(text).toContain(
      '*Best visits*\n• Wednesday, November 18 · *Visit* · <@U0KARI> · Kari Nordmann (CT000043) · :star-struck: Very positive · “Signed the service deal”',
    );
    expect(text).toContain(
      '*Visits that went badly*\n• Wednesday, November 18 · *Visit* · <@U0OLA> · Fjord AS (CT000043)',
    );
    expect(text).toContain(':slightly_frowning_face: Negative · _failed attempt_');
    expect(text).toContain(
      '*Tasks due next week (1)*\n• Tuesday, November 24 · <@U0KARI> · *Send the offer* · Bergen Bygg AS (CT000050)',
    );
    expect(text.indexOf('Best visits')).toBeLessThan(text.indexOf('By salesperson'));
    const actions = message.blocks.filter((block) => block.type === 'actions');
    expect(actions).toHaveLength(1);
    // Read-only: the one button opens the team report for the digest's week; nothing in it changes data.
    expect(JSON.stringify(actions)).toContain('"action_id":"visits_open_team"');
    expect(JSON.stringify(actions)).toContain(
      JSON.stringify(JSON.stringify({ f: '2026-11-16', t: '2026-11-22' })).slice(1, -1),
    );
    expect(checkMessage(message)).toEqual([]);
  });

  it('summarises the week: salespeople, types, evaluations, first-time contacts, who logged nothing', () => {
    const message = digestMessage(en, {
      range,
      totals,
      firstTimeContacts: [{ name: 'Nordlys Maskin AS', no: 'CT000042' }],
      salespeopleWithoutVisits: ['U0PER', 'U0LISE'],
      ...quiet,
    });
    const text = visibleText(message.blocks);
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Visits in week 47 · Nov 16, 2026 – Nov 22, 2026' },
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
    expect(message.text).toBe('Visits in week 47 · Nov 16, 2026 – Nov 22, 2026: 14 visits · 2 failed attempts');
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
    const message = digestMessage(en, {
      range,
      totals: none,
      firstTimeContacts: [],
      salespeopleWithoutVisits: ['U0KARI'],
      ...quiet,
    });
    const text = visibleText(message.blocks);
    expect(text).toContain('No visits were logged this week.');
    expect(text).not.toContain('Evaluations');
    expect(text).toContain('None this week.');
    expect(text).toContain('No open tasks are due next week.');
    expect(text).not.toContain('Best visits');
    expect(checkMessage(message)).toEqual([]);
  });

  it('fits a big team in 50 blocks and Slack’s limits', () => {
    const big: VisitTotals = {
      ...totals,
      visits: 5000,
      byType: Array.from({ length: 300 }, (_, i) => ({ code: `T${i}`, description: longText(200), count: i })),
      bySalesperson: Array.from({ length: 200 }, (_, i) => ({ userId: `U${String(i).padStart(9, '0')}`, count: 25 })),
    };
    const message = digestMessage(en, {
      range,
      totals: big,
      highlights: { best: [visit({ description: longText(3000), contactName: longText(300) })], worst: [] },
      tasksNextWeek: {
        tasks: Array.from({ length: 20 }, (_, i) =>
          task({ id: `t${i}`, title: longText(300), contactName: longText(300) }),
        ),
        total: 35,
      },
      firstTimeContacts: Array.from({ length: 2000 }, (_, i) => ({ name: longText(300), no: `CT${i}` })),
      salespeopleWithoutVisits: Array.from({ length: 200 }, (_, i) => `U${String(i).padStart(9, '1')}`),
    });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(checkMessage(message)).toEqual([]);
    // The text of the blocks before the closing button.
    const sections = visibleText(message.blocks)
      .replace(/\nOpen the full report$/, '')
      .split('\n*');
    // Every long list ends by saying how much of it was left out.
    for (const title of [
      'By salesperson*',
      'By type*',
      'Contacts visited for the first time (2000)*',
      'Tasks due next week (35)*',
      'Salespeople with no visits (200)*',
    ]) {
      expect(sections.find((section) => section.startsWith(title))).toMatch(/_and \d+ more_$/);
    }
  });
});
