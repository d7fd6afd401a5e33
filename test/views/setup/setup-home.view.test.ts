import { ids } from '../../../src/ids';
import { defaultWorkspaceSetup } from '../../../src/services/setup/setup.defaults';
import { setupSections, type WorkspaceSetup } from '../../../src/services/setup/setup.types';
import { setupHomeModal } from '../../../src/views/setup/setup-home.view';
import { checkView } from '../../harness/block-kit-checker';
import { worstWorkspaceSetup } from '../../fixtures/setup-fixtures';
import { translator } from '../../../src/i18n';

const tr = translator('en');

type Json = Record<string, unknown>;

function home(setup: WorkspaceSetup = defaultWorkspaceSetup, nextNo = 42) {
  return setupHomeModal(tr, { setup, nextNo, privateMetadata: '{"version":0}' });
}

/** The section blocks with their Edit buttons (not the checklist's), as [section, summary text]. */
function sections(view: ReturnType<typeof home>): [string, string][] {
  return (view.blocks as unknown as Json[])
    .filter((block) => (block.accessory as Json | undefined)?.action_id === ids.actions.setupOpenSection)
    .filter((block) => String((block.text as Json).text).startsWith('*'))
    .map((block) => [String((block.accessory as Json).value), String((block.text as Json).text)]);
}

const summaryOf = (view: ReturnType<typeof home>, section: string) =>
  sections(view).find(([key]) => key === section)?.[1] ?? '';

describe('setupHomeModal', () => {
  it('is a modal without submit, closed with Done', () => {
    const view = home();
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: ids.views.setupHome,
      title: { text: 'Setup' },
      close: { text: 'Done' },
      private_metadata: '{"version":0}',
    });
    expect(view.submit).toBeUndefined();
    expect(checkView(view)).toEqual([]);
  });

  it('summarises every section, each with an Edit button whose value is the section', () => {
    const view = home();
    expect(sections(view).map(([section]) => section)).toEqual([...setupSections]);
    for (const block of view.blocks as unknown as Json[]) {
      const accessory = block.accessory as Json | undefined;
      if (accessory && String((block.text as Json).text).startsWith('*'))
        expect(accessory).toMatchObject({ type: 'button', text: { text: 'Edit' } });
    }
  });

  it('says what each section holds at a glance', () => {
    const view = home();
    expect(summaryOf(view, 'numbering')).toBe('*Number series*\nCT000001 → next CT000042 · manual numbers off');
    expect(summaryOf(view, 'inheritance')).toContain(
      'salesperson, territory, country/region, language, address details, communication details',
    );
    expect(summaryOf(view, 'defaults')).toContain('Phone region NO');
    expect(summaryOf(view, 'duplicates')).toContain(
      'Autosearch on · hit 60 % of 5 search strings: Name — first characters (5)',
    );
    expect(summaryOf(view, 'businessRelations')).toBe(
      '*Business relations*\n7 codes: CUST, PROS, VEND, PART, LAW, CONS, PRESS',
    );
    expect(summaryOf(view, 'interactionTypes')).toBe('*Visit types*\n5 types: VISIT, MEETING, PHONE, EMAIL, VIDEO');
    expect(summaryOf(view, 'roles')).toContain('Admins: only Slack workspace admins and owners · Managers: none');
    expect(summaryOf(view, 'digest')).toBe('*Weekly digest*\nOn — but no managers are set, so nobody receives it');
    expect(summaryOf(view, 'sharing')).toMatch(/^\*Sharing to channels\*\nOn: people can share a contact card/);
    expect(summaryOf(view, 'language')).toBe('*Language*\nEnglish');
  });

  it('has a button to the audit log', () => {
    const actions = (home().blocks as unknown as Json[]).filter((block) => block.type === 'actions');
    expect(actions.flatMap((block) => block.elements as Json[])).toEqual([
      expect.objectContaining({
        type: 'button',
        action_id: ids.actions.setupOpenAudit,
        text: expect.objectContaining({ text: 'View audit log' }),
      }),
    ]);
  });

  it('stays within limits with the worst case, escaping user text and naming at most 10 people per role', () => {
    const view = home(worstWorkspaceSetup(), 9_999_999_999);
    expect(checkView(view)).toEqual([]);
    expect(summaryOf(view, 'numbering')).toContain(
      'KONTAKTNO-0000000001 → next KONTAKTNO-9999999999 · manual numbers allowed',
    );
    expect(summaryOf(view, 'defaults')).toContain('Country/region NO&amp;&lt;&gt;12345');
    expect(summaryOf(view, 'defaults')).toContain('Salesperson <@U0SALES00001>');
    expect(summaryOf(view, 'roles')).toContain('<@UA00000009> and 90 more');
    expect(summaryOf(view, 'businessRelations')).toMatch(/^\*Business relations\*\n100 codes: B000000000, .*, …$/);
    expect(summaryOf(view, 'digest')).toBe('*Weekly digest*\nOff');
    expect(JSON.stringify(view.blocks)).toContain('Last changed by <@U0ADMIN0001> <!date^1714557600^');
  });

  it('shows a stored user id that is not one as text, not as markup', () => {
    const setup = { ...defaultWorkspaceSetup, roles: { admins: ['<!channel>'], managers: [] } };
    expect(summaryOf(home(setup), 'roles')).toContain('&lt;!channel&gt;');
  });

  it('refuses private_metadata Slack would refuse', () => {
    expect(() =>
      setupHomeModal(tr, { setup: defaultWorkspaceSetup, nextNo: 1, privateMetadata: 'x'.repeat(3001) }),
    ).toThrow(RangeError);
  });
});
