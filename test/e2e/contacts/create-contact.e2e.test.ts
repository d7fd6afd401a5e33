import { ContactModel } from '../../../src/models/contact.model';
import { ids } from '../../../src/ids';
import { checkView } from '../../harness/block-kit-checker';
import { blockActions, globalShortcut, slashCommand, viewOutput } from '../../harness/payloads';
import { fillView } from '../../support/modal-state';
import {
  click,
  field,
  inputBlockIds,
  moreDetails,
  openNewContact,
  submitView,
  viewOf,
} from '../../support/contact-flows';
import { useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();

const stored = () => ContactModel.find({}).sort({ no: 1 }).lean();

describe('/contact new', () => {
  it('opens the contact modal with the command’s trigger: the fields filled on a phone, the rest behind More details', async () => {
    const view = await openNewContact(kontakt);
    expect(view.callback_id).toBe(ids.views.contactModal);
    expect(view.title?.text).toBe('New contact');
    expect(checkView(view)).toEqual([]);
    expect(inputBlockIds(view)).toEqual([
      field.type,
      ids.contactField.registerBlock,
      field.name,
      field.city,
      field.phone,
      field.email,
      field.salespersonId,
    ]);
    expect(JSON.stringify(view.blocks)).toContain('More details');
    const all = await moreDetails(kontakt, view);
    expect(inputBlockIds(all)).toEqual(expect.arrayContaining([field.address, field.postCode, field.vatRegNo]));
    expect(inputBlockIds(all)).not.toContain(field.companyId);
    expect(JSON.stringify(all.blocks)).not.toContain('More details');
  });

  it('`/contact new person` asks "At a company / Independent" and shows the company picker instead', async () => {
    const view = await openNewContact(kontakt, 'new person');
    expect(inputBlockIds(view)).toEqual([
      field.type,
      field.name,
      field.independent,
      field.companyId,
      field.city,
      field.phone,
      field.email,
      field.salespersonId,
    ]);
    const radio = view.blocks.find((b) => b.block_id === field.independent) as unknown as {
      label: { text: string };
      element: { type: string; options: { text: { text: string } }[] };
    };
    expect(radio.element.type).toBe('radio_buttons');
    expect(radio.element.options.map((o) => o.text.text)).toEqual(['At a company', 'Independent']);
    expect(JSON.stringify(view)).not.toContain('No company');
    const all = await moreDetails(kontakt, view);
    expect(inputBlockIds(all)).toEqual(expect.arrayContaining([field.jobTitle, field.address]));
    expect(inputBlockIds(all)).not.toContain(field.vatRegNo);
  });

  it('explains the choices when asked for something else, and opens nothing', async () => {
    const response = await kontakt.slack.command(slashCommand({ text: 'new spaceship' }));
    expect(response.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('/contact new person'),
    });
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);
  });

  it('the global shortcut opens the same modal', async () => {
    const shortcut = globalShortcut({ callbackId: ids.shortcuts.newContact });
    expect((await kontakt.slack.interactive(shortcut)).status).toBe(200);
    const call = await kontakt.fake.waitForCall('views.open');
    expect(call.args.trigger_id).toBe(shortcut.trigger_id);
    expect(viewOf(call).callback_id).toBe(ids.views.contactModal);
  });

  it('tells the user to try again when Slack says the trigger expired', async () => {
    kontakt.fake.failNext('views.open', 'expired_trigger_id');
    await openNewContact(kontakt);
    const reply = await kontakt.fake.waitForResponse();
    expect(reply.body).toMatchObject({ text: expect.stringContaining('try again') });
  });
});

describe('saving a new contact', () => {
  it('stores a company numbered CT000001 and shows the creator its card', async () => {
    const view = await moreDetails(kontakt, await openNewContact(kontakt));
    const ack = await submitView(kontakt, view, {
      [field.name]: 'Nordlys Maskin AS',
      [field.address]: 'Strandkaien 2',
      [field.postCode]: '5013',
      [field.city]: 'Bergen',
      [field.phone]: '+47 55 12 34 56',
      [field.email]: 'post@nordlys.no',
    });
    expect(ack).toBeUndefined();
    const [company] = await stored();
    expect(company).toMatchObject({
      workspaceId: 'T0001',
      no: 'CT000001',
      type: 'company',
      name: 'Nordlys Maskin AS',
      city: 'Bergen',
      phoneE164: '+4755123456',
      createdBy: 'U0001',
    });
    const confirmation = await kontakt.fake.waitForCall('chat.postEphemeral');
    expect(confirmation.args).toMatchObject({ channel: 'C0001', user: 'U0001' });
    expect(JSON.stringify(confirmation.args)).toContain('CT000001');
    expect(JSON.stringify(confirmation.args)).toContain('tel:+4755123456');
  });

  it('gives every field’s inline error in one round (name, e-mail and phone), and stores nothing', async () => {
    const view = await openNewContact(kontakt);
    const ack = await submitView(kontakt, view, {
      [field.name]: '   ',
      [field.email]: 'not-an-email',
      [field.phone]: 'call me maybe',
    });
    expect(ack?.response_action).toBe('errors');
    expect(ack?.errors).toEqual({
      [field.name]: expect.stringContaining('Name is required'),
      [field.email]: expect.stringContaining('not an e-mail address'),
      [field.phone]: expect.stringContaining('phone number'),
    });
    const all = await moreDetails(kontakt, view);
    const moreAck = await submitView(kontakt, all, {
      [field.name]: 'Nordlys',
      [field.email]: 'not-an-email',
      [field.phone]: 'call me maybe',
      [field.mobile]: 'ring ring',
      [field.homePage]: 'not a page',
    });
    expect(moreAck?.errors).toEqual({
      [field.email]: expect.stringContaining('not an e-mail address'),
      [field.phone]: expect.stringContaining('phone number'),
      [field.mobile]: expect.stringContaining('phone number'),
      [field.homePage]: expect.any(String),
    });
    expect(await stored()).toEqual([]);
  });

  it('asks a person without a company to pick one or choose independent', async () => {
    const view = await openNewContact(kontakt, 'new person');
    const ack = await submitView(kontakt, view, { [field.name]: 'Kari Nordmann' });
    expect(ack).toEqual({
      response_action: 'errors',
      errors: { [field.companyId]: 'Pick the company this person works for, or choose independent.' },
    });
    const independent = await submitView(kontakt, view, {
      [field.name]: 'Kari Nordmann',
      [field.independent]: ['independent'],
    });
    expect(independent).toBeUndefined();
    expect(await stored()).toEqual([
      expect.objectContaining({ type: 'person', name: 'Kari Nordmann', surname: 'Nordmann', companyId: null }),
    ]);
  });

  it('a person picked at a company inherits its address and communication details', async () => {
    const companyView = await openNewContact(kontakt);
    await submitView(kontakt, companyView, {
      [field.name]: 'Nordlys Maskin AS',
      [field.city]: 'Bergen',
      [field.phone]: '55123456',
    });
    const [company] = await stored();
    const view = await openNewContact(kontakt, 'new person');
    await submitView(kontakt, view, { [field.name]: 'Kari Nordmann', [field.companyId]: company!._id.toString() });
    const person = await ContactModel.findOne({ workspaceId: 'T0001', no: 'CT000002' }).lean();
    expect(person).toMatchObject({
      no: 'CT000002',
      companyName: 'Nordlys Maskin AS',
      city: 'Bergen',
      phone: '55123456',
    });
  });

  it('switching company ⇄ person redraws the modal and keeps what was typed', async () => {
    const view = await openNewContact(kontakt);
    const payload = blockActions({
      actions: [
        {
          type: 'radio_buttons',
          action_id: ids.actions.contactTypeChanged,
          block_id: field.type,
          selected_option: { text: { type: 'plain_text', text: 'Person' }, value: 'person' },
          action_ts: '1700000000.000100',
        },
      ],
      view: viewOutput({
        viewId: 'V0MODAL',
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        blocks: view.blocks,
        values: fillView(view, { [field.name]: 'Kari Nordmann', [field.city]: 'Voss' }),
      }),
    });
    expect((await kontakt.slack.interactive(payload)).status).toBe(200);
    const update = await kontakt.fake.waitForCall('views.update');
    expect(update.args).toMatchObject({ view_id: 'V0MODAL', hash: expect.any(String) });
    const redrawn = viewOf(update);
    expect(inputBlockIds(redrawn)).toContain(field.companyId);
    expect(JSON.stringify(redrawn)).toContain('Kari Nordmann');
    expect(JSON.stringify(redrawn)).toContain('Voss');
  });
});

describe('duplicates', () => {
  async function createNordlys(): Promise<void> {
    const view = await moreDetails(kontakt, await openNewContact(kontakt));
    await submitView(kontakt, view, {
      [field.name]: 'Nordlys Maskin AS',
      [field.address]: 'Strandkaien 2',
      [field.city]: 'Bergen',
      [field.phone]: '+47 55 12 34 56',
    });
  }

  it('shows possible duplicates before saving; "Save anyway" saves and closes everything', async () => {
    await createNordlys();
    const view = await moreDetails(kontakt, await openNewContact(kontakt));
    const ack = await submitView(kontakt, view, {
      [field.name]: 'NORDLYS MASKIN',
      [field.address]: 'Strandkaien 2B',
      [field.city]: 'bergen',
      [field.phone]: '55 12 34 56',
    });
    expect(ack?.response_action).toBe('push');
    const duplicates = ack!.view!;
    expect(duplicates.callback_id).toBe(ids.views.duplicatesModal);
    expect(checkView(duplicates)).toEqual([]);
    expect(JSON.stringify(duplicates)).toContain('Nordlys Maskin AS');
    expect(await ContactModel.countDocuments({})).toBe(1);

    expect(await submitView(kontakt, duplicates, {})).toEqual({ response_action: 'clear' });
    expect((await stored()).map((c) => c.name)).toEqual(['Nordlys Maskin AS', 'NORDLYS MASKIN']);
  });

  it('"Not a duplicate" is remembered: the pair is never shown again', async () => {
    await createNordlys();
    const [existing] = await stored();
    const view = await moreDetails(kontakt, await openNewContact(kontakt));
    const typed = { [field.name]: 'Nordlys Maskin', [field.address]: 'Strandkaien 2', [field.city]: 'Bergen' };
    const ack = await submitView(kontakt, view, typed);
    expect(ack?.response_action).toBe('push');
    await click(kontakt, ids.actions.notDuplicate, existing!._id.toString(), {
      view: { ...ack!.view!, id: 'V0DUPES' },
    });
    const update = await kontakt.fake.waitForCall('views.update', (call) => call.args.view_id === 'V0DUPES');
    expect(JSON.stringify(viewOf(update))).not.toContain(existing!._id.toString());
    // Submitting the same form again now saves straight away.
    expect(await submitView(kontakt, view, typed)).toBeUndefined();
    expect(await ContactModel.countDocuments({})).toBe(2);
  });
});
