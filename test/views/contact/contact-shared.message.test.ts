import { translator } from '../../../src/i18n';
import { sharedContactMessage } from '../../../src/views/contact/contact-shared.message';
import { checkMessage } from '../../harness/block-kit-checker';
import { buttons, company, longText, person, visibleText } from '../../fixtures/contact-fixtures';

const tr = translator('en');

describe('sharedContactMessage', () => {
  it('shows who and how to reach them, who shared it, and only a View button', () => {
    const message = sharedContactMessage({ contact: company(), sharedBy: 'U0ADA' }, tr);
    const text = visibleText(message.blocks);
    expect(message.text).toBe('<@U0ADA> shared Nordlys Maskin AS (CT000042)');
    expect(text).toContain('*Company* · Bergen');
    expect(text).toContain('*Phone*\n<tel:+4755123456|+47 55 12 34 56>');
    expect(text).toContain('*E-mail*\n<mailto:post@nordlys.no|post@nordlys.no>');
    expect(text).toContain('*Home page*\n<https://nordlys.no|nordlys.no>');
    expect(text).toContain('*Salesperson*\n<@U0SALES1>');
    expect(text).toContain('Shared by <@U0ADA>');
    for (const hidden of ['Strandkaien', 'VAT', 'MANU', 'WEST', 'Interactions']) expect(text).not.toContain(hidden);
    expect(buttons(message.blocks).map((b) => [b.action_id, b.value])).toEqual([
      ['contact_view', '65f0c0ffee0000000000000a'],
    ]);
    expect(checkMessage(message)).toEqual([]);
  });

  it('names a person’s company, and stays within Slack’s limits with every value at its longest', () => {
    expect(visibleText(sharedContactMessage({ contact: person(), sharedBy: 'U0ADA' }, tr).blocks)).toContain(
      '*Person* at Nordlys Maskin AS · Bergen',
    );
    const worst = person({
      name: longText(100),
      no: longText(20),
      companyName: longText(100),
      city: longText(30),
      phone: longText(30),
      phoneE164: undefined,
      email: `${'k'.repeat(70)}@x.no`,
      homePage: `https://${'&<>|'.repeat(48)}`,
      salespersonId: longText(20),
    });
    expect(checkMessage(sharedContactMessage({ contact: worst, sharedBy: '<!channel>' }, tr))).toEqual([]);
    expect(visibleText(sharedContactMessage({ contact: worst, sharedBy: '<!channel>' }, tr).blocks)).not.toContain(
      '<!channel>',
    );
  });
});
