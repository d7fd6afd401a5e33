/**
 * Every multi-step write, failed at each of its writes in turn (the write lost on its way to the database, or
 * done with its reply lost), then: the user's retry completes it, or — with no retry — the repair job puts the
 * workspace right. Either way the workspace's invariants hold afterwards (findIntegrityProblems finds nothing).
 */
import mongoose from 'mongoose';
import { contactInputSchema, type ContactInput } from '../../../src/schemas/contact-input';
import {
  deleteContact,
  purgeDueDeletions,
  restoreDeletion,
} from '../../../src/services/contacts/contact-deletion.service';
import { createContact, getContact, updateContact } from '../../../src/services/contacts/contact.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { OpportunityModel, OpportunitySetupModel } from '../../../src/models/opportunity.model';
import { getOpportunitySetup } from '../../../src/services/opportunities/opportunity-setup.service';
import {
  saveOpportunitySetup,
  type OppSetupPatch,
} from '../../../src/services/opportunities/opportunity-setup-save.service';
import { createOpportunity, derived, nextOpportunityNo } from '../../../src/services/opportunities/opportunity.service';
import type { OpportunitySetup } from '../../../src/services/opportunities/opportunity.types';
import { rebuildStaleDuplicateKeys } from '../../../src/services/contacts/duplicate-regeneration.service';
import {
  describeIntegrityProblem,
  findIntegrityProblems,
} from '../../../src/services/integrity/integrity-check.service';
import { repairWorkspace } from '../../../src/services/integrity/integrity-repair.service';
import {
  getNextContactNo,
  getWorkspaceSetup,
  listSetupAudit,
  saveSetupSection,
} from '../../../src/services/setup/setup.service';
import type { SetupPatch, SetupSection } from '../../../src/services/setup/setup.types';
import { logVisit, updateVisit } from '../../../src/services/visits/visit.service';
import type { VisitInput } from '../../../src/services/visits/visit.types';
import { actor } from '../../support/actors';
import { clearCollections, useTestDatabase } from '../../support/database';
import { InjectedFault, WriteFaults, type FaultMode } from '../../support/fault-injection';

useTestDatabase();
const faults = new WriteFaults();
beforeAll(() => faults.install());
afterAll(() => faults.uninstall());

const WS = 'T0001';
const ADMIN = actor('U0ADMIN', { admin: true });
const LATER = () => new Date(Date.now() + 31 * 86_400_000);

async function contact(fields: Partial<ContactInput> & Pick<ContactInput, 'type' | 'name'>): Promise<Contact> {
  const result = await createContact({
    workspaceId: WS,
    userId: 'U0KARI',
    input: contactInputSchema.parse(fields),
    ignoreDuplicates: true,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.contact;
}

const visitInput = (contactId: string, fields: Partial<VisitInput> = {}): VisitInput => ({
  contactId,
  typeCode: 'VISIT',
  date: '2026-11-24',
  description: 'Met them',
  evaluation: 'positive',
  successful: true,
  ...fields,
});

async function problems(): Promise<string[]> {
  return (await findIntegrityProblems(WS)).map(describeIntegrityProblem);
}

/**
 * One multi-step write: `seed` builds what it works on, `run` is the user's action (run again as their retry),
 * `outcome` says what the workspace must look like once the write is complete.
 */
interface UseCase<Seed> {
  name: string;
  seed(): Promise<Seed>;
  run(seed: Seed): Promise<unknown>;
  outcome(seed: Seed): Promise<void>;
}

const rows = [
  { field: 'name', part: 'first', length: 4 },
  { field: 'city', part: 'first', length: 4 },
] as const;

/** The list holds use cases of different seeds; each is checked on its own. */
function useCase<Seed>(definition: UseCase<Seed>): UseCase<unknown> {
  return definition as unknown as UseCase<unknown>;
}

const useCases: UseCase<unknown>[] = [
  useCase({
    name: 'log a visit (visit, then the contact’s figures)',
    seed: async () => ({ person: await contact({ type: 'person', name: 'Kari Nordmann' }) }),
    run: ({ person }) =>
      logVisit({ workspaceId: WS, userId: 'U0KARI', idempotencyKey: 'view:V1', input: visitInput(person.id) }),
    outcome: async ({ person }) => {
      expect((await getContact(WS, person.id))?.stats).toMatchObject({
        interactionCount: 1,
        lastInteractionAt: new Date('2026-11-24T00:00:00Z'),
      });
      expect(await mongoose.connection.db!.collection('visits').countDocuments({ workspaceId: WS })).toBe(1);
    },
  }),
  useCase({
    name: 'edit a visit onto another contact (visit, both contacts’ figures, the mark)',
    seed: async () => {
      const from = await contact({ type: 'person', name: 'Kari Nordmann' });
      const to = await contact({ type: 'person', name: 'Per Hansen' });
      const logged = await logVisit({
        workspaceId: WS,
        userId: 'U0KARI',
        idempotencyKey: 'k',
        input: visitInput(from.id),
      });
      if (logged.status !== 'saved') throw new Error('seed');
      return { from, to, visitId: logged.visit.id };
    },
    run: ({ to, visitId }) =>
      updateVisit({
        workspaceId: WS,
        userId: 'U0KARI',
        visitId,
        input: visitInput(to.id, { date: '2026-11-25' }),
      }).then((result) => {
        if (result.status !== 'saved') throw new Error(JSON.stringify(result));
      }),
    outcome: async ({ from, to }) => {
      expect((await getContact(WS, from.id))?.stats.interactionCount).toBe(0);
      expect((await getContact(WS, to.id))?.stats).toMatchObject({
        interactionCount: 1,
        lastInteractionAt: new Date('2026-11-25T00:00:00Z'),
      });
    },
  }),
  useCase({
    name: 'rename a company, flowing the name and a changed field down to its persons',
    seed: async () => {
      const company = await contact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen' });
      await contact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
      await contact({ type: 'person', name: 'Per Hansen', companyId: company.id });
      return { company };
    },
    run: async ({ company }) => {
      const result = await updateContact({
        workspaceId: WS,
        actor: actor('U0KARI'),
        contactId: company.id,
        version: company.version,
        input: contactInputSchema.parse({ type: 'company', name: 'Nordlys Industri AS', city: 'Oslo' }),
      });
      // The retry of the user's own half-save is theirs to finish, not "someone changed this contact".
      if (result.status !== 'saved') throw new Error(JSON.stringify(result));
    },
    outcome: async () => {
      const persons = await mongoose.connection
        .db!.collection('contacts')
        .find({ workspaceId: WS, type: 'person' })
        .toArray();
      expect(persons.map((p) => [p.companyName, p.city])).toEqual([
        ['Nordlys Industri AS', 'Oslo'],
        ['Nordlys Industri AS', 'Oslo'],
      ]);
      expect(persons.every((p) => p.search.terms.includes('industri'))).toBe(true);
    },
  }),
  useCase({
    name: 'delete a company with its persons (record, marks, record done)',
    seed: async () => {
      const company = await contact({ type: 'company', name: 'Nordlys Maskin AS', salespersonId: 'U0KARI' });
      const person = await contact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
      await logVisit({ workspaceId: WS, userId: 'U0KARI', idempotencyKey: 'k', input: visitInput(person.id) });
      return { company, person };
    },
    run: ({ company }) => deleteContact({ workspaceId: WS, actor: actor('U0KARI'), contactId: company.id }),
    outcome: async ({ company, person }) => {
      expect(await getContact(WS, company.id)).toBeUndefined();
      expect(await getContact(WS, person.id)).toBeUndefined();
      const records = await mongoose.connection.db!.collection('contact_deletions').find({ workspaceId: WS }).toArray();
      expect(records.map((r) => [r.status, r.personIds.length])).toEqual([['deleted', 1]]);
    },
  }),
  useCase({
    name: 'restore a deleted company with its persons',
    seed: async () => {
      const company = await contact({ type: 'company', name: 'Nordlys Maskin AS' });
      const person = await contact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
      const deleted = await deleteContact({ workspaceId: WS, actor: ADMIN, contactId: company.id });
      if (deleted.status !== 'deleted') throw new Error('seed');
      return { company, person, deletionId: deleted.deletion.id };
    },
    run: ({ deletionId }) => restoreDeletion({ workspaceId: WS, actor: ADMIN, deletionId }),
    outcome: async ({ company, person }) => {
      expect(await getContact(WS, company.id)).toBeDefined();
      expect(await getContact(WS, person.id)).toMatchObject({ companyName: 'Nordlys Maskin AS' });
    },
  }),
  useCase({
    name: 'purge a deletion after 30 days (visit links, marks, contacts, record)',
    seed: async () => {
      const company = await contact({ type: 'company', name: 'Nordlys Maskin AS' });
      const person = await contact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
      await logVisit({ workspaceId: WS, userId: 'U0KARI', idempotencyKey: 'k', input: visitInput(person.id) });
      await deleteContact({ workspaceId: WS, actor: ADMIN, contactId: company.id });
      return {};
    },
    run: () => purgeDueDeletions(WS, LATER()),
    outcome: async () => {
      const db = mongoose.connection.db!;
      expect(await db.collection('contacts').countDocuments({ workspaceId: WS })).toBe(0);
      expect(await db.collection('visits').findOne({ workspaceId: WS })).toMatchObject({
        contactId: null,
        companyId: null,
        contactName: 'Kari Nordmann',
      });
    },
  }),
  useCase({
    name: 'save setup with a new next number (setup, number series, audit entry, mark)',
    seed: async () => {
      await saveSetupSection({
        workspaceId: WS,
        userId: 'U0ADMIN',
        section: 'language',
        version: 0,
        patch: { language: 'en' },
      });
      return { version: (await getWorkspaceSetup(WS)).version };
    },
    run: ({ version }) =>
      saveSetup(version, 'numbering', { numbering: { prefix: 'KT', digits: 4, allowManual: false }, nextNo: 500 }),
    outcome: async () => {
      expect((await getWorkspaceSetup(WS)).numbering.prefix).toBe('KT');
      expect(await getNextContactNo(WS)).toBe(500);
      const audit = await listSetupAudit(WS);
      expect(audit.filter((entry) => entry.section === 'numbering')).toHaveLength(1);
    },
  }),
  useCase({
    name: 'save the opportunity setup with a new next number (setup, number series, audit entry, mark)',
    seed: async () => ({ version: (await getOpportunitySetup(WS)).version }),
    run: ({ version }) => saveOppSetup(version, oppNumbering),
    outcome: async () => {
      expect((await getOpportunitySetup(WS)).numbering).toEqual(oppNumbering.numbering);
      expect(await nextOpportunityNo(WS)).toBe(300);
      const audit = await listSetupAudit(WS);
      expect(audit.filter((entry) => (entry.section as string) === 'opportunities')).toHaveLength(1);
    },
  }),
  useCase({
    name: 'change the stages of a sales cycle open deals are in (setup, deals’ values, totals, audit entry, mark)',
    seed: async () => {
      const kari = await contact({ type: 'person', name: 'Kari Nordmann' });
      const deal = await createOpportunity({
        workspaceId: WS,
        userId: 'U0KARI',
        idempotencyKey: 'forklifts',
        input: { contactId: kari.id, description: 'Forklifts', estimatedValue: 1_000_000 },
      });
      if (deal.status !== 'saved') throw new Error(JSON.stringify(deal));
      const setup = await getOpportunitySetup(WS);
      // The form as the admin filled it: their retry sends the same values again.
      return { version: setup.version, cycles: steeperCycles(setup) };
    },
    run: ({ version, cycles }) => saveOppSetup(version, { cycles }),
    outcome: async () => expectDealsFollowTheirCycles(),
  }),
  useCase({
    name: 'change the duplicate rules, rebuilding every company’s search strings',
    seed: async () => {
      await contact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen' });
      await contact({ type: 'company', name: 'Fjord Pumper AS', city: 'Ålesund' });
      return { version: (await getWorkspaceSetup(WS)).version };
    },
    run: async ({ version }) => {
      const duplicates = { autosearch: true, hitPercent: 50, rows: rows.map((row) => ({ ...row })) };
      await saveSetup(version, 'duplicates', { duplicates });
      await rebuildStaleDuplicateKeys(WS);
    },
    outcome: async () => {
      const companies = await mongoose.connection
        .db!.collection('contacts')
        .find({ workspaceId: WS, type: 'company' })
        .sort({ no: 1 })
        .toArray();
      expect(companies.map((c) => c.search.dupKeys)).toEqual([
        ['name:first:4:NORD', 'city:first:4:BERG'],
        ['name:first:4:FJOR', 'city:first:4:ALES'],
      ]);
    },
  }),
];

/**
 * A setup save as the admin's form makes it: from the version the form was opened at. When the admin retries
 * after a save that went through (only its reply was lost), they are told setup changed and reopen it: the
 * save is then made from the current version.
 */
async function saveSetup(version: number, section: SetupSection, patch: SetupPatch) {
  let result = await saveSetupSection({ workspaceId: WS, userId: 'U0ADMIN', section, version, patch });
  if (result.status === 'conflict') {
    const current = (await getWorkspaceSetup(WS)).version;
    result = await saveSetupSection({ workspaceId: WS, userId: 'U0ADMIN', section, version: current, patch });
  }
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
}

const oppNumbering = { numbering: { prefix: 'DL', digits: 5 }, nextNo: 300 };

/** The setup's cycles with every stage 7 points further along (what the deals' probabilities derive from). */
const steeperCycles = (setup: OpportunitySetup) =>
  setup.cycles.map((cycle) => ({
    ...cycle,
    stages: cycle.stages.map((stage) => ({ ...stage, completedPct: Math.min(100, stage.completedPct + 7) })),
  }));

/** Each open deal has the probability and calculated value its cycle's stages give now, and one audit entry says so. */
async function expectDealsFollowTheirCycles(): Promise<void> {
  const setup = await getOpportunitySetup(WS);
  const deals = await OpportunityModel.find({ workspaceId: WS }).lean();
  expect(deals.length).toBeGreaterThan(0);
  for (const deal of deals) {
    const cycle = setup.cycles.find((c) => c.code === deal.cycleCode)!;
    const values = derived(cycle, deal.stageNo ?? null, deal.chancesPct, deal.estimatedValue);
    expect(values.probabilityPct).toBeGreaterThan(0);
    expect({ probabilityPct: deal.probabilityPct, calculatedValue: deal.calculatedValue }).toEqual(values);
    // One entry in its history however often the save was finished.
    expect(deal.entries.filter((entry) => entry.action === 'recalculated')).toHaveLength(1);
  }
  const audit = await listSetupAudit(WS);
  expect(audit.filter((entry) => entry.changes.some((c) => c.field === 'opp.cycles'))).toHaveLength(1);
}

/** An opportunity setup save as the admin's form makes it (a conflict after a lost reply: reopened, saved again). */
async function saveOppSetup(version: number, patch: OppSetupPatch) {
  const save = (from: number) =>
    saveOpportunitySetup({ workspaceId: WS, userId: 'U0ADMIN', section: 'opportunities', version: from, patch });
  let result = await save(version);
  if (result.status === 'conflict') result = await save((await getOpportunitySetup(WS)).version);
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
}

/** How many writes a use case makes when nothing fails. */
async function writesOf(useCase: UseCase<unknown>): Promise<number> {
  await clearCollections();
  const seed = await useCase.seed();
  faults.count();
  await useCase.run(seed);
  const count = faults.writes.length;
  faults.count();
  await useCase.outcome(seed);
  expect(await problems()).toEqual([]);
  return count;
}

/** Seeds, then runs the use case with its `n`th write failing; returns the seed. */
async function failAt(useCase: UseCase<unknown>, n: number, mode: FaultMode): Promise<unknown> {
  await clearCollections();
  const seed = await useCase.seed();
  faults.failWrite(n, mode);
  const error = await useCase.run(seed).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(faults.fired).toBe(true);
  faults.count();
  // A write that failed must be reported to the user (who then retries), never swallowed into a false success.
  expect(error).toBeInstanceOf(InjectedFault);
  return seed;
}

describe.each(useCases.map((useCase) => [useCase.name, useCase] as const))('%s', (_name, useCase) => {
  let steps = 0;
  beforeAll(async () => {
    steps = await writesOf(useCase);
  });

  it('has more than one write (or it would not be here)', () => {
    expect(steps).toBeGreaterThan(1);
  });

  for (const mode of ['before', 'after'] as const) {
    it(`failing any write (${mode} it reaches the database): the user's retry completes it`, async () => {
      for (let n = 1; n <= steps; n++) {
        const seed = await failAt(useCase, n, mode);
        await useCase.run(seed);
        await useCase.outcome(seed);
        expect({ n, mode, problems: await problems() }).toEqual({ n, mode, problems: [] });
      }
    });

    it(`failing any write (${mode} it reaches the database), with no retry: the repair job puts it right`, async () => {
      for (let n = 1; n <= steps; n++) {
        await failAt(useCase, n, mode);
        const report = await repairWorkspace(WS);
        expect(report.failures).toEqual([]);
        expect({ n, mode, problems: await problems() }).toEqual({ n, mode, problems: [] });
      }
    });
  }
});

describe('a sales cycle change cut off while its deals follow the new stages', () => {
  it('is found by the check, and the repair job gives the deals their new values', async () => {
    await clearCollections();
    const kari = await contact({ type: 'person', name: 'Kari Nordmann' });
    for (const key of ['forklifts', 'pumps'])
      await createOpportunity({
        workspaceId: WS,
        userId: 'U0KARI',
        idempotencyKey: key,
        input: { contactId: kari.id, description: key, estimatedValue: 500_000 },
      });
    const setup = await getOpportunitySetup(WS);
    faults.failWrite(1, 'before', { model: 'Opportunity', method: 'bulkWrite' });
    await expect(saveOppSetup(setup.version, { cycles: steeperCycles(setup) })).rejects.toBeInstanceOf(InjectedFault);
    faults.count();
    expect((await findIntegrityProblems(WS)).map((p) => p.kind)).toContain('opportunitySetupSaveUnfinished');

    const report = await repairWorkspace(WS);
    expect(report.failures).toEqual([]);
    await expectDealsFollowTheirCycles();
    expect(await problems()).toEqual([]);
  });
});

describe('an opportunity setup save cut off after it was stored', () => {
  it('is found by the check and finished by the repair job: number series moved, one audit entry, mark cleared', async () => {
    await clearCollections();
    const { version } = await getOpportunitySetup(WS);
    faults.failWrite(1, 'before', { model: 'SetupAudit' });
    await expect(saveOppSetup(version, oppNumbering)).rejects.toBeInstanceOf(InjectedFault);
    faults.count();
    expect(await listSetupAudit(WS)).toEqual([]);
    expect(await findIntegrityProblems(WS)).toEqual([{ kind: 'opportunitySetupSaveUnfinished' }]);

    const report = await repairWorkspace(WS);
    expect(report).toMatchObject({ found: 1, repaired: 1, failures: [] });
    expect(await nextOpportunityNo(WS)).toBe(300);
    const audit = await listSetupAudit(WS);
    expect(audit).toMatchObject([
      {
        userId: 'U0ADMIN',
        section: 'opportunities',
        changes: expect.arrayContaining([{ field: 'opp.numbering.prefix', from: 'SM', to: 'DL' }]),
      },
    ]);
    expect(await OpportunitySetupModel.collection.findOne({ workspaceId: WS })).not.toHaveProperty('pending');
    expect(await problems()).toEqual([]);
  });
});
