import { ids } from '../../../src/ids';
import { VisitModel } from '../../../src/models/visit.model';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { todayIn } from '../../../src/services/calendar';
import { saveSetupSection } from '../../../src/services/setup/setup.service';
import type { RecordedCall } from '../../harness/fake-slack-api';
import { checkView } from '../../harness/block-kit-checker';
import { appHomeOpened, blockActions, buttonAction, eventCallback, viewOutput } from '../../harness/payloads';
import { submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

const v = ids.visitField;
const kontakt = useKontakt();
let kari: Contact;
// The fake's users are in Berlin (test/harness/fake-slack-answers.ts): their week is Berlin's.
const today = () => todayIn('Europe/Berlin');

beforeEach(async () => {
  const nordlys = await addContact({ type: 'company', name: 'Nordlys Maskin AS' });
  kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id });
});

const publishesTo = (userId: string): RecordedCall[] =>
  kontakt.fake.callsTo('views.publish').filter((call) => call.args.user_id === userId);

/** Home's own Log visit button, clicked in the Home tab: the modal Kontakt opened for it. */
async function logVisitFromHome(userId = 'U0001', n = 0): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.open').length;
  const payload = blockActions({
    userId,
    source: 'home',
    view: viewOutput({ type: 'home' }),
    actions: [buttonAction({ actionId: ids.actions.homeLogVisit })],
  });
  expect((await kontakt.send.interactive(payload)).status).toBe(200);
  const call = await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before);
  const view = viewOf(call);
  expect(view.callback_id).toBe(ids.views.logVisitModal);
  return { ...view, id: `V0HOME${n}` };
}

const typedVisit = (note: string) => ({ [v.contact]: kari.id, [v.date]: today(), [v.description]: note });

describe('Home stays current', () => {
  it('a visit logged from Home’s own button appears in that Home’s “Your week” without reopening the tab', async () => {
    await kontakt.slack.event(eventCallback(appHomeOpened({ userId: 'U0001' })));
    const first = await kontakt.fake.waitForCall('views.publish');
    expect(JSON.stringify(viewOf(first))).toContain('No visits logged this week yet.');

    const modal = await logVisitFromHome();
    expect(await submitView(kontakt, modal, typedVisit('Crane quote for the new quay'))).toBeUndefined();
    await kontakt.running.home.settled();

    const latest = publishesTo('U0001').at(-1)!;
    expect(latest).not.toBe(first);
    const home = viewOf(latest);
    expect(checkView(home)).toEqual([]);
    const text = JSON.stringify(home);
    const yourWeek = text.slice(text.indexOf('Your week'));
    expect(yourWeek).toContain('Kari Nordmann');
    expect(yourWeek).toContain('Crane quote for the new quay');
    expect(text).not.toContain('No visits logged this week yet.');
  });

  it('the save is answered while the Home publish is still hanging: the publish is never on the ack’s path', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    kontakt.fake.respondWith('views.publish', async () => {
      await gate;
      return { ok: true };
    });
    const first = await logVisitFromHome('U0001', 1);
    expect(await submitView(kontakt, first, typedVisit('First'))).toBeUndefined();
    await kontakt.fake.waitForCall('views.publish', (call) => call.args.user_id === 'U0001');
    // Slack has not answered that publish; the next save is answered all the same.
    const second = await logVisitFromHome('U0001', 2);
    expect(await submitView(kontakt, second, typedVisit('Second'))).toBeUndefined();
    expect(await VisitModel.countDocuments({})).toBe(2);
    release();
    await kontakt.running.home.settled();
    // The save made while the first publish hung gets a publish of its own, after it.
    expect(JSON.stringify(viewOf(publishesTo('U0001').at(-1)!))).toContain('Second');
  });

  it('a burst of 5 saves by one user is one publish (at most two), showing all five', async () => {
    const modals: SentView[] = [];
    for (let i = 0; i < 5; i += 1) modals.push(await logVisitFromHome('U0001', 10 + i));
    const acks = await Promise.all(modals.map((modal, i) => submitView(kontakt, modal, typedVisit(`Burst ${i}`))));
    expect(acks).toEqual([undefined, undefined, undefined, undefined, undefined]);
    await kontakt.running.home.settled();
    const publishes = publishesTo('U0001');
    expect(publishes.length).toBeGreaterThanOrEqual(1);
    expect(publishes.length).toBeLessThanOrEqual(2);
    const text = JSON.stringify(viewOf(publishes.at(-1)!));
    for (let i = 0; i < 5; i += 1) expect(text).toContain(`Burst ${i}`);
  });

  it('a manager’s Home, team first, is re-published when a salesperson logs a visit; a cancel updates it again', async () => {
    await saveSetupSection({
      workspaceId: 'T0001',
      userId: 'U0ADMIN',
      section: 'roles',
      version: 0,
      patch: { roles: { admins: [], managers: ['U0BOSS'] } },
    });
    const modal = await logVisitFromHome('U0SALES');
    expect(await submitView(kontakt, modal, typedVisit('Demo of the pump'), { userId: 'U0SALES' })).toBeUndefined();
    await kontakt.running.home.settled();
    const boss = viewOf(publishesTo('U0BOSS').at(-1)!);
    const text = JSON.stringify(boss);
    expect(text.indexOf('Team this week')).toBeGreaterThan(0);
    expect(text.indexOf('Team this week')).toBeLessThan(text.indexOf('Your week'));
    expect(text).toContain('<@U0SALES>: 1');

    const visit = await VisitModel.findOne({}).lean();
    expect(visit?.salespersonId).toBe('U0SALES');
    const cancel = blockActions({
      userId: 'U0SALES',
      actions: [buttonAction({ actionId: ids.actions.cancelVisit, value: String(visit!._id) })],
      responseUrl: kontakt.fake.responseUrl(),
    });
    const before = publishesTo('U0BOSS').length;
    expect((await kontakt.send.interactive(cancel)).status).toBe(200);
    await kontakt.fake.waitForCall('views.publish', () => publishesTo('U0BOSS').length > before);
    await kontakt.running.home.settled();
    expect(JSON.stringify(viewOf(publishesTo('U0BOSS').at(-1)!))).toContain(
      'No visits logged by the team this week yet.',
    );
    // The salesperson's own week shows it struck through and no longer counts it.
    const own = JSON.stringify(viewOf(publishesTo('U0SALES').at(-1)!));
    expect(own).toContain('“Demo of the pump”~ _cancelled_');
    expect(own).toContain('0 visits');
  });

  it('a new contact is first in its creator’s “Recent contacts” without reopening Home', async () => {
    const { openNewContact } = await import('../../support/contact-flows');
    const modal = await openNewContact(kontakt);
    const name = ids.contactField.blocks.name;
    expect(await submitView(kontakt, { ...modal, id: 'V0NEWC' }, { [name]: 'Fjordkraft Service AS' })).toBeUndefined();
    await kontakt.running.home.settled();
    const text = JSON.stringify(viewOf(publishesTo('U0001').at(-1)!));
    expect(text.slice(text.indexOf('Recent contacts'))).toContain('Fjordkraft Service AS');
  });

  it('a failed publish is only logged; the next save publishes again', async () => {
    kontakt.fake.failNext('views.publish', 'internal_error');
    const first = await logVisitFromHome('U0001', 20);
    expect(await submitView(kontakt, first, typedVisit('Lost publish'))).toBeUndefined();
    await kontakt.running.home.settled();
    const second = await logVisitFromHome('U0001', 21);
    expect(await submitView(kontakt, second, typedVisit('Next one'))).toBeUndefined();
    await kontakt.running.home.settled();
    const text = JSON.stringify(viewOf(publishesTo('U0001').at(-1)!));
    expect(text).toContain('Lost publish');
    expect(text).toContain('Next one');
  });
});
