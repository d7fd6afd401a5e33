import type { KnownBlock } from '@slack/types';
import { translator } from '../../../src/i18n';
import type { Visit, VisitTotals } from '../../../src/services/visits/visit.types';
import {
  visitHistoryBlocks,
  visitHistoryModal,
  type VisitHistoryArgs,
} from '../../../src/views/visit/visit-history.view';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import { buttons, longText, visibleText } from '../../fixtures/contact-fixtures';

const companyId = '65f0c0ffee0000000000000a';
const personId = '65f0c0ffee0000000000000b';

function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 'v1',
    workspaceId: 'T0TEST',
    contactId: companyId,
    contactNo: 'CT000042',
    contactName: 'Nordlys Maskin AS',
    companyId: null,
    salespersonId: 'U0KARI',
    typeCode: 'VISIT',
    typeDescription: 'Visit',
    date: '2026-11-20',
    description: 'Talked about the new crane.\nQuote by Friday.',
    evaluation: 'positive',
    attemptFailed: false,
    durationMin: 60,
    cost: 0,
    source: {},
    status: 'logged',
    createdAt: new Date('2026-11-20T10:00:00Z'),
    ...overrides,
  };
}

const totals: VisitTotals = {
  visits: 12,
  failedAttempts: 2,
  byType: [{ code: 'VISIT', description: 'Visit', count: 12 }],
  bySalesperson: [{ userId: 'U0KARI', count: 12 }],
  byEvaluation: { very_positive: 0, positive: 12, neutral: 0, negative: 0, very_negative: 0 },
};

const tr = translator('en');

function history(overrides: Partial<VisitHistoryArgs> = {}): KnownBlock[] {
  return visitHistoryBlocks(
    {
      visits: [visit()],
      total: 1,
      totals,
      contactId: companyId,
      includesPersons: false,
      viewerId: 'U0KARI',
      canCancelAll: false,
      ...overrides,
    },
    tr,
  );
}

type Json = Record<string, unknown>;

/** Each visit line's ⋯ menu (or its lone button) as its entries' values. */
function menus(blocks: unknown): string[][] {
  return (blocks as Json[]).flatMap((block) => {
    const accessory = block.accessory as Json | undefined;
    if (accessory?.action_id !== 'visit_menu') return [];
    if (accessory.type === 'button') return [[accessory.value as string]];
    return [(accessory.options as Json[]).map((o) => o.value as string)];
  });
}

describe('visitHistoryBlocks (contact card)', () => {
  it('heads the list with the totals and the last date, then a compact line per visit', () => {
    const blocks = history({ visits: [visit(), visit({ id: 'v2', date: '2026-11-22', attemptFailed: true })] });
    const text = visibleText(blocks);
    expect(text).toContain('*Visits* · 12 visits · 2 failed attempts · last Fri, 20 Nov 2026');
    expect(text).toContain(
      'Fri, 20 Nov 2026 · *Visit* · <@U0KARI> · :slightly_smiling_face: · “Talked about the new crane.”',
    );
    expect(text).toContain('Sun, 22 Nov 2026 · *Visit* · <@U0KARI> · :slightly_smiling_face: · _failed attempt_');
    expect(text).not.toContain('Quote by Friday');
    expect(checkMessage({ blocks })).toEqual([]);
  });

  it('says when there are no visits yet, with no buttons', () => {
    const blocks = history({ visits: [], total: 0, totals: { ...totals, visits: 0, failedAttempts: 0 } });
    expect(visibleText(blocks)).toBe('*Visits*\nNo visits logged yet.');
    expect(buttons(blocks)).toEqual([]);
  });

  it('gives each line a ⋯ menu: View for all, Edit and Cancel on the viewer’s own visits', () => {
    const blocks = history({ visits: [visit(), visit({ id: 'v2', salespersonId: 'U0OLA' })] });
    expect(menus(blocks)).toEqual([
      [`view:v1:${companyId}`, `edit:v1:${companyId}`, `cancel:v1:${companyId}`],
      [`view:v2:${companyId}`],
    ]);
    // No rows of buttons under the lines.
    expect(blocks.filter((b) => b.type === 'actions')).toEqual([]);
  });

  it('lets admins cancel anyone’s visit but edit only their own', () => {
    const blocks = history({ visits: [visit({ salespersonId: 'U0OLA' })], viewerId: 'U0ADMIN', canCancelAll: true });
    expect(menus(blocks)).toEqual([[`view:v1:${companyId}`, `cancel:v1:${companyId}`]]);
  });

  it('asks "Cancel this visit?" in place under its line, with Cancel visit and Keep it', () => {
    const blocks = history({ visits: [visit(), visit({ id: 'v2' })], confirmCancel: 'v1' });
    expect(visibleText(blocks)).toContain(
      '*Cancel this visit?* Cancel the visit with Nordlys Maskin AS on Fri, 20 Nov',
    );
    expect(buttons(blocks).map((b) => [b.action_id, b.value, b.style])).toEqual([
      ['visit_cancel', `v1:${companyId}`, 'danger'],
      ['contact_card_back', companyId, undefined],
    ]);
    expect(checkMessage({ blocks })).toEqual([]);
  });

  it('strikes a cancelled visit through; it can only be viewed', () => {
    const blocks = history({ visits: [visit({ status: 'cancelled' })] });
    expect(visibleText(blocks)).toContain('~Fri, 20 Nov 2026 · *Visit*');
    expect(visibleText(blocks)).toContain('~ _cancelled_');
    expect(menus(blocks)).toEqual([[`view:v1:${companyId}`]]);
  });

  it('names the person on a company card for their visits, not for the company’s own', () => {
    const personVisit = visit({
      id: 'v2',
      contactId: personId,
      contactName: 'Kari Nordmann',
      contactNo: 'CT000043',
      companyId,
    });
    const text = visibleText(history({ visits: [visit(), personVisit], includesPersons: true }));
    expect(text).toContain('*Visits (including its persons)*');
    expect(text).toContain('Kari Nordmann (CT000043)');
    expect(text).not.toContain('Nordlys Maskin AS (CT000042)');
  });

  it('shows five and "Show all" when there are more', () => {
    const visits = Array.from({ length: 8 }, (_, i) => visit({ id: `v${i}` }));
    const blocks = history({ visits, total: 12 });
    expect(visibleText(blocks).match(/^Fri, 20 Nov 2026 ·/gm)).toHaveLength(5);
    expect(buttons(blocks).at(-1)).toMatchObject({
      action_id: 'visit_show_all',
      value: companyId,
      text: { text: 'Show all 12' },
    });
    expect(buttons(history({ visits: [visit()], total: 1 })).map((b) => b.action_id)).not.toContain('visit_show_all');
  });

  it('stays within 15 blocks and Slack’s limits with worst-case visits', () => {
    const worst = Array.from({ length: 50 }, (_, i) =>
      visit({
        id: `v${i}`,
        contactId: `p${i}`,
        contactName: longText(300),
        contactNo: longText(40),
        typeDescription: longText(300),
        description: longText(5000).replace(/ /g, '~'),
      }),
    );
    const blocks = history({ visits: worst, total: 5000, includesPersons: true });
    expect(blocks.length).toBeLessThanOrEqual(15);
    expect(checkMessage({ blocks })).toEqual([]);
  });
});

describe('visitHistoryModal', () => {
  const page = (p: number, count: number, total: number) =>
    visitHistoryModal(
      {
        contactName: 'Nordlys Maskin AS (CT000042)',
        visits: Array.from({ length: count }, (_, i) => visit({ id: `v${p}-${i}` })),
        total,
        page: p,
        pageSize: 10,
        contactId: companyId,
        viewerId: 'U0KARI',
        canCancelAll: false,
      },
      tr,
    );

  it('pages through with Previous / Next carrying the contact and the page', () => {
    const first = page(0, 10, 25);
    expect(first).toMatchObject({ callback_id: 'visit_history', title: { text: 'Visits' } });
    expect(visibleText(first.blocks)).toContain('Visits: Nordlys Maskin AS (CT000042)');
    expect(visibleText(first.blocks)).toContain('Showing 1–10 of 25, newest first');
    const nav = (view: ReturnType<typeof page>) =>
      buttons(view.blocks)
        .filter((b) => b.action_id === 'visit_page')
        .map((b) => [(b.text as Json).text, JSON.parse(b.value as string)]);
    expect(nav(first)).toEqual([['Next', { c: companyId, p: 1 }]]);
    expect(nav(page(1, 10, 25))).toEqual([
      ['Previous', { c: companyId, p: 0 }],
      ['Next', { c: companyId, p: 2 }],
    ]);
    expect(nav(page(2, 5, 25))).toEqual([['Previous', { c: companyId, p: 1 }]]);
    expect(checkView(first)).toEqual([]);
  });

  it('says when there is nothing to show', () => {
    expect(visibleText(page(0, 0, 0).blocks)).toContain('No visits logged yet.');
  });

  it('stays within 100 blocks whatever page size is asked for', () => {
    const view = visitHistoryModal(
      {
        contactName: longText(500),
        visits: Array.from({ length: 500 }, (_, i) => visit({ id: `v${i}`, description: longText(3000) })),
        total: 5000,
        page: 3,
        pageSize: 500,
        contactId: companyId,
        viewerId: 'U0KARI',
        canCancelAll: true,
        confirmCancel: 'v60',
      },
      tr,
    );
    expect(checkView(view)).toEqual([]);
  });
});
