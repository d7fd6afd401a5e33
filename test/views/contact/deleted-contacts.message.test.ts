import { translator } from '../../../src/i18n';
import type { DeletionSummary } from '../../../src/services/contacts/contact-deletion.service';
import { contactDeletedMessage, contactDeletedModal } from '../../../src/views/contact/contact-deleted.message';
import { deletedContactsMessage, restoreResultText } from '../../../src/views/contact/deleted-contacts.message';
import { checkMessage, checkView } from '../../harness/block-kit-checker';

const en = translator('en');
const nb = translator('nb');

const deletion = (fields: Partial<DeletionSummary> = {}): DeletionSummary => ({
  id: '6b12fe65f5bbed4d7dd5ce8c',
  contactNo: 'CT000042',
  contactName: 'Nordlys <Maskin> AS',
  type: 'company',
  persons: 2,
  deletedBy: 'U0KARI',
  deletedAt: new Date('2026-11-24T10:00:00Z'),
  purgeAfter: new Date('2026-12-24T10:00:00Z'),
  ...fields,
});

describe('contactDeletedMessage', () => {
  it('says what went, when it can be restored, and offers Undo only when asked to', () => {
    const forAdmin = contactDeletedMessage({ deletion: deletion(), undo: true });
    expect(forAdmin.text).toBe('Deleted Nordlys <Maskin> AS (CT000042) and its 2 persons. Logged visits are kept.');
    const shown = JSON.stringify(forAdmin.blocks);
    expect(shown).toContain('Nordlys &lt;Maskin&gt; AS');
    expect(shown).toContain('/contact deleted');
    expect(shown).toContain('"action_id":"contact_delete_undo","value":"6b12fe65f5bbed4d7dd5ce8c"');
    expect(checkMessage(forAdmin)).toEqual([]);
    expect(JSON.stringify(contactDeletedMessage({ deletion: deletion(), undo: false }).blocks)).not.toContain('undo');
    expect(checkView(contactDeletedModal({ deletion: deletion({ persons: 0 }), undo: true }))).toEqual([]);
  });
});

describe('deletedContactsMessage', () => {
  it('lists each deletion with who, when, until when, and a Restore button', () => {
    const message = deletedContactsMessage({
      tr: en,
      deletions: [deletion(), deletion({ id: '6b12fe65f5bbed4d7dd5ce8d', type: 'person', persons: 0 })],
    });
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('company and its 2 persons');
    expect(shown).toContain('Deleted by <@U0KARI> on <!date^');
    expect(shown.match(/"action_id":"contact_restore"/g)).toHaveLength(2);
    expect(checkMessage(message)).toEqual([]);
  });

  it('says so when there is nothing, and puts what a restore did on top', () => {
    expect(deletedContactsMessage({ tr: en, deletions: [] }).text).toBe(
      'No contacts were deleted in the last 30 days.',
    );
    const after = deletedContactsMessage({
      tr: en,
      deletions: [],
      notice: restoreResultText(en, { status: 'restored', deletion: deletion({ persons: 1 }) }),
    });
    expect(after.text).toBe('Restored Nordlys &lt;Maskin&gt; AS (CT000042) and its person.');
    expect(checkMessage(after)).toEqual([]);
  });

  it('turns every restore outcome into a sentence with a next step', () => {
    expect(restoreResultText(en, { status: 'gone' })).toContain('can no longer be restored');
    expect(restoreResultText(en, { status: 'notAdmin' })).toContain('Ask an admin');
    expect(
      restoreResultText(en, { status: 'companyDeleted', personName: 'Kari', companyName: 'Nordlys', companyNo: 'CT1' }),
    ).toBe(
      'Kari worked for Nordlys (CT1), which is deleted too. Restore the company first; the persons deleted with it come back with it.',
    );
  });

  it('speaks Norwegian to a Norwegian reader, dates written out as Norwegians write them', () => {
    const message = deletedContactsMessage({ tr: nb, deletions: [deletion()] });
    const shown = JSON.stringify(message);
    expect(message.text).toBe(nb.t('deleted.title'));
    expect(shown).toContain(nb.t('deleted.what.companyPersons', { count: 2 }));
    expect(shown).toContain('24. nov. 2026');
    expect(shown).not.toContain('<!date^');
    expect(shown).not.toMatch(/Deleted|Restore\b|persons/);
    expect(checkMessage(message)).toEqual([]);
    const deleted = contactDeletedMessage({ tr: nb, deletion: deletion(), undo: true });
    expect(deleted.text).toBe(
      nb.t('contact.delete.doneWithPersons', { name: 'Nordlys <Maskin> AS', no: 'CT000042', persons: 2 }),
    );
    expect(JSON.stringify(deleted.blocks)).toContain('24. des. 2026');
    expect(restoreResultText(nb, { status: 'gone' })).toBe(nb.t('deleted.gone'));
  });
});
