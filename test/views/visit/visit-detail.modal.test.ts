import { translator } from '../../../src/i18n';
import { ids } from '../../../src/ids';
import type { Visit } from '../../../src/services/visits/visit.types';
import { visitDetailModal } from '../../../src/views/visit/visit-detail.modal';
import { checkView } from '../../harness/block-kit-checker';
import { longText, visibleText } from '../../fixtures/contact-fixtures';

const tr = translator('en');

function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 'v1',
    workspaceId: 'T0TEST',
    contactId: 'c1',
    contactNo: 'CT000042',
    contactName: 'Nordlys Maskin AS',
    companyId: null,
    salespersonId: 'U0KARI',
    typeCode: 'VISIT',
    typeDescription: 'Visit',
    date: '2026-11-20',
    description: 'Talked about the new crane.\nQuote by Friday.\n\n<!channel> & co',
    evaluation: 'positive',
    attemptFailed: false,
    durationMin: 60,
    cost: 0,
    source: { permalink: 'https://acme.slack.com/archives/C0001/p1764000000000100' },
    status: 'logged',
    createdAt: new Date('2026-11-20T10:00:00Z'),
    ...overrides,
  };
}

describe('visitDetailModal', () => {
  it('shows the whole description, escaped, with when, who and how it went', () => {
    const view = visitDetailModal(tr, visit());
    const text = visibleText(view.blocks);
    expect(view).toMatchObject({ callback_id: 'visit_detail', title: { text: 'Visit' }, close: { text: 'Close' } });
    expect(view.submit).toBeUndefined();
    expect(text).toContain('Talked about the new crane.\nQuote by Friday.\n\n&lt;!channel&gt; &amp; co');
    expect(text).toContain('*Date*\nFri, 20 Nov 2026');
    expect(text).toContain('*Evaluation*\n:slightly_smiling_face: Positive');
    expect(text).toContain('*Outcome*\nSuccessful');
    expect(text).toContain('*Duration*\n60 min');
    expect(text).toContain('|The message it was logged from>');
    expect(checkView(view)).toEqual([]);
  });

  it('offers the contact’s card from the team report, but not from the card the visit line is on', () => {
    const fromReport = JSON.stringify(visitDetailModal(tr, visit()).blocks);
    expect(fromReport).toContain(`"action_id":"${ids.actions.viewContact}","value":"c1"`);
    const fromCard = JSON.stringify(visitDetailModal(tr, visit(), { fromCard: true }).blocks);
    expect(fromCard).not.toContain(ids.actions.viewContact);
    expect(fromCard).toContain('Talked about the new crane.');
  });

  it('says a visit was cancelled, and stays within Slack’s limits for the longest description', () => {
    const view = visitDetailModal(
      tr,
      visit({
        status: 'cancelled',
        cancelledBy: 'U0ADMIN',
        description: longText(3000),
        typeDescription: longText(300),
        contactName: longText(300),
        attemptFailed: true,
      }),
    );
    expect(visibleText(view.blocks)).toContain('Cancelled by <@U0ADMIN>');
    expect(visibleText(view.blocks)).toContain('Attempt failed');
    expect(checkView(view)).toEqual([]);
  });
});
