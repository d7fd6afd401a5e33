import type { BlockElementAction } from '@slack/bolt';
import { ids } from '../../../src/ids';
import { OpportunityModel, OpportunitySetupModel } from '../../../src/models/opportunity.model';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { getOpportunitySetup } from '../../../src/services/opportunities/opportunity-setup.service';
import { createOpportunity, getOpportunity } from '../../../src/services/opportunities/opportunity.service';
import type { Opportunity } from '../../../src/services/opportunities/opportunity.types';
import { listSetupAudit, saveSetupSection } from '../../../src/services/setup/setup.service';
import { blockActions, buttonAction } from '../../harness/payloads';
import { submitView, viewOf, type SentView } from '../../support/contact-flows';
import type { Typed } from '../../support/modal-state';
import * as setupFlows from '../../support/setup-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();
const F = ids.oppSetupField;
const O = ids.opportunity;
const ADMIN = 'U0ADMIN';
let kari: Contact;
let n = 0;

type Ack = { response_action?: string; errors?: Record<string, string>; view?: SentView } | undefined;

beforeEach(async () => {
  kontakt.fake.setUser('U0KARI', { name: 'kari' });
  kontakt.fake.setUser('U0OLA', { name: 'ola' });
  kontakt.fake.setUser(ADMIN, { is_admin: true });
  const nordlys = await addContact({ type: 'company', name: 'Nordlys Maskin AS', salespersonId: 'U0KARI' });
  kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id });
});

async function seedDeal(fields: Record<string, unknown> = {}): Promise<Opportunity> {
  const result = await createOpportunity({
    workspaceId: 'T0001',
    userId: 'U0KARI',
    idempotencyKey: `seed${(n += 1)}`,
    input: { contactId: kari.id, description: '20 forklifts', estimatedValue: 1_000_000, ...fields } as never,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.opportunity;
}

const textOf = (view: { blocks?: unknown[] }) => JSON.stringify(view.blocks).replace(/\u00a0/g, ' ');

const openSetup = (userId = ADMIN) => setupFlows.openSetup(kontakt, userId);
/** A click inside a setup modal (stacked over the summary). */
const clickIn = (view: SentView, action: BlockElementAction, userId = ADMIN) =>
  setupFlows.clickInSetup(kontakt, view, action, userId);
const pushed = (before: number, id: string) => setupFlows.pushedAfter(kontakt, before, id);

async function openSection(section: string, userId = ADMIN): Promise<SentView> {
  const home = await openSetup();
  const before = kontakt.fake.callsTo('views.push').length;
  await clickIn(home, buttonAction({ actionId: ids.actions.oppSetupOpen, value: section }), userId);
  return pushed(before, `V0${section.toUpperCase()}`);
}

const submit = (view: SentView, typed: Record<string, Typed>, userId = ADMIN): Promise<Ack> =>
  setupFlows.saveSection(kontakt, view, typed, { userId });

/** The ⋯ menu of a cycle in the list: Edit pushes its modal; Remove redraws the list. */
async function cycleMenu(list: SentView, value: string): Promise<void> {
  await clickIn(list, {
    type: 'overflow',
    action_id: ids.actions.oppSetupCycleMenu,
    block_id: 'row',
    action_ts: '1.2',
    selected_option: { text: { type: 'plain_text', text: 'x' }, value },
  } as unknown as BlockElementAction);
}

async function editCycle(code: string): Promise<SentView> {
  const list = await openSection('salesCycles');
  const before = kontakt.fake.callsTo('views.push').length;
  await cycleMenu(list, `edit:${code}`);
  return pushed(before, 'V0CYCLE');
}

const stagesOf = (view: SentView): string => {
  const block = view.blocks.find((b) => b.block_id === F.cycleStages) as unknown as {
    element: { initial_value: string };
  };
  return block.element.initial_value;
};

/** A click on an ephemeral card: the answer posted to its response_url. */
async function clickCard(actionId: string, value: string, userId = 'U0KARI'): Promise<string> {
  const key = `act-${Math.random()}`;
  await kontakt.send.interactive(
    blockActions({
      userId,
      actions: [
        { type: 'button', action_id: actionId, block_id: 'b1', value, text: { type: 'plain_text', text: 'x' } },
      ] as never,
      responseUrl: kontakt.fake.responseUrl(key),
      overrides: { container: { is_ephemeral: true } as never },
    }),
  );
  return key;
}
async function closeModal(): Promise<SentView> {
  const call = await kontakt.fake.waitForCall('views.open', (c) => viewOf(c).callback_id === O.views.close);
  return { ...viewOf(call), id: 'VCLOSE' };
}
const answer = async (key: string) =>
  (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as { blocks: unknown[] };

describe('Sales cycles', () => {
  it('the summary shows the sales-opportunity sections; a stage’s new percentages reach open deals, their card and the audit log', async () => {
    const deal = await seedDeal({ stageNo: 3 });
    expect(deal).toMatchObject({ chancesPct: 50, probabilityPct: 25, calculatedValue: 250_000 });
    const home = await openSetup();
    const summary = textOf(home);
    expect(summary).toContain('Sales cycles');
    expect(summary).toContain('STANDARD (5 stages, default)');
    expect(summary).toContain('Won: PRICE, RELATION');
    expect(summary).toContain('Next no. SM000002');
    expect(summary).toContain('Not posted to a channel');

    const cycle = await editCycle('STANDARD');
    expect(cycle.callback_id).toBe(ids.views.oppSetupCycle);
    const stages = stagesOf(cycle);
    expect(stages.split('\n')[2]).toBe('3 | Offer | 50 | 50');
    const ack = await submit(cycle, {
      [F.cycleStages]: stages.replace('3 | Offer | 50 | 50', '3 | Offer | 80 | 50'),
      [F.cycleCalculation]: 'multiply',
    });
    expect(ack).toBeUndefined();
    const stored = await getOpportunity('T0001', deal.id);
    expect(stored).toMatchObject({ probabilityPct: 40, calculatedValue: 400_000 });
    const card = textOf(await answer(await clickCard(O.actions.view, deal.id)));
    expect(card).toContain('40 %');

    // The list is redrawn with the saved cycle; the audit log says what changed in words.
    const redraw = await kontakt.fake.waitForCall('views.update', (c) => c.args.view_id === 'V0SALESCYCLES');
    expect(textOf(viewOf(redraw))).toContain('3. Offer — 80 % completed, 50 % chances');
    const [entry] = await listSetupAudit('T0001');
    expect(entry).toMatchObject({ userId: ADMIN, section: 'salesCycles' });
    const before = kontakt.fake.callsTo('views.push').length;
    await clickIn(await openSetup(), buttonAction({ actionId: ids.actions.setupOpenAudit, value: 'audit' }));
    const log = textOf(await pushed(before, 'V0AUDIT'));
    expect(log).toContain('changed the sales cycle STANDARD: stage 3. Offer (80 % completed, 50 % chances)');
    expect(log).toContain('Sales cycles');
  });

  it('a new cycle is added; a stage or a cycle open deals sit in cannot go, and the refusal names them', async () => {
    const add = await openSection('salesCycles');
    let before = kontakt.fake.callsTo('views.push').length;
    await clickIn(add, buttonAction({ actionId: ids.actions.oppSetupCycleAdd, value: 'add' }));
    const fresh = await pushed(before, 'V0NEWCYCLE');
    expect(
      await submit(fresh, {
        [F.cycleCode]: 'project',
        [F.cycleDescription]: 'Project sales',
        [F.cycleCalculation]: 'add',
        [F.cycleStages]: '1 | Scoping | 20 | 30 | skip\n2 | Tender | 60 | 50',
      }),
    ).toBeUndefined();
    const project = (await getOpportunitySetup('T0001')).cycles.find((c) => c.code === 'PROJECT');
    expect(project).toMatchObject({
      calculation: 'add',
      stages: [
        { no: 1, description: 'Scoping', completedPct: 20, chancesPct: 30, allowSkip: true },
        { no: 2, description: 'Tender', completedPct: 60, chancesPct: 50, allowSkip: false },
      ],
    });
    const first = await seedDeal({ stageNo: 3 });
    const second = await seedDeal({ stageNo: 3 });
    await seedDeal({ stageNo: 4 });
    const inProject = await seedDeal({ cycleCode: 'PROJECT', stageNo: 2 });
    expect(inProject.probabilityPct).toBe(55);

    const cycle = await editCycle('STANDARD');
    const without3 = stagesOf(cycle)
      .split('\n')
      .filter((line) => !line.startsWith('3 '))
      .join('\n');
    const refused = await submit(cycle, { [F.cycleStages]: without3 });
    expect(refused?.errors?.[F.cycleStages]).toBe(
      `Stage 3 cannot go: open opportunities are in it (${first.no}, ${second.no}).`,
    );
    expect((await getOpportunitySetup('T0001')).cycles[0]?.stages).toHaveLength(5);

    // Removing a cycle in use from its ⋯ menu: the list says why, nothing removed.
    const list = await openSection('salesCycles');
    before = kontakt.fake.callsTo('views.update').length;
    await cycleMenu(list, 'remove:PROJECT');
    const redraw = await kontakt.fake.waitForCall(
      'views.update',
      (c) => kontakt.fake.callsTo('views.update').indexOf(c) >= before && c.args.view_id === list.id,
    );
    expect(textOf(viewOf(redraw))).toContain(`Cycle PROJECT cannot go: open opportunities use it (${inProject.no})`);
    expect((await getOpportunitySetup('T0001')).cycles.map((c) => c.code)).toEqual(['STANDARD', 'PROJECT']);
  });

  it('bad input comes back inline, every field in one round, and nothing is saved', async () => {
    const cycle = await editCycle('STANDARD');
    const ack = await submit(cycle, {
      [F.cycleCode]: 'MUCH TOO LONG',
      [F.cycleDescription]: '',
      [F.cycleStages]: '1 | First | 150 | 20\n1 | Again | 10 | -4\nnonsense\n4 | Late | 40 | 40 | perhaps',
    });
    expect(ack?.response_action).toBe('errors');
    expect(Object.keys(ack?.errors ?? {}).sort()).toEqual([F.cycleCode, F.cycleDescription, F.cycleStages].sort());
    const stages = ack?.errors?.[F.cycleStages] ?? '';
    expect(stages).toContain('Line 1: completed % is a number from 0 to 100.');
    expect(stages).toContain('Line 2: stage 1 is there twice.');
    expect(stages).toContain('Line 2: chances of success % is a number from 0 to 100.');
    expect(stages).toContain('Line 3: write stage no.');
    expect(stages).toContain('Line 4: the last part is “skip” or nothing.');

    const opportunities = await openSection('opportunities');
    const bad = await submit(opportunities, { [F.currency]: 'XX1', [F.digits]: '0', [F.prefix]: 'S M' });
    expect(Object.keys(bad?.errors ?? {}).sort()).toEqual([F.currency, F.digits, F.prefix].sort());
    expect(bad?.errors?.[F.currency]).toContain('not a currency code');
    expect((await getOpportunitySetup('T0001')).version).toBe(0);
  });
});

describe('Close codes, number series and deal news', () => {
  it('close codes saved are the ones the Close modal offers and stores', async () => {
    const section = await openSection('closeCodes');
    const dupes = await submit(section, { [F.closeWon]: 'BUDGET Fits the budget\nBUDGET Again' });
    expect(dupes?.errors?.[F.closeWon]).toContain('BUDGET');
    expect(
      await submit(section, { [F.closeWon]: 'BUDGET Fits the budget', [F.closeLost]: 'TIMING Bad timing' }),
    ).toBeUndefined();
    const deal = await seedDeal();
    await clickCard(O.actions.close, `${deal.id}:0`);
    const close = await closeModal();
    expect(textOf(close)).toContain('won:BUDGET');
    expect(textOf(close)).toContain('lost:TIMING');
    expect(textOf(close)).not.toContain('won:PRICE');
    expect(
      await submitView(
        kontakt,
        close,
        { [O.blocks.outcome]: 'won', [O.blocks.closeCode]: 'won:BUDGET' },
        { userId: 'U0KARI' },
      ),
    ).toBeUndefined();
    expect(await OpportunityModel.findOne({ _id: deal.id }).lean()).toMatchObject({
      status: 'won',
      closeCode: 'BUDGET',
    });
  });

  it('the number series and currency are used by the next opportunity; a next no. already taken is refused', async () => {
    await seedDeal();
    const section = await openSection('opportunities');
    const low = await submit(section, { [F.nextNo]: '1' });
    expect(low?.errors?.[F.nextNo]).toContain('up to 1 are taken');
    expect(
      await submit(section, { [F.prefix]: 'opp', [F.digits]: '4', [F.nextNo]: '42', [F.currency]: 'sek' }),
    ).toBeUndefined();
    const next = await seedDeal();
    expect(next).toMatchObject({ no: 'OPP0042', currency: 'SEK' });
    const [entry] = await listSetupAudit('T0001');
    expect(entry?.changes).toEqual(
      expect.arrayContaining([
        { field: 'opp.numbering.prefix', from: 'SM', to: 'OPP' },
        { field: 'opp.numbering.nextNo', from: '2', to: '42' },
      ]),
    );
  });

  it('deal news: the channel is saved and a won deal posted there; a channel Kontakt is not in is said, with how to add it', async () => {
    // A private channel Kontakt is not in is one Slack says it cannot find.
    kontakt.fake.respondWith('conversations.info', (call) =>
      call.args.channel === 'G0PRIVATE'
        ? { ok: false, error: 'channel_not_found' }
        : { ok: true, channel: { id: call.args.channel, is_member: call.args.channel === 'C0NEWS' } },
    );
    const section = await openSection('dealNews');
    expect(textOf(section)).toContain('conversations_select');
    const moved = await submit(section, { [F.newsChannel]: 'C0NEWS', [F.newsEvents]: ['won', 'moved'] });
    expect(moved?.errors?.[F.newsMovedFrom]).toContain('Choose the stage');
    expect(
      await submit(section, { [F.newsChannel]: 'C0NEWS', [F.newsEvents]: ['won', 'moved'], [F.newsMovedFrom]: '4' }),
    ).toBeUndefined();
    expect((await getOpportunitySetup('T0001')).news).toMatchObject({ channelId: 'C0NEWS', won: true, movedFrom: 4 });

    const deal = await seedDeal();
    await clickCard(O.actions.close, `${deal.id}:0`);
    const close = await closeModal();
    await submitView(
      kontakt,
      close,
      { [O.blocks.outcome]: 'won', [O.blocks.closeCode]: 'won:PRICE' },
      { userId: 'U0KARI' },
    );
    const post = await kontakt.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0NEWS');
    expect(String(post.args.text)).toContain(`Won! 20 forklifts (${deal.no})`);

    const again = await openSection('dealNews');
    const warned = await submit(again, { [F.newsChannel]: 'C0QUIET' });
    expect(warned?.response_action).toBe('update');
    expect(textOf(warned?.view ?? {})).toContain('Kontakt is not a member of <#C0QUIET>');
    expect(textOf(warned?.view ?? {})).toContain('/invite @Kontakt');
    expect((await getOpportunitySetup('T0001')).news.channelId).toBe('C0QUIET');
    const privately = await submit(await openSection('dealNews'), { [F.newsChannel]: 'G0PRIVATE' });
    expect(textOf(privately?.view ?? {})).toContain('Kontakt is not a member of <#G0PRIVATE>');
  });
});

describe('in Norsk', () => {
  it('a Norwegian workspace gets the sections, the ready cycle and the stage lines in Norwegian', async () => {
    await saveSetupSection({
      workspaceId: 'T0001',
      userId: ADMIN,
      section: 'language',
      version: 0,
      patch: { language: 'nb' },
    });
    // The ready cycle is named once, at the first read, in the workspace's language then: start from none.
    await OpportunitySetupModel.deleteMany({ workspaceId: 'T0001' });
    const home = textOf(await openSetup());
    expect(home).toContain('Salgssykluser');
    expect(home).toContain('Lukkekoder');
    expect(home).toContain('Vunnet: PRICE, RELATION');
    const cycle = await editCycle('STANDARD');
    expect(stagesOf(cycle).split('\n')).toEqual([
      '1 | Første kontakt | 10 | 25',
      '2 | Behovsanalyse | 25 | 40 | hopp',
      '3 | Tilbud | 50 | 50',
      '4 | Forhandling | 75 | 70 | hopp',
      '5 | Signert | 100 | 100',
    ]);
    const bad = await submit(cycle, { [F.cycleStages]: '1 | Første kontakt | 110 | 25' });
    expect(bad?.errors?.[F.cycleStages]).toBe('Linje 1: fullført % er et tall fra 0 til 100.');
  });
});

describe('who may change it', () => {
  it('a non-admin is refused, and a form drawn before someone else saved is refused as stale', async () => {
    const section = await openSection('opportunities');
    const refused = await submit(section, { [F.currency]: 'EUR' }, 'U0OLA');
    expect(refused?.response_action).toBe('errors');
    expect(Object.values(refused?.errors ?? {}).join(' ')).toContain('admin');
    const open = await openSection('dealNews');
    expect(await OpportunitySetupModel.countDocuments({ workspaceId: 'T0001', currency: 'EUR' })).toBe(0);

    // The same form a second time: drawn at the version before the first save.
    expect(await submit(section, { [F.currency]: 'EUR' })).toBeUndefined();
    const stale = await submit(open, { [F.newsChannel]: 'C0NEWS' });
    expect(Object.values(stale?.errors ?? {}).join(' ')).toContain('Setup changed since you opened it');
    expect((await getOpportunitySetup('T0001')).news.channelId).toBeUndefined();

    // A click from a non-admin on the summary's Edit is refused too.
    const home = await openSetup();
    const before = kontakt.fake.callsTo('views.update').length;
    await clickIn(home, buttonAction({ actionId: ids.actions.oppSetupOpen, value: 'salesCycles' }), 'U0OLA');
    const notice = await kontakt.fake.waitForCall(
      'views.update',
      (c) => kontakt.fake.callsTo('views.update').indexOf(c) >= before,
    );
    expect(textOf(viewOf(notice))).toContain('Only Kontakt admins can change setup');
  });
});
