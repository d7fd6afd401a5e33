import { contactInputSchema, type ContactInput } from '../../../src/schemas/contact-input';
import { parseSearch } from '../../../src/schemas/search-query';
import { createContact } from '../../../src/services/contacts/contact.service';
import { MatchTier, searchContacts, suggestContacts } from '../../../src/services/contacts/contact-search.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import { useTestDatabase } from '../../support/database';

useTestDatabase();

const WS = 'T0001';
const USER = 'U0001';
const contacts: Record<string, Contact> = {};

async function add(
  key: string,
  fields: Partial<ContactInput> & Pick<ContactInput, 'type' | 'name'>,
  workspaceId = WS,
): Promise<void> {
  const result = await createContact({
    workspaceId,
    userId: USER,
    input: contactInputSchema.parse(fields),
    ignoreDuplicates: true,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  contacts[key] = result.contact;
}

beforeAll(async () => {
  await add('nordlys', {
    type: 'company',
    name: 'Nordlys Maskin AS',
    city: 'Bergen',
    postCode: '5013',
    phone: '+47 55 12 34 56',
    email: 'post@nordlys.no',
    industryGroups: ['MANU'],
    salespersonId: 'U0KARI',
  });
  await add('kari', {
    type: 'person',
    name: 'Kari Nordmann',
    companyId: contacts.nordlys!.id,
    phone: '+47 99 88 77 66',
    email: 'kari@nordlys.no',
  });
  await add('bjorn', { type: 'person', name: 'Bjørn Ålesund', city: 'Ålesund', salespersonId: USER });
  await add('pumps', { type: 'company', name: 'Bergen Pumps AS', city: 'Bergen', salespersonId: USER });
  await add('nord', { type: 'company', name: 'Nord', city: 'Oslo' });
  await add('fjord', { type: 'company', name: 'Fjordkraft Energi', city: 'Trondheim' });
  await add('foreign', { type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen' }, 'T0002');
});

async function find(typed: string, userId = USER) {
  const search = parseSearch(typed);
  return searchContacts({ workspaceId: WS, userId, text: search.text, filters: search.filters });
}
const names = (outcome: Awaited<ReturnType<typeof find>>) => outcome.contacts.map((c) => c.name);

describe('searchContacts', () => {
  it('ranks in NAV’s order: exact No., exact name, starts with, contains', async () => {
    expect((await find(contacts.nord!.no)).contacts[0]).toMatchObject({ name: 'Nord', tier: MatchTier.ExactNo });
    const nord = await find('nord');
    expect(nord.contacts.map((c) => [c.name, c.tier])).toEqual([
      ['Nord', MatchTier.ExactName],
      ['Nordlys Maskin AS', MatchTier.StartsWith],
      ['Kari Nordmann', MatchTier.Contains],
    ]);
    expect(nord.total).toBe(3);
  });

  it('treats æ/ae, ø/o/oe, å/a/aa and case as equal', async () => {
    expect(names(await find('alesund'))).toEqual(['Bjørn Ålesund']);
    expect(names(await find('AALESUND'))).toEqual(['Bjørn Ålesund']);
    expect(names(await find('bjoern'))).toEqual(['Bjørn Ålesund']);
    expect(names(await find('bjorn'))).toEqual(['Bjørn Ålesund']);
  });

  it('finds phone numbers by their digits, however they are typed', async () => {
    expect(names(await find('5512 3456'))).toEqual(['Nordlys Maskin AS']);
    expect(names(await find('+47 55 12 34 56'))).toEqual(['Nordlys Maskin AS']);
  });

  it('matches every word: "bergen pumps"', async () => {
    expect(names(await find('bergen pumps'))).toEqual(['Bergen Pumps AS']);
  });

  it('finds city, post code, e-mail and company name', async () => {
    // Kari inherited Bergen from her company.
    expect(names(await find('bergen'))).toEqual(['Bergen Pumps AS', 'Kari Nordmann', 'Nordlys Maskin AS']);
    expect(names(await find('5013'))).toEqual(['Kari Nordmann', 'Nordlys Maskin AS']);
    expect(names(await find('post@nordlys.no'))).toEqual(['Nordlys Maskin AS']);
    expect(names(await find('nordlys kari'))).toEqual(['Kari Nordmann']);
  });

  it('finds similar spellings (one edit per five letters) after the exact ones', async () => {
    const outcome = await find('fjordkraf energy');
    expect(outcome.contacts.map((c) => [c.name, c.tier])).toEqual([['Fjordkraft Energi', MatchTier.Similar]]);
    expect(names(await find('nordlis'))).toEqual(['Nordlys Maskin AS']);
    expect(names(await find('xyzzyq'))).toEqual([]);
  });

  it('ignores company-form suffixes like AS unless they are all that was typed', async () => {
    expect(names(await find('nordlys as'))).toEqual(['Nordlys Maskin AS', 'Kari Nordmann']);
    expect(names(await find('pumps as'))).toEqual(['Bergen Pumps AS']);
  });

  it('applies filters', async () => {
    expect(names(await find('type:person'))).toEqual(['Bjørn Ålesund', 'Kari Nordmann']);
    expect(names(await find('b type:company city:bergen'))).toEqual(['Bergen Pumps AS', 'Nordlys Maskin AS']);
    expect(names(await find('owner:<@U0KARI|kari>'))).toEqual(['Kari Nordmann', 'Nordlys Maskin AS']);
    expect(names(await find('industry:manu'))).toEqual(['Nordlys Maskin AS']);
  });

  it('lists the user’s own contacts when there is no text and no filter', async () => {
    const outcome = await find('');
    expect(outcome.ownContacts).toBe(true);
    expect(names(outcome)).toEqual(['Bergen Pumps AS', 'Bjørn Ålesund']);
  });

  it('never returns another workspace’s contacts', async () => {
    const outcome = await find('nordlys maskin');
    expect(outcome.contacts.map((c) => c.id)).toEqual([contacts.nordlys!.id, contacts.kari!.id]);
    expect(outcome.contacts.map((c) => c.id)).not.toContain(contacts.foreign!.id);
  });

  it.each(['.*(', '$ne', '{"$ne": null}', '🙂🙂🙂', 'a'.repeat(3_000), '\\', '^$'])(
    'copes with hostile text %#',
    async (typed) => {
      const outcome = await find(typed);
      expect(Array.isArray(outcome.contacts)).toBe(true);
      expect(outcome.total).toBe(outcome.contacts.length);
    },
  );
});

describe('suggestContacts (typeahead)', () => {
  it('offers companies only when asked', async () => {
    expect((await suggestContacts(WS, USER, 'nord', { type: 'company' })).map((c) => c.name)).toEqual([
      'Nord',
      'Nordlys Maskin AS',
    ]);
  });
});
