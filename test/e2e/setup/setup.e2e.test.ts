import { ids } from '../../../src/ids';
import { contactInputSchema } from '../../../src/schemas/contact-input';
import { createContact } from '../../../src/services/contacts/contact.service';
import { getWorkspaceSetup, listSetupAudit } from '../../../src/services/setup/setup.service';
import { checkView } from '../../harness/block-kit-checker';
import { click, viewOf, type SentView } from '../../support/contact-flows';
import type { Typed } from '../../support/modal-state';
import * as setupFlows from '../../support/setup-flows';
import { useKontakt } from '../../support/use-kontakt';

const f = ids.setupField.blocks;
const kontakt = useKontakt();

const setupCommand = (userId: string, teamId = 'T0001') => setupFlows.setupCommand(kontakt, userId, teamId);
const openSetup = (userId = 'U0001') => setupFlows.openSetup(kontakt, userId);
const openSection = (home: SentView, section: string, userId = 'U0001') =>
  setupFlows.openSection(kontakt, home, section, userId);
const save = (section: SentView, typed: Record<string, Typed>, actor: { userId?: string; teamId?: string } = {}) =>
  setupFlows.saveSection(kontakt, section, typed, actor);

describe('/contact setup', () => {
  it('refuses a non-admin with who can change setup, and opens nothing', async () => {
    const key = await setupCommand('U0SALES');
    const reply = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/admin/i) });
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);
  });

  it('a Slack admin opens setup, saves a new prefix, and the next contact is numbered with it', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    const home = await openSetup();
    expect(home.callback_id).toBe(ids.views.setupHome);
    expect(checkView(home)).toEqual([]);
    const numbering = await openSection(home, 'numbering');
    expect(checkView(numbering)).toEqual([]);
    expect(await save(numbering, { [f.prefix]: 'kt', [f.digits]: '4' })).toBeUndefined();
    expect((await getWorkspaceSetup('T0001')).numbering).toMatchObject({ prefix: 'KT', digits: 4 });
    const refreshed = await kontakt.fake.waitForCall('views.update');
    expect(refreshed.args.view_id).toBe('V0HOME');
    expect(JSON.stringify(viewOf(refreshed))).toContain('KT0001');
    const contact = await createContact({
      workspaceId: 'T0001',
      userId: 'U0001',
      input: contactInputSchema.parse({ type: 'company', name: 'Nordlys' }),
    });
    expect(contact.status === 'saved' && contact.contact.no).toBe('KT0001');
    const [audit] = await listSetupAudit('T0001');
    expect(audit).toMatchObject({
      userId: 'U0001',
      section: 'numbering',
      changes: expect.arrayContaining([{ field: 'numbering.prefix', from: 'CT', to: 'KT' }]),
    });
  });

  it('an admin listed in setup who is not a Slack admin can change setup', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    const roles = await openSection(await openSetup(), 'roles');
    expect(await save(roles, { [f.admins]: ['U0LISTED'], [f.managers]: ['U0BOSS'] })).toBeUndefined();
    const home = await openSetup('U0LISTED');
    const language = await openSection(home, 'language', 'U0LISTED');
    expect(await save(language, { [f.language]: 'nb' }, { userId: 'U0LISTED' })).toBeUndefined();
    expect((await getWorkspaceSetup('T0001')).language).toBe('nb');
  });

  it('gives inline errors for out-of-range values and saves nothing', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    const home = await openSetup();
    const duplicates = await openSection(home, 'duplicates');
    const bad = await save(duplicates, { [f.hitPercent]: '0', setup_duplicate_length_1: '11' });
    expect(bad?.response_action).toBe('errors');
    expect(Object.keys(bad?.errors ?? {}).sort()).toEqual([f.hitPercent, 'setup_duplicate_length_1'].sort());
    const numbering = await openSection(home, 'numbering');
    const prefix = await save(numbering, { [f.prefix]: 'C T' });
    expect(Object.keys(prefix?.errors ?? {})).toEqual([f.prefix]);
    const codes = await openSection(home, 'industryGroups');
    const dup = await save(codes, { [f.codes]: 'MANU Manufacturing\nMANU Again\nBAD CODE! x' });
    expect(dup?.response_action).toBe('errors');
    expect((await getWorkspaceSetup('T0001')).version).toBe(0);
  });

  it('tells the second of two admins that setup changed since they opened it', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    kontakt.fake.setUser('U0002', { is_admin: true });
    const first = await openSection(await openSetup('U0001'), 'language', 'U0001');
    const second = await openSection(await openSetup('U0002'), 'digest', 'U0002');
    expect(await save(first, { [f.language]: 'nb' })).toBeUndefined();
    const late = await save(second, { [f.digestTime]: '09:30' }, { userId: 'U0002' });
    expect(late?.response_action).toBe('errors');
    // The workspace speaks Norsk now, and U0002 chose no language of their own: the refusal is in Norwegian.
    expect(JSON.stringify(late?.errors)).toContain('Oppsettet er endret siden du åpnet det');
    expect((await getWorkspaceSetup('T0001')).digest.time).toBe('08:00');
  });

  it('refuses a crafted submission from a non-admin, and one from another workspace', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    const numbering = await openSection(await openSetup(), 'numbering');
    const forged = await save(numbering, { [f.prefix]: 'HACK' }, { userId: 'U0SALES' });
    expect(forged?.response_action).toBe('errors');
    kontakt.fake.setUser('U0001', { is_admin: true });
    const elsewhere = await save(numbering, { [f.prefix]: 'HACK' }, { teamId: 'T0002' });
    expect(elsewhere?.response_action).toBe('errors');
    expect((await getWorkspaceSetup('T0001')).numbering.prefix).toBe('CT');
    expect((await getWorkspaceSetup('T0002')).numbering.prefix).toBe('CT');
  });

  it('shows the audit log to admins', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    const home = await openSetup();
    await save(await openSection(home, 'language'), { [f.language]: 'nb' });
    await click(kontakt, ids.actions.setupOpenAudit, '', { view: home });
    const audit = await kontakt.fake.waitForCall(
      'views.push',
      (call) => viewOf(call).callback_id === ids.views.setupAudit,
    );
    // Setup now speaks the language just chosen (the admin chose none of their own).
    expect(JSON.stringify(viewOf(audit))).toContain('*Språk*');
    expect(JSON.stringify(viewOf(audit))).toContain('<@U0001>');
  });
});
