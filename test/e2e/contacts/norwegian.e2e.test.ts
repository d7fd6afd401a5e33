import { translator } from '../../../src/i18n';
import { setUserLanguage } from '../../../src/services/language/language.service';
import { checkMessage, checkView } from '../../harness/block-kit-checker';
import { slashCommand } from '../../harness/payloads';
import { field, moreDetails, openNewContact } from '../../support/contact-flows';
import { englishWordsIn, shownText } from '../../support/english-words';
import { addContact, useKontakt } from '../../support/use-kontakt';

/** The contact form and search for a salesperson who reads Norwegian (issue 14). */
const kontakt = useKontakt();
const nb = translator('nb');

beforeEach(async () => {
  await setUserLanguage('T0001', 'U0001', 'nb');
});

async function contact(text: string): Promise<{ text: string; blocks: unknown[] }> {
  const key = `cmd-${Math.random()}`;
  const response = await kontakt.slack.command(slashCommand({ text, responseUrl: kontakt.fake.responseUrl(key) }));
  expect(response.status).toBe(200);
  return (await kontakt.fake.waitForResponse((r) => r.key === key)).body as never;
}

describe('in Norwegian', () => {
  it('`/contact ny firma` opens the new company form in Norwegian, More details included', async () => {
    const view = await openNewContact(kontakt, 'ny firma');
    expect(checkView(view)).toEqual([]);
    expect(shownText(view)).toContain(nb.t('contact.modal.titleCreate'));
    expect(shownText(view)).toContain(nb.t('contact.field.name'));
    expect(shownText(view)).toContain(nb.t('contact.modal.moreDetails'));
    expect(englishWordsIn(shownText(view))).toEqual([]);

    const full = await moreDetails(kontakt, view, { [field.name]: 'Nordlys Maskin AS' });
    const shown = shownText(full);
    for (const key of ['contact.field.postCode', 'contact.field.city', 'contact.field.salespersonId'] as const)
      expect(shown).toContain(nb.t(key));
    expect(shown).toContain('Postnr.');
    expect(englishWordsIn(shown)).toEqual([]);
  });

  it('`/contact søk` answers in Norwegian, counts and page included', async () => {
    await addContact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen' });
    await addContact({ type: 'company', name: 'Nordlys Elektro AS', city: 'Åsane' });
    const reply = await contact('søk nordlys');
    expect(checkMessage(reply)).toEqual([]);
    expect(reply.text).toContain(nb.t('search.header.many', { count: 2, query: '“nordlys”' }).slice(0, 12));
    expect(reply.text).toContain('2 kontakter');
    expect(englishWordsIn(shownText(reply))).toEqual([]);

    const none = await contact('søk zzyzx');
    expect(shownText(none)).toContain(nb.t('search.tips'));
    expect(englishWordsIn(shownText(none))).toEqual([]);
  });
});
