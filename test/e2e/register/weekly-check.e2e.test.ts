import { ids } from '../../../src/ids';
import { RegisterCheckModel } from '../../../src/models/register-check.model';
import { getWorkspaceSetup, listSetupAudit, saveSetupSection } from '../../../src/services/setup/setup.service';
import type { SetupPatch } from '../../../src/services/setup/setup.types';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import type { RecordedCall } from '../../harness/fake-slack-api';
import { enhet, orgNo, useFakeRegister } from '../../support/fake-register';
import { openSection, openSetup, saveSection } from '../../support/setup-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

const register = useFakeRegister();
const kontakt = useKontakt({ env: register.env });

const NORDLYS = orgNo('92360901');
const FJORD = orgNo('98765432');
const VEST = orgNo('91234568');
const OTHER_TEAM = orgNo('93456789');
const SALES = 'U0SALES';
const ADMIN = 'U0ADMIN';

/** Setup as an admin saved it (the roles section: admins listed, the check on or off). */
async function setup(workspaceId: string, patch: SetupPatch): Promise<void> {
  const { version } = await getWorkspaceSetup(workspaceId);
  const saved = await saveSetupSection({ workspaceId, userId: ADMIN, section: 'register', version, patch });
  expect(saved.status).toBe('saved');
}

const dmsTo = (userId: string): RecordedCall[] =>
  kontakt.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === userId);
const textOf = (call: RecordedCall): string => `${String(call.args.text)} ${JSON.stringify(call.args.blocks)}`;

beforeEach(async () => {
  kontakt.running.register.clear();
  await addContact({
    type: 'company',
    name: 'Nordlys Maskin AS',
    vatRegNo: 'NO 923 609 016 MVA',
    salespersonId: SALES,
  });
  await addContact({ type: 'company', name: 'Fjord Invest AS', vatRegNo: FJORD });
  await addContact({ type: 'company', name: 'Vest Pumper AS', vatRegNo: `${VEST} MVA`, salespersonId: SALES });
  await addContact({ type: 'company', name: 'Uten Nummer AS', salespersonId: SALES });
  await addContact({ type: 'person', name: 'Kari Nordmann', salespersonId: SALES });
  await addContact({ type: 'company', name: 'Annet Team AS', vatRegNo: OTHER_TEAM, salespersonId: SALES }, 'T0002');
  register
    .fake()
    .add(
      enhet({ orgNo: NORDLYS, navn: 'Nordlys Maskin AS', konkurs: true }),
      enhet({ orgNo: VEST, navn: 'Vest Pumper AS' }),
      enhet({ orgNo: OTHER_TEAM, navn: 'Annet Team AS', konkurs: true }),
    );
  register.fake().removed.set(FJORD, '2026-11-30');
});

describe('the weekly check of companies against Enhetsregisteret', () => {
  it('is off until an admin turns it on in setup: no question to the register, no message', async () => {
    const run = await kontakt.running.scheduler.checkRegisterNow();
    expect(run).toMatchObject({ checked: 0, told: 0 });
    expect(register.fake().requests).toEqual([]);
    expect(kontakt.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('an admin turns it on in its own setup section; the summary and the audit log say so', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    const home = await openSetup(kontakt);
    expect(JSON.stringify(home.blocks)).toContain('No weekly check');
    const section = await openSection(kontakt, home, 'register');
    expect(checkView(section)).toEqual([]);
    expect(JSON.stringify(section.blocks)).toContain('Check companies against Enhetsregisteret every week');
    expect(await saveSection(kontakt, section, { [ids.setupField.blocks.registerCheck]: ['on'] })).toBeUndefined();
    expect((await getWorkspaceSetup('T0001')).registerCheck).toBe(true);
    const [audit] = await listSetupAudit('T0001');
    expect(audit).toMatchObject({
      section: 'register',
      changes: [{ field: 'registerCheck', from: 'false', to: 'true' }],
    });
    const redrawn = await kontakt.fake.waitForCall('views.update');
    expect(JSON.stringify(redrawn.args.view)).toContain('Companies are checked every week');
  });

  it('tells the salesperson about a bankruptcy and the admins about a deleted company without one — once', async () => {
    await setup('T0001', { registerCheck: true, roles: { admins: [ADMIN], managers: [] } });
    const run = await kontakt.running.scheduler.checkRegisterNow();
    expect(run).toMatchObject({ workspaces: 1, checked: 3, told: 2 });
    // Only this workspace's three companies with an org.nr. were asked about.
    expect([...register.fake().requests].sort()).toEqual(
      [`/enheter/${FJORD}`, `/enheter/${NORDLYS}`, `/enheter/${VEST}`].sort(),
    );

    const [toSales] = dmsTo(SALES);
    expect(dmsTo(SALES)).toHaveLength(1);
    expect(checkMessage(toSales!.args as never)).toEqual([]);
    expect(textOf(toSales!)).toContain('*Nordlys Maskin AS* (CT000001) is bankrupt');
    expect(textOf(toSales!)).not.toContain('Vest Pumper');
    expect(JSON.stringify(toSales!.args.blocks)).toContain(ids.actions.viewContact);
    const [toAdmin] = dmsTo(ADMIN);
    expect(textOf(toAdmin!)).toContain('*Fjord Invest AS* (CT000002) was deleted from the register on Nov 30, 2026');

    // A week has not passed: the next hourly run asks nothing and repeats nothing.
    register.fake().requests.length = 0;
    kontakt.running.register.clear();
    expect(await kontakt.running.scheduler.checkRegisterNow()).toMatchObject({ checked: 0, told: 0 });
    expect(register.fake().requests).toEqual([]);
    expect(kontakt.fake.callsTo('chat.postMessage')).toHaveLength(2);

    // A week later it is checked again; still bankrupt is no news.
    await RegisterCheckModel.updateMany(
      { workspaceId: 'T0001' },
      { $set: { checkedAt: new Date(Date.now() - 8 * 86_400_000) } },
    );
    expect(await kontakt.running.scheduler.checkRegisterNow()).toMatchObject({ checked: 3, told: 0 });
    expect(kontakt.fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('writes to a Norwegian team in Norwegian, with the date as Norwegians write it', async () => {
    await setup('T0001', { registerCheck: true, language: 'nb', roles: { admins: [ADMIN], managers: [] } });
    await kontakt.running.scheduler.checkRegisterNow();
    expect(textOf(dmsTo(SALES)[0]!)).toContain('*Nordlys Maskin AS* (CT000001) er konkurs');
    expect(textOf(dmsTo(ADMIN)[0]!)).toContain('ble slettet fra registeret 30. nov. 2026');
  });

  it('a register that is down stops the run without a word; the next run checks and tells', async () => {
    await setup('T0001', { registerCheck: true });
    register.fake().mode = 'down';
    expect(await kontakt.running.scheduler.checkRegisterNow()).toMatchObject({ checked: 0, stopped: 'register' });
    expect(await RegisterCheckModel.countDocuments({})).toBe(0);
    expect(kontakt.fake.callsTo('chat.postMessage')).toEqual([]);
    register.fake().mode = 'ok';
    expect(await kontakt.running.scheduler.checkRegisterNow()).toMatchObject({ checked: 3 });
    expect(dmsTo(SALES)).toHaveLength(1);
  });

  it('a message Slack did not take is sent on the next run', async () => {
    await setup('T0001', { registerCheck: true });
    kontakt.fake.failNext('chat.postMessage', 'fatal_error');
    expect(await kontakt.running.scheduler.checkRegisterNow()).toMatchObject({ checked: 3, told: 0 });
    expect(await kontakt.running.scheduler.checkRegisterNow()).toMatchObject({ checked: 0, told: 1 });
    const told = kontakt.fake.callsTo('chat.postMessage').filter((call) => call.answer?.body.ok);
    expect(told.filter((call) => call.args.channel === SALES)).toHaveLength(1);
  });
});
