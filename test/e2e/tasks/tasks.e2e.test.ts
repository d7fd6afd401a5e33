import { ids } from '../../../src/ids';
import { ContactModel } from '../../../src/models/contact.model';
import { TaskModel } from '../../../src/models/task.model';
import { VisitModel } from '../../../src/models/visit.model';
import { addDays, todayIn, zonedTime } from '../../../src/services/calendar';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { digestWeek } from '../../../src/services/digest/digest-delivery.service';
import { getWorkspaceSetup, saveSetupSection } from '../../../src/services/setup/setup.service';
import type { Task, TaskInput } from '../../../src/services/tasks/task.types';
import { logVisit } from '../../../src/services/visits/visit.service';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import { appHomeOpened, blockActions, buttonAction, eventCallback, slashCommand } from '../../harness/payloads';
import { click, submitView, viewOf, type SentView } from '../../support/contact-flows';
import * as taskFlows from '../../support/task-flows';
import { agendaJobs, TASK_ZONE, taskToday, type TaskBlock, type TaskMessage } from '../../support/task-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

/** Tasks end to end: the modal and its bad input, the assignee's DM, reminders, Done / Snooze, Home, lists, rights. */
const kontakt = useKontakt();
const ZONE = TASK_ZONE;
const f = ids.task.fields;
let nordlys: Contact;
let kari: Contact;

type Block = TaskBlock;
type Message = TaskMessage;
const today = taskToday;
const jobs = agendaJobs;

beforeEach(async () => {
  for (const user of ['U0001', 'U0002', 'U0BOSS', 'U0OTHER']) kontakt.fake.setUser(user, { tz: ZONE });
  nordlys = await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen' });
  kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id });
  await saveSetupSection({
    workspaceId: 'T0001',
    userId: 'U0ADMIN',
    section: 'roles',
    version: 0,
    patch: { roles: { admins: [], managers: ['U0BOSS'] } },
  });
});

const seedTask = (input: Partial<TaskInput> = {}, actorId = 'U0001', workspaceId = 'T0001'): Promise<Task> =>
  taskFlows.seedTask(nordlys.id, input, actorId, workspaceId);

async function openTaskModal(text: string, userId = 'U0001'): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.open').length;
  await kontakt.slack.command(slashCommand({ text, userId, responseUrl: kontakt.fake.responseUrl() }));
  const call = await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before);
  return { ...viewOf(call), id: `V0TASK${before}` };
}

const command = (text: string, userId = 'U0001') => taskFlows.commandReply(kontakt, text, userId);
const dmsTo = (userId: string) => taskFlows.dmsTo(kontakt, userId);

/** Runs a task's reminder job now, as agenda would at its time, and waits until it has finished. */
async function runReminder(task: Pick<Task, 'id'>, dueDate: string): Promise<void> {
  const started = new Date();
  await kontakt.running.scheduler.scheduleTaskReminder({
    workspaceId: 'T0001',
    taskId: task.id,
    dueDate,
    runAt: started,
  });
  const giveUp = Date.now() + 30_000;
  for (;;) {
    const job = await jobs().findOne({ name: 'task-reminder', 'data.taskId': task.id });
    if (job?.lastFinishedAt && job.lastFinishedAt >= started && !job.lockedAt) return;
    if (Date.now() > giveUp) throw new Error('The reminder job did not run');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for the reminder job a save schedules after its ack. */
async function waitForJob(taskId: string) {
  const giveUp = Date.now() + 30_000;
  for (;;) {
    const job = await jobs().findOne({ name: 'task-reminder', 'data.taskId': taskId });
    if (job) return job;
    if (Date.now() > giveUp) throw new Error('No reminder was scheduled');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Clicks Done (button) or picks a Snooze option, in a DM (default) or a channel message; returns the reply. */
async function clickTask(
  action: { done: string } | { snooze: string },
  options: { userId?: string; teamId?: string; channelId?: string } = {},
): Promise<Message> {
  const key = `c${Math.random()}`;
  const element =
    'done' in action
      ? buttonAction({ actionId: ids.task.actions.done, value: action.done })
      : ({
          type: 'static_select',
          action_id: ids.task.actions.snooze,
          block_id: 'b1',
          selected_option: { text: { type: 'plain_text', text: 'x' }, value: action.snooze },
          action_ts: '1700000000.000100',
        } as never);
  const response = await kontakt.slack.interactive(
    blockActions({
      userId: options.userId ?? 'U0001',
      teamId: options.teamId,
      channelId: options.channelId ?? 'D0001',
      actions: [element],
      responseUrl: kontakt.fake.responseUrl(key),
    }),
  );
  expect(response.status).toBe(200);
  return (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as Message;
}

const fill = (overrides: Record<string, string | null> = {}) => ({
  [f.title]: 'Send the offer for the pumps',
  [f.dueDate]: addDays(today(), 2),
  ...overrides,
});

describe('the task modal', () => {
  it('/contact task <contact> opens it with the contact picked and me as assignee', async () => {
    const view = await openTaskModal('task Nordlys Maskin AS');
    expect(checkView(view)).toEqual([]);
    expect(view.callback_id).toBe(ids.task.views.modal);
    const json = JSON.stringify(view);
    expect(json).toContain(nordlys.id);
    expect(json).toContain('"initial_user":"U0001"');
    // The text was only the contact's name: no title from it.
    expect(json).not.toContain('"initial_value":"Nordlys Maskin AS"');
    const nb = await openTaskModal('oppgave ring Kari Nordmann om pumpene');
    expect(JSON.stringify(nb)).toContain('"initial_value":"ring Kari Nordmann om pumpene"');
  });

  it('assigning to a colleague stores the task and DMs them at once, with Done, Snooze and the ⋯ menu', async () => {
    const view = await openTaskModal('task Nordlys');
    const due = addDays(today(), 3);
    expect(await submitView(kontakt, view, fill({ [f.dueDate]: due, [f.assignee]: 'U0002' }))).toBeUndefined();
    const dm = await kontakt.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U0002');
    const message = dm.args as unknown as Message;
    expect(checkMessage(message)).toEqual([]);
    expect(message.text).toContain('Send the offer for the pumps');
    const controls = message.blocks.find((b) => b.type === 'actions')!.elements!.map((e) => e.action_id);
    // Open contact, Edit and Cancel task are in the ⋯ menu (tasks-edit-cancel-delete.e2e.test.ts).
    expect(controls).toEqual([ids.task.actions.done, ids.task.actions.snooze, ids.task.actions.menu]);
    const stored = await TaskModel.findOne({ workspaceId: 'T0001' }).lean();
    expect(stored).toMatchObject({
      assigneeId: 'U0002',
      createdBy: 'U0001',
      dueDate: due,
      status: 'open',
      contactName: 'Nordlys Maskin AS',
      timeZone: ZONE,
    });
    const job = await waitForJob(stored!._id.toString());
    expect(job.nextRunAt).toEqual(zonedTime(due, '09:00', ZONE));
    expect(job.data.dueDate).toBe(due);
  });

  it('a task for myself sends me no DM about it, only the confirmation', async () => {
    const view = await openTaskModal('task Nordlys');
    expect(await submitView(kontakt, view, fill())).toBeUndefined();
    const confirm = await kontakt.fake.waitForCall('chat.postMessage');
    expect(String(confirm.args.text)).toContain('Task saved');
    expect(await TaskModel.countDocuments({ workspaceId: 'T0001', assigneeId: 'U0001' })).toBe(1);
  });

  it('refuses a bot, a deactivated user and someone of another workspace, with every problem in one round', async () => {
    kontakt.fake.setUser('U0BOT', { is_bot: true });
    kontakt.fake.setUser('U0GONE', { deleted: true });
    kontakt.fake.setUser('U0ELSE', { team_id: 'T0ELSE' });
    const view = await openTaskModal('task Nordlys');
    const far = addDays(today(), 800);
    const bot = await submitView(kontakt, view, fill({ [f.assignee]: 'U0BOT', [f.dueDate]: far, [f.title]: null }));
    expect(bot?.response_action).toBe('errors');
    expect(bot?.errors?.[f.assignee]).toContain('bot');
    expect(bot?.errors?.[f.dueDate]).toContain('two years');
    expect(bot?.errors?.[f.title]).toBeDefined();
    const gone = await submitView(kontakt, view, fill({ [f.assignee]: 'U0GONE' }));
    expect(gone?.errors?.[f.assignee]).toContain('deactivated');
    const foreign = await submitView(kontakt, view, fill({ [f.assignee]: 'U0ELSE' }));
    expect(foreign?.errors?.[f.assignee]).toContain('not in this workspace');
    const past = await submitView(kontakt, view, fill({ [f.dueDate]: addDays(today(), -90) }));
    expect(past?.errors?.[f.dueDate]).toContain('long past');
    expect(await TaskModel.countDocuments({})).toBe(0);
    expect(dmsTo('U0BOT')).toHaveLength(0);
  });

  it('refuses a privacy-blocked or deleted contact inline, storing nothing', async () => {
    const view = await openTaskModal('task Nordlys');
    await ContactModel.updateOne({ _id: nordlys.id }, { $set: { privacyBlocked: true } });
    const blocked = await submitView(kontakt, view, fill());
    expect(blocked?.errors?.[f.contact]).toContain('privacy blocked');
    await ContactModel.updateOne({ _id: nordlys.id }, { $set: { privacyBlocked: false, deletedAt: new Date() } });
    const deleted = await submitView(kontakt, view, fill());
    expect(deleted?.errors?.[f.contact]).toContain('deleted');
    expect(await TaskModel.countDocuments({})).toBe(0);
  });

  it('speaks Norwegian to a Norwegian user', async () => {
    await command('language nb');
    const view = await openTaskModal('oppgave Nordlys');
    expect(view.title?.text).toBe('Ny oppgave');
    const errors = await submitView(kontakt, view, fill({ [f.dueDate]: addDays(today(), 800) }));
    expect(errors?.errors?.[f.dueDate]).toContain('to år');
  });
});

describe('reminders', () => {
  it('the due day brings exactly one reminder, however often the job runs', async () => {
    const task = await seedTask({ dueDate: today() });
    await runReminder(task, today());
    await runReminder(task, today());
    const dms = dmsTo('U0001');
    expect(dms).toHaveLength(1);
    const message = dms[0]!.args as unknown as Message;
    expect(checkMessage(message)).toEqual([]);
    expect(message.text).toContain('Due today: Send the offer');
    expect((await TaskModel.findById(task.id).lean())?.remindedFor).toBe(today());
  });

  it('snooze moves the task and its one reminder to the new date only', async () => {
    const task = await seedTask({ dueDate: today() });
    await runReminder(task, today());
    const reply = await clickTask({ snooze: `tomorrow:${task.id}` });
    expect(reply.replace_original).toBe(true);
    expect(reply.text).toContain('snoozed until');
    const tomorrow = addDays(today(), 1);
    expect((await TaskModel.findById(task.id).lean())?.dueDate).toBe(tomorrow);
    const job = await jobs().findOne({ name: 'task-reminder', 'data.taskId': task.id });
    expect(job?.data.dueDate).toBe(tomorrow);
    expect(job?.nextRunAt).toEqual(zonedTime(tomorrow, '09:00', ZONE));
    kontakt.fake.reset();
    // The old date's reminder is not sent again; the new date's is sent once.
    await runReminder(task, today());
    expect(dmsTo('U0001')).toHaveLength(0);
    await runReminder(task, tomorrow);
    await runReminder(task, tomorrow);
    expect(dmsTo('U0001')).toHaveLength(1);
  });

  it('Done closes the task: no reminder after it, and a second Done is told so', async () => {
    const task = await seedTask({ dueDate: addDays(today(), 1) });
    const done = await clickTask({ done: task.id });
    expect(done.replace_original).toBe(true);
    expect(done.text).toContain('is done');
    expect(await TaskModel.findById(task.id).lean()).toMatchObject({ status: 'done', doneBy: 'U0001', version: 1 });
    expect(await jobs().countDocuments({ name: 'task-reminder', 'data.taskId': task.id })).toBe(0);
    await runReminder(task, addDays(today(), 1));
    expect(dmsTo('U0001')).toHaveLength(0);
    const again = await clickTask({ done: task.id });
    expect(again.text).toContain('already marked done');
    expect((await TaskModel.findById(task.id).lean())?.version).toBe(1);
  });

  it('Done on a task deleted meanwhile, or a forged id, changes nothing and says why', async () => {
    const task = await seedTask();
    await TaskModel.deleteOne({ _id: task.id });
    expect((await clickTask({ done: task.id })).text).toContain('no longer exists');
    const mine = await seedTask();
    const foreign = await clickTask({ done: mine.id }, { teamId: 'T0002' });
    expect(foreign.text).toContain('no longer exists');
    expect((await clickTask({ snooze: 'tomorrow:not-an-id' })).text).toContain('no longer exists');
    expect((await TaskModel.findById(mine.id).lean())?.status).toBe('open');
  });
});

describe('who may change a task', () => {
  it('the assignee, the creator and managers may; anyone else is refused', async () => {
    const task = await seedTask({ assigneeId: 'U0002' }, 'U0001');
    const other = await clickTask({ done: task.id }, { userId: 'U0OTHER' });
    expect(other.text).toContain('Only the person the task is assigned to');
    expect((await TaskModel.findById(task.id).lean())?.status).toBe('open');
    const creator = await clickTask({ snooze: `monday:${task.id}` }, { userId: 'U0001' });
    expect(creator.text).toContain('snoozed');
    const manager = await clickTask({ done: task.id }, { userId: 'U0BOSS' });
    expect(manager.text).toContain('is done');
    expect((await TaskModel.findById(task.id).lean())?.doneBy).toBe('U0BOSS');
  });

  it('lists others’ tasks to managers only', async () => {
    await seedTask({ assigneeId: 'U0002', dueDate: addDays(today(), -2), title: 'Call back' });
    expect((await command('tasks team', 'U0OTHER')).text).toContain('Only managers');
    expect((await command('tasks <@U0002|per>', 'U0OTHER')).text).toContain('Only managers');
    const team = await command('tasks team', 'U0BOSS');
    expect(JSON.stringify(team)).toContain('<@U0002>: 1 open');
    expect(JSON.stringify(team)).toContain('Call back');
    const theirs = await command('oppgaver <@U0002|per> overdue', 'U0BOSS');
    expect(theirs.text).toContain('Overdue tasks of <@U0002> (1)');
  });
});

describe('seeing tasks', () => {
  it('Home lists overdue first (marked), then today and the week, capped with how to see the rest', async () => {
    for (const [days, title] of [
      [-3, 'Late A'],
      [-1, 'Late B'],
      [0, 'Today A'],
      [0, 'Today B'],
      ...Array.from({ length: 8 }, (_, i) => [i + 1 > 7 ? 7 : i + 1, `Week ${i}`] as [number, string]),
      [20, 'Far later'],
    ] as [number, string][])
      await seedTask({ dueDate: addDays(today(), days), title });
    await seedTask({ title: 'Not mine' }, 'U0002');
    await kontakt.slack.event(eventCallback(appHomeOpened({ userId: 'U0001' })));
    const view = viewOf(await kontakt.fake.waitForCall('views.publish')) as unknown as { blocks: Block[] };
    expect(checkView(view)).toEqual([]);
    const json = JSON.stringify(view);
    expect(json).toContain('My tasks');
    const lines = view.blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    const titles = lines.filter((text) => text.includes('Nordlys Maskin AS (CT000001)'));
    expect(titles).toHaveLength(8);
    expect(titles[0]).toContain('Late A');
    expect(titles[0]).toContain(':warning:');
    expect(titles[2]).toContain('Today A');
    expect(json).not.toContain('Far later');
    expect(json).not.toContain('Not mine');
    // 2 overdue + 2 today + 8 this week = 12; 8 shown.
    expect(json).toContain('and 4 more');
    expect(json).toContain('/contact tasks');
    const doneButtons = view.blocks
      .flatMap((b) => b.elements ?? [])
      .filter((e) => e.action_id === ids.task.actions.done);
    expect(doneButtons).toHaveLength(8);
  });

  it('/contact tasks lists mine with buttons, and `overdue` only the late ones', async () => {
    await seedTask({ dueDate: addDays(today(), -1), title: 'Late one' });
    await seedTask({ dueDate: addDays(today(), 30), title: 'Next month' });
    const mine = await command('tasks');
    expect(mine.text).toContain('Your open tasks (2)');
    expect(JSON.stringify(mine)).toContain('Next month');
    const late = await command('tasks overdue');
    expect(late.text).toContain('Your overdue tasks (1)');
    expect(JSON.stringify(late)).not.toContain('Next month');
    expect((await command('tasks sideways')).text).toContain('Usage: `/contact tasks');
  });

  it('the contact card shows its open tasks and offers Add task', async () => {
    await seedTask({ title: 'Send the offer', assigneeId: 'U0002' }, 'U0001');
    await click(kontakt, ids.actions.viewContact, nordlys.id);
    const cardView = viewOf(await kontakt.fake.waitForCall('views.open'));
    const card = JSON.stringify(cardView);
    expect(card).toContain('Open tasks (1)');
    expect(card).toContain('Send the offer');
    expect(card).toContain(ids.task.actions.add);
    // Add task opens the task modal over the card, the contact picked.
    await click(kontakt, ids.task.actions.add, nordlys.id, { view: { ...cardView, id: 'V0CARD' } });
    const modal = viewOf(await kontakt.fake.waitForCall('views.push'));
    expect(modal.callback_id).toBe(ids.task.views.modal);
    expect(JSON.stringify(modal)).toContain(nordlys.id);
  });
});

describe('the weekly digest', () => {
  it('adds, per salesperson, the tasks done in its week and those overdue now', async () => {
    const setup = await getWorkspaceSetup('T0001');
    const week = digestWeek(todayIn(setup.digest.timeZone ?? 'UTC'), setup.digest.weekday);
    const done = await seedTask({ assigneeId: 'U0002', title: 'Sent the offer' });
    await TaskModel.updateOne(
      { _id: done.id },
      { $set: { status: 'done', doneBy: 'U0002', doneAt: new Date(`${week.from}T12:00:00Z`) } },
    );
    await seedTask({ assigneeId: 'U0001', dueDate: addDays(today(), -4), title: 'Call back' });
    await kontakt.running.scheduler.runDigestNow('T0001');
    const call = await kontakt.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0BOSS');
    expect(checkMessage(call.args as never)).toEqual([]);
    const text = JSON.stringify(call.args);
    expect(text).toContain('Tasks: done this week, overdue now');
    expect(text).toContain('<@U0001>: 0 done, :warning: 1 overdue');
    expect(text).toContain('<@U0002>: 1 done');
  });
});

describe('follow-ups', () => {
  it('a visit follow-up becomes a task for the chosen colleague, who is told at once', async () => {
    await kontakt.slack.command(slashCommand({ text: 'log Kari Nordmann', responseUrl: kontakt.fake.responseUrl() }));
    const view = { ...viewOf(await kontakt.fake.waitForCall('views.open')), id: 'V0VISIT' };
    expect(JSON.stringify(view)).toContain('Follow-up task');
    const due = addDays(today(), 2);
    expect(
      await submitView(kontakt, view, {
        [ids.visitField.contact]: kari.id,
        [ids.visitField.date]: today(),
        [ids.visitField.followUp]: due,
        [f.followUpTitle]: 'Call back about the pumps',
        [f.followUpAssignee]: 'U0002',
      }),
    ).toBeUndefined();
    await kontakt.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U0002');
    const visit = await VisitModel.findOne({ workspaceId: 'T0001' }).lean();
    expect(await TaskModel.findOne({ workspaceId: 'T0001' }).lean()).toMatchObject({
      title: 'Call back about the pumps',
      assigneeId: 'U0002',
      dueDate: due,
      visitId: visit!._id,
    });
    // Reminded as a task, not as a visit follow-up.
    expect(await jobs().countDocuments({ name: 'visit-follow-up' })).toBe(0);
  });

  it('a bot as the follow-up’s assignee is refused before the visit is stored', async () => {
    kontakt.fake.setUser('U0BOT', { is_bot: true });
    await kontakt.slack.command(slashCommand({ text: 'log Kari Nordmann', responseUrl: kontakt.fake.responseUrl() }));
    const view = { ...viewOf(await kontakt.fake.waitForCall('views.open')), id: 'V0VISIT2' };
    const answer = await submitView(kontakt, view, {
      [ids.visitField.contact]: kari.id,
      [ids.visitField.date]: today(),
      [ids.visitField.followUp]: addDays(today(), 2),
      [f.followUpAssignee]: 'U0BOT',
    });
    expect(answer?.errors?.[f.followUpAssignee]).toContain('bot');
    expect(await VisitModel.countDocuments({})).toBe(0);
    expect(await TaskModel.countDocuments({})).toBe(0);
  });

  it('the migration turns open visit follow-ups into tasks once, and takes back their old reminders', async () => {
    const log = async (followUpDate: string) => {
      const result = await logVisit({
        workspaceId: 'T0001',
        userId: 'U0001',
        input: {
          contactId: kari.id,
          typeCode: 'VISIT',
          date: today(),
          description: 'Met Kari',
          evaluation: 'neutral',
          successful: true,
          followUpDate,
        },
        idempotencyKey: `old:${Math.random()}`,
      });
      if (result.status !== 'saved') throw new Error(JSON.stringify(result));
      return result.visit;
    };
    const open = await log(addDays(today(), 2));
    const handled = await log(addDays(today(), 3));
    await VisitModel.updateOne({ _id: handled.id }, { $set: { followUpDoneAt: new Date() } });
    await kontakt.running.scheduler.scheduleFollowUp({
      workspaceId: 'T0001',
      visitId: open.id,
      userId: 'U0001',
      runAt: zonedTime(addDays(today(), 2), '09:00', ZONE),
    });
    expect(await kontakt.running.migrateFollowUps()).toBe(1);
    expect(await kontakt.running.migrateFollowUps()).toBe(0);
    const tasks = await TaskModel.find({ workspaceId: 'T0001' }).lean();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ assigneeId: 'U0001', dueDate: addDays(today(), 2), status: 'open' });
    expect(tasks[0]!.title).toContain('Follow up');
    expect(await jobs().countDocuments({ name: 'visit-follow-up' })).toBe(0);
    expect(await jobs().countDocuments({ name: 'task-reminder', 'data.taskId': tasks[0]!._id.toString() })).toBe(1);
  });
});
