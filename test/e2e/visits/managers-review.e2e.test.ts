import { translator } from '../../../src/i18n';
import { ids } from '../../../src/ids';
import { addDays, todayIn, weekOf } from '../../../src/services/calendar';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { saveSetupSection } from '../../../src/services/setup/setup.service';
import { logVisit } from '../../../src/services/visits/visit.service';
import type { VisitInput } from '../../../src/services/visits/visit.types';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import { blockActions, buttonAction, slashCommand } from '../../harness/payloads';
import { viewOf } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();
const en = translator('en');
let nordlys: Contact;
let kari: Contact;
let n = 0;
// The fake's users are in Berlin (test/harness/fake-slack-answers.ts).
const today = () => todayIn('Europe/Berlin');

async function visit(userId: string, fields: Partial<VisitInput> = {}) {
  const result = await logVisit({
    workspaceId: 'T0001',
    userId,
    idempotencyKey: `review-${(n += 1)}`,
    input: {
      contactId: kari.id,
      typeCode: 'VISIT',
      date: today(),
      description: `Visit number ${n}`,
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
  await saveSetupSection({
    workspaceId: 'T0001',
    userId: 'U0ADMIN',
    section: 'roles',
    version: 0,
    patch: { roles: { admins: [], managers: ['U0BOSS'] } },
  });
});

type Message = { text: string; blocks: { type: string; elements?: Record<string, unknown>[] }[] };

async function command(text: string, userId = 'U0BOSS'): Promise<Message> {
  const key = `k${Math.random()}`;
  await kontakt.slack.command(slashCommand({ text, userId, responseUrl: kontakt.fake.responseUrl(key) }));
  const reply = (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as Message;
  expect(checkMessage(reply)).toEqual([]);
  return reply;
}

async function clickIn(action: ReturnType<typeof buttonAction>, userId = 'U0BOSS'): Promise<Message> {
  const key = `c${Math.random()}`;
  await kontakt.send.interactive(
    blockActions({ userId, actions: [action], responseUrl: kontakt.fake.responseUrl(key) }),
  );
  return (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as Message;
}

const elements = (message: Message) => message.blocks.flatMap((block) => block.elements ?? []);

describe('/contact visits team', () => {
  it('groups the team’s visits by salesperson; Open week shows one person’s; Open a visit… shows it in full', async () => {
    const karis = await visit('U0KARI', { description: 'Signed the frame agreement\nSecond line of the note' });
    await visit('U0OLA', { successful: false, evaluation: 'negative', description: 'Nobody was there' });
    await visit('U0OLA', { contactId: nordlys.id, description: 'Demo went fine' });
    const team = await command('visits team');
    const text = JSON.stringify(team.blocks);
    expect(text.indexOf('*<@U0OLA>* · 2 visits · 1 failed attempt')).toBeGreaterThan(0);
    expect(text.indexOf('*<@U0KARI>* · 1 visit')).toBeGreaterThan(text.indexOf('<@U0OLA>'));
    expect(text).toContain(':slightly_frowning_face: Negative · _failed attempt_ · “Nobody was there”');

    const openWeek = elements(team).filter((e) => e.action_id === ids.actions.visitsOpenWeek);
    expect(openWeek).toHaveLength(2);
    const olaWeek = await clickIn(
      buttonAction({ actionId: ids.actions.visitsOpenWeek, value: String(openWeek[0]!.value) }),
    );
    expect(checkMessage(olaWeek)).toEqual([]);
    expect(olaWeek.text).toContain('Visits by <@U0OLA>');
    expect(JSON.stringify(olaWeek.blocks)).toContain('Demo went fine');
    expect(JSON.stringify(olaWeek.blocks)).not.toContain('Signed the frame agreement');

    // Every line can be opened: each salesperson's menu offers each of their visits.
    const menus = elements(team).filter((e) => e.action_id === ids.actions.visitsOpenVisit) as {
      options: { value: string }[];
    }[];
    expect(menus.flatMap((menu) => menu.options.map((o) => o.value))).toHaveLength(3);
    const karisVisit = menus.find((menu) => menu.options.some((o) => o.value === karis.id))!.options[0]!.value;
    await kontakt.send.interactive(
      blockActions({
        userId: 'U0BOSS',
        actions: [
          {
            type: 'static_select',
            action_id: ids.actions.visitsOpenVisit,
            block_id: 'b1',
            selected_option: { text: { type: 'plain_text', text: 'x' }, value: karisVisit },
            action_ts: '1',
          } as never,
        ],
        responseUrl: kontakt.fake.responseUrl(),
      }),
    );
    const detail = viewOf(await kontakt.fake.waitForCall('views.open'));
    expect(checkView(detail)).toEqual([]);
    expect(detail.callback_id).toBe(ids.views.visitDetailModal);
    const shown = JSON.stringify(detail);
    expect(shown).toContain('Signed the frame agreement\\nSecond line of the note');
    expect(shown).toContain(ids.actions.viewContact);
  });

  it('refuses Open week for someone else’s visits to a salesperson, and a forged range or visit id', async () => {
    await visit('U0OLA');
    const week = weekOf(today());
    const forged = JSON.stringify({ u: 'U0OLA', f: week.from, t: week.to });
    const refused = await clickIn(buttonAction({ actionId: ids.actions.visitsOpenWeek, value: forged }), 'U0SALES');
    expect(refused.text).toContain('Only managers and admins');
    const reversed = JSON.stringify({ u: 'U0OLA', f: week.to, t: addDays(week.from, -1) });
    const bad = await clickIn(buttonAction({ actionId: ids.actions.visitsOpenWeek, value: reversed }));
    expect(bad.text).toContain('/contact visits team');
    const foreign = await addContact({ type: 'company', name: 'Fremmed AS' }, 'T0002');
    const other = await logVisit({
      workspaceId: 'T0002',
      userId: 'U0X',
      idempotencyKey: 'foreign',
      input: {
        contactId: foreign.id,
        typeCode: 'VISIT',
        date: today(),
        description: 'Secret',
        evaluation: 'neutral',
        successful: true,
      },
    });
    if (other.status !== 'saved') throw new Error('seed');
    const key = 'foreign-visit';
    await kontakt.send.interactive(
      blockActions({
        userId: 'U0BOSS',
        actions: [
          {
            type: 'static_select',
            action_id: ids.actions.visitsOpenVisit,
            block_id: 'b1',
            selected_option: { text: { type: 'plain_text', text: 'x' }, value: other.visit.id },
            action_ts: '1',
          } as never,
        ],
        responseUrl: kontakt.fake.responseUrl(key),
      }),
    );
    const gone = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(JSON.stringify(gone.body)).not.toContain('Secret');
    expect(kontakt.fake.callsTo('views.open')).toHaveLength(0);
  });
});

describe('the weekly digest', () => {
  it('by default covers last week, Monday to Sunday: weekend logging, highlights, follow-ups and the full report', async () => {
    const lastWeek = weekOf(addDays(weekOf(today()).from, -7));
    const nextWeek = weekOf(today());
    await visit('U0KARI', { date: lastWeek.from, evaluation: 'very_positive', description: 'Signed the deal' });
    await visit('U0OLA', {
      date: lastWeek.to,
      evaluation: 'very_negative',
      description: 'Logged on Sunday evening',
      followUpDate: addDays(nextWeek.from, 2),
    });
    // Nordlys was visited before; Kari, its person, never was: Kari is the week's new contact.
    await visit('U0PER', { contactId: nordlys.id, date: addDays(lastWeek.from, -14), description: 'Long ago' });
    await kontakt.running.scheduler.runDigestNow('T0001');
    const call = await kontakt.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0BOSS');
    const digest = call.args as unknown as Message;
    expect(checkMessage(digest)).toEqual([]);
    const text = JSON.stringify(digest.blocks);
    expect(text).toContain(`${en.date(lastWeek.from)} – ${en.date(lastWeek.to)}`);
    expect(text).toMatch(/Best visits\*\\n• [^"]*Signed the deal/);
    expect(text).toMatch(/Visits that went badly\*\\n• [^"]*Logged on Sunday evening/);
    // Follow-ups are tasks now: the digest lists the tasks due next week (none here: these visits were stored bare).
    expect(text).toContain('Tasks due next week (0)');
    // Who logged on Sunday is in that week's digest, not among those with no visits.
    expect(text).toContain('<@U0OLA>: 1');
    expect(text).toContain('Salespeople with no visits (1)*\\n<@U0PER>');
    expect(text).toContain('Contacts visited for the first time (1)*\\n• Kari Nordmann');

    const report = elements(digest).find((e) => e.action_id === ids.actions.visitsOpenTeam)!;
    expect(elements(digest)).toHaveLength(1);
    const team = await clickIn(buttonAction({ actionId: ids.actions.visitsOpenTeam, value: String(report.value) }));
    expect(checkMessage(team)).toEqual([]);
    expect(team.text).toContain(`Team visits ${en.date(lastWeek.from)} – ${en.date(lastWeek.to)}`);
    expect(JSON.stringify(team.blocks)).toContain('*<@U0KARI>* · 1 visit');
  });

  it('a digest time an admin chose is kept: a Friday digest still covers its own week', async () => {
    const setup = await import('../../../src/services/setup/setup.service');
    const current = await setup.getWorkspaceSetup('T0001');
    expect(current.digest).toMatchObject({ weekday: 1, time: '08:00' });
    await setup.saveSetupSection({
      workspaceId: 'T0001',
      userId: 'U0ADMIN',
      section: 'digest',
      version: current.version,
      patch: { digest: { enabled: true, weekday: 5, time: '15:00' } },
    });
    expect((await setup.getWorkspaceSetup('T0001')).digest).toMatchObject({ weekday: 5, time: '15:00' });
    const thisWeek = weekOf(today());
    await visit('U0KARI', { date: thisWeek.from, description: 'This week' });
    await kontakt.running.scheduler.runDigestNow('T0001');
    const call = await kontakt.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0BOSS');
    expect(JSON.stringify(call.args)).toContain(`${en.date(thisWeek.from)} – ${en.date(thisWeek.to)}`);
  });
});
