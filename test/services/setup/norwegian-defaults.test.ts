import {
  getWorkspaceSetup,
  listSetupAudit,
  saveSetupSection,
  useNorwegianDefaults,
} from '../../../src/services/setup/setup.service';
import { clearCollections, useTestDatabase } from '../../support/database';

useTestDatabase();
beforeEach(clearCollections);

const WS = 'T0001';
const NORWEGIAN_TYPES = ['Besøk', 'Møte', 'Telefonsamtale', 'E-post', 'Videomøte'];

describe('Norwegian defaults', () => {
  it('a workspace whose first save makes it Norsk starts with Norwegian types and code lists', async () => {
    const saved = await saveSetupSection({
      workspaceId: WS,
      userId: 'U0001',
      section: 'language',
      version: 0,
      patch: { language: 'nb' },
    });
    expect(saved.status).toBe('saved');
    const setup = await getWorkspaceSetup(WS);
    expect(setup.interactionTypes.map((type) => type.description)).toEqual(NORWEGIAN_TYPES);
    expect(setup.interactionTypes.map((type) => type.code)).toEqual(['VISIT', 'MEETING', 'PHONE', 'EMAIL', 'VIDEO']);
    expect(setup.codes.businessRelations).toContainEqual({ code: 'CUST', description: 'Kunde' });
    expect(setup.codes.industryGroups).toContainEqual({ code: 'MANU', description: 'Produksjon' });
    expect(setup.defaults.phoneRegion).toBe('NO');
    expect(setup.numbering.prefix).toBe('CT');
  });

  it('"Use Norwegian defaults" relabels the defaults an admin kept, and leaves their own and the numbering', async () => {
    let version = 0;
    const save = async (patch: Parameters<typeof saveSetupSection>[0]['patch'], section = 'numbering' as const) => {
      const result = await saveSetupSection({ workspaceId: WS, userId: 'U0001', section, version, patch });
      if (result.status !== 'saved') throw new Error(JSON.stringify(result));
      version = result.setup.version;
      return result.setup;
    };
    const english = await save({ numbering: { prefix: 'KT', digits: 5, allowManual: false } });
    await save({
      interactionTypes: [
        ...english.interactionTypes,
        { code: 'LUNCH', description: 'Lunch', durationMin: 60, cost: 0, flow: 'outbound', initiatedBy: 'us' },
      ],
      defaults: { ...english.defaults, phoneRegion: 'SE' },
      codes: { industryGroups: [...english.codes.industryGroups, { code: 'AQUA', description: 'Fish farming' }] },
    });

    const result = await useNorwegianDefaults({ workspaceId: WS, userId: 'U0002', version });
    expect(result.status).toBe('saved');
    const setup = await getWorkspaceSetup(WS);
    expect(setup.interactionTypes.map((type) => type.description)).toEqual([...NORWEGIAN_TYPES, 'Lunch']);
    expect(setup.codes.industryGroups).toContainEqual({ code: 'AQUA', description: 'Fish farming' });
    expect(setup.codes.territories).toContainEqual({ code: 'NORTH', description: 'Nord' });
    expect(setup.defaults.phoneRegion).toBe('NO');
    expect(setup.numbering).toEqual({ prefix: 'KT', digits: 5, allowManual: false });
    const [latest] = await listSetupAudit(WS);
    expect(latest?.userId).toBe('U0002');
    expect(latest?.changes.length).toBeGreaterThan(0);
  });

  it('refuses a stale version, as any setup save', async () => {
    expect((await useNorwegianDefaults({ workspaceId: WS, userId: 'U0001', version: 3 })).status).toBe('conflict');
  });
});
