import { ids } from '../../../src/ids';
import type { SetupAuditEntry } from '../../../src/services/setup/setup.types';
import { setupAuditModal } from '../../../src/views/setup/setup-audit.view';
import { checkView } from '../../harness/block-kit-checker';
import { trickyText } from '../../fixtures/setup-fixtures';
import { translator } from '../../../src/i18n';

const tr = translator('en');

type Json = Record<string, unknown>;
const sectionTexts = (blocks: unknown) =>
  (blocks as Json[]).filter((block) => block.type === 'section').map((block) => String((block.text as Json).text));

function entry(overrides: Partial<SetupAuditEntry> = {}): SetupAuditEntry {
  return {
    userId: 'U0KARI',
    at: new Date('2024-05-01T10:00:00Z'),
    section: 'numbering',
    changes: [{ field: 'numbering.prefix', from: 'CT', to: 'KT' }],
    ...overrides,
  };
}

describe('setupAuditModal', () => {
  it('says so when nothing has changed yet', () => {
    const view = setupAuditModal(tr, []);
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: ids.views.setupAudit,
      title: { text: 'Setup audit log' },
      close: { text: 'Back' },
    });
    expect(view.submit).toBeUndefined();
    expect(sectionTexts(view.blocks)).toEqual(['No changes recorded yet.']);
    expect(checkView(view)).toEqual([]);
  });

  it('tells who changed what in sentences, when (in the reader’s zone), most recent first', () => {
    const older = entry({
      at: new Date('2024-04-01T08:30:00Z'),
      userId: 'U0OLA',
      section: 'digest',
      changes: [{ field: 'digest.enabled', from: 'true', to: 'false' }],
    });
    const newer = entry({
      changes: [
        { field: 'numbering.prefix', from: 'CT', to: 'K&T' },
        { field: 'numbering.nextNo', from: '42', to: '' },
      ],
    });
    const texts = sectionTexts(setupAuditModal(tr, [older, newer]).blocks);
    expect(texts).toEqual([
      '<!date^1714557600^{date_short} {time}|2024-05-01 10:00 UTC> · *Number series*\n• <@U0KARI> changed the number prefix from CT to K&amp;T.\n• <@U0KARI> cleared the next contact number.',
      '<!date^1711960200^{date_short} {time}|2024-04-01 08:30 UTC> · *Weekly digest*\n• <@U0OLA> turned the weekly digest off.',
    ]);
  });

  it('says roles, visit types and code lists in words, and reads entries stored before it did', () => {
    const roles = entry({
      userId: 'U0ADA',
      section: 'roles',
      changes: [
        { field: 'roles.managers', from: '', to: 'U0METTE' },
        { field: 'roles.managers', from: 'U0OLA', to: '' },
        { field: 'roles.admins', from: '["U0A"]', to: '["U0A","U0B"]' },
      ],
    });
    const types = entry({
      userId: 'U0ADA',
      section: 'interactionTypes',
      changes: [
        {
          field: 'interactionTypes',
          from: '',
          to: '{"code":"DEMO","description":"Demo","durationMin":45,"cost":0,"flow":"outbound","initiatedBy":"us"}',
        },
        { field: 'interactionTypes', from: '{"code":"EMAIL","description":"E-mail"}', to: '' },
        { field: 'codes.industryGroups', from: '', to: '{"code":"AGRI","description":"Farming"}' },
        { field: 'sharingEnabled', from: 'true', to: 'false' },
        { field: 'digest.weekday', from: '5', to: '1' },
        { field: 'language', from: 'en', to: 'nb' },
      ],
    });
    const [first, second] = sectionTexts(setupAuditModal(tr, [roles, types]).blocks).map((text) =>
      text.split('\n').slice(1),
    );
    expect(first).toEqual([
      '• <@U0ADA> made <@U0METTE> a manager.',
      '• <@U0ADA> removed <@U0OLA> as a manager.',
      '• <@U0ADA> made <@U0B> a Kontakt admin.',
    ]);
    expect(second).toEqual([
      '• <@U0ADA> added the visit type DEMO (Demo: 45 min · cost 0 · outbound, started by us).',
      '• <@U0ADA> removed the visit type EMAIL (E-mail).',
      '• <@U0ADA> added AGRI (Farming) to Industry groups.',
      '• <@U0ADA> turned sharing to channels off.',
      '• <@U0ADA> moved the weekly digest to Monday.',
      '• <@U0ADA> switched Kontakt’s language to Norsk bokmål.',
    ]);
  });

  it('stays within 100 blocks and Slack’s text limits however long the log', () => {
    const changes = Array.from({ length: 40 }, () => ({
      field: `defaults.country`,
      from: trickyText(200),
      to: trickyText(200, '<@U1>&'),
    }));
    const entries = Array.from({ length: 300 }, (_, i) => entry({ at: new Date(Date.UTC(2024, 0, 1, 0, i)), changes }));
    const view = setupAuditModal(tr, entries);
    expect(checkView(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const texts = sectionTexts(view.blocks);
    expect(texts).toHaveLength(50);
    expect(JSON.stringify(view.blocks)).toContain('250 older changes are not shown.');
    // Every entry ends in a whole line saying how many changes it could not show, never in a cut value.
    for (const text of texts) expect(text).toMatch(/\n• and \d+ more changes$/);
    // Most recent first: the entry made at 04:59 (the 300th minute) leads.
    expect(sectionTexts(view.blocks)[0]).toContain('<!date^1704085140^');
  });
});
