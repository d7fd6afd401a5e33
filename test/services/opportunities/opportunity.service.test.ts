import { OpportunityModel, OpportunitySetupModel } from '../../../src/models/opportunity.model';
import { contactInputSchema } from '../../../src/schemas/contact-input';
import { createContact } from '../../../src/services/contacts/contact.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { getOpportunitySetup } from '../../../src/services/opportunities/opportunity-setup.service';
import {
  changeOpportunity,
  createOpportunity,
  getOpportunity,
  openOpportunitiesOf,
  type OpportunityActor,
} from '../../../src/services/opportunities/opportunity.service';
import type { Opportunity } from '../../../src/services/opportunities/opportunity.types';
import { saveSetupSection } from '../../../src/services/setup/setup.service';
import { clearCollections, useTestDatabase } from '../../support/database';

useTestDatabase();

const WS = 'T0001';
const KARI: OpportunityActor = { userId: 'U0KARI', isManager: false, isAdmin: false };
const OLA: OpportunityActor = { userId: 'U0OLA', isManager: false, isAdmin: false };
const BOSS: OpportunityActor = { userId: 'U0BOSS', isManager: true, isAdmin: false };
const TODAY = '2026-12-07';
let company: Contact;
let person: Contact;
let key = 0;

async function newContact(fields: Record<string, unknown>, workspaceId = WS): Promise<Contact> {
  const result = await createContact({
    workspaceId,
    userId: 'U0001',
    input: contactInputSchema.parse(fields),
    ignoreDuplicates: true,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.contact;
}

async function newDeal(fields: Partial<Parameters<typeof createOpportunity>[0]['input']> = {}, workspaceId = WS) {
  const result = await createOpportunity({
    workspaceId,
    userId: 'U0KARI',
    idempotencyKey: `k${(key += 1)}`,
    input: { contactId: person.id, description: '20 forklifts', estimatedValue: 1_000_000, ...fields },
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.opportunity;
}

const change = (
  opportunity: Opportunity,
  actor: OpportunityActor,
  c: Parameters<typeof changeOpportunity>[0]['change'],
) =>
  changeOpportunity({
    workspaceId: WS,
    actor,
    opportunityId: opportunity.id,
    expectedVersion: opportunity.version,
    change: c,
    today: TODAY,
  });

beforeEach(async () => {
  await clearCollections();
  company = await newContact({ type: 'company', name: 'Nordlys Maskin AS' });
  person = await newContact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
});

describe('the ready setup', () => {
  it('gives a new English workspace the standard cycle with five stages and the SM series', async () => {
    const setup = await getOpportunitySetup(WS);
    expect(setup.numbering).toEqual({ prefix: 'SM', digits: 6 });
    expect(setup.currency).toBe('NOK');
    expect(setup.cycles[0]?.stages.map((s) => s.description)).toEqual([
      'First contact',
      'Needs analysis',
      'Offer',
      'Negotiation',
      'Signed',
    ]);
    expect(await OpportunitySetupModel.countDocuments({ workspaceId: WS })).toBe(1);
  });

  it('names the stages in Norwegian for a Norwegian workspace, and keeps them once written', async () => {
    await saveSetupSection({
      workspaceId: 'T0NB',
      userId: 'U0001',
      version: 0,
      section: 'language',
      patch: { language: 'nb' },
    });
    const setup = await getOpportunitySetup('T0NB');
    expect(setup.cycles[0]?.stages.map((s) => s.description)).toEqual([
      'Første kontakt',
      'Behovsanalyse',
      'Tilbud',
      'Forhandling',
      'Signert',
    ]);
    expect(setup.closeCodes.lost.map((c) => c.description)).toContain('Konkurrent');
  });
});

describe('creating', () => {
  it('numbers SM000001, SM000002, keeps the company, and starts at the first stage with its chances', async () => {
    const first = await newDeal();
    const second = await newDeal({ contactId: company.id });
    expect([first.no, second.no]).toEqual(['SM000001', 'SM000002']);
    expect(first).toMatchObject({
      companyId: company.id,
      companyName: 'Nordlys Maskin AS',
      salespersonId: 'U0KARI',
      stageNo: 1,
      status: 'in_progress',
      chancesPct: 25,
      probabilityPct: 2.5, // multiply: 25 × 10 / 100
      calculatedValue: 25_000,
    });
    expect(first.entries).toEqual([expect.objectContaining({ action: 'created', by: 'U0KARI', toStage: 1 })]);
  });

  it('stores one deal for a form submitted twice', async () => {
    const input = { contactId: person.id, description: 'Twice', estimatedValue: 5 };
    const a = await createOpportunity({ workspaceId: WS, userId: 'U0KARI', idempotencyKey: 'same', input });
    const b = await createOpportunity({ workspaceId: WS, userId: 'U0KARI', idempotencyKey: 'same', input });
    expect(a.status === 'saved' && b.status === 'saved' && a.opportunity.id === b.opportunity.id).toBe(true);
    expect(await OpportunityModel.countDocuments({ workspaceId: WS })).toBe(1);
  });

  it('refuses, writing nothing: a contact of another workspace, a privacy-blocked one, a stage not in the cycle, bad numbers', async () => {
    const foreign = await newContact({ type: 'company', name: 'Elsewhere AS' }, 'T0002');
    const blocked = await newContact({ type: 'person', name: 'Privat Person', privacyBlocked: true });
    const attempt = (input: Record<string, unknown>) =>
      createOpportunity({
        workspaceId: WS,
        userId: 'U0KARI',
        idempotencyKey: `bad${(key += 1)}`,
        input: { contactId: person.id, description: 'x', estimatedValue: 1, ...input },
      });
    expect(await attempt({ contactId: foreign.id })).toMatchObject({
      status: 'invalid',
      errors: { contact: { key: 'opp.error.contactMissing' } },
    });
    expect(await attempt({ contactId: blocked.id })).toMatchObject({
      status: 'invalid',
      errors: { contact: { key: 'opp.error.privacyBlocked' } },
    });
    expect(await attempt({ stageNo: 9 })).toMatchObject({
      status: 'invalid',
      errors: { stage: { key: 'opp.error.stageNotInCycle' } },
    });
    expect(await attempt({ chancesPct: 101, estimatedValue: -1, description: ' ' })).toMatchObject({
      status: 'invalid',
      errors: { chances: { key: 'opp.error.pct' }, value: { key: 'opp.error.amount' }, description: {} },
    });
    expect(await OpportunityModel.countDocuments({})).toBe(0);
  });
});

describe('moving a deal', () => {
  it('goes to the next stage with its chances, recalculates, and keeps an entry per change', async () => {
    const deal = await newDeal();
    const moved = await change(deal, KARI, { kind: 'next' });
    expect(moved).toMatchObject({
      status: 'saved',
      opportunity: { stageNo: 2, chancesPct: 40, probabilityPct: 10, calculatedValue: 100_000, version: 1 },
    });
    if (moved.status !== 'saved') return;
    const updated = await change(moved.opportunity, KARI, {
      kind: 'update',
      values: { estimatedValue: 2_000_000, chancesPct: 50 },
    });
    expect(updated).toMatchObject({ status: 'saved', opportunity: { probabilityPct: 12.5, calculatedValue: 250_000 } });
    const stored = await getOpportunity(WS, deal.id, 10);
    expect(stored?.entries.map((e) => [e.action, e.fromStage, e.toStage, e.estimatedValue, e.chancesPct])).toEqual([
      ['update', 2, 2, 2_000_000, 50],
      ['stage', 1, 2, 1_000_000, 40],
      ['created', null, 1, 1_000_000, 25],
    ]);
    expect(stored?.entries[0]?.fields).toEqual(['value', 'chances']);
  });

  it('lets only one of two people moving the same deal win; the other is told, and no entry is lost or doubled', async () => {
    const deal = await newDeal();
    const [a, b] = await Promise.all([
      change(deal, KARI, { kind: 'next' }),
      change(deal, BOSS, { kind: 'stage', stageNo: 3 }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual(['changed', 'saved']);
    const stored = await getOpportunity(WS, deal.id, 10);
    expect(stored?.version).toBe(1);
    expect(stored?.entryCount).toBe(2);
  });

  it('will not skip a stage that may not be skipped, nor go to a stage outside the cycle', async () => {
    const deal = await newDeal();
    // Stage 2 may be skipped, stage 3 may not.
    const toFour = await change(deal, KARI, { kind: 'stage', stageNo: 4 });
    expect(toFour).toMatchObject({
      status: 'refused',
      problem: { key: 'opp.refused.noSkip', vars: { stage: '3 Offer' } },
    });
    expect(await change(deal, KARI, { kind: 'stage', stageNo: 3 })).toMatchObject({ status: 'saved' });
    const fresh = (await getOpportunity(WS, deal.id))!;
    expect(await change(fresh, KARI, { kind: 'stage', stageNo: 42 })).toMatchObject({
      status: 'invalid',
      errors: { stage: { key: 'opp.error.stageNotInCycle' } },
    });
  });

  it('lets the salesperson, managers and admins change it, and no one else', async () => {
    const deal = await newDeal();
    expect(await change(deal, OLA, { kind: 'next' })).toMatchObject({
      status: 'refused',
      problem: { key: 'opp.refused.notYours', vars: { user: '<@U0KARI>' } },
    });
    expect(await change(deal, { userId: 'U0ADM', isAdmin: true, isManager: true }, { kind: 'next' })).toMatchObject({
      status: 'saved',
    });
  });

  it('closes as won with a close code and actual value, refuses a second close, and reopens for a manager only', async () => {
    const deal = await newDeal();
    expect(await change(deal, KARI, { kind: 'close', outcome: 'won', closeCode: 'NOPE' })).toMatchObject({
      status: 'invalid',
      errors: { closeCode: { key: 'opp.error.closeCode' } },
    });
    const won = await change(deal, KARI, { kind: 'close', outcome: 'won', closeCode: 'PRICE', actualValue: 900_000 });
    expect(won).toMatchObject({
      status: 'saved',
      opportunity: {
        status: 'won',
        closedDate: TODAY,
        actualValue: 900_000,
        probabilityPct: 100,
        calculatedValue: 900_000,
      },
    });
    if (won.status !== 'saved') return;
    expect(await change(won.opportunity, KARI, { kind: 'close', outcome: 'lost', closeCode: 'PRICE' })).toMatchObject({
      status: 'refused',
      problem: { key: 'opp.refused.closed' },
    });
    expect(await change(won.opportunity, KARI, { kind: 'reopen' })).toMatchObject({
      status: 'refused',
      problem: { key: 'opp.refused.reopen' },
    });
    const reopened = await change(won.opportunity, BOSS, { kind: 'reopen' });
    expect(reopened).toMatchObject({
      status: 'saved',
      opportunity: { status: 'in_progress', closedDate: null, calculatedValue: 25_000 },
    });
    if (reopened.status === 'saved') expect(reopened.opportunity.closeCode).toBeUndefined();
    expect((await getOpportunity(WS, deal.id, 10))?.entries.map((e) => e.action)).toEqual([
      'reopened',
      'won',
      'created',
    ]);
  });

  it('treats a forged or foreign id as missing', async () => {
    const deal = await newDeal();
    expect(
      await changeOpportunity({
        workspaceId: 'T0002',
        actor: BOSS,
        opportunityId: deal.id,
        expectedVersion: 0,
        change: { kind: 'next' },
        today: TODAY,
      }),
    ).toEqual({ status: 'missing' });
    expect(
      await changeOpportunity({
        workspaceId: WS,
        actor: BOSS,
        opportunityId: { $ne: null },
        expectedVersion: 0,
        change: { kind: 'next' },
        today: TODAY,
      }),
    ).toEqual({ status: 'missing' });
  });
});

describe("a contact's open deals", () => {
  it("lists a person's on its own card and on its company's, not closed ones", async () => {
    const open = await newDeal({ closingDate: '2026-12-31' });
    const companyDeal = await newDeal({ contactId: company.id, closingDate: '2026-12-20' });
    const closed = await newDeal();
    await change(closed, KARI, { kind: 'close', outcome: 'lost', closeCode: 'PRICE' });
    expect((await openOpportunitiesOf(WS, person.id)).map((o) => o.id)).toEqual([open.id]);
    expect((await openOpportunitiesOf(WS, company.id)).map((o) => o.id)).toEqual([companyDeal.id, open.id]);
    expect(await openOpportunitiesOf('T0002', company.id)).toEqual([]);
  });
});
