import { FAKE_USER_TZ } from '../../harness/fake-slack-answers';
import { ids } from '../../../src/ids';
import { ContactModel } from '../../../src/models/contact.model';
import { VisitModel } from '../../../src/models/visit.model';
import { todayIn } from '../../../src/services/calendar';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { checkView } from '../../harness/block-kit-checker';
import { messageShortcut, slashCommand } from '../../harness/payloads';
import { submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

/**
 * Log visit from what people write: the contact the message (or `/contact log <text>`) names is picked in the
 * modal, the two or three it may mean are offered above the contact select, and what the submit stores follows
 * what the user chose.
 */
const v = ids.visitField;
const kontakt = useKontakt();
const today = () => todayIn(FAKE_USER_TZ);
let nordlys: Contact;
let kari: Contact;
let fjellheim: Contact;

beforeEach(async () => {
  nordlys = await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen', phone: '55 12 34 56' });
  kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id, email: 'kari@nordlys.no' });
  await addContact({ type: 'person', name: 'Ola Hansen', companyId: nordlys.id });
  fjellheim = await addContact({ type: 'company', name: 'Fjellheim Bygg AS', city: 'Oslo' });
  await addContact({ type: 'company', name: 'Bergen Rør AS', city: 'Bergen' });
});

type Json = Record<string, unknown>;
const blockOf = (view: SentView, blockId: string) =>
  (view.blocks as Json[]).find((block) => block.block_id === blockId) as Json | undefined;
const elementOf = (view: SentView, blockId: string) => blockOf(view, blockId)?.element as Json | undefined;
const optionsOf = (view: SentView, blockId: string) =>
  ((elementOf(view, blockId)?.options ?? []) as { text: { text: string }; value: string }[]).map((option) => ({
    label: option.text.text,
    value: option.value,
  }));

async function logFromMessage(text: string): Promise<SentView> {
  const payload = messageShortcut({
    callbackId: ids.shortcuts.logVisit,
    message: { text, ts: '1764000000.000100' },
    responseUrl: kontakt.fake.responseUrl(),
  });
  expect((await kontakt.slack.interactive(payload)).status).toBe(200);
  const call = await kontakt.fake.waitForCall('views.open');
  expect(call.args.trigger_id).toBe(payload.trigger_id);
  const view = { ...viewOf(call), id: 'V0MENTION' };
  expect(checkView(view)).toEqual([]);
  return view;
}

async function logByCommand(text: string): Promise<SentView> {
  const response = await kontakt.slack.command(
    slashCommand({ text: `log ${text}`, responseUrl: kontakt.fake.responseUrl() }),
  );
  expect(response.status).toBe(200);
  const view = { ...viewOf(await kontakt.fake.waitForCall('views.open')), id: 'V0MENTIONCMD' };
  expect(checkView(view)).toEqual([]);
  return view;
}

const pickedIn = (view: SentView) =>
  (elementOf(view, v.contact)?.initial_option as { value: string; text: { text: string } } | undefined) ?? undefined;

describe('a message that names one contact', () => {
  it('“Var innom Nordlys i dag” opens with Nordlys Maskin AS picked, and saving stores the visit with it', async () => {
    const view = await logFromMessage('Var innom Nordlys i dag, de vil ha 3 nye pumper');
    expect(pickedIn(view)).toEqual({
      value: nordlys.id,
      text: expect.objectContaining({ text: `Nordlys Maskin AS (${nordlys.no})` }),
    });
    expect(blockOf(view, v.contactChoice)).toBeUndefined();
    expect(await submitView(kontakt, view, { [v.date]: today() })).toBeUndefined();
    const visits = await VisitModel.find({}).lean();
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({
      contactName: 'Nordlys Maskin AS',
      description: 'Var innom Nordlys i dag, de vil ha 3 nye pumper',
    });
  });

  it.each([
    ['a person’s full name', 'Møtte Kari Nordmann i dag', () => kari],
    ['an e-mail as Slack sends it', 'Mail fra <mailto:kari@nordlys.no|kari@nordlys.no> om leveransen', () => kari],
    ['the company phone its persons inherited', 'Ringte 55 12 34 56, ingen svarte', () => nordlys],
    ['the No.', 'Oppfølging av {no} neste uke', () => fjellheim],
    ['æøå typed without them', 'Befaring hos Fjelheim Bygg i morges', () => fjellheim],
  ])('picks it by %s', async (_how, text, expected) => {
    const view = await logFromMessage(text.replace('{no}', fjellheim.no));
    expect(pickedIn(view)?.value).toBe(expected().id);
  });

  it('does not take a city for the company named after it', async () => {
    const view = await logFromMessage('Var i Bergen hele dagen');
    expect(pickedIn(view)).toBeUndefined();
    expect(blockOf(view, v.contactChoice)).toBeUndefined();
    expect(blockOf(view, v.contact)).toMatchObject({ optional: false });
  });

  it('never picks a contact of another workspace, nor a privacy-blocked one', async () => {
    await addContact({ type: 'company', name: 'Fremmed Fiskeri AS' }, 'T0002');
    await addContact({ type: 'company', name: 'Hemmelig Handel AS', privacyBlocked: true });
    for (const text of ['Møte hos Fremmed Fiskeri', 'Møte hos Hemmelig Handel']) {
      kontakt.fake.reset();
      const view = await logFromMessage(text);
      expect(pickedIn(view)).toBeUndefined();
      expect(blockOf(view, v.contactChoice)).toBeUndefined();
    }
  });
});

describe('a message that may mean two or three contacts', () => {
  const text = 'Nordlys og Fjellheim vil begge ha tilbud';

  it('offers them above the contact select, picks neither, and keeps the select for any other', async () => {
    const view = await logFromMessage(text);
    const order = (view.blocks as Json[]).map((block) => block.block_id);
    expect(order.indexOf(v.contactChoice)).toBe(order.indexOf(v.contact) - 1);
    expect(blockOf(view, v.contactChoice)).toMatchObject({
      type: 'input',
      optional: true,
      label: { text: 'Contact: which one did you mean?' },
      element: { type: 'radio_buttons' },
    });
    expect(elementOf(view, v.contactChoice)?.initial_option).toBeUndefined();
    expect(optionsOf(view, v.contactChoice)).toEqual([
      { label: `Nordlys Maskin AS (${nordlys.no})`, value: nordlys.id },
      { label: `Fjellheim Bygg AS (${fjellheim.no})`, value: fjellheim.id },
    ]);
    expect(blockOf(view, v.contact)).toMatchObject({
      optional: true,
      label: { text: 'Or search for another contact' },
    });
    expect(pickedIn(view)).toBeUndefined();
  });

  it('stores the visit with the contact tapped in “did you mean”', async () => {
    const view = await logFromMessage(text);
    expect(await submitView(kontakt, view, { [v.contactChoice]: fjellheim.id, [v.date]: today() })).toBeUndefined();
    expect(await VisitModel.find({}).lean()).toEqual([expect.objectContaining({ contactName: 'Fjellheim Bygg AS' })]);
  });

  it('stores the one searched for when the select is used as well', async () => {
    const view = await logFromMessage(text);
    const typed = { [v.contactChoice]: fjellheim.id, [v.contact]: kari.id, [v.date]: today() };
    expect(await submitView(kontakt, view, typed)).toBeUndefined();
    expect(await VisitModel.find({}).lean()).toEqual([expect.objectContaining({ contactName: 'Kari Nordmann' })]);
  });

  it('asks to pick one when neither is chosen, and stores nothing', async () => {
    const view = await logFromMessage(text);
    const ack = await submitView(kontakt, view, { [v.date]: today() });
    expect(ack).toEqual({
      response_action: 'errors',
      errors: { [v.contact]: 'Pick one of the contacts above, or search for another here.' },
    });
    expect(await VisitModel.countDocuments({})).toBe(0);
  });

  it('refuses a forged choice of another workspace’s contact', async () => {
    const foreign = await addContact({ type: 'company', name: 'Fremmed Fiskeri AS' }, 'T0002');
    const view = await logFromMessage(text);
    const ack = await submitView(kontakt, view, { [v.contactChoice]: foreign.id, [v.date]: today() });
    expect(ack?.response_action).toBe('errors');
    expect(Object.keys(ack?.errors ?? {})).toEqual([v.contact]);
    expect(await VisitModel.countDocuments({})).toBe(0);
  });
});

describe('`/contact log <text>`', () => {
  it('`/contact log nordlys` picks the company, not its persons', async () => {
    expect(pickedIn(await logByCommand('nordlys'))?.value).toBe(nordlys.id);
  });

  it('`/contact log nord` (a start of a name) picks the company its persons work for', async () => {
    expect(pickedIn(await logByCommand('nord'))?.value).toBe(nordlys.id);
  });

  it('offers the contacts a text may mean, and stores the one chosen', async () => {
    await addContact({ type: 'company', name: 'Fjellheim Transport AS', city: 'Hamar' });
    const view = await logByCommand('fjellheim');
    expect(optionsOf(view, v.contactChoice).map((option) => option.label)).toEqual([
      `Fjellheim Bygg AS (${fjellheim.no})`,
      expect.stringMatching(/^Fjellheim Transport AS \(CT\d+\)$/),
    ]);
    expect(await submitView(kontakt, view, { [v.contactChoice]: fjellheim.id, [v.date]: today() })).toBeUndefined();
    expect(await VisitModel.find({}).lean()).toEqual([expect.objectContaining({ contactName: 'Fjellheim Bygg AS' })]);
  });

  it('opens with nothing picked when the text names no contact', async () => {
    const view = await logByCommand('xyzzy');
    expect(pickedIn(view)).toBeUndefined();
    expect(blockOf(view, v.contactChoice)).toBeUndefined();
  });
});

describe('bad input still opens the modal, and the matching’s work stays bounded', () => {
  let aggregate: jest.SpiedFunction<typeof ContactModel.aggregate>;
  beforeEach(() => {
    aggregate = jest.spyOn(ContactModel, 'aggregate');
  });
  afterEach(() => aggregate.mockRestore());

  /** Branches of the one matching aggregate: its first stage plus one per $unionWith. */
  const branchesAsked = () => {
    expect(aggregate).toHaveBeenCalledTimes(1);
    const pipeline = aggregate.mock.calls[0]?.[0] as unknown as Json[];
    return 1 + pipeline.filter((stage) => '$unionWith' in stage).length;
  };

  it('a 40,000-character message: the contact named at its start is picked, with one bounded query', async () => {
    const view = await logFromMessage(
      `Var innom Nordlys i dag. ${'Lang rapport om pumper og ventiler. '.repeat(1_200)}`,
    );
    expect(pickedIn(view)?.value).toBe(nordlys.id);
    expect(branchesAsked()).toBeLessThanOrEqual(70);
  });

  it('a 40,000-character message of distinct words asks no more than a short one', async () => {
    const words = Array.from({ length: 6_000 }, (_, i) => `Ord${i.toString(36)}x`).join(' ');
    const view = await logFromMessage(words.slice(0, 40_000));
    expect(view.callback_id).toBe(ids.views.logVisitModal);
    expect(branchesAsked()).toBeLessThanOrEqual(70);
  });

  it('an emoji-only message opens without a guess and without asking the database', async () => {
    const view = await logFromMessage(':tada: :rocket: 🚀🎉');
    expect(pickedIn(view)).toBeUndefined();
    expect(aggregate).not.toHaveBeenCalled();
  });

  it('a message naming 50 contacts opens without a guess', async () => {
    const letter = (n: number) => String.fromCharCode(97 + (n % 26));
    const names = Array.from({ length: 50 }, (_, i) => `Berg${letter(i)}${letter(Math.floor(i / 26))}vik Handel AS`);
    for (const name of names) await addContact({ type: 'company', name });
    aggregate.mockClear();
    const view = await logFromMessage(`Messe i dag: ${names.join(', ')}`);
    expect(pickedIn(view)).toBeUndefined();
    expect(blockOf(view, v.contactChoice)).toBeUndefined();
    expect(branchesAsked()).toBeLessThanOrEqual(70);
  });

  it('a database failure in the matching still opens the modal, without a guess', async () => {
    aggregate.mockImplementationOnce(() => {
      throw new Error('connection reset');
    });
    const view = await logFromMessage('Var innom Nordlys i dag');
    expect(view.callback_id).toBe(ids.views.logVisitModal);
    expect(pickedIn(view)).toBeUndefined();
  });
});
