import { ContactModel } from '../../../src/models/contact.model';
import { getWorkspaceSetup, saveSetupSection } from '../../../src/services/setup/setup.service';
import type { CodeListName } from '../../../src/services/setup/setup.types';
import { slashCommand } from '../../harness/payloads';
import { addContact, useKontakt } from '../../support/use-kontakt';
import { ADMIN, makeAdmin, runImport, textOf, uploadFile } from './import-flow';

const kontakt = useKontakt();
jest.setTimeout(90_000);

const CODES: [CodeListName, string[]][] = [
  ['industryGroups', ['FISK', 'HANDEL']],
  ['businessRelations', ['KUNDE']],
  ['territories', ['VEST']],
  ['jobResponsibilities', ['INNKJOP']],
  ['organizationalLevels', ['LEDER']],
];

async function addCodes(workspaceId: string): Promise<void> {
  for (const [list, codes] of CODES) {
    const setup = await getWorkspaceSetup(workspaceId);
    const saved = await saveSetupSection({
      workspaceId,
      userId: ADMIN,
      section: list,
      version: setup.version,
      patch: { codes: { [list]: codes.map((code) => ({ code, description: `${code} (beskrivelse)` })) } },
    });
    if (saved.status !== 'saved') throw new Error(`adding ${list} failed`);
  }
}

/** The fields a round trip must keep, with a person's company by its No. */
async function book(workspaceId: string): Promise<Record<string, unknown>[]> {
  const docs = await ContactModel.find({ workspaceId }).sort({ no: 1 }).lean();
  const noOf = new Map(docs.map((d) => [String(d._id), d.no]));
  return docs.map((d) => ({
    no: d.no,
    type: d.type,
    name: d.name,
    firstName: d.firstName,
    surname: d.surname,
    company: d.companyId ? noOf.get(String(d.companyId)) : undefined,
    companyName: d.companyName,
    address: d.address,
    address2: d.address2,
    postCode: d.postCode,
    city: d.city,
    country: d.country,
    phone: d.phone,
    mobile: d.mobile,
    email: d.email,
    homePage: d.homePage,
    territory: d.territory,
    vatRegNo: d.vatRegNo,
    industryGroups: d.industryGroups,
    businessRelations: d.businessRelations,
    jobTitle: d.jobTitle,
    organizationalLevel: d.organizationalLevel,
    jobResponsibilities: d.jobResponsibilities,
    privacyBlocked: d.privacyBlocked,
    phoneE164: d.phoneE164,
  }));
}

describe('/contact import: round trip of /contact export', () => {
  it("a workspace's export imported into an empty workspace gives the same contacts; missing codes are added", async () => {
    await makeAdmin('T0001');
    await makeAdmin('T0002');
    await addCodes('T0001');
    const fisk = await addContact({
      type: 'company',
      name: 'Ålesund Fiskeeksport AS',
      address: 'Brosundet 1',
      address2: 'Postboks 12',
      postCode: '6002',
      city: 'Ålesund',
      country: 'NO',
      phone: '70 10 20 30',
      email: 'post@alesundfisk.no',
      homePage: 'alesundfisk.no',
      territory: 'VEST',
      vatRegNo: '923456783',
      industryGroups: ['FISK', 'HANDEL'],
      businessRelations: ['KUNDE'],
    });
    const bygg = await addContact({ type: 'company', name: 'Bjørnstad Bygg AS', city: 'Bergen', phone: '55 44 33 22' });
    await addContact({
      type: 'person',
      name: 'Bjørn Ødegård',
      firstName: 'Bjørn',
      surname: 'Ødegård',
      companyId: fisk.id,
      jobTitle: 'Innkjøpssjef',
      organizationalLevel: 'LEDER',
      jobResponsibilities: ['INNKJOP'],
      mobile: '912 34 567',
      email: 'bjorn@alesundfisk.no',
    });
    await addContact({ type: 'person', name: 'Kari Lien', companyId: bygg.id, email: 'kari@bjornstad.no' });
    await addContact({ type: 'person', name: 'Per Sæther', city: 'Tromsø', privacyBlocked: true });
    const before = await book('T0001');
    expect(before).toHaveLength(5);

    // The export, as an admin of the first workspace gets it in their DM.
    await kontakt.send.command(
      slashCommand({ text: 'export', userId: ADMIN, teamId: 'T0001', responseUrl: kontakt.fake.responseUrl('x') }),
    );
    const complete = await kontakt.fake.waitForCall('files.completeUploadExternal', () => true);
    const contactsFile = (complete.args.files as { id: string }[])
      .map((file) => kontakt.fake.uploadedFile(file.id)!)
      .find((file) => file.filename.startsWith('kontakt-contacts'))!;
    kontakt.fake.reset();

    // …imported as it is into the second, empty workspace.
    const { result: preview } = await uploadFile(kontakt, contactsFile.filename, contactsFile.bytes, {
      teamId: 'T0002',
    });
    const text = textOf(preview.blocks);
    expect(text).toContain('5 contacts read');
    expect(text).toContain('*2* companies, *2* persons at a company, *1* independent persons');
    // The codes the second workspace lacks are named in the preview, as codes the import will add to setup.
    expect(text).toContain('Codes not in setup, added to setup by the import:');
    for (const [, codes] of CODES) for (const code of codes) expect(text).toContain(code);
    const { summary } = await runImport(kontakt, preview, {}, ADMIN, 'T0002');
    expect(String(summary.args.text)).toBe(
      `Imported *${contactsFile.filename}*: 5 created, 0 updated, 0 skipped, 0 failed.`,
    );

    expect(await book('T0002')).toEqual(before);
    const setup = await getWorkspaceSetup('T0002');
    // Added next to setup's defaults; the export has no descriptions, so a code is its own description.
    for (const [list, codes] of CODES)
      expect(setup.codes[list]).toEqual(expect.arrayContaining(codes.map((code) => ({ code, description: code }))));
  });
});
