import { FAKE_USER_TZ } from '../../harness/fake-slack-answers';
/**
 * The core flows, run once over signed HTTP requests and once over Socket Mode, from one frame: each flow goes
 * through `kontakt.send`, records what the user saw (acks, views, messages), and the last test proves both modes
 * showed the same thing.
 */
import { ids } from '../../../src/ids';
import { ContactModel } from '../../../src/models/contact.model';
import { VisitModel } from '../../../src/models/visit.model';
import { todayIn } from '../../../src/services/calendar';
import { checkMessage, checkOptions, checkView } from '../../harness/block-kit-checker';
import {
  appHomeOpened,
  blockSuggestion,
  eventCallback,
  messageShortcut,
  slashCommand,
  viewOutput,
} from '../../harness/payloads';
import { field, openNewContact, submitView, viewOf } from '../../support/contact-flows';
import { SLACK_MODES, type SlackMode } from '../../support/test-app';
import { addContact, useKontakt } from '../../support/use-kontakt';

const v = ids.visitField;
const flows = ['help', 'new company', 'search', 'log visit', 'app home', 'setup refused'] as const;
type Flow = (typeof flows)[number];

/** What the user saw in each flow, per mode; compared at the end. */
const seen: Record<SlackMode, Partial<Record<Flow, unknown>>> = { http: {}, socket: {} };

/** Database ids differ between the two runs (two databases); everything else the user sees must not. */
const comparable = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value ?? null).replace(/\b[0-9a-f]{24}\b/g, '<id>'));

describe.each(SLACK_MODES)('over %s', (mode) => {
  const kontakt = useKontakt({ mode });
  const record = (flow: Flow, value: unknown) => (seen[mode][flow] = comparable(value));

  it('answers `/contact help` in the acknowledgement, ephemerally', async () => {
    const response = await kontakt.send.command(slashCommand({ text: 'help' }));
    expect(response.status).toBe(200);
    const reply = response.json as { response_type: string; text: string };
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('`/contact help` — Show this list');
    expect(checkMessage(reply)).toEqual([]);
    expect(kontakt.fake.calls).toEqual([]);
    record('help', reply);
  });

  it('opens the new-contact modal, answers bad input with inline errors, then saves the company', async () => {
    const view = await openNewContact(kontakt);
    expect(view.callback_id).toBe(ids.views.contactModal);
    const errors = await submitView(kontakt, view, { [field.name]: '   ', [field.email]: 'not-an-email' });
    expect(errors).toEqual({
      response_action: 'errors',
      errors: {
        [field.name]: expect.stringContaining('Name is required'),
        [field.email]: expect.stringContaining('not an e-mail address'),
      },
    });
    expect(await ContactModel.countDocuments({})).toBe(0);
    const saved = await submitView(kontakt, view, { [field.name]: 'Nordlys Maskin AS', [field.city]: 'Bergen' });
    expect(saved).toBeUndefined();
    const confirmation = await kontakt.fake.waitForCall('chat.postEphemeral');
    expect(JSON.stringify(confirmation.args)).toContain('CT000001');
    expect(await ContactModel.find({}).lean()).toEqual([
      expect.objectContaining({ workspaceId: 'T0001', no: 'CT000001', name: 'Nordlys Maskin AS', city: 'Bergen' }),
    ]);
    record('new company', {
      view,
      errors,
      saved,
      confirmation: { text: confirmation.args.text, blocks: confirmation.args.blocks },
    });
  });

  it('searches, and posts the ranked results to the response_url', async () => {
    const nordlys = await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen' });
    await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id });
    const responseUrl = kontakt.fake.responseUrl('search');
    const ack = await kontakt.send.command(slashCommand({ text: 'search nordlys', responseUrl }));
    expect(ack.status).toBe(200);
    const reply = (await kontakt.fake.waitForResponse((r) => r.key === 'search')).body;
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('2 contacts match') });
    expect(checkMessage(reply)).toEqual([]);
    record('search', { ack: ack.json, reply });
  });

  it('logs a visit from a message: pre-filled modal, the typeahead in the ack, one visit stored', async () => {
    const nordlys = await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen' });
    const kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id });
    const shortcut = messageShortcut({
      callbackId: ids.shortcuts.logVisit,
      message: { text: 'Met Kari Nordmann today, they want 3 pumps', ts: '1764000000.000100' },
      responseUrl: kontakt.fake.responseUrl(),
    });
    expect((await kontakt.send.interactive(shortcut)).status).toBe(200);
    const opened = await kontakt.fake.waitForCall('views.open');
    expect(opened.args.trigger_id).toBe(shortcut.trigger_id);
    const view = { ...viewOf(opened), id: 'V0VISIT' };
    expect(checkView(view)).toEqual([]);
    expect(JSON.stringify(view)).toContain('https://acme.slack.com/archives/C0001/p1764000000000100');

    const suggestion = blockSuggestion({
      actionId: ids.actions.contactPicker,
      blockId: v.contact,
      value: 'kari',
      view: viewOutput({ viewId: view.id, callbackId: view.callback_id, privateMetadata: view.private_metadata }),
    });
    const options = await kontakt.send.options(suggestion);
    expect(checkOptions(options.json)).toEqual([]);
    expect(options.json).toEqual({
      options: [
        { text: expect.objectContaining({ text: `Kari Nordmann — Nordlys Maskin AS (${kari.no})` }), value: kari.id },
      ],
    });

    const typed = { [v.contact]: kari.id, [v.date]: todayIn(FAKE_USER_TZ), [v.evaluation]: 'positive' };
    expect(await submitView(kontakt, view, typed)).toBeUndefined();
    const confirmation = await kontakt.fake.waitForCall('chat.postEphemeral');
    expect(await VisitModel.find({}).lean()).toEqual([
      expect.objectContaining({ contactName: 'Kari Nordmann', salespersonId: 'U0001', evaluation: 'positive' }),
    ]);
    record('log visit', {
      view,
      options: options.json,
      confirmation: { text: confirmation.args.text, blocks: confirmation.args.blocks },
    });
  });

  it('publishes the App Home when the tab is opened', async () => {
    const ack = await kontakt.send.event(eventCallback(appHomeOpened({ userId: 'U0001' })));
    expect(ack.status).toBe(200);
    const publish = await kontakt.fake.waitForCall('views.publish');
    expect(publish.args.user_id).toBe('U0001');
    const home = viewOf(publish);
    expect(checkView(home)).toEqual([]);
    expect(JSON.stringify(home)).toContain(ids.actions.homeNewContact);
    record('app home', { ack: ack.json, home });
  });

  it('refuses setup to a member, saying who can change it, and opens nothing', async () => {
    const ack = await kontakt.send.command(
      slashCommand({ text: 'setup', userId: 'U0SALES', responseUrl: kontakt.fake.responseUrl('setup') }),
    );
    expect(ack.status).toBe(200);
    const reply = (await kontakt.fake.waitForResponse((r) => r.key === 'setup')).body;
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/admin/i) });
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);
    record('setup refused', { ack: ack.json, reply });
  });
});

describe('what the user sees', () => {
  it.each(flows)('is the same in both modes: %s', (flow) => {
    expect(seen.http[flow]).toBeDefined();
    expect(seen.socket[flow]).toEqual(seen.http[flow]);
  });
});
