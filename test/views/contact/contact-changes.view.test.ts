import { translator } from '../../../src/i18n';
import type { ContactChange } from '../../../src/services/contacts/change-log.service';
import {
  contactChangesBlocks,
  contactChangesModal,
  CHANGES_SHOWN,
} from '../../../src/views/contact/contact-changes.view';
import { checkView } from '../../harness/block-kit-checker';

const en = translator('en');
const nb = translator('nb');

const change = (fields: Partial<ContactChange> = {}): ContactChange => ({
  id: '6b12fe65f5bbed4d7dd5ce8c',
  contactId: '6b12fe65f5bbed4d7dd5ce8d',
  contactNo: 'CT000042',
  contactName: 'Kari Nordmann',
  at: new Date('2026-11-24T10:05:00Z'),
  by: 'U0KARI',
  kind: 'edit',
  inherited: false,
  fields: [{ field: 'city', old: 'Bergen', new: 'Oslo' }],
  erased: false,
  ...fields,
});

const text = (blocks: unknown) => JSON.stringify(blocks);

describe('contactChangesBlocks', () => {
  it('names each change, who and when, and its fields with the card’s labels, old → new', () => {
    const shown = text(contactChangesBlocks([change()], en));
    expect(shown).toContain('*Edited* · <!date^1795514700^{date_short} {time}|2026-11-24 10:05 UTC> · <@U0KARI>');
    expect(shown).toContain('• *City*: Bergen → Oslo');
  });

  it('shows empty as —, switches as Yes/No, a salesperson as a mention, and long values cut', () => {
    const shown = text(
      contactChangesBlocks(
        [
          change({
            fields: [
              { field: 'email', new: 'kari@nordlys.example' },
              { field: 'privacyBlocked', new: 'true' },
              { field: 'salespersonId', old: 'U0OLA', new: 'U0KARI' },
              { field: 'address', old: 'x'.repeat(200) },
            ],
          }),
        ],
        en,
      ),
    );
    expect(shown).toContain('• *E-mail*: — → kari@nordlys.example');
    expect(shown).toContain('• *Privacy*: No → Yes');
    expect(shown).toContain('• *Salesperson*: <@U0OLA> → <@U0KARI>');
    expect(shown).toContain(`• *Address*: ${'x'.repeat(59)}… → —`);
  });

  it('an erased change keeps only the field names; an inherited one says it came from the company', () => {
    const shown = text(
      contactChangesBlocks(
        [change({ erased: true, fields: [{ field: 'email' }] }), change({ inherited: true, by: 'import' })],
        en,
      ),
    );
    expect(shown).toContain('• *E-mail*\\n_Values removed when the person was erased._');
    expect(shown).toContain('· an import · _from the company_');
  });

  it('in Norwegian: labels, kinds and the date written out', () => {
    const shown = text(contactChangesBlocks([change({ kind: 'create' })], nb));
    expect(shown).toContain('*Opprettet* · 24. nov. 2026');
    expect(shown).toContain('• *Poststed*: Bergen → Oslo');
  });

  it('says when there is nothing, and stays inside a modal’s limits with many changes and fields', () => {
    expect(text(contactChangesBlocks([], en))).toContain('No changes to this contact have been recorded yet.');
    const many = Array.from({ length: 60 }, () =>
      change({
        fields: Array.from({ length: 30 }, () => ({ field: 'name', old: 'a'.repeat(100), new: 'b'.repeat(100) })),
      }),
    );
    const modal = contactChangesModal({ id: 'x', name: 'Kari <Nordmann>', no: 'CT000042' }, many, en);
    expect(checkView(modal)).toEqual([]);
    expect(modal.blocks.filter((b) => b.type === 'section')).toHaveLength(CHANGES_SHOWN + 1);
    expect(text(modal.blocks)).toContain('…and 18 more fields');
    expect(text(modal.blocks)).toContain('*Changes to Kari &lt;Nordmann&gt;* (CT000042)');
  });
});
