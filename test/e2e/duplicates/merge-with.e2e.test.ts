import mongoose from 'mongoose';
import { ids } from '../../../src/ids';
import { getWorkspaceSetup, saveSetupSection } from '../../../src/services/setup/setup.service';
import { blockActions, blockSuggestion, viewOutput } from '../../harness/payloads';
import { submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

/**
 * "Merge with…" from the card's ⋯ menu (issue 18): who gets the entry, the typeahead of the other contact (its
 * type, not itself, this workspace, the user's own unless an admin), the refusals of a forged pick, and the merge
 * done through the field-by-field modal it opens.
 */
const kontakt = useKontakt();
const db = () => mongoose.connection.db!;
const oid = (id: string) => new mongoose.Types.ObjectId(id);

beforeEach(async () => {
  kontakt.fake.setUser('U0ADMIN', { name: 'anne', is_admin: true });
  kontakt.fake.setUser('U0KARI', { name: 'kari' });
  kontakt.fake.setUser('U0OLA', { name: 'ola' });
  const { version } = await getWorkspaceSetup('T0001');
  const saved = await saveSetupSection({
    workspaceId: 'T0001',
    userId: 'U0ADMIN',
    section: 'roles',
    version,
    patch: { roles: { admins: ['U0ADMIN'], managers: [] } },
  });
  expect(saved.status).toBe('saved');
});

async function seed() {
  const older = await addContact({
    type: 'company',
    name: 'Nordlys Maskin AS',
    city: 'Bergen',
    salespersonId: 'U0KARI',
  });
  const newer = await addContact({
    type: 'company',
    name: 'Nordlys Maskin',
    phone: '55 12 34 56',
    salespersonId: 'U0KARI',
  });
  const others = await addContact({ type: 'company', name: 'Nordlys Bygg AS', salespersonId: 'U0OLA' });
  const person = await addContact({ type: 'person', name: 'Nordlys Kari', companyId: older.id });
  const foreign = await addContact({ type: 'company', name: 'Nordlys Maskin AS' }, 'T0002');
  return { older, newer, others, person, foreign };
}

/** The card of `contactId` as `userId` sees it in a modal (View button). */
async function openCard(contactId: string, userId: string): Promise<SentView & { id: string }> {
  const opens = kontakt.fake.callsTo('views.open').length;
  const response = await kontakt.send.interactive(
    blockActions({
      userId,
      actions: [{ type: 'button', action_id: ids.actions.viewContact, block_id: 'b', value: contactId } as never],
      responseUrl: kontakt.fake.responseUrl(),
    }),
  );
  expect(response.status).toBe(200);
  const call = await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > opens);
  return { ...viewOf(call), id: 'V0CARD' };
}

/** The card's ⋯ menu entries' values (a lone entry is a button). */
function menu(card: SentView): string[] {
  const elements = card.blocks.flatMap((b) => (b.elements ?? []) as { action_id: string; type: string }[]);
  const found = elements.find((e) => e.action_id === ids.actions.contactMenu) as
    | { type: 'overflow'; options: { value: string; text: { text: string } }[] }
    | { type: 'button'; value: string; text: { text: string } }
    | undefined;
  if (!found) return [];
  return found.type === 'button'
    ? [`${found.text.text}=${found.value}`]
    : found.options.map((o) => `${o.text.text}=${o.value}`);
}

/** Chooses `value` in the card modal's ⋯ menu; returns the view pushed, or the text told instead. */
async function choose(card: SentView & { id: string }, value: string, userId: string) {
  const pushes = kontakt.fake.callsTo('views.push').length;
  const url = kontakt.fake.responseUrl();
  await kontakt.send.interactive(
    blockActions({
      userId,
      actions: [
        {
          type: 'overflow',
          action_id: ids.actions.contactMenu,
          block_id: 'b1',
          selected_option: { value, text: { type: 'plain_text', text: 'x' } },
          action_ts: '1.2',
        } as never,
      ],
      responseUrl: url,
      view: viewOutput({
        viewId: card.id,
        callbackId: card.callback_id,
        privateMetadata: card.private_metadata,
        blocks: card.blocks,
      }),
    }),
  );
  for (let i = 0; i < 400; i += 1) {
    const pushed = kontakt.fake.callsTo('views.push')[pushes];
    if (pushed) return { ...viewOf(pushed), id: 'V0PICK' };
    const told = kontakt.fake.callsTo('chat.postEphemeral').at(-1) ?? kontakt.fake.callsTo('views.update').at(-1);
    if (told && i > 40) return JSON.stringify(told.args);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no answer');
}

type Option = { text: { text: string }; value: string };

/** What the picker's typeahead offers for `typed`, asked by `userId` from `view` (its private_metadata). */
async function suggest(view: SentView, typed: string, userId: string): Promise<Option[]> {
  const response = await kontakt.send.options(
    blockSuggestion({
      userId,
      actionId: ids.merge.actions.pick,
      blockId: ids.merge.blocks.pick,
      value: typed,
      view: viewOutput({ callbackId: view.callback_id, privateMetadata: view.private_metadata, blocks: view.blocks }),
    }),
  );
  expect(response.status).toBe(200);
  return (response.json as { options: Option[] }).options;
}

const contactDoc = (id: string) =>
  db()
    .collection('contacts')
    .findOne({ _id: oid(id) });

describe('“Merge with…” in the card’s ⋯ menu', () => {
  it('is there for admins and the contact’s salesperson, not for others', async () => {
    const s = await seed();
    expect(menu(await openCard(s.older.id, 'U0ADMIN'))).toContain(`Merge with…=merge:${s.older.id}`);
    expect(menu(await openCard(s.older.id, 'U0KARI'))).toContain(`Merge with…=merge:${s.older.id}`);
    expect(menu(await openCard(s.older.id, 'U0OLA')).join()).not.toContain('merge:');
    // Whoever looks, the menu stays within Slack's 5 entries; Add person sits by the persons.
    for (const user of ['U0ADMIN', 'U0KARI', 'U0OLA'])
      expect(menu(await openCard(s.older.id, user)).length).toBeLessThanOrEqual(5);
  });

  it('picks the other contact by typeahead and continues into the field-by-field merge', async () => {
    const s = await seed();
    const card = await openCard(s.older.id, 'U0ADMIN');
    const picker = await choose(card, `merge:${s.older.id}`, 'U0ADMIN');
    if (typeof picker === 'string') throw new Error(picker);
    expect(picker.callback_id).toBe(ids.merge.pickModal);
    expect(JSON.stringify(picker.blocks)).toContain(
      `Which company is the same as *Nordlys Maskin AS* (${s.older.no})?`,
    );

    // Companies only, never itself nor another workspace's: an admin sees every salesperson's.
    const admin = (await suggest(picker, 'nordlys', 'U0ADMIN')).map((o) => o.text.text);
    expect(admin.sort()).toEqual([`Nordlys Bygg AS (${s.others.no})`, `Nordlys Maskin (${s.newer.no})`]);
    expect(await suggest(picker, '', 'U0ADMIN')).toEqual([]);
    // A salesperson is offered only their own (they must be the salesperson of both).
    const kari = (await suggest(picker, 'nordlys', 'U0KARI')).map((o) => o.value);
    expect(kari).toEqual([s.newer.id]);

    // Nothing picked, a forged id of another workspace, itself, a person: an inline error each, nothing merged.
    const errorOf = async (picked: string | null) =>
      (await submitView(kontakt, picker, { [ids.merge.blocks.pick]: picked }, { userId: 'U0ADMIN' }))?.errors?.[
        ids.merge.blocks.pick
      ];
    expect(await errorOf(null)).toBe('Pick the contact to merge with.');
    expect(await errorOf(s.foreign.id)).toContain('no longer there');
    expect(await errorOf(s.older.id)).toContain('cannot be merged with itself');
    expect(await errorOf(s.person.id)).toContain('A company and a person cannot be merged');
    expect(await errorOf('not-an-id')).toContain('no longer there');
    expect(await db().collection('contact_merges').countDocuments({})).toBe(0);
    expect((await contactDoc(s.foreign.id))!.deletedAt).toBeUndefined();

    const next = await submitView(kontakt, picker, { [ids.merge.blocks.pick]: s.newer.id }, { userId: 'U0ADMIN' });
    expect(next?.response_action).toBe('update');
    const modal = { ...next!.view!, id: 'V0PICK' };
    expect(modal.callback_id).toBe(ids.merge.modal);
    expect(modal.blocks.map((b) => b.block_id)).toEqual(
      expect.arrayContaining([ids.merge.blocks.keep, `${ids.merge.blocks.fieldPrefix}phone`]),
    );

    const done = await submitView(kontakt, modal, {}, { userId: 'U0ADMIN' });
    expect(done?.response_action).toBe('update');
    expect(JSON.stringify(done!.view)).toContain(`Merged ${s.newer.no} (Nordlys Maskin) into ${s.older.no}`);
    expect(await contactDoc(s.older.id)).toMatchObject({ phone: '55 12 34 56', aliasNos: [s.newer.no] });
    expect((await contactDoc(s.newer.id))!.mergedInto.toString()).toBe(s.older.id);
  });

  it('refuses a forged menu entry and a pick the user may not merge', async () => {
    const s = await seed();
    // Ola is not Nordlys Maskin AS's salesperson: the entry, forged, is refused before any modal.
    const card = await openCard(s.older.id, 'U0OLA');
    const told = await choose(card, `merge:${s.older.id}`, 'U0OLA');
    expect(told).toContain('Only admins and the salesperson of both contacts can merge them');
    // Kari may open it for her own, but not merge with Ola's company, whatever the form says.
    const picker = await choose(await openCard(s.older.id, 'U0KARI'), `merge:${s.older.id}`, 'U0KARI');
    if (typeof picker === 'string') throw new Error(picker);
    const ack = await submitView(kontakt, picker, { [ids.merge.blocks.pick]: s.others.id }, { userId: 'U0KARI' });
    expect(ack?.errors?.[ids.merge.blocks.pick]).toContain('Only admins and the salesperson of both');
    // A forged modal naming another workspace's contact as the card's.
    const forged = { ...picker, private_metadata: JSON.stringify({ c: s.foreign.id }) };
    expect(await suggest(forged, 'nordlys', 'U0ADMIN')).toEqual([]);
    const again = await submitView(kontakt, forged, { [ids.merge.blocks.pick]: s.older.id }, { userId: 'U0ADMIN' });
    expect(again?.errors?.[ids.merge.blocks.pick]).toContain('no longer there');
    expect(await db().collection('contact_merges').countDocuments({})).toBe(0);
  });
});
