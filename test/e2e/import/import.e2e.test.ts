import { ContactModel } from '../../../src/models/contact.model';
import { ImportModel } from '../../../src/models/import.model';
import { SetupAuditModel } from '../../../src/models/setup.model';
import { getContactSetup, getNextContactNo } from '../../../src/services/setup/setup.service';
import { useKontakt, addContact } from '../../support/use-kontakt';
import { click } from '../../support/contact-flows';
import { ADMIN, f, fixture, makeAdmin, openImport, runImport, textOf, uploadFile } from './import-flow';

const kontakt = useKontakt();
jest.setTimeout(60_000);

beforeEach(async () => {
  await makeAdmin();
  kontakt.fake.setUser('U0OLA', { profile: { email: 'ola@acme.example' } });
});

const contacts = (workspaceId = 'T0001') => ContactModel.find({ workspaceId }).sort({ no: 1 }).lean();

describe('/contact import: NAV contact list (Windows-1252, ;)', () => {
  it('previews without writing, then imports with numbers, companies, inheritance and salespeople', async () => {
    const { result: preview } = await uploadFile(kontakt, 'Kontakter.csv', fixture('nav-kontakter-nb.csv'));
    expect(preview.callback_id).toBe(f.views.preview);
    const text = textOf(preview.blocks);
    expect(text).toContain('8 contacts read');
    expect(text).toContain('*2* companies, *2* persons at a company, *1* independent persons');
    expect(text).toContain('*3* rows have errors');
    expect(text).toContain('Row 7: no name');
    expect(text).toContain('Row 8: bad e-mail “kari(at)trv.no”');
    expect(text).toContain('Row 9: unknown company “KT000999”');
    expect(text).toContain('`KARI`'); // a code that matches no Slack user: reported
    expect(text).toContain('Poststed → *City*');
    expect(await ContactModel.countDocuments({ workspaceId: 'T0001' })).toBe(0);
    // Keep numbers is on by default (the file has a No. column).
    const keep = preview.blocks.find((b) => b.block_id === f.blocks.keepNumbers) as unknown as {
      element: { initial_options?: unknown[] };
    };
    expect(keep.element.initial_options).toHaveLength(1);

    const { summary } = await runImport(kontakt, preview);
    expect(String(summary.args.text)).toBe('Imported *Kontakter.csv*: 5 created, 0 updated, 0 skipped, 3 failed.');
    const stored = await contacts();
    expect(stored.map((c) => c.no)).toEqual(['KT000100', 'KT000101', 'KT000102', 'KT000103', 'KT000104']);
    const alesund = stored.find((c) => c.no === 'KT000100')!;
    expect(alesund).toMatchObject({
      name: 'Ålesund Fiskeeksport AS',
      city: 'Ålesund',
      address2: 'Postboks 12\r\nSentrum',
    });
    expect(alesund.salespersonId).toBeUndefined(); // KARI matched nobody
    const bjorn = stored.find((c) => c.no === 'KT000101')!;
    // Listed before its company, attached all the same, and inherits its address and phone.
    expect(bjorn).toMatchObject({
      name: 'Bjørn Ødegård',
      companyId: alesund._id,
      companyName: 'Ålesund Fiskeeksport AS',
      city: 'Ålesund',
      phone: '70 10 20 30',
      email: 'bjorn@alesundfisk.no',
      surname: 'Ødegård',
    });
    const trv = stored.find((c) => c.no === 'KT000102')!;
    expect(trv.salespersonId).toBe('U0OLA'); // by users.lookupByEmail
    expect(trv.phoneE164).toBe('+4773506070');
    expect(stored.find((c) => c.no === 'KT000103')).toMatchObject({ salespersonId: 'U0OLA', companyId: trv._id });
    // Found by every search the same way as a contact made in the modal.
    expect(bjorn.search.terms).toEqual(expect.arrayContaining(['bjorn', 'odegard', 'alesund']));
    expect(bjorn.search.fuzzy.length).toBeGreaterThan(0);
    expect(alesund.search.dupKeys.length).toBeGreaterThan(0);
    // The series moves past the highest imported number with its prefix only (KT ≠ CT): untouched.
    expect(await getNextContactNo('T0001')).toBe(1);
    // The failed rows as CSV in the DM.
    const complete = await kontakt.fake.waitForCall('files.completeUploadExternal');
    const file = kontakt.fake.uploadedFile((complete.args.files as { id: string }[])[0]!.id)!;
    expect(file.bytes.toString('utf8')).toContain('9,unknown company “KT000999”');
    expect(await SetupAuditModel.countDocuments({ workspaceId: 'T0001', section: 'import' })).toBe(1);
    // The progress message is the one updated into the summary.
    expect(kontakt.fake.callsTo('chat.postMessage')[0]!.answer!.body.ts).toBe(summary.args.ts);
  });

  it('a second import of the same file reports everything as already there', async () => {
    const first = await uploadFile(kontakt, 'Kontakter.csv', fixture('nav-kontakter-nb.csv'));
    await runImport(kontakt, first.result);
    kontakt.fake.reset();
    kontakt.fake.setUser('U0OLA', { profile: { email: 'ola@acme.example' } });
    const { result: again } = await uploadFile(kontakt, 'Kontakter.csv', fixture('nav-kontakter-nb.csv'));
    const text = textOf(again.blocks);
    expect(text).toContain('*0* companies, *0* persons at a company, *0* independent persons');
    expect(text).toContain('*5* rows match an existing contact');
    const { summary } = await runImport(kontakt, again, { onMatch: 'skip' });
    expect(String(summary.args.text)).toBe('Imported *Kontakter.csv*: 0 created, 0 updated, 5 skipped, 3 failed.');
    expect(await ContactModel.countDocuments({ workspaceId: 'T0001' })).toBe(5);
  });

  it('without keeping numbers, contacts get the series numbers', async () => {
    const { result } = await uploadFile(kontakt, 'Kontakter.csv', fixture('nav-kontakter-nb.csv'));
    await runImport(kontakt, result, { keepNumbers: false });
    const nos = (await contacts()).map((c) => c.no);
    expect(nos).toEqual(['CT000001', 'CT000002', 'CT000003', 'CT000004', 'CT000005']);
    expect(await getNextContactNo('T0001')).toBe(6);
  });
});

describe('/contact import: Business Central .xlsx, HubSpot', () => {
  it('reads the first sheet under a title line, keeps a formula as text, moves the series past CT numbers', async () => {
    const { result } = await uploadFile(kontakt, 'Contacts.xlsx', fixture('bc-contacts-en.xlsx'));
    const text = textOf(result.blocks);
    expect(text).toContain('4 contacts read');
    expect(text).toContain('`NORDVEST`'); // a territory code setup lacks: added by the import
    const { summary } = await runImport(kontakt, result);
    expect(String(summary.args.text)).toContain('4 created');
    const link = await ContactModel.findOne({ workspaceId: 'T0001', no: 'CT000013' }).lean();
    expect(link?.address).toBe('=HYPERLINK("https://evil.example","Click")');
    expect(await getNextContactNo('T0001')).toBe(14);
    const setup = await getContactSetup('T0001');
    expect(setup.codes.territories.map((t) => t.code)).toContain('NORDVEST');
    const ingrid = await ContactModel.findOne({ workspaceId: 'T0001', no: 'CT000011' }).lean();
    expect(ingrid).toMatchObject({ city: 'Bergen', territory: 'WEST', companyName: 'Nordlys Energi AS' });
  });

  it('HubSpot companies then contacts: persons find their company by exact name', async () => {
    const companies = await uploadFile(kontakt, 'hubspot-companies.csv', fixture('hubspot-companies.csv'));
    expect(textOf(companies.result.blocks)).toContain('*2* companies');
    await runImport(kontakt, companies.result);
    kontakt.fake.reset();
    const people = await uploadFile(kontakt, 'hubspot-contacts.csv', fixture('hubspot-contacts.csv'));
    expect(textOf(people.result.blocks)).toContain('*0* companies, *2* persons at a company, *1* independent persons');
    await runImport(kontakt, people.result);
    const tor = await ContactModel.findOne({ workspaceId: 'T0001', email: 'tor@bergdal.example' }).lean();
    expect(tor).toMatchObject({ name: 'Tor Dal', companyName: 'Berg, Dal & Sønner AS', city: 'Bergen' });
    const havbris = await ContactModel.findOne({ workspaceId: 'T0001', name: 'Havbris Sjømat AS' }).lean();
    expect(havbris?.homePage).toBe('https://havbris.example');
  });
});

describe('/contact import: bad input', () => {
  it('refuses a non-admin, naming who can import', async () => {
    const { reply } = await openImport(kontakt, 'U0SALES');
    expect(reply).toMatch(/^Only admins can import contacts\. Ask <@U0ADMIN>/);
  });

  it('lets everyone import when setup says so', async () => {
    const { SetupModel } = await import('../../../src/models/setup.model');
    await SetupModel.updateOne({ workspaceId: 'T0001' }, { $set: { importForEveryone: true } });
    const { view } = await openImport(kontakt, 'U0SALES');
    expect(view?.callback_id).toBe(f.views.upload);
  });

  it.each([
    ['empty.csv', Buffer.alloc(0), 'is empty'],
    ['photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0]), 'is not a text or Excel file'],
    ['notes.csv', Buffer.from('just some words\nand more words\n'), 'couldn’t find a header row'],
    ['header.csv', Buffer.from('No.;Name;City\r\n'), 'has a header row but no contacts'],
    ['contacts.pdf', Buffer.from('No.;Name\n1;A\n'), 'Only .csv, .txt and .xlsx'],
  ])('%s gets a clear message and nothing is written', async (name, bytes, message) => {
    const { result } = await uploadFile(kontakt, name, bytes);
    expect(textOf(result.blocks)).toContain(message);
    expect(await ContactModel.countDocuments({})).toBe(0);
  });

  it('a file over 20 MB is refused before it is downloaded', async () => {
    const { result, fileId } = await uploadFile(kontakt, 'big.csv', Buffer.from('No.;Name\n1;A\n'), {
      size: 21 * 1024 * 1024,
    });
    expect(textOf(result.blocks)).toContain('at most 20 MB');
    expect(kontakt.fake.downloads.filter((d) => d.fileId === fileId)).toHaveLength(0);
  });

  it('the file is fetched with the bot token only', async () => {
    const { fileId } = await uploadFile(kontakt, 'Kontakter.csv', fixture('nav-kontakter-nb.csv'));
    expect(kontakt.fake.downloads).toEqual([{ fileId, token: 'xoxb-1111-2222-kontaktTESTtoken', served: true }]);
  });

  it('UTF-16 (Excel “Unicode text”, tabs) and a 100,000-character cell', async () => {
    const long = 'x'.repeat(100_000);
    const content = `Name\tCity\tAddress\r\nBjørn AS\tÅlesund\t\r\nLang AS\tBergen\t${long}\r\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(content, 'utf16le')]);
    const { result } = await uploadFile(kontakt, 'unicode.txt', bytes);
    const text = textOf(result.blocks);
    expect(text).toContain('Row 3: Address is too long');
    await runImport(kontakt, result, { keepNumbers: false });
    expect((await contacts()).map((c) => [c.name, c.city])).toEqual([['Bjørn AS', 'Ålesund']]);
  });

  it('a column mapped twice gets an inline error; a changed mapping makes a new preview', async () => {
    const { result } = await uploadFile(kontakt, 'Kontakter.csv', fixture('nav-kontakter-nb.csv'));
    await click(kontakt, f.actions.changeMapping, result.private_metadata!, { view: result, userId: ADMIN });
    const mapping = (await kontakt.fake.waitForCall('views.push')).args.view as typeof result;
    const block = (i: number) => `${f.blocks.column}${i}`;
    const { submitView } = await import('../../support/contact-flows');
    const twice = await submitView(kontakt, { ...mapping, id: 'VMAP' }, { [block(8)]: 'name' }, { userId: ADMIN });
    expect(twice).toMatchObject({ response_action: 'errors' });
    expect(Object.keys((twice as { errors: Record<string, string> }).errors).sort()).toEqual([block(2), block(8)]);
    // Ignore "Poststed": the preview is made again and says so.
    const before = kontakt.fake.callsTo('views.update').length;
    await submitView(kontakt, { ...mapping, id: 'VMAP' }, { [block(8)]: 'ignore' }, { userId: ADMIN });
    const update = await kontakt.fake.waitForCall(
      'views.update',
      (c) => kontakt.fake.callsTo('views.update').indexOf(c) >= before,
    );
    expect(textOf((update.args.view as typeof result).blocks)).toContain('Poststed → _ignored_');
  });

  it('a person pointing to a company of another workspace is an unknown company', async () => {
    await addContact({ type: 'company', name: 'Fremmed AS' }, 'T0002');
    const csv = Buffer.from('Type;Navn;Firmanavn\nPerson;Ola Fremmed;Fremmed AS\n');
    const { result } = await uploadFile(kontakt, 'x.csv', csv);
    expect(textOf(result.blocks)).toContain('Row 2: unknown company “Fremmed AS”');
    expect((result as { submit?: unknown }).submit).toBeUndefined();
  });

  it('an org.nr. with a wrong check digit fails its row, as the New company form would refuse it', async () => {
    const csv = Buffer.from('Type;Navn;Org.nr.\nFirma;Nordlys AS;923 609 017\nFirma;Fjord AS;NO 923609016 MVA\n');
    const { result } = await uploadFile(kontakt, 'x.csv', csv);
    const text = textOf(result.blocks);
    expect(text).toContain('Row 2: VAT Reg. No. “923 609 017” is not a valid Norwegian org.nr.');
    expect(text).toContain('*1* row has errors');
    await runImport(kontakt, result);
    expect((await contacts()).map((c) => [c.name, c.vatRegNo])).toEqual([['Fjord AS', 'NO 923609016 MVA']]);
  });
});

describe('/contact import: undo and concurrency', () => {
  it('undo deletes what was created and restores what was updated, keeping contacts changed since', async () => {
    const existing = await addContact({
      type: 'company',
      name: 'Nordlys Energi AS',
      address: 'Strandkaien 2',
      city: 'Bergen',
      vatRegNo: '923456783',
    });
    const { result } = await uploadFile(kontakt, 'Contacts.xlsx', fixture('bc-contacts-en.xlsx'));
    const { summary } = await runImport(kontakt, result, { onMatch: 'update', keepNumbers: false });
    expect(String(summary.args.text)).toContain('3 created, 1 updated');
    expect((await ContactModel.findById(existing.id).lean())?.phone).toBe('55 12 34 56');
    // Someone edits one of the created contacts afterwards.
    await ContactModel.updateOne(
      { workspaceId: 'T0001', name: 'Fjord Consulting' },
      { $set: { city: 'Voss' }, $inc: { __v: 1 } },
    );
    const importId = (await ImportModel.findOne({ workspaceId: 'T0001' }).lean())!._id.toString();
    await click(kontakt, f.actions.undo, importId, { userId: ADMIN });
    const undone = await kontakt.fake.waitForCall('chat.update', (c) => /undone/.test(JSON.stringify(c.args.blocks)));
    expect(textOf(undone.args.blocks)).toContain('Kept because they have changed since or have visits:');
    expect((await ContactModel.findById(existing.id).lean())?.phone).toBeUndefined();
    const left = (await contacts()).map((c) => c.name).sort();
    // Fjord was changed (kept), so its person Link Person is deleted but the company stays.
    expect(left).toEqual(['Fjord Consulting', 'Nordlys Energi AS']);
    expect(await SetupAuditModel.countDocuments({ workspaceId: 'T0001', section: 'import-undo' })).toBe(1);
  });

  it('a non-admin cannot undo', async () => {
    const { result } = await uploadFile(kontakt, 'hubspot-companies.csv', fixture('hubspot-companies.csv'));
    await runImport(kontakt, result);
    const importId = (await ImportModel.findOne({ workspaceId: 'T0001' }).lean())!._id.toString();
    const payload = await click(kontakt, f.actions.undo, importId, { userId: 'U0SALES' });
    const reply = await kontakt.fake.waitForResponse((r) => r.key === payload.response_url!.split('/').pop());
    expect(String(reply.body.text)).toMatch(/^Only admins can undo an import/);
    expect(await ContactModel.countDocuments({ workspaceId: 'T0001' })).toBe(2);
  });

  it('two admins importing at once both finish correctly', async () => {
    await makeAdmin('T0001', [ADMIN, 'U0ADMIN2']).catch(() => undefined);
    const a = await uploadFile(kontakt, 'hubspot-companies.csv', fixture('hubspot-companies.csv'));
    const b = await uploadFile(kontakt, 'Contacts.xlsx', fixture('bc-contacts-en.xlsx'), { userId: ADMIN });
    await Promise.all([
      runImport(kontakt, a.result, { keepNumbers: false }),
      runImport(kontakt, b.result, { keepNumbers: false }),
    ]);
    const nos = (await contacts()).map((c) => c.no);
    expect(nos).toHaveLength(6);
    expect(new Set(nos).size).toBe(6);
  });
});
