import { FAKE_USER_TZ } from '../../harness/fake-slack-answers';
import { ids } from '../../../src/ids';
import { TaskModel } from '../../../src/models/task.model';
import { VisitModel } from '../../../src/models/visit.model';
import type { Contact } from '../../../src/services/contacts/contact.types';
import mongoose, { type Types } from 'mongoose';
import { addDays, todayIn, zonedTime } from '../../../src/services/calendar';
import { checkView } from '../../harness/block-kit-checker';
import { messageShortcut, slashCommand } from '../../harness/payloads';
import { click, submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

const v = ids.visitField;
const kontakt = useKontakt();
let nordlys: Contact;
let kari: Contact;

beforeEach(async () => {
  nordlys = await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen' });
  kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id });
});

/** "Log visit" on a message → the modal Kontakt opened. */
async function logFromMessage(text: string, overrides: Record<string, unknown> = {}): Promise<SentView> {
  const payload = messageShortcut({
    callbackId: ids.shortcuts.logVisit,
    message: { text, ts: '1764000000.000100', ...overrides },
    responseUrl: kontakt.fake.responseUrl(),
  });
  expect((await kontakt.slack.interactive(payload)).status).toBe(200);
  const call = await kontakt.fake.waitForCall('views.open');
  expect(call.args.trigger_id).toBe(payload.trigger_id);
  const view = { ...viewOf(call), id: 'V0VISIT' };
  expect(checkView(view)).toEqual([]);
  return view;
}

const today = () => todayIn(FAKE_USER_TZ);

/** Polls `check` until it holds (the scheduling runs after the ack); fails the test after a generous wait. */
async function waitUntil(check: () => Promise<boolean>, patienceMs = 10_000): Promise<void> {
  const giveUp = Date.now() + patienceMs;
  while (!(await check())) {
    if (Date.now() > giveUp) throw new Error('The condition never held');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Log visit on a message', () => {
  it('opens pre-filled with the message, its link, and the contact the message names', async () => {
    const view = await logFromMessage('Met Kari Nordmann today, they want 3 pumps');
    const text = JSON.stringify(view);
    expect(text).toContain('Met Kari Nordmann today, they want 3 pumps');
    expect(text).toContain('https://acme.slack.com/archives/C0001/p1764000000000100');
    expect(text).toContain(kari.id);
    expect(kontakt.fake.callsTo('chat.getPermalink')[0]?.args).toMatchObject({
      channel: 'C0001',
      message_ts: '1764000000.000100',
    });
  });

  it('finds the contact by its No. too, and offers both when the message names two companies', async () => {
    expect(JSON.stringify(await logFromMessage(`Call with ${nordlys.no} went well`))).toContain(nordlys.id);
    kontakt.fake.reset();
    const other = await addContact({ type: 'company', name: 'Fjellheim Bygg AS' });
    const both = await logFromMessage(`${nordlys.no} and ${other.no} met`);
    const choice = both.blocks.find((block) => block.block_id === v.contactChoice);
    expect(JSON.stringify(choice)).toContain(nordlys.id);
    expect(JSON.stringify(choice)).toContain(other.id);
  });

  it('still opens, without the link, when Slack cannot give one', async () => {
    kontakt.fake.failNext('chat.getPermalink', 'message_not_found');
    const view = await logFromMessage('Met Kari Nordmann');
    expect(JSON.stringify(view)).not.toContain('archives/C0001');
  });

  it.each([
    ['a 40,000-character message', 'x'.repeat(40_000)],
    ['an emoji-only message', ':tada: :rocket:'],
    ['a message with only attachments', ''],
  ])('opens a valid modal for %s', async (_label, text) => {
    const view = await logFromMessage(text, text === '' ? { attachments: [{ fallback: 'file.pdf' }] } : {});
    expect(view.callback_id).toBe(ids.views.logVisitModal);
  });

  it('stores the visit with where it came from, confirms in the channel, and stores one visit for a double submit', async () => {
    const view = await logFromMessage('Met Kari Nordmann today, they want 3 pumps');
    const typed = { [v.date]: today(), [v.evaluation]: 'very_positive' };
    const [first, second] = await Promise.all([submitView(kontakt, view, typed), submitView(kontakt, view, typed)]);
    expect(first).toBeUndefined();
    expect(second).toBeUndefined();
    const visits = await VisitModel.find({}).lean();
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({
      workspaceId: 'T0001',
      contactName: 'Kari Nordmann',
      companyName: 'Nordlys Maskin AS',
      salespersonId: 'U0001',
      typeCode: 'VISIT',
      evaluation: 'very_positive',
      attemptFailed: false,
      durationMin: 60,
      description: 'Met Kari Nordmann today, they want 3 pumps',
      source: {
        channelId: 'C0001',
        messageTs: '1764000000.000100',
        permalink: expect.stringContaining('p1764000000000100'),
      },
    });
    const confirmation = await kontakt.fake.waitForCall('chat.postEphemeral');
    expect(confirmation.args).toMatchObject({ channel: 'C0001', user: 'U0001' });
    expect(JSON.stringify(confirmation.args)).toContain('Kari Nordmann');
    expect(kontakt.fake.callsTo('chat.postEphemeral')).toHaveLength(1);
  });

  it('gives inline errors: no contact, a date over a year ahead, a negative duration', async () => {
    const view = await logFromMessage('Nothing to see');
    const ack = await submitView(kontakt, view, { [v.date]: '2099-01-01', [v.duration]: '-5' });
    expect(ack?.response_action).toBe('errors');
    expect(Object.keys(ack?.errors ?? {}).sort()).toEqual([v.contact, v.date, v.duration].sort());
    expect(await VisitModel.countDocuments({})).toBe(0);
  });

  it('refuses a privacy-blocked contact and one of another workspace', async () => {
    const blocked = await addContact({ type: 'company', name: 'Hemmelig AS', privacyBlocked: true });
    const foreign = await addContact({ type: 'company', name: 'Fremmed AS' }, 'T0002');
    const view = await logFromMessage('Met them');
    for (const contact of [blocked, foreign]) {
      const ack = await submitView(kontakt, view, { [v.contact]: contact.id, [v.date]: today() });
      expect(ack?.response_action).toBe('errors');
      expect(Object.keys(ack?.errors ?? {})).toEqual([v.contact]);
    }
    expect(await VisitModel.countDocuments({})).toBe(0);
  });

  it('a follow-up for today saved after 09:00 sends no reminder; one for tomorrow is due at 09:00 tomorrow', async () => {
    // A zone where 09:00 has already passed today: a reminder "due" now would DM the user seconds after saving.
    const zone = ['Pacific/Kiritimati', 'Asia/Tokyo', 'Europe/Oslo', 'America/New_York', 'Pacific/Honolulu'].find(
      (tz) =>
        Number(
          new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', hourCycle: 'h23' }).format(new Date()),
        ) >= 10,
    )!;
    kontakt.fake.setUser('U0001', { tz: zone });
    const jobs = mongoose.connection.collection('agendaJobs');
    const day = todayIn(zone);
    const sameDay = await logFromMessage('Met Kari Nordmann');
    expect(await submitView(kontakt, sameDay, { [v.date]: day, [v.followUp]: day })).toBeUndefined();
    kontakt.fake.reset();
    const nextDay = await logFromMessage('Met Kari Nordmann again');
    expect(
      await submitView(kontakt, { ...nextDay, id: 'V0VISIT2' }, { [v.date]: day, [v.followUp]: addDays(day, 1) }),
    ).toBeUndefined();
    const [today, tomorrow] = await VisitModel.find({}).sort({ createdAt: 1 }).lean();
    // The follow-ups are tasks, reminded as tasks (see test/e2e/tasks).
    const taskOf = async (visit: { _id: Types.ObjectId }) =>
      String((await TaskModel.findOne({ workspaceId: 'T0001', visitId: visit._id }).lean())?._id);
    const [todayTask, tomorrowTask] = [await taskOf(today!), await taskOf(tomorrow!)];
    const reminderOf = (taskId: string) => ({ name: 'task-reminder', 'data.taskId': taskId });
    await waitUntil(async () => (await jobs.countDocuments(reminderOf(tomorrowTask))) === 1);
    const job = await jobs.findOne(reminderOf(tomorrowTask));
    expect(job?.nextRunAt).toEqual(zonedTime(addDays(day, 1), '09:00', zone));
    expect(await jobs.countDocuments(reminderOf(todayTask))).toBe(0);
    expect(await jobs.countDocuments({ name: 'visit-follow-up' })).toBe(0);
    const reminders = kontakt.fake
      .callsTo('chat.postMessage')
      .filter((call) => /Time to follow up|Due today/.test(String(call.args.text)));
    expect(reminders).toEqual([]);
  });
});

describe('other ways in', () => {
  it('the card’s Log visit button opens the modal with that contact picked', async () => {
    await click(kontakt, ids.actions.logVisit, kari.id);
    expect(JSON.stringify(viewOf(await kontakt.fake.waitForCall('views.open')))).toContain(kari.id);
  });

  it('`/contact log kari` picks the one contact it finds', async () => {
    await kontakt.slack.command(slashCommand({ text: 'log kari nordmann', responseUrl: kontakt.fake.responseUrl() }));
    expect(JSON.stringify(viewOf(await kontakt.fake.waitForCall('views.open')))).toContain(kari.id);
  });

  it('the global shortcut opens it with nothing picked', async () => {
    const { globalShortcut } = await import('../../harness/payloads');
    await kontakt.slack.interactive(globalShortcut({ callbackId: ids.shortcuts.logVisitGlobal }));
    const view = viewOf(await kontakt.fake.waitForCall('views.open'));
    expect(view.callback_id).toBe(ids.views.logVisitModal);
    expect(JSON.stringify(view)).not.toContain(kari.id);
  });
});
