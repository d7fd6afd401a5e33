import mongoose from 'mongoose';
import { ids } from '../../../src/ids';
import { VisitModel } from '../../../src/models/visit.model';
import { addDays, todayIn, zonedTime } from '../../../src/services/calendar';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { checkMessage } from '../../harness/block-kit-checker';
import { logVisit } from '../../../src/services/visits/visit.service';
import { click, viewOf } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

/** The follow-up reminder DM of visits from before tasks, and its buttons: Done, Snooze (tomorrow), Log follow-up. */
const kontakt = useKontakt();
const ZONE = 'Europe/Oslo';
let kari: Contact;

interface Message {
  text: string;
  blocks: { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[];
  replace_original?: boolean;
}

/**
 * A visit to Kari with a follow-up tomorrow, logged by U0001 before follow-ups were tasks (the visit service alone:
 * no task, as the visits stored then); returns its id. Such a visit's reminder, and the buttons of reminders already
 * in people's DMs, still work.
 */
async function visitWithFollowUp(): Promise<string> {
  const day = todayIn(ZONE);
  const result = await logVisit({
    workspaceId: 'T0001',
    userId: 'U0001',
    input: {
      contactId: kari.id,
      typeCode: 'VISIT',
      date: day,
      description: 'Met Kari Nordmann, call back about the pumps',
      evaluation: 'neutral',
      successful: true,
      followUpDate: addDays(day, 1),
    },
    idempotencyKey: `before-tasks:${Math.random()}`,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.visit.id;
}

/** Runs the reminder job now (as agenda would at 09:00) and returns the DM it sent. */
async function remindNow(visitId: string): Promise<Message> {
  const before = kontakt.fake.callsTo('chat.postMessage').length;
  await kontakt.running.scheduler.scheduleFollowUp({
    workspaceId: 'T0001',
    visitId,
    userId: 'U0001',
    runAt: new Date(),
  });
  await kontakt.fake.waitForCall(
    'chat.postMessage',
    (call) =>
      kontakt.fake.callsTo('chat.postMessage').indexOf(call) >= before && String(call.args.text).includes('follow up'),
  );
  const dm = kontakt.fake.callsTo('chat.postMessage').at(-1)!;
  expect(dm.args.channel).toBe('U0001');
  return dm.args as unknown as Message;
}

const buttonOf = (message: Message, actionId: string) =>
  message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements! : [])).find((e) => e.action_id === actionId)!;

async function clickAndReply(actionId: string, value: string, teamId?: string): Promise<Message> {
  const payload = await click(kontakt, actionId, value, { teamId });
  return (await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === payload.response_url))
    .body as unknown as Message;
}

beforeEach(async () => {
  kontakt.fake.setUser('U0001', { tz: ZONE });
  const nordlys = await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen' });
  kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id });
});

describe('the follow-up reminder', () => {
  it('has Done, Snooze (tomorrow) and Log follow-up', async () => {
    const reminder = await remindNow(await visitWithFollowUp());
    expect(checkMessage(reminder)).toEqual([]);
    expect(reminder.text).toContain('Kari Nordmann');
    const labels = reminder.blocks.flatMap((b) => (b.type === 'actions' ? b.elements! : [])).map((e) => e.text.text);
    expect(labels).toEqual(['Done', 'Snooze (tomorrow)', 'Log follow-up', 'View contact']);
  });

  it('Done marks the follow-up handled and replaces the message, buttons gone', async () => {
    const visitId = await visitWithFollowUp();
    const reminder = await remindNow(visitId);
    const reply = await clickAndReply(ids.actions.reminderDone, buttonOf(reminder, ids.actions.reminderDone).value);
    expect(reply.replace_original).toBe(true);
    expect(reply.text).toContain('marked done');
    expect(JSON.stringify(reply.blocks)).not.toContain('reminder_');
    expect((await VisitModel.findById(visitId).lean())?.followUpDoneAt).toBeInstanceOf(Date);
  });

  it('Snooze reminds again at 09:00 tomorrow, the salesperson’s time', async () => {
    const visitId = await visitWithFollowUp();
    const reminder = await remindNow(visitId);
    const reply = await clickAndReply(ids.actions.reminderSnooze, buttonOf(reminder, ids.actions.reminderSnooze).value);
    expect(reply.text).toContain('again tomorrow at 09:00');
    const job = await mongoose.connection
      .collection('agendaJobs')
      .findOne({ name: 'visit-follow-up', 'data.visitId': visitId });
    expect(job?.nextRunAt).toEqual(zonedTime(addDays(todayIn(ZONE), 1), '09:00', ZONE));
  });

  it('Log follow-up opens the Log visit modal for that contact', async () => {
    const reminder = await remindNow(await visitWithFollowUp());
    kontakt.fake.reset();
    await click(kontakt, ids.actions.reminderLogFollowUp, buttonOf(reminder, ids.actions.reminderLogFollowUp).value);
    const view = viewOf(await kontakt.fake.waitForCall('views.open'));
    expect(view.callback_id).toBe(ids.views.logVisitModal);
    expect(JSON.stringify(view)).toContain(kari.id);
  });

  it('refuses a visit id from another workspace, and someone else’s reminder', async () => {
    const visitId = await visitWithFollowUp();
    const foreign = await clickAndReply(ids.actions.reminderDone, visitId, 'T0002');
    expect(foreign.text).toContain('nothing to follow up');
    const notMine = await click(kontakt, ids.actions.reminderSnooze, visitId, { userId: 'U0OTHER' });
    const reply = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === notMine.response_url);
    expect(JSON.stringify(reply.body)).toContain('Only the salesperson');
    expect((await VisitModel.findById(visitId).lean())?.followUpDoneAt).toBeUndefined();
  });
});
