import { FAKE_USER_TZ } from '../../harness/fake-slack-answers';
import { ids } from '../../../src/ids';
import { VisitModel } from '../../../src/models/visit.model';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { saveSetupSection } from '../../../src/services/setup/setup.service';
import { addDays, todayIn, weekOf } from '../../../src/services/calendar';
import { logVisit } from '../../../src/services/visits/visit.service';
import type { VisitInput } from '../../../src/services/visits/visit.types';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import { appHomeOpened, eventCallback, slashCommand } from '../../harness/payloads';
import { click, viewOf } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();
let nordlys: Contact;
let kari: Contact;
let n = 0;
const today = () => todayIn(FAKE_USER_TZ);

async function visit(userId: string, fields: Partial<VisitInput> = {}) {
  const result = await logVisit({
    workspaceId: 'T0001',
    userId,
    idempotencyKey: `seed-${(n += 1)}`,
    input: {
      contactId: kari.id,
      typeCode: 'VISIT',
      date: today(),
      description: `Visit number ${n}\nsecond line`,
      evaluation: 'positive',
      successful: true,
      ...fields,
    },
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.visit;
}

beforeEach(async () => {
  nordlys = await addContact({ type: 'company', name: 'Nordlys Maskin AS' });
  kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id });
});

async function command(text: string, userId = 'U0001') {
  const key = `k${Math.random()}`;
  await kontakt.slack.command(slashCommand({ text, userId, responseUrl: kontakt.fake.responseUrl(key) }));
  const reply = (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as {
    text: string;
    blocks: unknown[];
  };
  expect(checkMessage(reply)).toEqual([]);
  return reply;
}

describe('the contact card’s visits', () => {
  it('a company’s card lists its persons’ last visits with totals; Show all pages through the rest', async () => {
    for (let i = 0; i < 7; i += 1) await visit('U0001');
    const card = await command(nordlys.no);
    const text = JSON.stringify(card.blocks);
    expect(text).toContain('Visit number 7');
    expect(text).toContain('Kari Nordmann');
    expect(text).toContain(ids.actions.visitShowAll);
    await click(kontakt, ids.actions.visitShowAll, nordlys.id);
    const history = viewOf(await kontakt.fake.waitForCall('views.open'));
    expect(checkView(history)).toEqual([]);
    expect(JSON.stringify(history)).toContain('Visit number 1');
  });

  it('a salesperson cancels their own visit: it stays, marked, and leaves the totals; others may not', async () => {
    const mine = await visit('U0001');
    const payload = await click(kontakt, ids.actions.cancelVisit, mine.id, { userId: 'U0OTHER' });
    const refused = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === payload.response_url);
    expect(refused.body).toMatchObject({ text: expect.stringContaining('Only the salesperson') });
    expect((await VisitModel.findById(mine.id).lean())?.status).toBe('logged');
    await click(kontakt, ids.actions.cancelVisit, mine.id, { userId: 'U0001' });
    await kontakt.fake.waitForResponse((r) => JSON.stringify(r.body).includes('Cancelled'));
    expect((await VisitModel.findById(mine.id).lean())?.status).toBe('cancelled');
  });
});

describe('/contact visits', () => {
  it('shows my visits this week grouped by day, with totals', async () => {
    await visit('U0001');
    await visit('U0001', { typeCode: 'PHONE' });
    await visit('U0002');
    const reply = await command('visits');
    const text = JSON.stringify(reply);
    expect(text).toContain('Phone call');
    expect(text).not.toContain('<@U0002>');
  });

  it('refuses someone else’s or the team’s visits to a salesperson, clearly', async () => {
    for (const text of ['visits team', 'visits <@U0002|per>']) {
      expect((await command(text, 'U0SALES')).text).toContain('Only managers and admins');
    }
  });

  it('shows the team’s visits to a manager, and says how to write a range it cannot read', async () => {
    await saveSetupSection({
      workspaceId: 'T0001',
      userId: 'U0ADMIN',
      section: 'roles',
      version: 0,
      patch: { roles: { admins: [], managers: ['U0BOSS'] } },
    });
    await visit('U0001');
    await visit('U0002');
    const team = JSON.stringify(await command('visits team', 'U0BOSS'));
    expect(team).toContain('<@U0001>');
    expect(team).toContain('<@U0002>');
    expect((await command('visits 2026-12-01..2026-11-01', 'U0BOSS')).text).toContain('/contact visits');
  });
});

describe('App Home', () => {
  it('publishes my week and recent contacts, within 100 blocks; a manager also sees the team', async () => {
    await saveSetupSection({
      workspaceId: 'T0001',
      userId: 'U0ADMIN',
      section: 'roles',
      version: 0,
      patch: { roles: { admins: ['U0001'], managers: [] } },
    });
    for (let i = 0; i < 30; i += 1) await visit(i % 2 ? 'U0001' : `U0SALES${i % 5}`);
    await kontakt.slack.event(eventCallback(appHomeOpened({ userId: 'U0001' })));
    const publish = await kontakt.fake.waitForCall('views.publish');
    expect(publish.args.user_id).toBe('U0001');
    const home = viewOf(publish);
    expect(checkView(home)).toEqual([]);
    const text = JSON.stringify(home);
    expect(text).toContain(ids.actions.homeNewContact);
    expect(text).toContain(ids.actions.homeSetup);
    expect(text).toContain('<@U0SALES0>');
  });

  it('a salesperson’s Home has no Setup button and no team numbers', async () => {
    await visit('U0SALES');
    await kontakt.slack.event(eventCallback(appHomeOpened({ userId: 'U0SALES' })));
    const text = JSON.stringify(viewOf(await kontakt.fake.waitForCall('views.publish')));
    expect(text).not.toContain(ids.actions.homeSetup);
  });
});

describe('weekly digest', () => {
  it('each manager gets exactly one digest per week, however often the job runs', async () => {
    await saveSetupSection({
      workspaceId: 'T0001',
      userId: 'U0ADMIN',
      section: 'roles',
      version: 0,
      patch: { roles: { admins: [], managers: ['U0BOSS', 'U0CHIEF'] } },
    });
    // The default digest (Monday 08:00) is about the week before the one it is sent in.
    await visit('U0001', { date: addDays(weekOf(todayIn(undefined)).from, -7) });
    await kontakt.running.scheduler.runDigestNow('T0001');
    await kontakt.running.scheduler.runDigestNow('T0001');
    await kontakt.fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'U0CHIEF');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const digests = kontakt.fake
      .callsTo('chat.postMessage')
      .filter((call) => ['U0BOSS', 'U0CHIEF'].includes(String(call.args.channel)));
    expect(digests.map((call) => call.args.channel).sort()).toEqual(['U0BOSS', 'U0CHIEF']);
    expect(JSON.stringify(digests[0]!.args)).toContain('Kari Nordmann');
  });
});
