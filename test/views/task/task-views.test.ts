import { translator } from '../../../src/i18n';
import { ids } from '../../../src/ids';
import { parseTaskModal } from '../../../src/schemas/task-modal';
import { snoozeValue } from '../../../src/schemas/task-values';
import { parseTasksQuery } from '../../../src/schemas/tasks-query';
import { zonedTime } from '../../../src/services/calendar';
import { dueDateProblem, snoozedDate, taskReminderAt } from '../../../src/services/tasks/task-dates';
import type { Task } from '../../../src/services/tasks/task.types';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import { taskLine } from '../../../src/views/task/task-format';
import { HOME_TASKS, taskHomeBlocks } from '../../../src/views/task/task-home';
import { taskListMessage } from '../../../src/views/task/task-list.message';
import { taskReminderMessage } from '../../../src/views/task/task-messages';
import { taskModal } from '../../../src/views/task/task-modal.view';

const en = translator('en');
const nb = translator('nb');
const TODAY = '2026-12-07'; // a Monday

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: '65f0c0ffee00000000000001',
    workspaceId: 'T0001',
    title: 'Send the offer',
    contactId: '65f0c0ffee0000000000000a',
    contactNo: 'CT000001',
    contactName: 'Nordlys Maskin AS',
    opportunityId: null,
    visitId: null,
    assigneeId: 'U0001',
    createdBy: 'U0001',
    dueDate: TODAY,
    dueTime: null,
    timeZone: 'Europe/Oslo',
    priority: 'normal',
    status: 'open',
    doneAt: null,
    doneBy: null,
    note: '',
    remindedFor: null,
    version: 0,
    createdAt: new Date(),
    ...overrides,
  };
}

describe('task dates', () => {
  it('refuses due dates over 30 days past or over two years ahead', () => {
    expect(dueDateProblem('2026-11-06', TODAY)).toBe('tooEarly');
    expect(dueDateProblem('2026-11-07', TODAY)).toBeUndefined();
    expect(dueDateProblem('2028-12-07', TODAY)).toBeUndefined();
    expect(dueDateProblem('2028-12-08', TODAY)).toBe('tooLate');
  });

  it('snoozes to tomorrow or the next Monday (a week on from a Monday)', () => {
    expect(snoozedDate('tomorrow', TODAY)).toBe('2026-12-08');
    expect(snoozedDate('monday', TODAY)).toBe('2026-12-14');
    expect(snoozedDate('monday', '2026-12-13')).toBe('2026-12-14');
  });

  it('reminds at 09:00 (or the due time) in the task’s zone, never for a moment gone by', () => {
    const now = new Date('2026-12-07T06:00:00Z');
    expect(taskReminderAt(task(), now)).toEqual(zonedTime(TODAY, '09:00', 'Europe/Oslo'));
    expect(taskReminderAt(task({ dueTime: '14:30' }), now)).toEqual(zonedTime(TODAY, '14:30', 'Europe/Oslo'));
    expect(taskReminderAt(task(), new Date('2026-12-07T12:00:00Z'))).toBeUndefined();
  });
});

describe('payload values', () => {
  it('reads a snooze option and refuses anything else', () => {
    const id = '65f0c0ffee00000000000001';
    expect(snoozeValue.decode(snoozeValue.encode('monday', id))).toEqual({ choice: 'monday', taskId: id });
    for (const bad of ['later:' + id, 'tomorrow:xyz', `tomorrow:${id}:x`, 42, undefined])
      expect(snoozeValue.decode(bad)).toBeUndefined();
  });

  it('reads `/contact tasks` words in both languages', () => {
    expect(parseTasksQuery('', en)).toEqual({ ok: true, who: { kind: 'me' }, overdue: false });
    expect(parseTasksQuery('teamet forfalt', nb)).toEqual({ ok: true, who: { kind: 'team' }, overdue: true });
    expect(parseTasksQuery('<@U0002|per> overdue', en)).toEqual({
      ok: true,
      who: { kind: 'user', userId: 'U0002' },
      overdue: true,
    });
    expect(parseTasksQuery('team <@U0002>', en).ok).toBe(false);
  });
});

describe('the task modal', () => {
  it('is valid Block Kit, me as assignee, Normal priority', () => {
    const view = taskModal(en, { userId: 'U0001', today: TODAY, privateMetadata: '{}' });
    expect(checkView(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain('"initial_user":"U0001"');
  });

  it('lists every problem at once, by block', () => {
    const result = parseTaskModal({}, { today: TODAY, tr: en });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const f = ids.task.fields;
    expect(Object.keys(result.errors).sort()).toEqual([f.assignee, f.contact, f.dueDate, f.title].sort());
  });
});

describe('task surfaces', () => {
  it('marks an overdue task and says since when', () => {
    const line = taskLine(en, task({ dueDate: '2026-12-04', priority: 'high' }), { today: TODAY });
    expect(line).toContain('🔴 *Send the offer*');
    expect(line).toContain(':warning: *overdue since Dec 4, 2026 (3 days)*');
    expect(taskLine(nb, task({ dueDate: '2026-12-08' }), { today: TODAY })).toContain('forfaller i morgen');
  });

  it('caps Home at HOME_TASKS with how many more and where to see them', () => {
    const tasks = Array.from({ length: HOME_TASKS }, (_, i) => task({ id: `65f0c0ffee0000000000001${i}` }));
    const blocks = taskHomeBlocks(en, { tasks, overdue: 0, today: 20, week: 5 }, TODAY);
    const text = JSON.stringify(blocks);
    expect(text).toContain('and 17 more');
    expect(text).toContain('/contact tasks');
    expect(checkView({ type: 'home', blocks })).toEqual([]);
    expect(JSON.stringify(taskHomeBlocks(nb, { tasks: [], overdue: 0, today: 0, week: 0 }, TODAY))).toContain(
      'Ingenting forfaller',
    );
  });

  it('the reminder and the list are valid messages with Done, Snooze and Open contact', () => {
    const reminder = taskReminderMessage(en, task({ note: 'Ask for Kari' }), { today: TODAY });
    expect(checkMessage(reminder)).toEqual([]);
    const list = taskListMessage(en, { overdue: false, tasks: [task()], total: 1, today: TODAY });
    expect(checkMessage(list)).toEqual([]);
    expect(list.text).toBe('Your open task (1)');
  });
});
