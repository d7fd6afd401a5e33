import { contactInputSchema } from '../../../src/schemas/contact-input';
import { createContact } from '../../../src/services/contacts/contact.service';
import { defaultWorkspaceSetup } from '../../../src/services/setup/setup.defaults';
import {
  getNextContactNo,
  getWorkspaceSetup,
  listSetupAudit,
  saveSetupSection,
} from '../../../src/services/setup/setup.service';
import { clearCollections, useTestDatabase } from '../../support/database';

useTestDatabase();
beforeEach(clearCollections);

const WS = 'T0001';

async function newContact(fields: Record<string, unknown>) {
  const result = await createContact({
    workspaceId: WS,
    userId: 'U0001',
    input: contactInputSchema.parse(fields),
    ignoreDuplicates: true,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.contact;
}

describe('setup', () => {
  it('a new workspace has the documented defaults without anyone saving', async () => {
    expect(await getWorkspaceSetup(WS)).toEqual(defaultWorkspaceSetup);
    expect((await getWorkspaceSetup(WS)).interactionTypes.map((type) => type.description)).toEqual([
      'Visit',
      'Meeting',
      'Phone call',
      'E-mail',
      'Video call',
    ]);
  });

  it('saves a section, bumps the version and records who changed what', async () => {
    const result = await saveSetupSection({
      workspaceId: WS,
      userId: 'U0ADMIN',
      section: 'numbering',
      version: 0,
      patch: { numbering: { prefix: 'KT', digits: 4, allowManual: true } },
    });
    expect(result.status).toBe('saved');
    const setup = await getWorkspaceSetup(WS);
    expect(setup).toMatchObject({
      version: 1,
      numbering: { prefix: 'KT', digits: 4, allowManual: true },
      updatedBy: 'U0ADMIN',
    });
    const [entry] = await listSetupAudit(WS);
    expect(entry).toMatchObject({ userId: 'U0ADMIN', section: 'numbering' });
    expect(entry!.changes).toEqual(
      expect.arrayContaining([
        { field: 'numbering.prefix', from: 'CT', to: 'KT' },
        { field: 'numbering.digits', from: '6', to: '4' },
        { field: 'numbering.allowManual', from: 'false', to: 'true' },
      ]),
    );
    expect((await newContact({ type: 'company', name: 'A' })).no).toBe('KT0001');
  });

  it('refuses a save made from an older version, changing nothing', async () => {
    await saveSetupSection({
      workspaceId: WS,
      userId: 'U1',
      section: 'language',
      version: 0,
      patch: { language: 'nb' },
    });
    const stale = await saveSetupSection({
      workspaceId: WS,
      userId: 'U2',
      section: 'roles',
      version: 0,
      patch: { roles: { admins: ['U2'], managers: [] } },
    });
    expect(stale).toEqual({ status: 'conflict' });
    expect((await getWorkspaceSetup(WS)).roles.admins).toEqual([]);
    expect(await listSetupAudit(WS)).toHaveLength(1);
  });

  it('two admins saving at once: exactly one wins', async () => {
    const results = await Promise.all(
      ['U1', 'U2'].map((userId) =>
        saveSetupSection({
          workspaceId: WS,
          userId,
          section: 'roles',
          version: 0,
          patch: { roles: { admins: [userId], managers: [] } },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['conflict', 'saved']);
  });

  it('moves the next number forward, never below a number already used', async () => {
    await newContact({ type: 'company', name: 'A' });
    await newContact({ type: 'company', name: 'B' });
    expect(await getNextContactNo(WS)).toBe(3);
    const tooLow = await saveSetupSection({
      workspaceId: WS,
      userId: 'U1',
      section: 'numbering',
      version: 0,
      patch: { numbering: defaultWorkspaceSetup.numbering, nextNo: 2 },
    });
    expect(tooLow).toEqual({
      status: 'invalid',
      errors: { nextNo: expect.stringContaining('up to 2 are already used') },
    });
    const ok = await saveSetupSection({
      workspaceId: WS,
      userId: 'U1',
      section: 'numbering',
      version: 0,
      patch: { numbering: defaultWorkspaceSetup.numbering, nextNo: 100 },
    });
    expect(ok.status).toBe('saved');
    expect((await newContact({ type: 'company', name: 'C' })).no).toBe('CT000100');
  });

  it('refuses to remove a code contacts still use, saying how many use it', async () => {
    await newContact({ type: 'company', name: 'A', industryGroups: ['MANU'] });
    await newContact({ type: 'company', name: 'B', industryGroups: ['MANU', 'TECH'] });
    const withoutManu = defaultWorkspaceSetup.codes.industryGroups.filter(
      (entry) => entry.code !== 'MANU' && entry.code !== 'RETAIL',
    );
    const result = await saveSetupSection({
      workspaceId: WS,
      userId: 'U1',
      section: 'industryGroups',
      version: 0,
      patch: { codes: { industryGroups: withoutManu } },
    });
    expect(result).toEqual({
      status: 'invalid',
      errors: { 'codes.industryGroups': expect.stringContaining('MANU (used by 2 contacts)') },
    });
    expect((await getWorkspaceSetup(WS)).codes.industryGroups).toEqual(defaultWorkspaceSetup.codes.industryGroups);
  });

  it('turning an inheritance switch off stops that field from being copied to new persons', async () => {
    await saveSetupSection({
      workspaceId: WS,
      userId: 'U1',
      section: 'inheritance',
      version: 0,
      patch: { inheritance: { ...defaultWorkspaceSetup.inheritance, address: false } },
    });
    const company = await newContact({ type: 'company', name: 'Nordlys', city: 'Bergen', phone: '55123456' });
    const person = await newContact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
    expect(person.city).toBeUndefined();
    expect(person.phone).toBe('55123456');
  });
});
