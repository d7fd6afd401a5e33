import { translator } from '../../../src/i18n';
import { setUserLanguage } from '../../../src/services/language/language.service';
import { mapHeaders } from '../../../src/services/import/columns';
import type { RecordedCall } from '../../harness/fake-slack-api';
import { slashCommand } from '../../harness/payloads';
import { englishWordsIn } from '../../support/english-words';
import { useKontakt } from '../../support/use-kontakt';
import { parseCsv, seedContacts, seedVisit } from '../../services/export/export-seed';

const kontakt = useKontakt();
const nb = translator('nb');

function sharedFiles(call: RecordedCall): { filename: string; bytes: Buffer }[] {
  return (call.args.files as { id: string }[]).map((file) => {
    const uploaded = kontakt.fake.uploadedFile(file.id);
    if (!uploaded) throw new Error(`file ${file.id} was completed but never uploaded`);
    return uploaded;
  });
}

describe('/contact eksport for an admin who reads Norwegian', () => {
  it('speaks Norwegian throughout and writes the files with Norwegian headers that the import reads back', async () => {
    kontakt.fake.setUser('U0001', { is_admin: true });
    await setUserLanguage('T0001', 'U0001', 'nb');
    const [nordlys] = await seedContacts('T0001', [{ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen' }]);
    const [kari] = await seedContacts('T0001', [
      { type: 'person', name: 'Kari Nordmann', companyId: nordlys!.id, companyName: 'Nordlys Maskin AS' },
    ]);
    await seedVisit('T0001', kari!, { description: 'Vil ha tre pumper' });

    const key = `export-${Math.random()}`;
    const response = await kontakt.slack.command(
      slashCommand({ text: 'eksport', userId: 'U0001', responseUrl: kontakt.fake.responseUrl(key) }),
    );
    expect(response.status).toBe(200);
    const started = await kontakt.fake.waitForResponse((r) => r.key === key);
    expect(started.body).toMatchObject({ response_type: 'ephemeral', text: nb.t('export.started') });

    const complete = await kontakt.fake.waitForCall('files.completeUploadExternal', () => true);
    expect(complete.args.initial_comment).toBe(
      nb.t('export.files.comment', { contacts: '2 kontakter', visits: '1 besøk', opportunities: '0 salgsmuligheter' }),
    );
    const files = sharedFiles(complete);
    const contactsFile = files.find((f) => f.filename.startsWith('kontakt-contacts'))!;
    const visitsFile = files.find((f) => f.filename.startsWith('kontakt-visits'))!;

    const contacts = parseCsv(contactsFile.bytes);
    expect(contacts[0]).toMatchObject({
      'Nr.': nordlys!.no,
      Navn: 'Nordlys Maskin AS',
      Type: 'Firma',
      Poststed: 'Bergen',
    });
    expect(contacts[1]).toMatchObject({ Navn: 'Kari Nordmann', Type: 'Person', Firmanavn: 'Nordlys Maskin AS' });
    expect(contacts[1]!['Firmanr.']).toBe(nordlys!.no);
    expect(contacts[1]!.Personvernsperret).toBe('nei');
    const headers = Object.keys(contacts[0]!);
    expect(headers).toEqual(expect.arrayContaining(['Nr.', 'Navn', 'Postnr.', 'Poststed', 'Selger (Slack-ID)']));
    expect(englishWordsIn(headers.join('\n'))).toEqual([]);
    // Kontakt's import recognises every contact column of a Norwegian export.
    const mapped = mapHeaders(headers);
    for (const header of ['Nr.', 'Type', 'Navn', 'Firmanr.', 'Postnr.', 'Poststed', 'Land/område', 'Selger (Slack-ID)'])
      expect(mapped[headers.indexOf(header)]).not.toBeNull();

    const [visit] = parseCsv(visitsFile.bytes);
    expect(visit).toMatchObject({ Kontaktnavn: 'Kari Nordmann', Beskrivelse: 'Vil ha tre pumper', Status: 'loggført' });
    expect(englishWordsIn(Object.keys(visit!).join('\n'))).toEqual([]);

    const doneText = nb.t('export.done', {
      contacts: '2 kontakter',
      visits: '1 besøk',
      opportunities: '0 salgsmuligheter',
    });
    const done = await kontakt.fake.waitForCall('chat.update', (call) => call.args.text === doneText);
    const [progress] = kontakt.fake.callsTo('chat.postMessage');
    expect(progress!.args.text).toBe('Eksporterer … 0 av 2 kontakter');
    for (const text of [String(started.body.text), String(complete.args.initial_comment), String(done.args.text)])
      expect(englishWordsIn(text)).toEqual([]);
  });
});
