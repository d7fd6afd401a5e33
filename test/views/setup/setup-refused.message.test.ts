import { translator } from '../../../src/i18n';
import { setupRefusedMessage } from '../../../src/views/setup/setup-refused.message';
import { checkMessage } from '../../harness/block-kit-checker';

type Json = Record<string, unknown>;
const sectionTexts = (blocks: unknown) =>
  (blocks as Json[]).filter((block) => block.type === 'section').map((block) => String((block.text as Json).text));

describe('setupRefusedMessage', () => {
  it('names the Kontakt admins, Slack’s own admins and owners, and what to do', () => {
    const message = setupRefusedMessage(translator('en'), { admins: ['U0KARI', 'U0OLA'] });
    expect(message.text).toBe(
      'Only Kontakt admins (<@U0KARI>, <@U0OLA>) or a Slack workspace admin or owner can change Kontakt’s setup. Ask one of them to make the change, or to make you a Kontakt admin.',
    );
    expect(sectionTexts(message.blocks)).toEqual([message.text]);
    expect(checkMessage(message)).toEqual([]);
  });

  it('points to Slack’s admins and owners when Kontakt has no admins, and never mentions junk as markup', () => {
    expect(setupRefusedMessage(translator('en'), { admins: [] }).text).toMatch(
      /^Only a Slack workspace admin or owner can change Kontakt’s setup/,
    );
    const many = setupRefusedMessage(translator('en'), {
      admins: [...Array.from({ length: 30 }, (_, i) => `U0ADMIN${i}`), '<!everyone>'],
    });
    expect(many.text).toContain('<@U0ADMIN9> and 21 more');
    expect(setupRefusedMessage(translator('en'), { admins: ['<!everyone>'] }).text).toContain('&lt;!everyone&gt;');
    expect(checkMessage(many)).toEqual([]);
  });
});
