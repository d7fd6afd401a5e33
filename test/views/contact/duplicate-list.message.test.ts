import { translator } from '../../../src/i18n';
import { ids } from '../../../src/ids';
import { duplicateSeparateValue } from '../../../src/schemas/button-values';
import type { DuplicateListPair, DuplicateSide } from '../../../src/services/contacts/duplicate-candidates.service';
import { duplicateListMessage } from '../../../src/views/contact/duplicate-list.message';
import { checkMessage } from '../../harness/block-kit-checker';

const long = (n: number) => 'Æøå *_~`<&> '.repeat(n);
const side = (i: number): DuplicateSide => ({
  id: i.toString(16).padStart(24, '0'),
  no: `CT${String(i).padStart(6, '0')}`,
  type: i % 2 ? 'company' : 'person',
  name: long(40),
  companyName: long(40),
  address: long(20),
  address2: long(20),
  postCode: '5003',
  city: long(10),
  phone: '55 12 34 56',
  mobile: '912 34 567',
  email: `${'x'.repeat(70)}@example.no`,
  salespersonId: 'U0KARI',
});
const pair = (i: number): DuplicateListPair => ({
  a: side(2 * i + 1),
  b: side(2 * i + 2),
  kind: 'company',
  score: 80,
  reasons: ['rules'],
  hits: 4,
  rows: 5,
});

describe('duplicateListMessage', () => {
  it('keeps a full page of long contacts within Slack’s limits, with a notice and a running scan', () => {
    const message = duplicateListMessage({
      tr: translator('en'),
      list: {
        pairs: Array.from({ length: 10 }, (_, i) => pair(i)),
        total: 95,
        page: 3,
        pageSize: 10,
        scan: { status: 'running', done: 1200, total: 100000, waiting: false },
      },
      rules: { rows: 5, needed: 3 },
      notice: 'Marked CT000001 and CT000002 as not duplicates; they will not be listed again.',
    });
    expect(checkMessage(message)).toEqual([]);
    const actions = message.blocks.flatMap((b) =>
      'elements' in b ? (b.elements as { action_id?: string; value?: string }[]) : [],
    );
    const separate = actions.find((e) => e.action_id === ids.actions.duplicateListSeparate);
    expect(duplicateSeparateValue.decode(separate?.value)).toEqual({ a: side(1).id, b: side(2).id, page: 3 });
    expect(actions.map((e) => e.action_id)).toEqual(
      expect.arrayContaining([
        ids.actions.duplicateListPage,
        ids.actions.duplicateListPageBack,
        ids.actions.duplicateListRescan,
      ]),
    );
    expect(JSON.stringify(message.blocks)).toContain('1,200 of 100,000');
  });

  it('says what is checked when there is nothing, in Norwegian too', () => {
    const empty = {
      pairs: [],
      total: 0,
      page: 0,
      pageSize: 10,
      scan: { status: 'done' as const },
    };
    const nb = duplicateListMessage({ tr: translator('nb'), list: empty, rules: { rows: 0, needed: 0 } });
    expect(checkMessage(nb)).toEqual([]);
    expect(nb.text).toBe('Dubletter: Ingen mulige dubletter.');
    expect(JSON.stringify(nb.blocks)).toContain('Firmaer sammenlignes ikke');
  });
});
