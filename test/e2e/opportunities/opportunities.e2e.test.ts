import { ids } from '../../../src/ids';
import { OpportunityModel, OpportunitySetupModel } from '../../../src/models/opportunity.model';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { getOpportunitySetup } from '../../../src/services/opportunities/opportunity-setup.service';
import { createOpportunity, getOpportunity } from '../../../src/services/opportunities/opportunity.service';
import type { Opportunity } from '../../../src/services/opportunities/opportunity.types';
import { saveSetupSection } from '../../../src/services/setup/setup.service';

import { appHomeOpened, blockActions, eventCallback, slashCommand } from '../../harness/payloads';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import { submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();
const O = ids.opportunity;
let nordlys: Contact;
let kari: Contact;
let n = 0;

interface Message {
  text: string;
  blocks: {
    type: string;
    text?: { text: string };
    elements?: Element[];
    accessory?: Element;
    fields?: { text: string }[];
  }[];
  replace_original?: boolean;
}
interface Element {
  type: string;
  action_id?: string;
  value?: string;
  options?: { value: string; text: { text: string } }[];
}

beforeEach(async () => {
  kontakt.fake.setUser('U0KARI', { name: 'kari' });
  kontakt.fake.setUser('U0OLA', { name: 'ola' });
  kontakt.fake.setUser('U0ADMIN', { is_admin: true });
  nordlys = await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen', salespersonId: 'U0KARI' });
  kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id });
});

async function seedDeal(fields: Record<string, unknown> = {}, workspaceId = 'T0001'): Promise<Opportunity> {
  const result = await createOpportunity({
    workspaceId,
    userId: 'U0KARI',
    idempotencyKey: `seed${(n += 1)}`,
    input: { contactId: kari.id, description: '20 forklifts', estimatedValue: 1_000_000, ...fields } as never,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.opportunity;
}

/** `/contact <text>` as `userId`: the ephemeral answer. */
async function command(text: string, userId = 'U0KARI'): Promise<Message> {
  const key = `cmd-${Math.random()}`;
  await kontakt.send.command(slashCommand({ text, userId, responseUrl: kontakt.fake.responseUrl(key) }));
  const reply = (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as Message;
  expect(checkMessage(reply)).toEqual([]);
  return reply;
}

async function openModal(text: string, userId = 'U0KARI'): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.open').length;
  await kontakt.send.command(slashCommand({ text, userId, responseUrl: kontakt.fake.responseUrl() }));
  const call = await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before);
  return { ...viewOf(call), id: `VNEW${(n += 1)}` };
}

/** A click on an (ephemeral) card; the answer posted to its response_url. */
async function clickCard(actionId: string, value: string, userId = 'U0KARI', teamId = 'T0001', select = false) {
  const key = `act-${Math.random()}`;
  const action = select
    ? {
        type: 'static_select',
        action_id: actionId,
        block_id: 'b1',
        selected_option: { value, text: { type: 'plain_text', text: 'x' } },
      }
    : { type: 'button', action_id: actionId, block_id: 'b1', value, text: { type: 'plain_text', text: 'x' } };
  await kontakt.send.interactive(
    blockActions({
      userId,
      teamId,
      actions: [{ ...action, action_ts: '1.2' } as never],
      responseUrl: kontakt.fake.responseUrl(key),
      overrides: { container: { is_ephemeral: true } as never },
    }),
  );
  return key;
}
const answer = async (key: string) =>
  (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as Message;

/** The blocks as one string, Intl's no-break spaces as plain ones. */
const textOf = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks).replace(/\u00a0/g, ' ');
function elementsOf(message: Message): Element[] {
  return message.blocks
    .flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])])
    .filter((e) => e.action_id);
}

describe('New opportunity', () => {
  it('`/contact opp <contact>` opens the modal with the contact picked; a typed amount is saved as SM000001 and the card shown', async () => {
    const view = await openModal('opp Kari Nordmann');
    expect(view.callback_id).toBe(O.views.create);
    const contact = view.blocks.find((b) => b.block_id === O.blocks.contact) as unknown as {
      element: { initial_option?: { value: string } };
    };
    expect(contact.element.initial_option?.value).toBe(kari.id);
    const ack = await submitView(
      kontakt,
      view,
      {
        [O.blocks.description]: '20 forklifts for the new warehouse',
        [O.blocks.value]: '1.250.000,50',
        [O.blocks.closingDate]: '2026-12-31',
      },
      { userId: 'U0KARI' },
    );
    expect(ack).toBeUndefined();
    const post = await kontakt.fake.waitForCall('chat.postEphemeral');
    const card = post.args as unknown as Message & { channel: string; user: string };
    expect([card.channel, card.user]).toEqual(['C0001', 'U0KARI']);
    expect(checkMessage(card)).toEqual([]);
    expect(textOf(card)).toContain('SM000001');
    expect(textOf(card)).toContain('Nordlys Maskin AS');
    expect(elementsOf(card).map((e) => e.action_id)).toEqual([
      ids.actions.viewContact,
      ids.task.actions.addForOpportunity,
      O.actions.next,
      O.actions.update,
      O.actions.move,
      O.actions.close,
    ]);
    const stored = await OpportunityModel.findOne({ workspaceId: 'T0001' }).lean();
    expect(stored).toMatchObject({
      no: 'SM000001',
      estimatedValue: 1_250_000.5,
      stageNo: 1,
      status: 'in_progress',
      salespersonId: 'U0KARI',
      companyName: 'Nordlys Maskin AS',
      closingDate: '2026-12-31',
    });
    // The Norwegian aliases open the same modal.
    expect((await openModal('salgsmulighet')).callback_id).toBe(O.views.create);
  });

  it('answers bad input inline, all fields in one round, and stores nothing', async () => {
    const blocked = await addContact({ type: 'person', name: 'Privat Person', privacyBlocked: true });
    const view = await openModal('opportunity');
    const ack = await submitView(kontakt, view, {
      [O.blocks.contact]: blocked.id,
      [O.blocks.description]: 'x',
      [O.blocks.value]: 'abc',
      [O.blocks.chances]: '150',
    });
    expect(ack?.response_action).toBe('errors');
    expect(Object.keys(ack?.errors ?? {}).sort()).toEqual([O.blocks.chances, O.blocks.value].sort());
    expect(ack?.errors?.[O.blocks.value]).toContain('1 250 000');
    // The values are right now; the service finds the privacy block and the forged stage.
    const second = await submitView(kontakt, view, {
      [O.blocks.contact]: blocked.id,
      [O.blocks.description]: 'x',
      [O.blocks.value]: 'kr 250 000',
      [O.blocks.stage]: 'STANDARD:9',
    });
    expect(second?.errors?.[O.blocks.contact]).toContain('privacy blocked');
    expect(second?.errors?.[O.blocks.stage]).toContain('not a stage of sales cycle STANDARD');
    // A contact of another workspace, forged into the state.
    const foreign = await addContact({ type: 'company', name: 'Elsewhere AS' }, 'T0002');
    const third = await submitView(kontakt, view, {
      [O.blocks.contact]: foreign.id,
      [O.blocks.description]: 'x',
      [O.blocks.value]: '10',
    });
    expect(third?.errors?.[O.blocks.contact]).toContain('Pick a contact');
    expect(await OpportunityModel.countDocuments({})).toBe(0);
  });

  it('the contact card offers "New opportunity" and lists open opportunities (the company includes its persons’)', async () => {
    await seedDeal({ closingDate: '2026-12-20' });
    const card = await command(nordlys.no);
    expect(textOf(card)).toContain('Open opportunities (1)');
    expect(textOf(card)).toContain('20 forklifts');
    expect(elementsOf(card).some((e) => e.action_id === O.actions.create && e.value === nordlys.id)).toBe(true);
    await clickCard(O.actions.create, nordlys.id);
    const opened = await kontakt.fake.waitForCall('views.open');
    expect(viewOf(opened).callback_id).toBe(O.views.create);
  });
});

describe('the opportunity card', () => {
  it('Next stage moves it, keeps an entry, and tells a second click from an old card that it changed', async () => {
    const deal = await seedDeal();
    const value = `${deal.id}:0`;
    const first = await answer(await clickCard(O.actions.next, value));
    expect(first.replace_original).toBe(true);
    expect(textOf(first)).toContain('SM000001 moved to Needs analysis');
    const second = await answer(await clickCard(O.actions.next, value, 'U0ADMIN'));
    expect(textOf(second)).toContain('<@U0KARI> changed this opportunity a moment ago');
    const stored = await getOpportunity('T0001', deal.id, 10);
    expect(stored?.stageNo).toBe(2);
    expect(stored?.entries.map((e) => e.action)).toEqual(['stage', 'created']);
  });

  it('Move to stage… will not skip a stage that may not be skipped, and refuses a stage outside the cycle', async () => {
    const deal = await seedDeal();
    const skip = await answer(await clickCard(O.actions.move, `${deal.id}:0:4`, 'U0KARI', 'T0001', true));
    expect(textOf(skip)).toContain('Stage 3 Offer may not be skipped');
    const outside = await answer(await clickCard(O.actions.move, `${deal.id}:0:9`, 'U0KARI', 'T0001', true));
    expect(textOf(outside)).toContain('not a stage of sales cycle STANDARD');
    expect((await getOpportunity('T0001', deal.id))?.version).toBe(0);
  });

  it('is read-only for others, who are told who can change it; a forged id of another workspace is unknown', async () => {
    const deal = await seedDeal();
    const refused = await answer(await clickCard(O.actions.next, `${deal.id}:0`, 'U0OLA'));
    expect(textOf(refused)).toContain('Only the salesperson (<@U0KARI>), managers and admins');
    // Add task only opens the task modal (anyone may give a task about the deal's contact).
    expect(elementsOf(refused).map((e) => e.action_id)).toEqual([
      ids.actions.viewContact,
      ids.task.actions.addForOpportunity,
    ]);
    const other = await seedDeal(
      { contactId: (await addContact({ type: 'company', name: 'Far AS' }, 'T0002')).id },
      'T0002',
    );
    const forged = await answer(await clickCard(O.actions.next, `${other.id}:0`, 'U0KARI'));
    expect(forged.text).toContain('not in Kontakt any more');
    expect((await getOpportunity('T0002', other.id))?.version).toBe(0);
  });

  it('Close: the close code must fit won/lost; won posts deal news; closing again and a forged private_metadata are refused inline', async () => {
    await getOpportunitySetup('T0001');
    const saved = await OpportunitySetupModel.updateOne(
      { workspaceId: 'T0001' },
      { $set: { 'news.channelId': 'C0NEWS' } },
    );
    expect(saved.matchedCount).toBe(1);
    const deal = await seedDeal();
    await clickCard(O.actions.close, `${deal.id}:0`);
    const view = { ...viewOf(await kontakt.fake.waitForCall('views.open')), id: 'VCLOSE1' };
    expect(view.callback_id).toBe(O.views.close);
    const wrong = await submitView(
      kontakt,
      view,
      { [O.blocks.outcome]: 'won', [O.blocks.closeCode]: 'lost:PRICE' },
      { userId: 'U0KARI' },
    );
    expect(wrong?.errors?.[O.blocks.closeCode]).toContain('pick one from the Won list');
    const ok = await submitView(
      kontakt,
      view,
      { [O.blocks.outcome]: 'won', [O.blocks.closeCode]: 'won:PRICE', [O.blocks.actualValue]: '900 000' },
      { userId: 'U0KARI' },
    );
    expect(ok).toBeUndefined();
    const news = await kontakt.fake.waitForCall(
      'chat.postMessage',
      (c) => (c.args as { channel?: string }).channel === 'C0NEWS',
    );
    const post = news.args as unknown as Message;
    expect(post.text).toContain('Won! 20 forklifts (SM000001) with Kari Nordmann');
    expect(post.text).toContain('<@U0KARI>');
    expect(elementsOf(post)).toEqual([]);
    expect(post.text).not.toContain('PRICE');
    expect(await OpportunityModel.findOne({ _id: deal.id }).lean()).toMatchObject({
      status: 'won',
      actualValue: 900_000,
      closeCode: 'PRICE',
    });
    const again = await submitView(
      kontakt,
      view,
      { [O.blocks.outcome]: 'lost', [O.blocks.closeCode]: 'lost:PRICE' },
      { userId: 'U0KARI' },
    );
    expect(again?.errors?.[O.blocks.outcome]).toMatch(/changed this opportunity|already closed/);
    const forged = await submitView(
      kontakt,
      { ...view, private_metadata: JSON.stringify({ o: 'ffffffffffffffffffffffff', ver: 0 }) },
      { [O.blocks.outcome]: 'lost', [O.blocks.closeCode]: 'lost:PRICE' },
      { userId: 'U0KARI' },
    );
    expect(forged?.errors?.[O.blocks.outcome]).toContain('not in Kontakt any more');
  });

  it('a failed deal news post never blocks the change', async () => {
    await getOpportunitySetup('T0001');
    await OpportunitySetupModel.updateOne({ workspaceId: 'T0001' }, { $set: { 'news.channelId': 'C0NEWS' } });
    const deal = await seedDeal();
    kontakt.fake.failNext('chat.postMessage', 'not_in_channel');
    await clickCard(O.actions.close, `${deal.id}:0`);
    const view = { ...viewOf(await kontakt.fake.waitForCall('views.open')), id: 'VCLOSE2' };
    expect(
      await submitView(
        kontakt,
        view,
        { [O.blocks.outcome]: 'won', [O.blocks.closeCode]: 'won:PRICE' },
        { userId: 'U0KARI' },
      ),
    ).toBeUndefined();
    await kontakt.fake.waitForCall('chat.postMessage');
    expect(await OpportunityModel.findOne({ _id: deal.id }).lean()).toMatchObject({
      status: 'won',
      actualValue: 1_000_000,
    });
  });

  it('Update takes amounts as typed and refuses chances outside 0–100 inline', async () => {
    const deal = await seedDeal();
    await clickCard(O.actions.update, `${deal.id}:0`);
    const view = { ...viewOf(await kontakt.fake.waitForCall('views.open')), id: 'VUPD1' };
    const bad = await submitView(
      kontakt,
      view,
      { [O.blocks.chances]: '101', [O.blocks.value]: '-5' },
      { userId: 'U0KARI' },
    );
    expect(Object.keys(bad?.errors ?? {}).sort()).toEqual([O.blocks.chances, O.blocks.value].sort());
    expect(
      await submitView(
        kontakt,
        view,
        { [O.blocks.value]: '2 000 000', [O.blocks.chances]: '50' },
        { userId: 'U0KARI' },
      ),
    ).toBeUndefined();
    // multiply: 50 × 10 (first contact's completed %) / 100 = 5 % of 2 000 000.
    expect(await OpportunityModel.findOne({ _id: deal.id }).lean()).toMatchObject({
      estimatedValue: 2_000_000,
      chancesPct: 50,
      probabilityPct: 5,
      calculatedValue: 100_000,
    });
  });

  it('a manager reopens a closed deal; the salesperson cannot', async () => {
    await saveSetupSection({
      workspaceId: 'T0001',
      userId: 'U0ADMIN',
      section: 'roles',
      version: 0,
      patch: { roles: { admins: [], managers: ['U0BOSS'] } },
    });
    const deal = await seedDeal();
    await OpportunityModel.updateOne(
      { _id: deal.id },
      { $set: { status: 'lost', closedDate: '2026-12-01' }, $inc: { version: 1 } },
    );
    const refused = await answer(await clickCard(O.actions.reopen, `${deal.id}:1`, 'U0KARI'));
    expect(textOf(refused)).toContain('Only managers and admins can reopen');
    const reopened = await answer(await clickCard(O.actions.reopen, `${deal.id}:1`, 'U0BOSS'));
    expect(textOf(reopened)).toContain('SM000001 is open again');
    expect((await getOpportunity('T0001', deal.id))?.entries[0]).toMatchObject({ action: 'reopened', by: 'U0BOSS' });
  });
});

describe('/contact pipeline', () => {
  it('groups my open deals by stage with sums, closing this month and won/lost this quarter', async () => {
    await seedDeal({ estimatedValue: 1_000_000 });
    await seedDeal({ estimatedValue: 500_000 });
    await seedDeal({ estimatedValue: 200_000, salespersonId: 'U0OLA' });
    const reply = await command('pipeline');
    const text = textOf(reply);
    expect(text).toContain('Your pipeline');
    expect(text).toContain(
      '*1. First contact* — 2 opportunities · estimated NOK 1,500,000.00 · calculated NOK 37,500.00',
    );
    expect(text).toContain('*Total* — 2 opportunities');
    expect(text).toContain('This quarter: 0 won');
  });

  it('`team` and `@user` are for managers and admins; `stage:` and `closing:` filter', async () => {
    await seedDeal({ estimatedValue: 100, closingDate: '2099-01-01' });
    await seedDeal({ estimatedValue: 200, salespersonId: 'U0OLA' });
    expect((await command('pipeline team', 'U0OLA')).text).toContain('Only managers and admins');
    const team = textOf(await command('pipeline team', 'U0ADMIN'));
    expect(team).toContain('The team’s pipeline');
    expect(team).toContain('<@U0OLA>');
    expect(team).toContain('2 opportunities');
    expect(textOf(await command('pipeline <@U0OLA|ola>', 'U0ADMIN'))).toContain('1 opportunity');
    expect(textOf(await command('pipeline stage:offer'))).toContain('No open opportunities');
    expect(textOf(await command('pipeline stage:nowhere'))).toContain('No stage of any sales cycle');
    expect(textOf(await command('pipeline closing:this-month'))).toContain('No open opportunities');
    expect((await command('pipeline banana')).text).toContain('I did not understand “banana”');
  });
});

describe('the pipeline follows every change', () => {
  it('a Next stage click and a close as won show in `/contact pipeline` and the team’s at once', async () => {
    const moved = await seedDeal({ estimatedValue: 1_000_000 });
    const won = await seedDeal({ estimatedValue: 500_000 });
    await seedDeal({ estimatedValue: 200_000, salespersonId: 'U0OLA' });
    expect(textOf(await answer(await clickCard(O.actions.next, `${moved.id}:0`)))).toContain('moved to Needs analysis');
    await clickCard(O.actions.close, `${won.id}:0`);
    const view = { ...viewOf(await kontakt.fake.waitForCall('views.open')), id: 'VCLOSE2' };
    const ok = await submitView(
      kontakt,
      view,
      { [O.blocks.outcome]: 'won', [O.blocks.closeCode]: 'won:PRICE', [O.blocks.actualValue]: '450 000' },
      { userId: 'U0KARI' },
    );
    expect(ok).toBeUndefined();
    const mine = textOf(await command('pipeline'));
    expect(mine).toContain('*2. Needs analysis* — 1 opportunity · estimated NOK 1,000,000.00');
    expect(mine).not.toContain('*1. First contact*');
    expect(mine).toContain('*Total* — 1 opportunity');
    expect(mine).toContain('This quarter: 1 won (NOK 450,000.00)');
    const team = textOf(await command('pipeline team', 'U0ADMIN'));
    expect(team).toContain('*1. First contact* — 1 opportunity · estimated NOK 200,000.00');
    expect(team).toContain('*Total* — 2 opportunities · estimated NOK 1,200,000.00');
  });
});

describe('with contacts and visits', () => {
  it('a contact with open opportunities cannot be deleted; the refusal lists them', async () => {
    await seedDeal();
    const key = await clickCard(ids.actions.deleteContact, nordlys.id, 'U0KARI');
    const refusal = await answer(key);
    expect(refusal.text).toContain('This contact has an open opportunity, so it cannot be deleted');
    expect(refusal.text).toContain('• SM000001 20 forklifts');
    expect(await getOpportunity('T0001', (await OpportunityModel.findOne({}).lean())!._id.toString())).toBeDefined();
  });

  it('Log visit offers the contact’s open opportunities; a linked visit shows on the opportunity’s card; a forged one is refused', async () => {
    const deal = await seedDeal();
    await clickCard(ids.actions.logVisit, kari.id, 'U0KARI');
    const view = { ...viewOf(await kontakt.fake.waitForCall('views.open')), id: 'VVISIT1' };
    const select = view.blocks.find((b) => b.block_id === O.blocks.visitOpportunity) as unknown as {
      element: { options: { value: string; text: { text: string } }[] };
    };
    expect(select.element.options.map((o) => [o.value, o.text.text])).toEqual([[deal.id, 'SM000001 20 forklifts']]);
    const day = new Date().toISOString().slice(0, 10);
    const forged = await submitView(
      kontakt,
      view,
      { [ids.visitField.date]: day, [O.blocks.visitOpportunity]: 'ffffffffffffffffffffffff' },
      { userId: 'U0KARI' },
    );
    expect(forged?.errors?.[O.blocks.visitOpportunity]).toContain('not an open one of this contact');
    expect(
      await submitView(
        kontakt,
        view,
        { [ids.visitField.date]: day, [O.blocks.visitOpportunity]: deal.id },
        { userId: 'U0KARI' },
      ),
    ).toBeUndefined();
    const card = await command(`opp ${deal.no}`);
    expect(textOf(card)).toContain('Visits for this opportunity');
  });
});

describe('App Home', () => {
  async function home(userId: string) {
    const before = kontakt.fake.callsTo('views.publish').length;
    await kontakt.slack.event(eventCallback(appHomeOpened({ userId })));
    const call = await kontakt.fake.waitForCall(
      'views.publish',
      (c) => c.args.user_id === userId && kontakt.fake.callsTo('views.publish').length > before,
    );
    const view = (call.args as { view: { blocks: unknown[] } }).view;
    expect(checkView(view as never)).toEqual([]);
    return view;
  }

  it('shows "My pipeline" with the next deals by closing date and totals; managers also see the team by salesperson', async () => {
    await seedDeal({ description: 'Later deal', closingDate: '2099-03-01' });
    await seedDeal({ description: 'Sooner deal', closingDate: '2099-01-01' });
    await seedDeal({ description: 'Ola’s deal', salespersonId: 'U0OLA', closingDate: '2099-02-01' });
    const mine = textOf(await home('U0KARI'));
    expect(mine).toContain('My pipeline');
    expect(mine.indexOf('Sooner deal')).toBeLessThan(mine.indexOf('Later deal'));
    expect(mine).not.toContain('Ola’s deal');
    expect(mine).toContain('Open: 2');
    expect(mine).not.toContain('By salesperson');
    const manager = textOf(await home('U0ADMIN'));
    expect(manager).toContain('The team’s pipeline');
    expect(manager).toContain('<@U0OLA>');
    expect(manager).toContain('<@U0KARI>');
  });
});
