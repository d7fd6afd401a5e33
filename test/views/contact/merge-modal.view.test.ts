import { translator } from '../../../src/i18n';
import { ids } from '../../../src/ids';
import { MERGE_FIELDS } from '../../../src/services/contacts/merge/merge-fields';
import { mergeModal, withMergeNotice, type MergeRow } from '../../../src/views/contact/merge-modal.view';
import { checkView } from '../../harness/block-kit-checker';

const tr = translator('en');
const a = { no: 'CT000001', name: 'Nordlys Maskin AS', type: 'company' as const };
const b = { no: 'CT000002', name: 'Nordlys Maskin', type: 'company' as const };
const long = 'x'.repeat(400);

describe('mergeModal', () => {
  it('has one radio row per differing field, the chosen side preselected', () => {
    const rows: MergeRow[] = [
      { field: 'name', a: a.name, b: b.name, chosen: 'a' },
      { field: 'phone', a: undefined, b: '55 12 34 56', chosen: 'b' },
      { field: 'salespersonId', a: 'U0KARI', b: 'U0OLA', chosen: 'a' },
    ];
    const view = mergeModal({ tr, a, b, rows, keep: 'a', records: 12, companyNames: {}, privateMetadata: '{}' });
    expect(view.callback_id).toBe(ids.merge.modal);
    const inputs = view.blocks.filter((block) => block.type === 'input') as {
      block_id: string;
      element: { initial_option: { value: string }; options: { text: { text: string } }[] };
    }[];
    expect(inputs.map((block) => block.block_id)).toEqual([
      ids.merge.blocks.keep,
      `${ids.merge.blocks.fieldPrefix}name`,
      `${ids.merge.blocks.fieldPrefix}phone`,
      `${ids.merge.blocks.fieldPrefix}salespersonId`,
    ]);
    expect(inputs.map((block) => block.element.initial_option.value)).toEqual(['a', 'a', 'b', 'a']);
    expect(inputs[2]!.element.options.map((o) => o.text.text)).toEqual(['_(empty)_', '55 12 34 56']);
    expect(inputs[3]!.element.options.map((o) => o.text.text)).toEqual(['<@U0KARI>', '<@U0OLA>']);
    expect(checkView(view)).toEqual([]);
  });

  it('stays within Slack’s limits with every field differing and long values', () => {
    const rows: MergeRow[] = MERGE_FIELDS.map((field) => ({ field, a: long, b: long.toUpperCase(), chosen: 'a' }));
    const view = mergeModal({
      tr,
      a: { ...a, name: long, type: 'person' },
      b: { ...b, name: long, type: 'person' },
      rows,
      keep: 'b',
      records: 5000,
      companyNames: {},
      privateMetadata: '{}',
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(checkView(view)).toEqual([]);
  });

  it('puts the merge line with Undo merge on top of the kept card', () => {
    const card = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Contact' }, blocks: [] };
    const view = withMergeNotice(card, { tr, text: 'Merged', mergeRecordId: 'm1' });
    expect(view.blocks[0]).toMatchObject({ accessory: { action_id: ids.merge.actions.undo, value: 'm1' } });
  });
});
