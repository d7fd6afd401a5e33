/**
 * Personal data benchmark: the privacy issue's targets, measured on the service calls the Slack surfaces make.
 *
 *   "Exporting a person with 2,000 visits ≤ 5 s; erasing a company contact with 50 persons and 5,000 visits ≤ 10 s."
 *
 * MongoDB as the tests start it (notablescan on; MONGODB_TEST_URI wins). One workspace: a person with 2,000 visits
 * (and 5,000 other contacts' visits around it), and a company with 50 persons and 5,000 visits spread over the
 * company and its persons. Times exportPersonData (both files written to a temporary directory) and erasePerson
 * (every scrub, the erasure record to `done`). A measurement, not a test: a missed target prints FAIL, exit 0.
 *
 *   npm run bench -- privacy [--runs N]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Types } from 'mongoose';
import { disconnectDatabase, ensureIndexes } from '../src/db/connection';
import { VisitModel } from '../src/models';
import { erasePerson } from '../src/services/privacy/erasure.service';
import { exportPersonData } from '../src/services/privacy/person-export.service';
import { seedContacts, type SeededContact } from '../test/services/export/export-seed';
import { actor } from '../test/support/actors';
import { connectForSeeding, describeServer, startDatabase } from './lib/database';

const TARGETS = { exportMs: 5_000, eraseMs: 10_000 } as const;
const WORKSPACE = 'T0001';
const ADMIN = actor('U0ADMIN', { admin: true });
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

let sequence = 0;

async function seedVisitsOf(
  contacts: { contact: SeededContact; companyId?: string; companyName?: string }[],
  count: number,
) {
  const docs: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i += 1) {
    const { contact, companyId, companyName } = contacts[i % contacts.length]!;
    docs.push({
      workspaceId: WORKSPACE,
      contactId: new Types.ObjectId(contact.id),
      contactNo: contact.no,
      contactName: contact.name,
      companyId: companyId ? new Types.ObjectId(companyId) : null,
      companyName,
      subjects: [contact.id, ...(companyId ? [companyId] : [])].map((id) => new Types.ObjectId(id)),
      salespersonId: 'U0001',
      typeCode: 'VISIT',
      typeDescription: 'Visit',
      date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      description: `Visit ${i}: talked about pumps, ${contact.name} wants an offer`,
      status: i % 20 === 0 ? 'cancelled' : 'logged',
      source: {
        channelId: 'C0001',
        messageTs: `1700000000.${String(i).padStart(6, '0')}`,
        permalink: 'https://acme.slack.com/archives/C0001/p1700000000000100',
      },
      idempotencyKey: `bench-${(sequence += 1)}`,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
  }
  for (let i = 0; i < docs.length; i += 1_000) await VisitModel.insertMany(docs.slice(i, i + 1_000), { lean: true });
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write('npm run bench -- privacy [--runs N]   (each run seeds fresh data)\n');
    return;
  }
  const runs = Number(values.runs ?? 3);
  const database = await startDatabase();
  const dir = await mkdtemp(path.join(tmpdir(), 'kontakt-privacy-bench-'));
  const exportMs: number[] = [];
  const eraseMs: number[] = [];
  try {
    await connectForSeeding(database.uri);
    await describeServer(database);
    await ensureIndexes({ info: () => undefined });
    log(`database: ${database.label}`);
    for (let run = 0; run < runs; run += 1) {
      // Around them: 500 other contacts with 5,000 visits, so nothing is measured on an empty workspace.
      const others = await seedContacts(
        WORKSPACE,
        Array.from({ length: 500 }, (_, i) => ({ type: 'company' as const, name: `Annen ${run}-${i} AS` })),
      );
      await seedVisitsOf(
        others.map((contact) => ({ contact })),
        5_000,
      );

      const [person] = await seedContacts(WORKSPACE, [
        { type: 'person', name: `Kari Nordmann ${run}`, email: `kari${run}@example.no`, mobile: '+47 912 34 567' },
      ]);
      await seedVisitsOf([{ contact: person! }], 2_000);
      let started = performance.now();
      const exported = await exportPersonData(WORKSPACE, person!.id, ADMIN, {
        dir: await mkdtemp(path.join(dir, 'x')),
      });
      exportMs.push(performance.now() - started);
      if (exported.status !== 'exported') throw new Error(`export refused: ${exported.status}`);
      log(
        `run ${run + 1}: export of ${exported.counts.visits} visits: ${Math.round(exportMs.at(-1)!)} ms, ${exported.files.map((f) => `${f.filename} ${Math.round(f.bytes / 1024)} KiB`).join(', ')}`,
      );

      const [company] = await seedContacts(WORKSPACE, [{ type: 'company', name: `Nordlys Maskin ${run} AS` }]);
      const persons = await seedContacts(
        WORKSPACE,
        Array.from({ length: 50 }, (_, i) => ({
          type: 'person' as const,
          name: `Person ${run}-${i}`,
          companyId: company!.id,
          companyName: company!.name,
        })),
      );
      await seedVisitsOf(
        [
          { contact: company! },
          ...persons.map((contact) => ({ contact, companyId: company!.id, companyName: company!.name })),
        ],
        5_000,
      );
      started = performance.now();
      const steps: number[] = [];
      let stepStart = performance.now();
      const erased = await erasePerson(WORKSPACE, company!.id, ADMIN, {
        onProgress: () => {
          steps.push(Math.round(performance.now() - stepStart));
          stepStart = performance.now();
        },
      });
      eraseMs.push(performance.now() - started);
      if (erased.status !== 'erased') throw new Error(`erasure refused: ${erased.status}`);
      log(
        `run ${run + 1}: erasure of a company with ${erased.persons} persons: ${Math.round(eraseMs.at(-1)!)} ms (scrubs ${steps.join(' / ')} ms), ${JSON.stringify(erased.counts)}`,
      );
    }
    const worst = (list: number[]) => Math.round(Math.max(...list));
    const median = (list: number[]) => Math.round([...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!);
    const line = (name: string, list: number[], target: number) =>
      `${name.padEnd(44)} median ${String(median(list)).padStart(6)} ms   worst ${String(worst(list)).padStart(6)} ms   target ≤ ${target} ms   ${worst(list) <= target ? 'ok' : 'FAIL'}\n`;
    process.stdout.write(`\nPersonal data (${runs} runs, ${database.label})\n`);
    process.stdout.write(line('export-2,000-visits', exportMs, TARGETS.exportMs));
    process.stdout.write(line('erase-company-50-persons-5,000-visits', eraseMs, TARGETS.eraseMs));
  } finally {
    await rm(dir, { recursive: true, force: true });
    await disconnectDatabase().catch(() => undefined);
    await database.stop();
  }
}
