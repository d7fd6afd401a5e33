import type { KnownBlock } from '@slack/types';
import { duplicatesModal } from '../../../src/views/contact/duplicates-modal.view';
import { checkView } from '../../harness/block-kit-checker';
import { buttons, longText, summary, visibleText, worstSummary } from '../../fixtures/contact-fixtures';

const draft = {
  name: 'Nordlys Maskin AS',
  address: 'Strandkaien 12',
  postCode: '5013',
  city: 'Bergen',
  phone: '+47 55 12 34 56',
};
const existing = summary({
  id: 'existing1',
  type: 'company',
  no: 'CT000042',
  name: 'Nordlys Maskin A/S',
  companyName: undefined,
  address: 'Strandkaien 12',
  postCode: '5013',
  city: 'Bergen',
  phone: '55123456',
  vatRegNo: 'NO 987 654 325 MVA',
});

describe('duplicatesModal', () => {
  it('is a modal to compare, with Save anyway and Back', () => {
    const view = duplicatesModal({ draft, candidates: [existing], privateMetadata: '{"contactId":"x"}' });
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'contact_duplicates',
      title: { text: 'Possible duplicates' },
      submit: { text: 'Save anyway' },
      close: { text: 'Back' },
      private_metadata: '{"contactId":"x"}',
    });
    expect(visibleText(view.blocks)).toContain('*Nordlys Maskin AS* looks like a company already in Kontakt.');
    expect(checkView(view)).toEqual([]);
  });

  it('puts the new company and the candidate side by side, a dash where a value is missing', () => {
    const view = duplicatesModal({ draft, candidates: [existing], privateMetadata: '' });
    const fields = (view.blocks as KnownBlock[]).flatMap((block) =>
      block.type === 'section' && block.fields ? block.fields.map((f) => f.text) : [],
    );
    expect(fields).toEqual([
      '*This new company*',
      '*Existing CT000042*',
      '*Name*\nNordlys Maskin AS',
      '*Name*\nNordlys Maskin A/S',
      '*Address*\nStrandkaien 12',
      '*Address*\nStrandkaien 12',
      '*Post code*\n5013',
      '*Post code*\n5013',
      '*City*\nBergen',
      '*City*\nBergen',
      '*Phone*\n+47 55 12 34 56',
      '*Phone*\n55123456',
      '*VAT Reg. No.*\n—',
      '*VAT Reg. No.*\nNO 987 654 325 MVA',
    ]);
  });

  it('lets the user open each candidate or mark it as not a duplicate', () => {
    const other = { ...existing, id: 'existing2', no: 'CT000077' };
    const view = duplicatesModal({ draft, candidates: [existing, other], privateMetadata: '' });
    expect(buttons(view.blocks).map((b) => [b.action_id, (b.text as { text: string }).text, b.value])).toEqual([
      ['duplicate_open_existing', 'Open existing', 'existing1'],
      ['duplicate_not_duplicate', 'Not a duplicate', 'existing1'],
      ['duplicate_open_existing', 'Open existing', 'existing2'],
      ['duplicate_not_duplicate', 'Not a duplicate', 'existing2'],
    ]);
    expect(visibleText(view.blocks)).toContain('looks like 2 companies already in Kontakt');
  });

  it('stays within Slack limits with many long candidates, and says how many are not shown', () => {
    const candidates = Array.from({ length: 40 }, (_, i) => worstSummary(i));
    const long = {
      name: longText(100),
      address: longText(100),
      postCode: longText(20),
      city: longText(30),
      phone: longText(30),
      vatRegNo: longText(20),
    };
    const view = duplicatesModal({ draft: long, candidates, privateMetadata: 'x'.repeat(3000) });
    expect(checkView(view)).toEqual([]);
    expect(visibleText(view.blocks)).toContain('30 more look alike but are not shown.');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });
});
