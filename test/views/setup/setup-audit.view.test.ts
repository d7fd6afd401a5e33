import { ids } from '../../../src/ids';
import type { SetupAuditEntry } from '../../../src/services/setup/setup.types';
import { setupAuditModal } from '../../../src/views/setup/setup-audit.view';
import { checkView } from '../../harness/block-kit-checker';
import { trickyText } from '../../fixtures/setup-fixtures';

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
    const view = setupAuditModal([]);
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

  it('shows who, when (in the reader’s zone), which section and each field old → new, most recent first', () => {
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
    const texts = sectionTexts(setupAuditModal([older, newer]).blocks);
    expect(texts).toEqual([
      '<@U0KARI> · <!date^1714557600^{date_short} {time}|2024-05-01 10:00 UTC> · *Number series*\n• `numbering.prefix`: CT → K&amp;T\n• `numbering.nextNo`: 42 → —',
      '<@U0OLA> · <!date^1711960200^{date_short} {time}|2024-04-01 08:30 UTC> · *Weekly digest*\n• `digest.enabled`: true → false',
    ]);
  });

  it('stays within 100 blocks and Slack’s text limits however long the log', () => {
    const changes = Array.from({ length: 40 }, (_, i) => ({
      field: `codes.industryGroups.${i}`,
      from: trickyText(200),
      to: trickyText(200, '<@U1>&'),
    }));
    const entries = Array.from({ length: 300 }, (_, i) => entry({ at: new Date(Date.UTC(2024, 0, 1, 0, i)), changes }));
    const view = setupAuditModal(entries);
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
