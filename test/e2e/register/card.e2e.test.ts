import { ids } from '../../../src/ids';
import { ContactModel } from '../../../src/models/contact.model';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import { blockActions, slashCommand } from '../../harness/payloads';
import { submitView, viewOf, type SentView } from '../../support/contact-flows';
import { deletedEnhet, enhet, orgNo, useFakeRegister } from '../../support/fake-register';
import { addContact, useKontakt } from '../../support/use-kontakt';

const register = useFakeRegister();
const kontakt = useKontakt({ env: register.env });

const NORDLYS = orgNo('92360901');
let nordlys: Contact;

beforeEach(async () => {
  kontakt.running.register.clear();
  nordlys = await addContact({
    type: 'company',
    name: 'Nordlys Maskin AS',
    address: 'Gamleveien 1',
    postCode: '5013',
    city: 'Bergen',
    vatRegNo: 'NO 923 609 016 MVA',
    homePage: 'nordlysmaskin.no',
  });
});

interface Message {
  text: string;
  blocks: { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string }[] }[];
}

/** `/contact CT000001`: the card Kontakt answered with. */
async function card(): Promise<Message> {
  const key = `cmd-${Math.random()}`;
  await kontakt.slack.command(slashCommand({ text: nordlys.no, responseUrl: kontakt.fake.responseUrl(key) }));
  const reply = (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as Message;
  expect(checkMessage(reply)).toEqual([]);
  return reply;
}

const said = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);
const buttons = (message: Message) =>
  message.blocks.flatMap((b) => b.elements ?? []).flatMap((e) => (e.action_id ? [e.action_id] : []));

/** "Update from the register" on the card (an ephemeral message); returns the response_url key. */
async function pressUpdate(): Promise<string> {
  const key = `upd-${Math.random()}`;
  const response = await kontakt.slack.interactive(
    blockActions({
      actions: [
        {
          type: 'button',
          action_id: ids.actions.registerUpdate,
          block_id: 'b1',
          value: nordlys.id,
          text: { type: 'plain_text', text: 'x' },
          action_ts: '1.2',
        } as never,
      ],
      responseUrl: kontakt.fake.responseUrl(key),
      overrides: { container: { type: 'message', is_ephemeral: true } as never },
    }),
  );
  expect(response.status).toBe(200);
  return key;
}

describe('a company card and Enhetsregisteret', () => {
  it.each([
    ['bankrupt', { konkurs: true }, 'Bankrupt'],
    ['being wound up', { underAvvikling: true }, 'Being wound up'],
  ])('warns when the register says the company is %s', async (_what, flags, warning) => {
    register.fake().add(enhet({ orgNo: NORDLYS, navn: 'Nordlys Maskin AS', ...flags }));
    const shown = await card();
    expect(said(shown)).toContain(warning);
    // In the ⋯ menu (for an admin, inside Personal data…: test/e2e/privacy).
    expect(said(shown)).toContain(`register:${nordlys.id}`);
  });

  it('warns that a deleted company is deleted, with the date (200 with slettedato, and 410 removed)', async () => {
    register.fake().add(deletedEnhet({ orgNo: NORDLYS, navn: 'Nordlys Maskin AS', slettedato: '2026-03-02' }));
    expect(said(await card())).toMatch(/Deleted.*was deleted from Enhetsregisteret on .*2026/);
    register.fake().reset();
    kontakt.running.register.clear();
    register.fake().removed.set(NORDLYS, '2025-05-24');
    expect(said(await card())).toContain('was deleted from Enhetsregisteret on');
  });

  it('a live company gets no warning, and a second look is served from the cache', async () => {
    register.fake().add(enhet({ orgNo: NORDLYS, navn: 'Nordlys Maskin AS' }));
    expect(said(await card())).not.toMatch(/Bankrupt|wound up|Deleted/);
    await card();
    expect(register.fake().lookupsOf(NORDLYS)).toHaveLength(1);
  });

  it('a slow register does not hold the card: it comes without the warning, and the next look has it', async () => {
    register.fake().add(enhet({ orgNo: NORDLYS, navn: 'Nordlys Maskin AS', konkurs: true }));
    register.fake().delayMs = 1_500;
    expect(said(await card())).not.toContain('Bankrupt');
    // The lookup finishes in the background and fills the cache.
    for (let tries = 0; !kontakt.running.register.cached(NORDLYS) && tries < 200; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    register.fake().delayMs = 0;
    expect(said(await card())).toContain('Bankrupt');
    expect(register.fake().lookupsOf(NORDLYS)).toHaveLength(1);
  });

  it('a register that is down: the card shows as always, without a warning and without blaming the database', async () => {
    register.fake().mode = 'down';
    const shown = await card();
    expect(said(shown)).toContain('Nordlys Maskin AS');
    expect(said(shown)).not.toMatch(/database|Bankrupt/i);
  });

  it('a company without an org.nr. is not looked up and has no Update button', async () => {
    await ContactModel.updateOne({ _id: nordlys.id }, { $unset: { vatRegNo: 1 } });
    const shown = await card();
    expect(buttons(shown)).not.toContain(ids.actions.registerUpdate);
    expect(said(shown)).not.toContain(`register:${nordlys.id}`);
    expect(register.fake().requests).toEqual([]);
  });
});

describe('Update from the register', () => {
  beforeEach(() => {
    register.fake().add(
      enhet({
        orgNo: NORDLYS,
        navn: 'Nordlys Maskin AS',
        business: { lines: ['Strandkaien 2'], postCode: '5013', city: 'Bergen' },
        hjemmeside: 'www.nordlysmaskin.no',
        mva: true,
      }),
    );
  });

  it('shows the fields that differ and takes only the ticked ones; the card is drawn again with what changed', async () => {
    const key = await pressUpdate();
    const opened = await kontakt.fake.waitForCall('views.open');
    const modal = viewOf(opened) as SentView & { title?: { text: string } };
    expect(checkView(modal as never)).toEqual([]);
    expect(modal.callback_id).toBe(ids.views.registerUpdateModal);
    // Post code, city and VAT no. (the same org.nr., in the VAT register) are the same; these differ:
    expect(said(modal)).toContain('*Address*: Gamleveien 1 → Strandkaien 2');
    expect(said(modal)).toContain('*Country/region*: _(empty)_ → NO');
    expect(said(modal)).toContain('*Home page*: https://nordlysmaskin.no → www.nordlysmaskin.no');
    const boxes = modal.blocks.find((b) => b.block_id === ids.contactField.registerUpdateBlock) as unknown as {
      element: { options: { value: string }[] };
    };
    expect(boxes.element.options.map((o) => o.value)).toEqual(['address', 'country', 'homePage']);

    const ack = await submitView(kontakt, modal, { [ids.contactField.registerUpdateBlock]: ['address'] });
    expect(ack).toBeUndefined();
    const stored = await ContactModel.findById(nordlys.id).lean();
    expect(stored).toMatchObject({ address: 'Strandkaien 2', city: 'Bergen' });
    expect(stored?.country).toBeUndefined();
    const redrawn = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(JSON.stringify(redrawn.body)).toContain('Updated Nordlys Maskin AS from Enhetsregisteret: Address.');
  });

  it('asks for at least one field when none is ticked, and changes nothing', async () => {
    await pressUpdate();
    const modal = viewOf(await kontakt.fake.waitForCall('views.open'));
    const ack = await submitView(kontakt, modal, { [ids.contactField.registerUpdateBlock]: [] });
    expect(ack?.errors?.[ids.contactField.registerUpdateBlock]).toContain('Tick at least one field');
    expect((await ContactModel.findById(nordlys.id).lean())?.address).toBe('Gamleveien 1');
  });

  it('says so on the card when nothing differs', async () => {
    await ContactModel.updateOne(
      { _id: nordlys.id },
      { $set: { address: 'Strandkaien 2', country: 'NO', homePage: 'https://www.nordlysmaskin.no' } },
    );
    const key = await pressUpdate();
    const reply = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(JSON.stringify(reply.body)).toContain('already matches Enhetsregisteret');
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);
  });

  it('a register that is down is told as the register’s failure, never as the database’s', async () => {
    register.fake().mode = 'down';
    const key = await pressUpdate();
    const reply = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(JSON.stringify(reply.body)).toContain('Enhetsregisteret (the company register) did not answer');
    expect(JSON.stringify(reply.body)).not.toMatch(/database/i);
  });
});
