import { translator } from '../../../src/i18n';
import type { Visit } from '../../../src/services/visits/visit.types';
import { visitSavedMessage } from '../../../src/views/visit/visit-saved.message';
import { checkMessage } from '../../harness/block-kit-checker';
import { buttons, longText, visibleText } from '../../fixtures/contact-fixtures';

function visit(overrides: Partial<Visit> = {}): Visit {
  return {
    id: 'v1',
    workspaceId: 'T0TEST',
    contactId: '65f0c0ffee0000000000000b',
    contactNo: 'CT000042',
    contactName: 'Kari Nordmann',
    companyId: null,
    salespersonId: 'U0KARI',
    typeCode: 'VISIT',
    typeDescription: 'Visit',
    date: '2026-11-24',
    description: 'Crane quote\nsecond line',
    evaluation: 'positive',
    attemptFailed: false,
    durationMin: 60,
    cost: 0,
    source: {},
    status: 'logged',
    createdAt: new Date('2026-11-24T10:00:00Z'),
    ...overrides,
  };
}

describe('visitSavedMessage', () => {
  it('writes the dates and the cost as a Norwegian reader does', () => {
    const message = visitSavedMessage(translator('nb'), {
      visit: visit({ followUpDate: '2026-12-04', cost: 12500, typeDescription: 'Besøk' }),
      contactLinkButton: false,
    });
    expect(message.text).toContain(': Besøk, 24. nov. 2026');
    const text = visibleText(message.blocks);
    expect(text).toContain('kostnad 12\u00a0500');
    expect(text).toContain('oppfølging 4. des. 2026');
  });

  it('confirms what was logged, with the details and a View contact button', () => {
    const message = visitSavedMessage(translator('en'), {
      visit: visit({ followUpDate: '2026-12-01', cost: 1250 }),
      contactLinkButton: true,
      permalink: 'https://acme.slack.com/archives/C1/p1',
    });
    expect(message.text).toBe('Logged a visit with Kari Nordmann (CT000042): Visit, Nov 24, 2026');
    const text = visibleText(message.blocks);
    expect(text).toContain(':white_check_mark: Logged a visit with Kari Nordmann (CT000042): Visit, Nov 24, 2026');
    expect(text).toContain(
      ':slightly_smiling_face: Positive · 60 min · cost 1,250 · follow-up Dec 1, 2026 · <https://acme.slack.com/archives/C1/p1|From this message>',
    );
    expect(text).toContain('“Crane quote”');
    expect(buttons(message.blocks)).toEqual([
      expect.objectContaining({
        action_id: 'contact_view',
        value: '65f0c0ffee0000000000000b',
        text: expect.objectContaining({ text: 'View contact' }),
      }),
    ]);
    expect(checkMessage(message)).toEqual([]);
  });

  it('marks a failed attempt and leaves the button out when asked, or when the contact is gone', () => {
    const failed = visitSavedMessage(translator('en'), {
      visit: visit({ attemptFailed: true }),
      contactLinkButton: false,
    });
    expect(visibleText(failed.blocks)).toContain('failed attempt');
    expect(buttons(failed.blocks)).toEqual([]);
    expect(
      buttons(
        visitSavedMessage(translator('en'), { visit: visit({ contactId: null }), contactLinkButton: true }).blocks,
      ),
    ).toEqual([]);
  });

  it('escapes user text and stays within limits with worst-case data', () => {
    const message = visitSavedMessage(translator('en'), {
      visit: visit({
        contactName: `<!channel> ${longText(300)}`,
        contactNo: longText(40),
        typeDescription: longText(300),
        description: longText(3000),
      }),
      contactLinkButton: true,
      permalink: `https://x/${'a'.repeat(5000)}`,
    });
    expect(message.text).not.toContain('<!channel>');
    expect(visibleText(message.blocks)).not.toContain('<!channel>');
    expect(checkMessage(message)).toEqual([]);
  });
});
