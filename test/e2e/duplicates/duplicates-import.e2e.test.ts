import mongoose from 'mongoose';
import { slashCommand } from '../../harness/payloads';
import { addContact, useKontakt } from '../../support/use-kontakt';
import { ADMIN, makeAdmin, runImport, uploadFile } from '../import/import-flow';

/** Contacts an import brings are checked for duplicates as they are written: no rescan needed. */
const kontakt = useKontakt();
jest.setTimeout(90_000);
const db = () => mongoose.connection.db!;

async function duplicatesList(): Promise<string> {
  const url = kontakt.fake.responseUrl();
  await kontakt.slack.command(slashCommand({ text: 'duplicates', userId: ADMIN, responseUrl: url }));
  const reply = await kontakt.fake.waitForResponse((r) => kontakt.fake.responseUrl(r.key) === url);
  return JSON.stringify(reply.body);
}

it('an imported person sharing an e-mail (in another case) with a stored one is listed at once', async () => {
  kontakt.fake.setUser(ADMIN, { is_admin: true });
  await makeAdmin();
  const kari = await addContact({ type: 'person', name: 'Kari Nordmann', email: 'kari@nordmann.no' });
  await duplicatesList();
  for (let i = 0; i < 200; i += 1) {
    if ((await db().collection('duplicate_scans').findOne({ workspaceId: 'T0001' }))?.status === 'done') break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(await duplicatesList()).toContain('No possible duplicates.');

  const csv = Buffer.from(
    'Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title\n' +
      '3001,Kari,Nordmann-Berg,KARI@Nordmann.no,,,\n' +
      '3002,Ola,Hansen,ola@hansen.no,,,\n',
  );
  const { result: preview } = await uploadFile(kontakt, 'hubspot-contacts.csv', csv);
  const { summary } = await runImport(kontakt, preview);
  expect(String(summary.args.text)).toContain('2 created');

  const list = await duplicatesList();
  expect(list).toContain('1 pair · page 1 of 1');
  expect(list).toContain('same e-mail');
  expect(list).toContain(kari.no);
  expect(list).toContain('Kari Nordmann-Berg');
});
