import mongoose from 'mongoose';
import { ids } from '../../../src/ids';
import { getWorkspaceSetup, saveSetupSection } from '../../../src/services/setup/setup.service';
import { slashCommand } from '../../harness/payloads';
import { openSection, openSetup, saveSection } from '../../support/setup-flows';
import { click, field, submitView, viewOf, type SentView } from '../../support/contact-flows';
import { addContact, useKontakt } from '../../support/use-kontakt';

/**
 * `/contact duplicates`: the stored pairs of possible duplicates (companies by setup's rules, persons by e-mail,
 * mobile or name at the same company), who may see them, Not duplicates, paging, the card's line, and the list
 * kept in step when contacts change.
 */
const kontakt = useKontakt();
const db = () => mongoose.connection.db!;

interface Element {
  type: string;
  action_id: string;
  value: string;
  text: { text: string };
}
interface Block {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: Element[];
  accessory?: Element;
}
interface Reply {
  text: string;
  replace_original?: boolean;
  blocks: Block[];
}

async function save(section: 'roles' | 'duplicates' | 'language', patch: object, workspaceId = 'T0001') {
  const { version } = await getWorkspaceSetup(workspaceId);
  const result = await saveSetupSection({ workspaceId, userId: 'U0ADMIN', section, version, patch });
  expect(result.status).toBe('saved');
}

/** The workspace's scan (the first, started by the first `/contact duplicates`, or the `gen`th) has finished. */
async function scanned(workspaceId = 'T0001', gen = 1): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const scan = await db().collection('duplicate_scans').findOne({ workspaceId });
    if (scan?.status === 'done' && scan.gen >= gen) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the duplicate scan did not finish');
}

async function command(text: string, userId = 'U0BOSS', teamId?: string): Promise<Reply> {
  const url = kontakt.fake.responseUrl();
  await kontakt.slack.command(slashCommand({ text, userId, teamId, responseUrl: url }));
  const reply = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === url);
  return reply.body as unknown as Reply;
}

/** `/contact duplicates` once the first scan is done: what the list shows then. */
async function list(userId = 'U0BOSS'): Promise<Reply> {
  await command('duplicates', userId);
  await scanned();
  return command('duplicates', userId);
}

async function clickFor(actionId: string, value: string, userId = 'U0BOSS', teamId?: string): Promise<Reply> {
  const payload = await click(kontakt, actionId, value, { userId, teamId });
  const reply = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === payload.response_url);
  return reply.body as unknown as Reply;
}

const pairSections = (reply: Reply) => reply.blocks.filter((b) => b.type === 'section' && b.fields?.length === 2);
const pairTexts = (reply: Reply) => pairSections(reply).map((b) => b.fields!.map((f) => f.text).join(' | '));
const buttons = (reply: Reply) => reply.blocks.flatMap((b) => b.elements ?? []).filter((e) => e.type === 'button');
const separateButtons = (reply: Reply) =>
  buttons(reply).filter((e) => e.action_id === ids.actions.duplicateListSeparate);
const allText = (reply: Reply) =>
  reply.blocks
    .flatMap((b) => [
      b.text?.text,
      ...(b.fields ?? []).map((f) => f.text),
      ...(b.elements ?? []).map((e) => (typeof e.text === 'string' ? (e.text as string) : e.text?.text)),
    ])
    .join('\n');

async function openEdit(contactId: string, userId = 'U0ADMIN'): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.open').length;
  await click(kontakt, ids.actions.editContact, contactId, { userId });
  return viewOf(await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before));
}

async function openCard(contactId: string): Promise<SentView> {
  const before = kontakt.fake.callsTo('views.open').length;
  await click(kontakt, ids.actions.viewContact, contactId, { userId: 'U0BOSS' });
  return viewOf(await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before));
}

const nordlys = (name = 'Nordlys Maskin AS') =>
  addContact({ type: 'company', name, address: 'Strandgaten 1', city: 'Bergen', phone: '55 12 34 56' });

beforeEach(async () => {
  kontakt.fake.setUser('U0ADMIN', { name: 'anne', is_admin: true });
  kontakt.fake.setUser('U0BOSS', { name: 'boss' });
  kontakt.fake.setUser('U0KARI', { name: 'kari' });
  await save('roles', { roles: { admins: ['U0ADMIN'], managers: ['U0BOSS'] } });
});

describe('companies by setup’s duplicate rules', () => {
  it('lists two companies that meet the rules side by side, and stores the pair once', async () => {
    const first = await nordlys();
    const second = await addContact({
      type: 'company',
      name: 'Nordlys Maskin',
      address: 'Strandgaten 1',
      city: 'Bergen',
      phone: '+47 55 99 99 99',
      salespersonId: 'U0KARI',
    });
    await addContact({ type: 'company', name: 'Fjord Pumper AS', city: 'Bergen' });

    const reply = await list();
    expect(pairTexts(reply)).toHaveLength(1);
    const [text] = pairTexts(reply);
    expect(text).toContain(`*Nordlys Maskin AS*\n${first.no}`);
    expect(text).toContain(`*Nordlys Maskin*\n${second.no}`);
    expect(text).toContain('Strandgaten 1');
    expect(text).toContain('Salesperson: <@U0KARI>');
    expect(pairSections(reply)[0]!.text!.text).toBe('*60 % alike* · Companies · 3 of 5 search strings equal');
    expect(allText(reply)).toContain('1 pair · page 1 of 1');
    expect(allText(reply)).toContain('5 strings, 3 equal make a duplicate');
    expect(buttons(reply).map((b) => b.text.text)).toEqual([
      `Open ${first.no}`,
      `Open ${second.no}`,
      'Merge…',
      'Not duplicates',
      'Check again',
    ]);

    const stored = await db().collection('duplicate_candidates').find({}).toArray();
    expect(stored).toHaveLength(1);
    const [a, b] = [first.id, second.id].sort();
    expect(stored[0]).toMatchObject({ workspaceId: 'T0001', kind: 'company', score: 60, reasons: ['rules'], hits: 3 });
    expect([stored[0]!.a.toString(), stored[0]!.b.toString()]).toEqual([a, b]);
  });

  it('Open shows the contact’s card, which says what it may be a duplicate of', async () => {
    const first = await nordlys();
    const second = await nordlys('Nordlys Maskin Bergen');
    const reply = await list();
    const open = buttons(reply).find((e) => e.action_id === ids.actions.duplicateListOpenFirst)!;
    const before = kontakt.fake.callsTo('views.open').length;
    await click(kontakt, open.action_id, open.value, { userId: 'U0BOSS' });
    const card = viewOf(
      await kontakt.fake.waitForCall('views.open', () => kontakt.fake.callsTo('views.open').length > before),
    );
    const shown = [first, second].find((c) => c.id === open.value)!;
    const other = shown === first ? second : first;
    expect(card.callback_id).toBe(ids.views.contactCardModal);
    const line = (card.blocks as Block[]).find((b) => b.text?.text.includes('Possible duplicate of'));
    expect(line?.text?.text).toContain(`Possible duplicate of *${other.name}* (${other.no})`);
    expect(line?.accessory).toMatchObject({ action_id: ids.actions.viewContact, value: other.id });
  });

  it('a rules change rebuilds the list for the whole workspace', async () => {
    await nordlys();
    await nordlys('Nordlys Maskin Bergen');
    expect(pairTexts(await list())).toHaveLength(1);
    // Five strings must all be equal now: the two differ in name and VAT no., so they are no longer a pair.
    const home = await openSetup(kontakt, 'U0ADMIN');
    const section = await openSection(kontakt, home, 'duplicates', 'U0ADMIN');
    expect(
      await saveSection(kontakt, section, { [ids.setupField.blocks.hitPercent]: '100' }, { userId: 'U0ADMIN' }),
    ).toBeUndefined();
    await scanned('T0001', 2);
    const reply = await command('duplicates');
    expect(pairTexts(reply)).toHaveLength(0);
    expect(await db().collection('duplicate_candidates').countDocuments({})).toBe(0);
  });
});

describe('persons', () => {
  it('pairs persons by e-mail (any case), mobile (however typed) and name at the same company', async () => {
    const acme = await addContact({ type: 'company', name: 'Acme AS', email: 'post@acme.no', phone: '22 11 22 11' });
    const other = await addContact({ type: 'company', name: 'Berg Bygg AS' });
    const kari1 = await addContact({ type: 'person', name: 'Kari Nordmann', email: 'Kari@Nordmann.no' });
    const kari2 = await addContact({ type: 'person', name: 'Kari N.', email: 'kari@nordmann.no', companyId: other.id });
    const ola1 = await addContact({ type: 'person', name: 'Ola Hansen', mobile: '+47 912 34 567' });
    const ola2 = await addContact({ type: 'person', name: 'O. Hansen', mobile: '91234567' });
    const per1 = await addContact({ type: 'person', name: 'Per Berg', companyId: acme.id });
    const per2 = await addContact({ type: 'person', name: 'Per Berg', companyId: acme.id, mobile: '93 00 00 01' });
    // Two colleagues who only share the company's e-mail and phone (inherited): not duplicates.
    await addContact({ type: 'person', name: 'Liv Strand', companyId: acme.id });
    await addContact({ type: 'person', name: 'Siv Strand', companyId: acme.id });

    const reply = await list();
    const headings = pairSections(reply).map((b) => b.text!.text);
    expect(headings).toEqual([
      '*70 % alike* · Persons · same e-mail',
      '*70 % alike* · Persons · same mobile',
      '*60 % alike* · Persons · same name at the same company',
    ]);
    const texts = pairTexts(reply);
    expect(texts[0]).toContain(kari1.no);
    expect(texts[0]).toContain(kari2.no);
    expect(texts[0]).toContain('Berg Bygg AS');
    expect(texts[1]).toContain(ola1.no);
    expect(texts[1]).toContain(ola2.no);
    expect(texts[2]).toContain(per1.no);
    expect(texts[2]).toContain(per2.no);
    expect(await db().collection('duplicate_candidates').countDocuments({ workspaceId: 'T0001', kind: 'person' })).toBe(
      3,
    );
  });

  it('a person sharing e-mail and mobile ranks above one sharing only a name', async () => {
    const acme = await addContact({ type: 'company', name: 'Acme AS' });
    await addContact({ type: 'person', name: 'Per Berg', companyId: acme.id });
    await addContact({ type: 'person', name: 'Per Berg', companyId: acme.id });
    await addContact({ type: 'person', name: 'Eva Li', email: 'eva@li.no', mobile: '41000000' });
    await addContact({ type: 'person', name: 'Eva Lie', email: 'eva@li.no', mobile: '+4741000000' });
    const headings = pairSections(await list()).map((b) => b.text!.text);
    expect(headings).toEqual([
      '*91 % alike* · Persons · same e-mail, same mobile',
      '*60 % alike* · Persons · same name at the same company',
    ]);
  });
});

describe('kept in step with the contacts', () => {
  it('an edit that removes the likeness takes the pair away; one that adds it brings it; delete and restore too', async () => {
    const kari1 = await addContact({ type: 'person', name: 'Kari Nordmann', email: 'kari@nordmann.no' });
    const kari2 = await addContact({ type: 'person', name: 'Kari N.', email: 'kari@nordmann.no' });
    expect(pairTexts(await list())).toHaveLength(1);

    const edit = await openEdit(kari2.id);
    expect(
      await submitView(kontakt, edit, { [field.email]: 'kari.n@annet.no' }, { userId: 'U0ADMIN' }),
    ).toBeUndefined();
    expect(pairTexts(await command('duplicates'))).toHaveLength(0);
    expect((await openCard(kari1.id)).blocks.some((b) => JSON.stringify(b).includes('Possible duplicate'))).toBe(false);

    const back = await openEdit(kari2.id);
    expect(
      await submitView(kontakt, back, { [field.email]: 'kari@nordmann.no' }, { userId: 'U0ADMIN' }),
    ).toBeUndefined();
    expect(pairTexts(await command('duplicates'))).toHaveLength(1);

    await clickFor(ids.actions.deleteContact, kari2.id, 'U0ADMIN');
    expect(pairTexts(await command('duplicates'))).toHaveLength(0);
    expect(await db().collection('duplicate_candidates').countDocuments({})).toBe(0);

    const deletion = await db().collection('contact_deletions').findOne({});
    await clickFor(ids.actions.restoreContact, deletion!._id.toString(), 'U0ADMIN');
    expect(pairTexts(await command('duplicates'))).toHaveLength(1);
  });

  it('deleting a company takes its persons’ pairs with it', async () => {
    const acme = await addContact({ type: 'company', name: 'Acme AS' });
    await addContact({ type: 'person', name: 'Per Berg', companyId: acme.id });
    await addContact({ type: 'person', name: 'Per Berg', companyId: acme.id });
    expect(pairTexts(await list())).toHaveLength(1);
    await clickFor(ids.actions.deleteContact, acme.id, 'U0ADMIN');
    expect(pairTexts(await command('duplicates'))).toHaveLength(0);
  });
});

describe('Not duplicates', () => {
  it('remembers the pair for good: the list is redrawn without it, and neither an edit nor a rescan brings it back', async () => {
    const first = await nordlys();
    const second = await nordlys('Nordlys Maskin Bergen');
    const reply = await list();
    const [separate] = separateButtons(reply);
    const redrawn = await clickFor(separate!.action_id, separate!.value);
    expect(redrawn.replace_original).toBe(true);
    expect(pairTexts(redrawn)).toHaveLength(0);
    expect(allText(redrawn)).toContain('No possible duplicates.');
    expect(JSON.stringify(redrawn.blocks[0])).toContain('as not duplicates; they will not be listed again');
    expect(
      await db().collection('separate_contacts').countDocuments({ workspaceId: 'T0001', markedBy: 'U0BOSS' }),
    ).toBe(1);

    const edit = await openEdit(second.id);
    expect(await submitView(kontakt, edit, { [field.city]: 'Bergen' }, { userId: 'U0ADMIN' })).toBeUndefined();
    expect(pairTexts(await command('duplicates'))).toHaveLength(0);

    const rescan = await clickFor(ids.actions.duplicateListRescan, '0');
    expect(JSON.stringify(rescan.blocks)).toContain('checking every contact again');
    await scanned();
    expect(pairTexts(await command('duplicates'))).toHaveLength(0);
    expect(first.id).not.toBe(second.id);
  });

  it('the contact modal’s “Not a duplicate” silences the pair in the list too', async () => {
    const first = await nordlys();
    const second = await nordlys('Nordlys Maskin Bergen');
    expect(pairTexts(await list())).toHaveLength(1);
    const { markSeparate } = await import('../../../src/services/contacts/duplicate.service');
    await markSeparate('T0001', first.id, second.id, 'U0ADMIN');
    expect(pairTexts(await command('duplicates'))).toHaveLength(0);
  });

  it('forged or foreign pair ids change nothing and get the list as it is', async () => {
    const first = await nordlys();
    await nordlys('Nordlys Maskin Bergen');
    await nordlys('Nordlys Maskin Oslo');
    const foreignA = await addContact({ type: 'company', name: 'Utland AS' }, 'T0002');
    const foreignB = await addContact({ type: 'company', name: 'Utland 2 AS' }, 'T0002');
    await list();

    for (const value of [
      `${foreignA.id}:${foreignB.id}:0`,
      `${first.id}:${foreignA.id}:0`,
      `${first.id}:${first.id}:0`,
      'not-a-pair',
      `${'0'.repeat(24)}:${'f'.repeat(24)}:0`,
    ]) {
      const reply = await clickFor(ids.actions.duplicateListSeparate, value);
      expect(JSON.stringify(reply.blocks[0])).toContain('That pair is no longer in the list');
      expect(pairTexts(reply)).toHaveLength(3);
    }
    expect(await db().collection('separate_contacts').countDocuments({})).toBe(0);
  });
});

describe('who may see the list', () => {
  it('a member is refused with who can; admins and managers get the list', async () => {
    await nordlys();
    await nordlys('Nordlys Maskin Bergen');
    const refused = await command('duplicates', 'U0KARI');
    expect(refused.text).toBe(
      'Only Kontakt admins and managers (<@U0ADMIN>, <@U0BOSS>) or a Slack workspace admin or owner can see the list of duplicates. Ask one of them, or ask an admin to list you as a manager in setup.',
    );
    expect(refused.blocks ?? []).toHaveLength(0);
    // The buttons check too: a member who got hold of one sees nothing.
    const clicked = await clickFor(ids.actions.duplicateListPage, '0', 'U0KARI');
    expect(clicked.text).toContain('Only Kontakt admins and managers');
    const separated = await clickFor(ids.actions.duplicateListSeparate, 'x', 'U0KARI');
    expect(separated.text).toContain('Only Kontakt admins and managers');

    expect(pairTexts(await list('U0ADMIN'))).toHaveLength(1);
    expect(pairTexts(await command('dubletter', 'U0BOSS'))).toHaveLength(1);
  });

  it('another workspace’s pairs never show', async () => {
    await nordlys();
    await nordlys('Nordlys Maskin Bergen');
    await addContact({ type: 'company', name: 'Nordlys Maskin AS', address: 'Strandgaten 1', city: 'Bergen' }, 'T0002');
    await addContact({ type: 'company', name: 'Nordlys Maskin', address: 'Strandgaten 1', city: 'Bergen' }, 'T0002');
    const reply = await list();
    expect(pairTexts(reply)).toHaveLength(1);
    expect(await db().collection('duplicate_candidates').countDocuments({ workspaceId: 'T0002' })).toBe(1);
  });
});

describe('paging', () => {
  it('ten pairs a page, most alike first, with Next and Previous redrawing in place', async () => {
    const acme = await addContact({ type: 'company', name: 'Acme AS' });
    for (let i = 0; i < 12; i += 1) {
      const name = `Person ${String.fromCharCode(65 + i)}`;
      await addContact({ type: 'person', name, companyId: acme.id });
      await addContact({ type: 'person', name, companyId: acme.id, ...(i === 11 ? { email: `p${i}@x.no` } : {}) });
    }
    // One pair that shares more: first on page 1.
    await addContact({ type: 'person', name: 'Zed', companyId: acme.id, email: 'zed@x.no' });
    await addContact({ type: 'person', name: 'Zed', companyId: acme.id, email: 'zed@x.no' });

    const first = await list();
    expect(pairTexts(first)).toHaveLength(10);
    expect(allText(first)).toContain('13 pairs · page 1 of 2');
    expect(pairSections(first)[0]!.text!.text).toContain('88 % alike');
    const next = buttons(first).find((b) => b.action_id === ids.actions.duplicateListPage)!;
    expect(buttons(first).some((b) => b.action_id === ids.actions.duplicateListPageBack)).toBe(false);

    const second = await clickFor(next.action_id, next.value);
    expect(second.replace_original).toBe(true);
    expect(pairTexts(second)).toHaveLength(3);
    expect(allText(second)).toContain('page 2 of 2');
    expect(buttons(second).some((b) => b.action_id === ids.actions.duplicateListPage)).toBe(false);
    const seen = new Set([...pairTexts(first), ...pairTexts(second)]);
    expect(seen.size).toBe(13);

    const back = buttons(second).find((b) => b.action_id === ids.actions.duplicateListPageBack)!;
    expect(pairTexts(await clickFor(back.action_id, back.value))).toEqual(pairTexts(first));
    // A page past the end shows the last one.
    expect(allText(await clickFor(ids.actions.duplicateListPage, '99'))).toContain('page 2 of 2');
  });
});

describe('empty and in Norwegian', () => {
  it('says what is checked when nothing is found', async () => {
    await addContact({ type: 'company', name: 'Acme AS' });
    const reply = await list();
    expect(allText(reply)).toContain('No possible duplicates.');
    expect(allText(reply)).toContain(
      'persons by the same e-mail, the same mobile number, or the same name at the same company',
    );
  });

  it('the first list says the workspace is being checked', async () => {
    const reply = await command('duplicates');
    expect(allText(reply)).toContain('Kontakt is checking every contact for duplicates now');
    await scanned();
  });

  it('reads as Norwegian: Dubletter, Ikke dubletter, Mulig dublett av', async () => {
    await save('language', { language: 'nb' });
    const first = await nordlys();
    await nordlys('Nordlys Maskin Bergen');
    const reply = await list();
    expect(allText(reply)).toContain('*Dubletter*');
    expect(allText(reply)).toContain('1 par · side 1 av 1');
    expect(pairSections(reply)[0]!.text!.text).toBe('*80 % like* · Firmaer · 4 av 5 søkestrenger like');
    expect(buttons(reply).map((b) => b.text.text)).toContain('Ikke dubletter');
    const card = await openCard(first.id);
    expect(JSON.stringify(card.blocks)).toContain('Mulig dublett av *Nordlys Maskin Bergen*');
  });
});
