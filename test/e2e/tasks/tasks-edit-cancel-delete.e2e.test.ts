import mongoose from 'mongoose';
import { ids } from '../../../src/ids';
import { runIntegrityRound } from '../../../src/jobs/integrity.job';
import { TaskModel } from '../../../src/models/task.model';
import { addDays, todayIn } from '../../../src/services/calendar';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { saveSetupSection } from '../../../src/services/setup/setup.service';
import { completeTask } from '../../../src/services/tasks/task.service';
import { createOpportunity } from '../../../src/services/opportunities/opportunity.service';
import type { Task, TaskInput } from '../../../src/services/tasks/task.types';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import { appHomeOpened, blockActions, eventCallback } from '../../harness/payloads';
import { click, submitView, viewOf, type SentView } from '../../support/contact-flows';
import * as taskFlows from '../../support/task-flows';
import { agendaJobs, TASK_ZONE, taskToday, type TaskBlock, type TaskMessage } from '../../support/task-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

/**
 * Tasks, finishing issue 17: a task row's ⋯ menu (Open contact, Edit, Cancel task) and who may use it; a contact's
 * deletion cancels its open tasks and its restore opens them again (resumed after a crash); the team's figures
 * from kept counts (repaired after a crash); the digest's tasks due next week.
 */
const kontakt = useKontakt();
const ZONE = TASK_ZONE;
const f = ids.task.fields;
const db = () => mongoose.connection.db!;
const jobs = agendaJobs;
let nordlys: Contact;
let kari: Contact;
let fjord: Contact;

type Block = TaskBlock;
type Message = TaskMessage;
const today = taskToday;

beforeEach(async () => {
  for (const user of ['U0001', 'U0002', 'U0BOSS', 'U0OTHER']) kontakt.fake.setUser(user, { tz: ZONE });
  kontakt.fake.setUser('U0ADMIN', { tz: ZONE, is_admin: true });
  nordlys = await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen', salespersonId: 'U0001' });
  kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id });
  fjord = await addContact({ type: 'company', name: 'Fjord Fisk AS', city: 'Ålesund' });
  await saveSetupSection({
    workspaceId: 'T0001',
    userId: 'U0ADMIN',
    section: 'roles',
    version: 0,
    patch: { roles: { admins: ['U0ADMIN'], managers: ['U0BOSS'] } },
  });
});

const seedTask = (input: Partial<TaskInput> = {}, actorId = 'U0001'): Promise<Task> =>
  taskFlows.seedTask(nordlys.id, input, actorId);

const stored = async (task: Pick<Task, 'id'>) => TaskModel.findById(task.id).lean();
const dmsTo = (userId: string) => taskFlows.dmsTo(kontakt, userId);

/** Picks an entry of a task row's ⋯ menu in a DM (default); returns the response_url key for what it answers. */
async function pickMenu(value: string, userId = 'U0001'): Promise<string> {
  const key = `m${Math.random()}`;
  const response = await kontakt.slack.interactive(
    blockActions({
      userId,
      channelId: 'D0001',
      actions: [
        {
          type: 'overflow',
          action_id: ids.task.actions.menu,
          block_id: 'b1',
          selected_option: { text: { type: 'plain_text', text: 'x' }, value },
          action_ts: '1700000000.000100',
        } as never,
      ],
      responseUrl: kontakt.fake.responseUrl(key),
    }),
  );
  expect(response.status).toBe(200);
  return key;
}

const reply = async (key: string) =>
  (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as Message;

async function openedView(before: number): Promise<SentView> {
  const call = await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before);
  return { ...viewOf(call), id: `V0T${before}` };
}

const command = (text: string, userId = 'U0001') => taskFlows.commandReply(kontakt, text, userId);

describe('a task row', () => {
  it('has Done, Snooze and a ⋯ menu with Open contact, Edit task and Cancel task', async () => {
    const task = await seedTask({ dueDate: today() });
    await kontakt.slack.event(eventCallback(appHomeOpened({ userId: 'U0001' })));
    const home = viewOf(await kontakt.fake.waitForCall('views.publish')) as unknown as { blocks: Block[] };
    expect(checkView(home)).toEqual([]);
    const row = home.blocks.find(
      (b) => b.type === 'actions' && JSON.stringify(b).includes(ids.task.actions.done),
    ) as Block;
    expect(row.elements!.map((e) => e.type)).toEqual(['button', 'static_select', 'overflow']);
    const menu = row.elements![2] as { options: { text: { text: string }; value: string }[] };
    expect(menu.options.map((o) => o.text.text)).toEqual(['Open contact', 'Edit task', 'Cancel task']);
    expect(menu.options.map((o) => o.value)).toEqual([`open:${nordlys.id}`, `edit:${task.id}`, `cancel:${task.id}`]);
  });

  it('Open contact in the menu opens the card', async () => {
    const before = kontakt.fake.callsTo('views.open').length;
    await pickMenu(`open:${nordlys.id}`);
    expect(JSON.stringify(await openedView(before))).toContain('Nordlys Maskin AS');
  });
});

describe('Edit task', () => {
  it('opens the task modal filled in, shows every problem in one round, then saves and tells a new assignee', async () => {
    const task = await seedTask({ title: 'Send the offer', dueDate: addDays(today(), 2), dueTime: '10:30' });
    const before = kontakt.fake.callsTo('views.open').length;
    await pickMenu(`edit:${task.id}`);
    const view = await openedView(before);
    expect(view.callback_id).toBe(ids.task.views.edit);
    expect(checkView(view as never)).toEqual([]);
    const json = JSON.stringify(view);
    for (const shown of ['Edit task', 'Send the offer', addDays(today(), 2), '10:30', nordlys.id])
      expect(json).toContain(shown);

    kontakt.fake.setUser('U0BOT', { is_bot: true });
    const bad = await submitView(kontakt, view, {
      [f.title]: '',
      [f.dueDate]: addDays(today(), 800),
      [f.assignee]: 'U0BOT',
    });
    expect(bad?.response_action).toBe('errors');
    expect(Object.keys(bad!.errors!).sort()).toEqual([f.assignee, f.dueDate, f.title].sort());
    expect(await stored(task)).toMatchObject({ title: 'Send the offer', version: 0, assigneeId: 'U0001' });

    const due = addDays(today(), 5);
    const ok = await submitView(kontakt, view, {
      [f.title]: 'Send the revised offer',
      [f.dueDate]: due,
      [f.assignee]: 'U0002',
      [f.contact]: fjord.id,
    });
    expect(ok).toBeUndefined();
    expect(await stored(task)).toMatchObject({
      title: 'Send the revised offer',
      dueDate: due,
      dueTime: '10:30',
      assigneeId: 'U0002',
      contactName: 'Fjord Fisk AS',
      version: 1,
    });
    // The new assignee is told at once; the reminder moves to the new date; the DM the edit came from says so.
    const dm = await kontakt.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U0002');
    expect(JSON.stringify(dm.args)).toContain('Send the revised offer');
    const giveUp = Date.now() + 30_000;
    while (!(await jobs().findOne({ name: 'task-reminder', 'data.taskId': task.id, 'data.dueDate': due }))) {
      if (Date.now() > giveUp) throw new Error('The reminder did not move');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await jobs().countDocuments({ name: 'task-reminder', 'data.taskId': task.id })).toBe(1);
  });

  it('keeps an old due date it did not change, but refuses a task changed since the modal opened', async () => {
    const task = await seedTask({ dueDate: addDays(today(), -40), title: 'Long overdue' });
    const before = kontakt.fake.callsTo('views.open').length;
    await pickMenu(`edit:${task.id}`);
    const view = await openedView(before);
    // Changed meanwhile (version 1): the edit, made on version 0, is refused inline and changes nothing.
    await TaskModel.updateOne({ _id: task.id }, { $set: { priority: 'high' }, $inc: { version: 1 } });
    const stale = await submitView(kontakt, view, { [f.title]: 'Renamed' });
    expect(stale?.errors?.[f.contact]).toContain('changed that task');
    expect(await stored(task)).toMatchObject({ title: 'Long overdue' });
    // Opened again on the current version: a 40-day-old date would be refused as a new date…
    const again = kontakt.fake.callsTo('views.open').length;
    await pickMenu(`edit:${task.id}`);
    const fresh = await openedView(again);
    // …but kept as it was, it is accepted.
    expect(await submitView(kontakt, fresh, { [f.title]: 'Renamed' })).toBeUndefined();
    expect(await stored(task)).toMatchObject({ title: 'Renamed', dueDate: addDays(today(), -40), priority: 'high' });
    const moved = await submitView(kontakt, fresh, { [f.dueDate]: addDays(today(), -41) });
    expect(moved?.errors?.[f.dueDate]).toContain('long past');
  });

  it('is refused to someone not on the task, and for a forged or done task, with a clear message', async () => {
    const task = await seedTask();
    expect((await reply(await pickMenu(`edit:${task.id}`, 'U0OTHER'))).text).toContain('<@U0001>');
    expect((await reply(await pickMenu(`edit:${'0'.repeat(24)}`))).text).toContain('no longer exists');
    expect((await reply(await pickMenu('edit:not-an-id'))).text).toContain('no longer exists');
    await TaskModel.updateOne({ _id: task.id }, { $set: { status: 'done', doneBy: 'U0001', doneAt: new Date() } });
    expect((await reply(await pickMenu(`edit:${task.id}`))).text).toContain('already marked done');
    expect(kontakt.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('a task of another workspace is not found', async () => {
    const task = await seedTask();
    await TaskModel.updateOne({ _id: task.id }, { $set: { workspaceId: 'T0OTHER' } });
    expect((await reply(await pickMenu(`edit:${task.id}`))).text).toContain('no longer exists');
  });
});

describe('Cancel task', () => {
  it('asks first; the assignee cancels: no longer listed or reminded, the DM replaced', async () => {
    const task = await seedTask({ dueDate: addDays(today(), 3) });
    const giveUp = Date.now() + 30_000;
    // The save's reminder (seeded through the service: scheduled here as the listener would).
    await kontakt.running.scheduler.scheduleTaskReminder({
      workspaceId: 'T0001',
      taskId: task.id,
      dueDate: task.dueDate,
      runAt: new Date(Date.now() + 86_400_000),
    });
    const before = kontakt.fake.callsTo('views.open').length;
    const key = await pickMenu(`cancel:${task.id}`);
    const confirm = await openedView(before);
    expect(confirm.callback_id).toBe(ids.task.views.cancel);
    expect(JSON.stringify(confirm)).toContain('Send the offer');
    expect(await stored(task)).toMatchObject({ status: 'open' });
    expect(await submitView(kontakt, confirm, {})).toBeUndefined();
    expect(await stored(task)).toMatchObject({ status: 'cancelled', cancelledBy: 'U0001' });
    const replaced = await reply(key);
    expect(replaced).toMatchObject({ replace_original: true });
    expect(replaced.text).toContain('cancelled');
    while ((await jobs().countDocuments({ name: 'task-reminder', 'data.taskId': task.id })) > 0) {
      if (Date.now() > giveUp) throw new Error('The reminder was not taken back');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await command('tasks')).text).toContain('You have no open tasks');
    // Confirming again (a double submit) changes nothing and says why.
    const twice = await submitView(kontakt, confirm, {});
    expect(twice?.response_action).toBe('update');
    expect(JSON.stringify(twice?.view)).toContain('was cancelled');
  });

  it('a manager may cancel a salesperson’s task; someone else may not', async () => {
    const task = await seedTask();
    expect((await reply(await pickMenu(`cancel:${task.id}`, 'U0OTHER'))).text).toContain('<@U0001>');
    const before = kontakt.fake.callsTo('views.open').length;
    await pickMenu(`cancel:${task.id}`, 'U0BOSS');
    const confirm = await openedView(before);
    // A forged confirmation from someone not on the task is refused at submit too.
    const forged = await submitView(kontakt, confirm, {}, { userId: 'U0OTHER' });
    expect(JSON.stringify(forged?.view)).toContain('<@U0001>');
    expect(await stored(task)).toMatchObject({ status: 'open' });
    expect(await submitView(kontakt, confirm, {}, { userId: 'U0BOSS' })).toBeUndefined();
    expect(await stored(task)).toMatchObject({ status: 'cancelled', cancelledBy: 'U0BOSS' });
  });
});

describe('deleting a contact', () => {
  async function clickFor(actionId: string, value: string, userId: string): Promise<Message> {
    const payload = await click(kontakt, actionId, value, { userId });
    return (await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === payload.response_url))
      .body as unknown as Message;
  }

  it('cancels the open tasks of the company and its persons; Undo within 30 days opens them again', async () => {
    const onCompany = await seedTask({ title: 'Call Nordlys' });
    const onPerson = await seedTask({ title: 'Call Kari', contactId: kari.id, assigneeId: 'U0002' });
    const done = await seedTask({ title: 'Already done' });
    await completeTask('T0001', done.id, { userId: 'U0001', isManager: async () => false });
    const elsewhere = await seedTask({ title: 'Call Fjord', contactId: fjord.id });

    const deleted = await clickFor(ids.actions.deleteContact, nordlys.id, 'U0ADMIN');
    for (const task of [onCompany, onPerson])
      expect(await stored(task)).toMatchObject({ status: 'cancelled', cancelledBy: 'U0ADMIN' });
    expect(await stored(done)).toMatchObject({ status: 'done' });
    expect(await stored(elsewhere)).toMatchObject({ status: 'open' });
    expect((await command('tasks')).text).toContain('Your open task (1)');
    const team = await command('tasks team', 'U0BOSS');
    expect(team.text).toContain('1 open');

    const undo = deleted.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ids.actions.undoDelete);
    await clickFor(ids.actions.undoDelete, undo!.value as string, 'U0ADMIN');
    for (const task of [onCompany, onPerson])
      expect(await stored(task)).toMatchObject({ status: 'open', cancelledBy: null, cancelledFor: null });
    expect(await stored(done)).toMatchObject({ status: 'done' });
    expect((await command('tasks')).text).toContain('Your open tasks (2)');
    expect((await command('tasks team', 'U0BOSS')).text).toContain('3 open');
  });

  it('a deletion stopped after marking its contacts cancels their tasks when the repair job resumes it', async () => {
    const task = await seedTask({ contactId: kari.id });
    // The state a crash after the first step leaves: the intent written, the contact marked, the task still open.
    const at = new Date(Date.now() - 5 * 60_000);
    const { insertedId } = await db()
      .collection('contact_deletions')
      .insertOne({
        workspaceId: 'T0001',
        contactId: new mongoose.Types.ObjectId(kari.id),
        contactNo: kari.no,
        contactName: kari.name,
        type: 'person',
        personIds: [],
        deletedBy: 'U0001',
        deletedAt: at,
        purgeAfter: new Date(at.getTime() + 30 * 86_400_000),
        status: 'pending',
        statusAt: at,
      });
    await db()
      .collection('contacts')
      .updateOne(
        { _id: new mongoose.Types.ObjectId(kari.id) },
        { $set: { deletedAt: at, deletedBy: 'U0001', deletionId: insertedId } },
      );
    expect(await stored(task)).toMatchObject({ status: 'open' });
    await runIntegrityRound({ info: () => undefined, warn: () => undefined });
    expect(await db().collection('contact_deletions').findOne({ _id: insertedId })).toMatchObject({
      status: 'deleted',
    });
    expect(await stored(task)).toMatchObject({ status: 'cancelled', cancelledFor: insertedId });
    // Resumed again (a second round, a retry): nothing more happens.
    await runIntegrityRound({ info: () => undefined, warn: () => undefined });
    expect(await stored(task)).toMatchObject({ status: 'cancelled', version: 1 });
  });
});

describe('/contact tasks team', () => {
  it('counts open and overdue per salesperson as tasks are added, done and re-assigned through Edit', async () => {
    const late = await seedTask({ dueDate: addDays(today(), -3), title: 'Late' });
    await seedTask({ dueDate: addDays(today(), -1), title: 'Late too', assigneeId: 'U0002' });
    const soon = await seedTask({ dueDate: addDays(today(), 2), title: 'Soon' });
    let team = JSON.stringify(await command('tasks team', 'U0BOSS'));
    expect(team).toContain('3 open');
    expect(team).toContain('2 overdue');

    // Done through the button, as the assignee.
    const key = `d${Math.random()}`;
    await kontakt.slack.interactive(
      blockActions({
        userId: 'U0001',
        channelId: 'D0001',
        actions: [{ type: 'button', action_id: ids.task.actions.done, value: late.id, action_ts: '1' } as never],
        responseUrl: kontakt.fake.responseUrl(key),
      }),
    );
    await kontakt.fake.waitForResponse((r) => r.key === key);
    team = JSON.stringify(await command('tasks team', 'U0BOSS'));
    expect(team).toContain('2 open');
    expect(team).toContain('1 overdue');

    // Re-assigned through Edit to U0002, due yesterday: U0002 has two overdue, U0001 none.
    const before = kontakt.fake.callsTo('views.open').length;
    await pickMenu(`edit:${soon.id}`);
    const view = await openedView(before);
    expect(
      await submitView(kontakt, view, { [f.assignee]: 'U0002', [f.dueDate]: addDays(today(), -1) }),
    ).toBeUndefined();
    team = JSON.stringify(await command('tasks team', 'U0BOSS'));
    expect(team).toContain('<@U0002>: 2 open, :warning: 2 overdue');
    expect(team).not.toContain('<@U0001>');
  });

  it('a change whose count was not moved (a crash in between) is recounted by the repair job', async () => {
    await seedTask({ dueDate: addDays(today(), -2) });
    const lost = await seedTask({ dueDate: addDays(today(), 1) });
    // As if the process died after the task's write and before its count: the task is open, marked, not counted.
    await db()
      .collection('task_counts')
      .updateOne({ workspaceId: 'T0001', assigneeId: 'U0001' }, { $inc: { open: -1, [`due.${lost.dueDate}`]: -1 } });
    await db()
      .collection('tasks')
      .updateOne(
        { _id: new mongoose.Types.ObjectId(lost.id) },
        { $set: { countPending: true, updatedAt: new Date(Date.now() - 5 * 60_000) } },
      );
    expect(JSON.stringify(await command('tasks team', 'U0BOSS'))).toContain('1 open');
    await runIntegrityRound({ info: () => undefined, warn: () => undefined });
    expect(JSON.stringify(await command('tasks team', 'U0BOSS'))).toContain('2 open');
    expect(await db().collection('tasks').countDocuments({ workspaceId: 'T0001', countPending: true })).toBe(0);
  });
});

describe('the opportunity card', () => {
  it('shows the deal’s open tasks and Add task, which stores a task belonging to the deal', async () => {
    const created = await createOpportunity({
      workspaceId: 'T0001',
      userId: 'U0001',
      idempotencyKey: 'deal-1',
      input: { contactId: kari.id, description: '20 forklifts', estimatedValue: 1_000_000 } as never,
    });
    if (created.status !== 'saved') throw new Error(JSON.stringify(created));
    const deal = created.opportunity;
    const empty = await command(`opp ${deal.no}`);
    expect(JSON.stringify(empty)).toContain('No open tasks');
    const add = empty.blocks.find(
      (b) => (b as { accessory?: { action_id: string } }).accessory?.action_id === ids.task.actions.addForOpportunity,
    );
    expect(add).toBeDefined();

    const before = kontakt.fake.callsTo('views.open').length;
    await click(kontakt, ids.task.actions.addForOpportunity, deal.id, { userId: 'U0001' });
    const modal = await openedView(before);
    expect(modal.callback_id).toBe(ids.task.views.modal);
    expect(JSON.stringify(modal)).toContain(kari.id);
    expect(
      await submitView(kontakt, modal, { [f.title]: 'Send the forklift offer', [f.dueDate]: addDays(today(), 2) }),
    ).toBeUndefined();
    expect(await TaskModel.findOne({ workspaceId: 'T0001' }).lean()).toMatchObject({
      title: 'Send the forklift offer',
      opportunityId: new mongoose.Types.ObjectId(deal.id),
      contactId: new mongoose.Types.ObjectId(kari.id),
    });
    const card = JSON.stringify(await command(`opp ${deal.no}`));
    expect(card).toContain('Open tasks (1)');
    expect(card).toContain('Send the forklift offer');

    // A forged deal id (or another workspace's) opens nothing.
    const key = await (async () => {
      const payload = await click(kontakt, ids.task.actions.addForOpportunity, '0'.repeat(24), { userId: 'U0001' });
      return payload.response_url;
    })();
    const refused = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === key);
    expect(JSON.stringify(refused.body)).toContain('cannot be found');
    expect(kontakt.fake.callsTo('views.open')).toHaveLength(before + 1);
  });
});

describe('the weekly digest', () => {
  it('lists the open tasks due next week, not the visits’ follow-up dates', async () => {
    const setupRange = await import('../../../src/services/digest/digest-delivery.service');
    const { getWorkspaceSetup } = await import('../../../src/services/setup/setup.service');
    const setup = await getWorkspaceSetup('T0001');
    const week = setupRange.digestWeek(todayIn(setup.digest.timeZone ?? 'UTC'), setup.digest.weekday);
    const nextWeek = addDays(week.to, 3);
    await seedTask({ title: 'Quote for Nordlys', dueDate: nextWeek, assigneeId: 'U0002' });
    const cancelled = await seedTask({ title: 'Dropped', dueDate: nextWeek });
    await TaskModel.updateOne({ _id: cancelled.id }, { $set: { status: 'cancelled' } });
    await seedTask({ title: 'Much later', dueDate: addDays(week.to, 20) });
    await kontakt.running.scheduler.runDigestNow('T0001');
    const call = await kontakt.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0BOSS');
    expect(checkMessage(call.args as never)).toEqual([]);
    const text = JSON.stringify(call.args);
    expect(text).toContain('Tasks due next week (1)');
    expect(text).toContain('<@U0002> · *Quote for Nordlys* · Nordlys Maskin AS (CT000001)');
    expect(text).not.toContain('Dropped');
    expect(text).not.toContain('Much later');
    expect(text).not.toContain('Follow-ups due next week');
    expect(dmsTo('U0BOSS')).toHaveLength(1);
  });
});
