import { ids } from '../../../src/ids';
import { slashCommand } from '../../harness/payloads';
import { field, inputBlockIds, openNewContact } from '../../support/contact-flows';
import { useKontakt } from '../../support/use-kontakt';

const kontakt = useKontakt();

describe('Norwegian subcommand words', () => {
  it('`/contact ny firma` opens the contact modal for a company', async () => {
    const view = await openNewContact(kontakt, 'ny firma');
    expect(view.callback_id).toBe(ids.views.contactModal);
    const typeBlock = view.blocks.find((b) => b.block_id === field.type) as {
      element?: { initial_option?: { value?: string } };
    };
    expect(typeBlock.element?.initial_option?.value).toBe('company');
    expect(inputBlockIds(view)).not.toContain(field.companyId);
  });

  it('`/contact ny person` opens it for a person', async () => {
    const view = await openNewContact(kontakt, 'ny person');
    expect(inputBlockIds(view)).toEqual(expect.arrayContaining([field.companyId, field.independent]));
  });

  it('`/contact ny båt` explains the choices in the reader’s language, and opens nothing', async () => {
    await kontakt.slack.command(slashCommand({ text: 'språk nb', responseUrl: kontakt.fake.responseUrl('lang') }));
    await kontakt.fake.waitForResponse((r) => r.key === 'lang');
    const response = await kontakt.slack.command(slashCommand({ text: 'ny båt' }));
    expect(response.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('`/contact ny person`'),
    });
    expect(kontakt.fake.callsTo('views.open')).toEqual([]);
  });
});
