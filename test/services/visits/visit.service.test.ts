import { ContactModel } from '../../../src/models/contact.model';
import { VisitModel } from '../../../src/models/visit.model';
import { contactInputSchema } from '../../../src/schemas/contact-input';
import { createContact, getContact, updateContact } from '../../../src/services/contacts/contact.service';
import { deleteContact, purgeDueDeletions } from '../../../src/services/contacts/contact-deletion.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { cancelVisit, logVisit, updateVisit } from '../../../src/services/visits/visit.service';
import {
  contactVisits,
  firstTimeContacts,
  teamWeek,
  visitsInRange,
} from '../../../src/services/visits/visit-report.service';
import type { VisitInput } from '../../../src/services/visits/visit.types';
import { actor } from '../../support/actors';
import { clearCollections, useTestDatabase } from '../../support/database';

useTestDatabase();

const WS = 'T0001';
let company: Contact;
let kari: Contact;
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

function visit(fields: Partial<VisitInput> = {}): VisitInput {
  return {
    contactId: kari.id,
    typeCode: 'VISIT',
    date: '2026-11-24',
    description: 'Met Kari, wants 3 pumps',
    evaluation: 'positive',
    successful: true,
    ...fields,
  };
}

async function log(input: VisitInput, userId = 'U0001', idempotencyKey = `k${(key += 1)}`) {
  return logVisit({
    workspaceId: WS,
    userId,
    input,
    idempotencyKey,
    source: { channelId: 'C0001', messageTs: '1.2', permalink: 'https://acme.slack.com/archives/C0001/p12' },
  });
}

beforeEach(async () => {
  await clearCollections();
  company = await newContact({ type: 'company', name: 'Nordlys Maskin AS' });
  kari = await newContact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
});

describe('logVisit', () => {
  it('stores the visit with the contact, its company at that time, type defaults and source; counts it on the contact', async () => {
    const result = await log(visit());
    expect(result).toMatchObject({ status: 'saved', created: true });
    expect(result.status === 'saved' && result.visit).toMatchObject({
      contactId: kari.id,
      contactNo: kari.no,
      companyId: company.id,
      companyName: 'Nordlys Maskin AS',
      salespersonId: 'U0001',
      typeDescription: 'Visit',
      durationMin: 60,
      cost: 0,
      attemptFailed: false,
      source: { channelId: 'C0001', messageTs: '1.2', permalink: expect.stringContaining('p12') },
    });
    expect((await getContact(WS, kari.id))?.stats).toMatchObject({
      interactionCount: 1,
      lastInteractionAt: new Date('2026-11-24T00:00:00Z'),
    });
  });

  it('stores one visit when the same submission arrives twice, even at once', async () => {
    const results = await Promise.all([
      log(visit(), 'U0001', 'same'),
      log(visit(), 'U0001', 'same'),
      log(visit(), 'U0001', 'same'),
    ]);
    expect(results.every((r) => r.status === 'saved')).toBe(true);
    expect(results.filter((r) => r.status === 'saved' && r.created)).toHaveLength(1);
    expect(await VisitModel.countDocuments({})).toBe(1);
    expect((await getContact(WS, kari.id))?.stats.interactionCount).toBe(1);
  });

  it('refuses a privacy-blocked contact, another workspace’s contact and an unknown type; stores nothing', async () => {
    const blocked = await newContact({ type: 'company', name: 'Secret AS', privacyBlocked: true });
    const foreign = await newContact({ type: 'company', name: 'Other AS' }, 'T0002');
    expect(await log(visit({ contactId: blocked.id }))).toEqual({
      status: 'invalid',
      errors: { contactId: expect.stringContaining('privacy blocked') },
    });
    expect(await log(visit({ contactId: foreign.id }))).toEqual({
      status: 'invalid',
      errors: { contactId: expect.stringContaining('no longer exists') },
    });
    expect(await log(visit({ typeCode: 'NOPE' }))).toEqual({
      status: 'invalid',
      errors: { typeCode: expect.any(String) },
    });
    expect(await VisitModel.countDocuments({})).toBe(0);
  });

  it('a failed attempt counts as an attempt, not as the last interaction', async () => {
    await log(visit({ date: '2026-11-20' }));
    await log(visit({ date: '2026-11-23', successful: false }));
    expect((await getContact(WS, kari.id))?.stats).toMatchObject({
      interactionCount: 2,
      lastInteractionAt: new Date('2026-11-20T00:00:00Z'),
      lastAttemptAt: new Date('2026-11-23T00:00:00Z'),
    });
  });
});

describe('history and changes', () => {
  it('a company’s history includes its persons’ visits, and stays with the company after the person moves', async () => {
    await log(visit());
    const other = await newContact({ type: 'company', name: 'Fjord AS' });
    const moved = await updateContact({
      workspaceId: WS,
      actor: actor('U0001'),
      contactId: kari.id,
      version: (await getContact(WS, kari.id))!.version,
      input: contactInputSchema.parse({ type: 'person', name: 'Kari Nordmann', companyId: other.id }),
    });
    expect(moved.status).toBe('saved');
    await log(visit({ date: '2026-11-25' }));
    expect((await contactVisits(WS, company.id, { skip: 0, limit: 5 })).total).toBe(1);
    expect((await contactVisits(WS, other.id, { skip: 0, limit: 5 })).total).toBe(1);
    expect((await contactVisits(WS, kari.id, { skip: 0, limit: 5 })).visits.map((v) => v.date)).toEqual([
      '2026-11-25',
      '2026-11-24',
    ]);
  });

  it('cancelled visits stay, marked, and drop out of totals and counts', async () => {
    const first = await log(visit());
    await log(visit({ typeCode: 'PHONE' }));
    if (first.status !== 'saved') throw new Error('not saved');
    await cancelVisit(WS, first.visit.id, 'U0001');
    const history = await contactVisits(WS, kari.id, { skip: 0, limit: 5 });
    expect(history.total).toBe(2);
    expect(history.visits.map((v) => v.status).sort()).toEqual(['cancelled', 'logged']);
    expect(history.totals).toMatchObject({
      visits: 1,
      byType: [{ code: 'PHONE', description: 'Phone call', count: 1 }],
    });
    expect((await getContact(WS, kari.id))?.stats.interactionCount).toBe(1);
  });

  it('only the salesperson edits a visit', async () => {
    const logged = await log(visit());
    if (logged.status !== 'saved') throw new Error('not saved');
    expect(
      await updateVisit({
        workspaceId: WS,
        userId: 'U0OTHER',
        visitId: logged.visit.id,
        input: visit({ description: 'x' }),
      }),
    ).toEqual({ status: 'invalid', errors: { form: expect.stringContaining('Only the salesperson') } });
    const edited = await updateVisit({
      workspaceId: WS,
      userId: 'U0001',
      visitId: logged.visit.id,
      input: visit({ description: 'Edited', evaluation: 'very_positive' }),
    });
    expect(edited.status === 'saved' && edited.visit).toMatchObject({
      description: 'Edited',
      evaluation: 'very_positive',
    });
  });

  it('deleting a company keeps its visits; purged after 30 days, they keep the names as text', async () => {
    await log(visit());
    await deleteContact({ workspaceId: WS, actor: actor('U0ADMIN', { admin: true }), contactId: company.id });
    // Restorable for 30 days: the visit still points at its (deleted) contact.
    expect(await VisitModel.findOne({}).lean()).toMatchObject({ contactId: expect.anything() });
    expect(await purgeDueDeletions(WS, new Date(Date.now() + 31 * 86_400_000))).toBe(1);
    const [kept] = await VisitModel.find({}).lean();
    expect(kept).toMatchObject({
      contactId: null,
      companyId: null,
      contactName: 'Kari Nordmann',
      companyName: 'Nordlys Maskin AS',
    });
    expect(await ContactModel.countDocuments({})).toBe(0);
  });
});

describe('reports', () => {
  it('totals per type and salesperson, first-time contacts and who logged nothing', async () => {
    await log(visit({ date: '2026-11-10' }), 'U0OLD');
    await log(visit({ date: '2026-11-24' }), 'U0001');
    await log(visit({ date: '2026-11-25', typeCode: 'PHONE', evaluation: 'negative' }), 'U0002');
    const newcomer = await newContact({ type: 'company', name: 'Ny Kunde AS' });
    await log(visit({ contactId: newcomer.id, date: '2026-11-26' }), 'U0002');
    const week = { from: '2026-11-23', to: '2026-11-29' };
    const team = await visitsInRange(WS, { kind: 'team' }, week);
    expect(team.total).toBe(3);
    expect(team.totals.bySalesperson).toEqual([
      { userId: 'U0002', count: 2, failedAttempts: 0 },
      { userId: 'U0001', count: 1, failedAttempts: 0 },
    ]);
    expect(team.totals.byType).toEqual([
      { code: 'VISIT', description: 'Visit', count: 2 },
      { code: 'PHONE', description: 'Phone call', count: 1 },
    ]);
    expect(team.totals.byEvaluation).toMatchObject({ positive: 2, negative: 1 });
    expect((await visitsInRange(WS, { kind: 'user', userId: 'U0001' }, week)).total).toBe(1);
    expect(await firstTimeContacts(WS, week)).toEqual([{ name: 'Ny Kunde AS', no: newcomer.no }]);
    // U0OLD logged in the eight weeks before, nothing this week; the week's totals are the team's.
    expect(await teamWeek(WS, week)).toEqual({ totals: team.totals, salespeopleWithoutVisits: ['U0OLD'] });
  });
});
