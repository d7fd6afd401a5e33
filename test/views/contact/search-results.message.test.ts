import { translator } from '../../../src/i18n';
import type { RankedContact } from '../../../src/services/contacts/contact-search.service';
import { searchResultsMessage, type SearchResultsArgs } from '../../../src/views/contact/search-results.message';
import { checkMessage } from '../../harness/block-kit-checker';
import { buttons, longText, ranked, visibleText, worstSummary } from '../../fixtures/contact-fixtures';

function many(count: number): RankedContact[] {
  return Array.from({ length: count }, (_, i) =>
    ranked({ id: `id${i}`, name: `Contact ${i}`, no: `CT${String(i).padStart(6, '0')}` }),
  );
}

function results(
  overrides: Partial<SearchResultsArgs> & { contacts?: RankedContact[]; total?: number; ownContacts?: boolean } = {},
) {
  const contacts = overrides.contacts ?? many(3);
  return searchResultsMessage({
    tr: translator('en'),
    query: 'bergen pumps',
    page: 0,
    pageSize: 10,
    problems: [],
    ...overrides,
    outcome: { contacts, total: overrides.total ?? contacts.length, ownContacts: overrides.ownContacts ?? false },
  });
}

const pageButtons = (blocks: unknown) =>
  buttons(blocks).filter((b) => b.action_id === 'contact_search_page' || b.action_id === 'contact_search_page_back');
const viewValues = (blocks: unknown) =>
  buttons(blocks)
    .filter((b) => b.action_id === 'contact_view')
    .map((b) => b.value);

describe('searchResultsMessage', () => {
  it('says how many contacts match what was typed', () => {
    const message = results();
    expect(message.text).toBe('3 contacts match “bergen pumps”');
    expect(message.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '3 contacts match “bergen pumps”' },
    });
    expect(results({ contacts: many(1) }).text).toBe('1 contact matches “bergen pumps”');
  });

  it('titles the user’s own contacts when nothing was typed', () => {
    expect(results({ query: '', ownContacts: true, contacts: many(4) }).text).toBe('Your contacts (4)');
  });

  it('helps when nothing matched', () => {
    const text = visibleText(results({ contacts: [] }).blocks);
    expect(text).toContain('No contacts match “bergen pumps”.');
    expect(text).toContain('fewer letters');
    expect(text).toContain('spelling');
    expect(text).toContain('`type:company`');
    expect(text).toContain('`city:bergen`');
    expect(buttons(results({ contacts: [] }).blocks)).toEqual([]);
  });

  it('lists one line per contact: name, company for persons, city, No., and a View button', () => {
    const message = results({
      contacts: [
        ranked({
          id: 'p1',
          type: 'person',
          name: 'Kari Nordmann',
          companyName: 'Nordlys Maskin AS',
          city: 'Bergen',
          no: 'CT000043',
        }),
        ranked({
          id: 'c1',
          type: 'company',
          name: 'Nordlys Maskin AS',
          companyName: undefined,
          city: 'Bergen',
          no: 'CT000042',
        }),
        ranked({
          id: 'p2',
          type: 'person',
          name: 'Kari Nordman',
          companyName: undefined,
          city: undefined,
          no: 'CT000050',
          tier: 4,
        }),
      ],
    });
    expect(message.blocks.slice(1, 4).map((block) => (block as { text: { text: string } }).text.text)).toEqual([
      ':bust_in_silhouette: *Kari Nordmann* · Nordlys Maskin AS · Bergen · CT000043',
      ':office: *Nordlys Maskin AS* · Bergen · CT000042',
      ':bust_in_silhouette: *Kari Nordman* · CT000050 · _similar spelling_',
    ]);
    expect(viewValues(message.blocks)).toEqual(['p1', 'c1', 'p2']);
  });

  it('escapes the query and names', () => {
    const text = visibleText(results({ query: '<!here> & co', contacts: [ranked({ name: 'A <b> & C' })] }).blocks);
    expect(text).toContain('“&lt;!here&gt; &amp; co”');
    expect(text).toContain('*A &lt;b&gt; &amp; C*');
    expect(text).not.toContain('<!here>');
  });

  it('pages through the ranked contacts with Previous and Next that repeat the search', () => {
    const contacts = many(25);
    const first = results({ contacts, page: 0 });
    expect(viewValues(first.blocks)).toEqual(contacts.slice(0, 10).map((c) => c.id));
    expect(
      pageButtons(first.blocks).map((b) => [(b.text as { text: string }).text, JSON.parse(b.value as string)]),
    ).toEqual([['Next', { q: 'bergen pumps', p: 1 }]]);
    expect(visibleText(first.blocks)).toContain('Showing 1–10 of 25');

    const middle = results({ contacts, page: 1 });
    expect(viewValues(middle.blocks)).toEqual(contacts.slice(10, 20).map((c) => c.id));
    expect(pageButtons(middle.blocks).map((b) => JSON.parse(b.value as string))).toEqual([
      { q: 'bergen pumps', p: 0 },
      { q: 'bergen pumps', p: 2 },
    ]);
    // Previous and Next sit on one row, each with its own action id.
    const rows = (middle.blocks as { type: string; elements?: { action_id?: string }[] }[]).filter(
      (block) => block.type === 'actions',
    );
    expect(rows.map((row) => row.elements?.map((e) => e.action_id))).toEqual([
      ['contact_search_page_back', 'contact_search_page'],
    ]);

    const last = results({ contacts, page: 2 });
    expect(viewValues(last.blocks)).toEqual(contacts.slice(20).map((c) => c.id));
    expect(pageButtons(last.blocks).map((b) => (b.text as { text: string }).text)).toEqual(['Previous']);
    expect(pageButtons(results({ contacts: many(10) }).blocks)).toEqual([]);
    for (const message of [first, middle, last]) expect(checkMessage(message)).toEqual([]);
  });

  it('shows the last page for a page number past the end (a stale button)', () => {
    expect(viewValues(results({ contacts: many(25), page: 9 }).blocks)).toEqual([
      'id20',
      'id21',
      'id22',
      'id23',
      'id24',
    ]);
  });

  it('says when only the best are listed and how to narrow the search', () => {
    const text = visibleText(results({ contacts: many(300), total: 1200 }).blocks);
    expect(text).toContain('1200 contacts match');
    expect(text).toContain('Only the best 300 of 1200 are listed.');
    expect(visibleText(results().blocks)).not.toContain('Only the best');
  });

  it('mentions filter words it did not understand, and the filters it used', () => {
    const text = visibleText(results({ problems: ['owner:bob', 'type:robot'], filtersLabel: 'city: Bergen' }).blocks);
    expect(text).toContain('`owner:bob`, `type:robot`');
    expect(text).toContain('Filters: city: Bergen');
  });

  it('stays within Slack limits with 300 long results, a huge page size and a 5000-character query', () => {
    const contacts = Array.from({ length: 300 }, (_, i) => ({ ...worstSummary(i), tier: i % 2 === 0 ? 4 : 0 }));
    const query = longText(5000, '"\\😀<&\u2028');
    for (const pageSize of [10, 1000]) {
      for (const page of [0, 3, 29]) {
        const message = searchResultsMessage({
          tr: translator('en'),
          query,
          filtersLabel: longText(2000),
          outcome: { contacts, total: 100000, ownContacts: false },
          page,
          pageSize,
          problems: Array.from({ length: 30 }, () => longText(500, '`')),
          unknownFilters: Array.from({ length: 30 }, () => longText(500, '`')),
          create: { name: longText(500), type: 'company' },
        });
        expect(checkMessage(message)).toEqual([]);
        for (const button of pageButtons(message.blocks)) {
          const value = JSON.parse(button.value as string) as { q: string; p: number };
          expect([...value.q]).toHaveLength(200);
          expect(query.startsWith(value.q)).toBe(true);
        }
      }
    }
  });
});
