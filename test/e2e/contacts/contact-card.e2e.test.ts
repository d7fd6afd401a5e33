import { ids } from '../../../src/ids';
import { VisitModel } from '../../../src/models/visit.model';
import { getContact } from '../../../src/services/contacts/contact.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { saveSetupSection } from '../../../src/services/setup/setup.service';
import { logVisit } from '../../../src/services/visits/visit.service';
import type { Visit } from '../../../src/services/visits/visit.types';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import type { RecordedCall } from '../../harness/fake-slack-api';
import { blockActions, slashCommand, viewOutput } from '../../harness/payloads';
import { field, submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();
let nordlys: Contact;
let kari: Contact;
let other: Contact;
let n = 0;

const SECRET_NOTE = 'Internal: they are late paying, push for prepayment';

async function visit(userId: string, contactId: string, workspaceId = 'T0001'): Promise<Visit> {
  const result = await logVisit({
    workspaceId,
    userId,
    idempotencyKey: `card-${(n += 1)}`,
    input: {
      contactId,
      typeCode: 'VISIT',
      date: '2026-11-24',
      description: `${SECRET_NOTE}\nSecond line of visit ${n}, only in the full view.`,
      evaluation: 'very_negative',
      successful: true,
    },
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.visit;
}

beforeEach(async () => {
  kontakt.fake.setUser('U0KARI', { name: 'kari' });
  kontakt.fake.setUser('U0ADMIN', { is_admin: true });
  nordlys = await addContact({
    type: 'company',
    name: 'Nordlys Maskin AS',
    city: 'Bergen',
    phone: '+47 55 12 34 56',
    email: 'post@nordlys.no',
    homePage: 'nordlys.no',
    salespersonId: 'U0KARI',
    territory: 'WEST',
    industryGroups: ['MANU'],
  });
  kari = await addContact({ type: 'person', name: 'Kari Nordmann', companyId: nordlys.id });
  other = await addContact({ type: 'company', name: 'Hemmelig Konkurrent AS', city: 'Oslo' }, 'T0002');
});

interface Message {
  text: string;
  blocks: unknown[];
  response_type?: string;
  replace_original?: boolean;
}

interface Element {
  type: string;
  action_id?: string;
  value?: string;
  style?: string;
  options?: { value: string; text: { text: string } }[];
}

/** Every interactive element in `blocks` (action rows and section accessories). */
function elements(blocks: unknown): Element[] {
  const found: Element[] = [];
  for (const block of blocks as { elements?: Element[]; accessory?: Element }[]) {
    for (const element of block.elements ?? []) if (element.action_id) found.push(element);
    if (block.accessory?.action_id) found.push(block.accessory);
  }
  return found;
}

/** What a ⋯ menu (or its lone-entry button) with `actionId` offers, as values, in order. */
function menuValues(blocks: unknown, actionId: string): string[][] {
  return elements(blocks)
    .filter((e) => e.action_id === actionId)
    .map((e) => (e.type === 'overflow' ? (e.options ?? []).map((o) => o.value) : [e.value ?? '']));
}

const contactMenu = (blocks: unknown) => menuValues(blocks, ids.actions.contactMenu)[0] ?? [];

/** `/contact <text>` as `userId`; the card or list Kontakt answered with (ephemeral, through the response_url). */
async function command(text: string, userId = 'U0001', teamId = 'T0001') {
  const key = `cmd-${Math.random()}`;
  await kontakt.slack.command(slashCommand({ text, userId, teamId, responseUrl: kontakt.fake.responseUrl(key) }));
  const reply = (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as Message;
  expect(checkMessage(reply)).toEqual([]);
  return reply;
}

interface ClickOptions {
  userId?: string;
  teamId?: string;
  /** The card modal clicked in (default: an ephemeral message). */
  view?: SentView & { id: string };
  /** A card posted in the channel for everyone, rather than the reader's own ephemeral one. */
  inChannel?: boolean;
}

/**
 * Chooses `value` in a ⋯ menu (or clicks a button) with `actionId` on a card; returns the payload's response_url
 * key (messages) so the answer can be awaited.
 */
async function choose(actionId: string, value: string, options: ClickOptions & { button?: boolean } = {}) {
  const key = `act-${Math.random()}`;
  const action = options.button
    ? { type: 'button', action_id: actionId, block_id: 'b1', value, text: { type: 'plain_text', text: 'x' } }
    : {
        type: 'overflow',
        action_id: actionId,
        block_id: 'b1',
        selected_option: { value, text: { type: 'plain_text', text: 'x' } },
      };
  const view = options.view
    ? viewOutput({
        viewId: options.view.id,
        callbackId: options.view.callback_id,
        privateMetadata: options.view.private_metadata,
        blocks: options.view.blocks,
        teamId: options.teamId,
      })
    : undefined;
  const payload = blockActions({
    userId: options.userId,
    teamId: options.teamId,
    actions: [{ ...action, action_ts: '1.2' } as never],
    responseUrl: kontakt.fake.responseUrl(key),
    view,
    overrides: view ? undefined : { container: { is_ephemeral: !options.inChannel } as never },
  });
  const response = await kontakt.send.interactive(payload);
  expect(response.status).toBe(200);
  return key;
}

const press = (actionId: string, value: string, options: ClickOptions = {}) =>
  choose(actionId, value, { ...options, button: true });

async function answer(key: string): Promise<Message> {
  return (await kontakt.fake.waitForResponse((r) => r.key === key)).body as unknown as Message;
}

/** The card of `contact` in a modal, opened with View, as `userId` sees it. */
async function openCardModal(contact: Contact, userId = 'U0001') {
  const before = kontakt.fake.callsTo('views.open').length;
  await press(ids.actions.viewContact, contact.id, { userId, inChannel: true });
  const call = await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before);
  return { ...viewOf(call), id: 'VCARD01' };
}

const countOf = (method: string) => kontakt.fake.callsTo(method).length;
const nextCall = (method: string, after: number): Promise<RecordedCall> =>
  kontakt.fake.waitForCall(method, () => kontakt.fake.callsTo(method).length > after);

describe('Share to channel', () => {
  it('posts a compact read-only card with who shared it — no notes, evaluations or buttons that change anything', async () => {
    await visit('U0KARI', kari.id);
    const card = await command(nordlys.no);
    expect(JSON.stringify(card.blocks)).toContain('Internal: they are late paying');
    expect(contactMenu(card.blocks)).toContain(`share:${nordlys.id}`);

    await choose(ids.actions.contactMenu, `share:${nordlys.id}`);
    const post = await kontakt.fake.waitForCall('chat.postMessage');
    const shared = post.args as unknown as Message & { channel: string };
    expect(shared.channel).toBe('C0001');
    expect(checkMessage(shared)).toEqual([]);
    expect(shared.text).toBe(`<@U0001> shared Nordlys Maskin AS (${nordlys.no})`);
    const text = JSON.stringify(shared.blocks);
    for (const shown of ['Nordlys Maskin AS', 'Company', 'Bergen', 'tel:+4755123456', 'mailto:post@nordlys.no'])
      expect(text).toContain(shown);
    expect(text).toContain('https://nordlys.no');
    expect(text).toContain('<@U0KARI>');
    expect(text).toContain('Shared by <@U0001>');
    for (const hidden of [
      'Internal',
      'late paying',
      ':disappointed:',
      'Very negative',
      'Visits',
      'Manufacturing',
      'WEST',
    ])
      expect(text).not.toContain(hidden);
    // The one button opens the card for whoever clicks; nothing in the post changes data.
    expect(elements(shared.blocks).map((e) => [e.type, e.action_id, e.value])).toEqual([
      ['button', ids.actions.viewContact, nordlys.id],
    ]);
  });

  it('"View in Kontakt" opens the full card for whoever clicks, checked against their workspace', async () => {
    const opened = await openCardModal(nordlys, 'U0OTHER');
    expect(opened.callback_id).toBe(ids.views.contactCardModal);
    expect(JSON.stringify(opened.blocks)).toContain('Nordlys Maskin AS');
    const foreign = await press(ids.actions.viewContact, nordlys.id, { teamId: 'T0002', inChannel: true });
    expect((await answer(foreign)).text).toContain('no longer exists');
  });

  it('setup can turn sharing off: the menu has no Share, and a forged Share is refused with a sentence', async () => {
    const saved = await saveSetupSection({
      workspaceId: 'T0001',
      userId: 'U0ADMIN',
      section: 'roles',
      version: 0,
      patch: { sharingEnabled: false },
    });
    expect(saved.status).toBe('saved');
    const card = await command(nordlys.no);
    expect(contactMenu(card.blocks)).not.toContain(`share:${nordlys.id}`);
    expect(contactMenu(card.blocks)).toContain(`edit:${nordlys.id}`);

    const key = await choose(ids.actions.contactMenu, `share:${nordlys.id}`);
    expect((await answer(key)).text).toContain('Sharing contacts to channels is turned off');
    const old = await press(ids.actions.shareContact, nordlys.id, { inChannel: true });
    expect((await answer(old)).text).toContain('turned off');
    expect(countOf('chat.postMessage')).toBe(0);
  });

  it.each([
    ['not_in_channel', 'not a member of this channel'],
    ['channel_not_found', 'cannot see this channel'],
    ['is_archived', 'archived'],
    ['restricted_action', 'Only some members may post'],
  ])('a channel that refuses the post (%s) is explained in one sentence', async (error, sentence) => {
    kontakt.fake.failNext('chat.postMessage', error);
    const key = await choose(ids.actions.contactMenu, `share:${nordlys.id}`);
    const reply = await answer(key);
    expect(reply.text).toContain(sentence);
    expect(reply.response_type).toBe('ephemeral');
  });

  it('cannot share another workspace’s contact', async () => {
    const key = await choose(ids.actions.contactMenu, `share:${other.id}`);
    expect((await answer(key)).text).toContain('no longer exists');
    expect(countOf('chat.postMessage')).toBe(0);
  });
});

describe('the card’s actions', () => {
  it('Log visit is the one primary button, Add task beside it, Add person by the persons; Edit, Share, Merge with… and Delete are in the ⋯ menu', async () => {
    const card = await command(nordlys.no, 'U0KARI');
    const primary = elements(card.blocks).filter((e) => e.style === 'primary');
    expect(primary.map((e) => [e.action_id, e.value])).toEqual([[ids.actions.logVisit, nordlys.id]]);
    const menu = elements(card.blocks).find((e) => e.action_id === ids.actions.contactMenu);
    expect(menu?.type).toBe('overflow');
    expect(menu?.options?.map((o) => o.text.text)).toEqual(['Edit', 'Share to channel', 'Merge with…', 'Delete…']);
    // No rows of buttons that change data outside the menus (Log visit, New opportunity, Add task and Add person
    // open a form).
    const stray = elements(card.blocks).filter(
      (e) =>
        e.type === 'button' &&
        e.action_id !== ids.actions.logVisit &&
        e.action_id !== ids.opportunity.actions.create &&
        e.action_id !== ids.task.actions.add &&
        e.action_id !== ids.actions.addPerson &&
        !e.action_id?.startsWith(ids.actions.viewPersonPrefix),
    );
    expect(stray).toEqual([]);
    expect(
      elements(card.blocks)
        .filter((e) => e.action_id === ids.actions.addPerson)
        .map((e) => e.value),
    ).toEqual([nordlys.id]);
  });

  it('offers Merge with… and Delete only to admins and the contact’s salesperson', async () => {
    const all = ['edit', 'share', 'merge', 'delete'].map((verb) => `${verb}:${nordlys.id}`);
    expect(contactMenu((await command(nordlys.no, 'U0KARI')).blocks)).toEqual(all);
    // Admins also get Personal data… (test/e2e/privacy), after Share: five entries, Slack's most.
    expect(contactMenu((await command(nordlys.no, 'U0ADMIN')).blocks)).toEqual([
      ...all.slice(0, 2),
      `privacy:${nordlys.id}`,
      ...all.slice(2),
    ]);
    expect(contactMenu((await command(nordlys.no, 'U0OTHER')).blocks)).toEqual(all.slice(0, 2));
    // A person has no Add person.
    expect(contactMenu((await command(kari.no, 'U0OTHER')).blocks)).toEqual([`edit:${kari.id}`, `share:${kari.id}`]);
  });

  it('shows codes with their descriptions and lets the persons and the company be opened', async () => {
    const company = JSON.stringify((await command(nordlys.no)).blocks);
    expect(company).toContain('West (WEST)');
    expect(company).toContain('Manufacturing (MANU)');
    const card = await command(nordlys.no);
    const persons = elements(card.blocks).filter((e) => e.action_id?.startsWith(ids.actions.viewPersonPrefix));
    expect(persons.map((e) => e.value)).toEqual([kari.id]);
    // Kari's button opens her card.
    const opens = countOf('views.open');
    await press(persons[0]!.action_id!, kari.id, { inChannel: true });
    expect(JSON.stringify(viewOf(await nextCall('views.open', opens)).blocks)).toContain('Kari Nordmann');
    const person = await command(kari.no);
    expect(
      elements(person.blocks)
        .filter((e) => e.action_id === ids.actions.viewContact)
        .map((e) => e.value),
    ).toEqual([nordlys.id]);
    // From a card modal, the company replaces the person's card (the modal stack stays short).
    const modal = await openCardModal(kari);
    const updates = countOf('views.update');
    await press(ids.actions.viewContact, nordlys.id, { view: modal });
    const update = await nextCall('views.update', updates);
    expect(update.args.view_id).toBe('VCARD01');
    expect(JSON.stringify(viewOf(update).blocks)).toContain('Nordlys Maskin AS');
  });

  it('Delete asks in place, and deletes on the answer; Keep it brings the card back', async () => {
    const ask = await answer(await choose(ids.actions.contactMenu, `delete:${nordlys.id}`, { userId: 'U0KARI' }));
    expect(ask.replace_original).toBe(true);
    expect(JSON.stringify(ask.blocks)).toContain('Its 1 person will be deleted too');
    const buttons = elements(ask.blocks).filter((e) => e.action_id === ids.actions.deleteContact);
    expect(buttons.map((e) => [e.value, e.style])).toEqual([[nordlys.id, 'danger']]);

    const kept = await answer(await press(ids.actions.contactCardBack, nordlys.id, { userId: 'U0KARI' }));
    expect(kept.replace_original).toBe(true);
    expect(JSON.stringify(kept.blocks)).not.toContain(ids.actions.deleteContact);
    expect(contactMenu(kept.blocks)).toContain(`delete:${nordlys.id}`);

    const done = await answer(await press(ids.actions.deleteContact, nordlys.id, { userId: 'U0KARI' }));
    expect(done).toMatchObject({ replace_original: true, text: expect.stringContaining('Deleted Nordlys Maskin AS') });
    expect(await getContact('T0001', nordlys.id)).toBeUndefined();
  });
});

describe('a visit line’s ⋯ menu', () => {
  it('View for everyone, Edit for the salesperson, Cancel for the salesperson and admins', async () => {
    const mine = await visit('U0001', kari.id);
    const theirs = await visit('U0KARI', nordlys.id);
    const forMe = menuValues((await command(nordlys.no)).blocks, ids.actions.visitMenu);
    expect(forMe).toEqual(
      expect.arrayContaining([
        [`view:${mine.id}:${nordlys.id}`, `edit:${mine.id}:${nordlys.id}`, `cancel:${mine.id}:${nordlys.id}`],
        [`view:${theirs.id}:${nordlys.id}`],
      ]),
    );
    const forAdmin = menuValues((await command(nordlys.no, 'U0ADMIN')).blocks, ids.actions.visitMenu);
    expect(forAdmin).toContainEqual([`view:${theirs.id}:${nordlys.id}`, `cancel:${theirs.id}:${nordlys.id}`]);
    // Dates are written for the reader, not as ISO.
    expect(JSON.stringify((await command(nordlys.no)).blocks)).toContain('Tue, 24 Nov 2026');
  });

  it('View shows the visit’s whole note in a modal', async () => {
    const mine = await visit('U0001', kari.id);
    const opens = countOf('views.open');
    await choose(ids.actions.visitMenu, `view:${mine.id}:${nordlys.id}`, { userId: 'U0OTHER' });
    const detail = viewOf(await nextCall('views.open', opens));
    expect(detail.callback_id).toBe(ids.views.visitDetailModal);
    expect(checkView(detail)).toEqual([]);
    const text = JSON.stringify(detail.blocks);
    expect(text).toContain(SECRET_NOTE);
    expect(text).toContain('only in the full view');
    expect(text).toContain('Very negative');
  });

  it('Edit opens the visit for its salesperson, and refuses anyone else', async () => {
    const mine = await visit('U0001', kari.id);
    const opens = countOf('views.open');
    await choose(ids.actions.visitMenu, `edit:${mine.id}:${nordlys.id}`);
    const modal = viewOf(await nextCall('views.open', opens));
    expect(modal.callback_id).toBe(ids.views.logVisitModal);
    expect(JSON.parse(modal.private_metadata ?? '{}')).toMatchObject({ mode: 'edit', visitId: mine.id });
    const refused = await choose(ids.actions.visitMenu, `edit:${mine.id}:${nordlys.id}`, { userId: 'U0KARI' });
    expect((await answer(refused)).text).toContain('Only the salesperson who logged this visit can edit it');
  });
});

describe('the card updates in place', () => {
  it('after a visit is cancelled, and its Edit then works and updates it again', async () => {
    const mine = await visit('U0001', kari.id);
    const card = await command(kari.no);

    const ask = await answer(await choose(ids.actions.visitMenu, `cancel:${mine.id}:${kari.id}`));
    expect(ask.replace_original).toBe(true);
    const confirm = elements(ask.blocks).find((e) => e.action_id === ids.actions.cancelVisit);
    expect(confirm).toMatchObject({ value: `${mine.id}:${kari.id}`, style: 'danger' });
    expect((await VisitModel.findById(mine.id).lean())?.status).toBe('logged');

    const after = await answer(await press(ids.actions.cancelVisit, confirm!.value!));
    expect(after.replace_original).toBe(true);
    expect(checkMessage(after)).toEqual([]);
    const text = JSON.stringify(after.blocks);
    expect(text).toContain('Cancelled the visit with Kari Nordmann');
    expect(text).toContain('~Tue, 24 Nov 2026');
    expect(menuValues(after.blocks, ids.actions.visitMenu)).toEqual([[`view:${mine.id}:${kari.id}`]]);
    expect((await VisitModel.findById(mine.id).lean())?.status).toBe('cancelled');
    expect(contactMenu(after.blocks)).toEqual(contactMenu(card.blocks));

    // Edit from the redrawn card: the modal opens, and saving redraws the same message again.
    const opens = countOf('views.open');
    const editKey = await choose(ids.actions.contactMenu, `edit:${kari.id}`);
    const modal = viewOf(await nextCall('views.open', opens));
    expect(await submitView(kontakt, modal, { [field.jobTitle]: 'Innkjøpssjef' })).toBeUndefined();
    const saved = await kontakt.fake.waitForResponse(
      (r) => r.key === editKey && (r.body as unknown as Message).text !== undefined,
    );
    const body = saved.body as unknown as Message;
    expect(body.replace_original).toBe(true);
    expect(JSON.stringify(body.blocks)).toContain('Innkjøpssjef');
    expect(JSON.stringify(body.blocks)).toContain('Saved.');
    expect((await getContact('T0001', kari.id))?.jobTitle).toBe('Innkjøpssjef');
    expect(countOf('chat.postEphemeral')).toBe(0);
  });

  it('in a card modal: Cancel asks and redraws the modal; Edit then saves into the same modal', async () => {
    const mine = await visit('U0001', kari.id);
    const modal = await openCardModal(kari);
    let updates = countOf('views.update');
    await choose(ids.actions.visitMenu, `cancel:${mine.id}:${kari.id}`, { view: modal });
    const asked = await nextCall('views.update', updates);
    expect(asked.args.view_id).toBe('VCARD01');
    expect(JSON.stringify(viewOf(asked).blocks)).toContain(ids.actions.cancelVisit);

    updates = countOf('views.update');
    await press(ids.actions.cancelVisit, `${mine.id}:${kari.id}`, { view: { ...viewOf(asked), id: 'VCARD01' } });
    const redrawn = { ...viewOf(await nextCall('views.update', updates)), id: 'VCARD01' };
    expect(checkView(redrawn)).toEqual([]);
    expect(JSON.stringify(redrawn.blocks)).toContain('Cancelled the visit');
    expect((await VisitModel.findById(mine.id).lean())?.status).toBe('cancelled');

    const pushes = countOf('views.push');
    await choose(ids.actions.contactMenu, `edit:${kari.id}`, { view: redrawn });
    const edit = viewOf(await nextCall('views.push', pushes));
    updates = countOf('views.update');
    expect(await submitView(kontakt, edit, { [field.jobTitle]: 'Daglig leder' })).toBeUndefined();
    const saved = await nextCall('views.update', updates);
    expect(saved.args.view_id).toBe('VCARD01');
    expect(JSON.stringify(viewOf(saved).blocks)).toContain('Daglig leder');
  });
});

describe('forged menu values', () => {
  it('a member’s forged Delete is refused with a sentence and deletes nothing', async () => {
    const key = await choose(ids.actions.contactMenu, `delete:${nordlys.id}`, { userId: 'U0OTHER' });
    expect((await answer(key)).text).toContain('Only Kontakt admins and the contact’s salesperson');
    expect(await getContact('T0001', nordlys.id)).toBeDefined();
  });

  it('values that are not ours, and contacts of another workspace, are refused', async () => {
    for (const value of ['drop:' + nordlys.id, 'edit:not-an-id', '', `edit:${other.id}`, `delete:${other.id}`]) {
      const key = await choose(ids.actions.contactMenu, value, { userId: 'U0ADMIN' });
      expect((await answer(key)).text).toContain('no longer exists');
    }
    expect(countOf('views.open')).toBe(0);
  });

  it('visit ids of another workspace, or of another contact than the card’s, are refused and change nothing', async () => {
    const foreign = await visit('U0001', other.id, 'T0002');
    const mine = await visit('U0001', kari.id);
    for (const value of [
      `view:${foreign.id}:${other.id}`,
      `cancel:${foreign.id}:${nordlys.id}`,
      `edit:${foreign.id}:${other.id}`,
      `cancel:${mine.id}:${other.id}`,
      `cancel:${mine.id}`,
    ]) {
      const key = await choose(ids.actions.visitMenu, value);
      expect((await answer(key)).text).toContain('This visit no longer exists');
    }
    const forgedCancel = await press(ids.actions.cancelVisit, `${foreign.id}:${other.id}`);
    expect((await answer(forgedCancel)).text).toContain('This visit no longer exists');
    const notMine = await press(ids.actions.cancelVisit, `${mine.id}:${kari.id}`, { userId: 'U0OTHER' });
    expect((await answer(notMine)).text).toContain('Only the salesperson who logged this visit, or an admin');
    expect((await VisitModel.findById(foreign.id).lean())?.status).toBe('logged');
    expect((await VisitModel.findById(mine.id).lean())?.status).toBe('logged');
    expect(countOf('views.open')).toBe(0);
  });
});
