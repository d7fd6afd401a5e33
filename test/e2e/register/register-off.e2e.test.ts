import { ids } from '../../../src/ids';
import { blockSuggestion } from '../../harness/payloads';
import { field, inputBlockIds, moreDetails, openNewContact, submitView } from '../../support/contact-flows';
import { enhet, orgNo, useFakeRegister } from '../../support/fake-register';
import { addContact, useKontakt } from '../../support/use-kontakt';
import { slashCommand } from '../../harness/payloads';
import { openSetup } from '../../support/setup-flows';
import { click } from '../../support/contact-flows';

const register = useFakeRegister();
const kontakt = useKontakt({ env: Object.assign(register.env, { COMPANY_REGISTER: 'off' }) });

const NORDLYS = orgNo('92360901');

describe('COMPANY_REGISTER=off', () => {
  it('hides every register feature: no finder, no card warning, no Update button, no request to the register', async () => {
    register.fake().add(enhet({ orgNo: NORDLYS, navn: 'Nordlys Maskin AS', konkurs: true }));
    const view = await openNewContact(kontakt);
    expect(inputBlockIds(view)).not.toContain(ids.contactField.registerBlock);
    expect(JSON.stringify(view.blocks)).not.toContain('Enhetsregisteret');

    // A typeahead for it (an old modal) is answered with nothing.
    const options = await kontakt.send.options(
      blockSuggestion({
        actionId: ids.actions.registerPicker,
        blockId: ids.contactField.registerBlock,
        value: 'nordlys',
      }),
    );
    expect(options.json).toEqual({ options: [] });

    const company = await addContact({ type: 'company', name: 'Nordlys Maskin AS', vatRegNo: 'NO 923 609 016 MVA' });
    const key = `cmd-${Math.random()}`;
    await kontakt.slack.command(slashCommand({ text: company.no, responseUrl: kontakt.fake.responseUrl(key) }));
    const card = JSON.stringify((await kontakt.fake.waitForResponse((r) => r.key === key)).body);
    expect(card).toContain('Nordlys Maskin AS');
    expect(card).not.toContain('Bankrupt');
    expect(card).not.toContain(ids.actions.registerUpdate);
    expect(register.fake().requests).toEqual([]);
  });

  it('the VAT field still checks a Norwegian org.nr.: that is arithmetic, not the register', async () => {
    const view = await moreDetails(kontakt, await openNewContact(kontakt));
    const ack = await submitView(kontakt, view, { [field.name]: 'Nordlys', [field.vatRegNo]: '923 609 017' });
    expect(ack?.errors?.[field.vatRegNo]).toContain('check digit is wrong');
  });

  it('setup has no Enhetsregisteret section, and a forged button for it opens nothing', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    const home = await openSetup(kontakt);
    expect(JSON.stringify(home.blocks)).not.toContain('Enhetsregisteret');
    await click(kontakt, ids.actions.setupOpenSection, 'register', { view: home, userId: 'U0001' });
    const refusal = await kontakt.fake.waitForCall('views.update');
    expect(JSON.stringify(refusal.args.view)).not.toContain('Enhetsregisteret');
    expect(kontakt.fake.callsTo('views.push')).toEqual([]);
    expect(await kontakt.running.scheduler.checkRegisterNow()).toMatchObject({ checked: 0 });
    expect(register.fake().requests).toEqual([]);
  });
});
