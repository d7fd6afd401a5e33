/**
 * Merge benchmark (issue 18's speed target for merging):
 *
 *   "A merge of a company with 50 persons and 500 visits ≤ 2 s end to end; every query index-backed."
 *
 * Two companies are created through the contact service; the one merged away gets `--persons` persons (default
 * 50), `--visits` visits (default 5,000, spread over the company and its persons), 20 opportunities and 20 tasks,
 * written straight to the models. Then the merge service runs as an admin would through the modal, and its undo;
 * each is timed in-process (the modal's own round trip adds one Slack call). Runs against the same database
 * kinds as the other benchmarks (the emulator, or MONGODB_TEST_URI).
 *
 * A measurement, not a test: it exits 0 when a target is missed and prints FAIL.
 *
 *   npm run bench -- merge [--persons N] [--visits N]
 */
import { parseArgs } from 'node:util';
import { Types } from 'mongoose';
import { disconnectDatabase, ensureIndexes } from '../src/db/connection';
import { OpportunityModel, TaskModel } from '../src/models';
import { mergeContacts, undoMerge } from '../src/services/contacts/merge/merge.service';
import type { Actor } from '../src/services/people/permissions.service';
import { seedMergePair } from '../test/support/merge-seed';
import { connectForSeeding, describeServer, startDatabase } from './lib/database';

const WORKSPACE = 'T0001';
const TARGET_MS = 2_000;
const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);
const admin: Actor = { userId: 'U0BENCHADMIN', isAdmin: async () => true, nameOf: async (id) => id };

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { persons: { type: 'string', default: '50' }, visits: { type: 'string', default: '5000' } },
  });
  const personCount = Number(values.persons);
  const visitCount = Number(values.visits);
  const database = await startDatabase();
  log(`MongoDB: ${database.label}`);
  try {
    await connectForSeeding(database.uri);
    await describeServer(database);
    await ensureIndexes({ info: () => undefined });
    const { keep, merge } = await seedMergePair({
      workspaceId: WORKSPACE,
      userId: admin.userId,
      persons: personCount,
      visits: visitCount,
      keyPrefix: 'bench',
    });
    const mergeId = new Types.ObjectId(merge.id);
    await OpportunityModel.insertMany(
      Array.from({ length: 20 }, (_, i) => ({
        workspaceId: WORKSPACE,
        no: `SM${String(i + 1).padStart(6, '0')}`,
        description: `Deal ${i}`,
        contactId: mergeId,
        contactNo: merge.no,
        contactName: merge.name,
        subjects: [mergeId],
        salespersonId: admin.userId,
        cycleCode: 'STD',
        status: 'in_progress',
        createdBy: admin.userId,
        updatedBy: admin.userId,
        idempotencyKey: `bench-opp-${i}`,
      })),
    );
    await TaskModel.insertMany(
      Array.from({ length: 20 }, (_, i) => ({
        workspaceId: WORKSPACE,
        title: `Task ${i}`,
        contactId: mergeId,
        contactNo: merge.no,
        contactName: merge.name,
        assigneeId: admin.userId,
        createdBy: admin.userId,
        dueDate: '2026-12-31',
        idempotencyKey: `bench-task-${i}`,
      })),
    );
    log(`seeded: ${personCount} persons, ${visitCount} visits, 20 opportunities, 20 tasks on ${merge.no}`);

    let started = performance.now();
    const result = await mergeContacts({
      workspaceId: WORKSPACE,
      actor: admin,
      keepId: keep.id,
      mergeId: merge.id,
      fields: { phone: 'merge' },
      expectedVersions: { keep: keep.version, merge: merge.version },
    });
    const mergeMs = performance.now() - started;
    if (result.status !== 'merged') throw new Error(`merge: ${JSON.stringify(result)}`);
    started = performance.now();
    const undone = await undoMerge({ workspaceId: WORKSPACE, actor: admin, mergeRecordId: result.merge.id });
    const undoMs = performance.now() - started;
    if (undone.status !== 'undone') throw new Error(`undo: ${JSON.stringify(undone)}`);
    const verdict = (ms: number) => (visitCount <= 500 && personCount <= 50 ? (ms <= TARGET_MS ? 'PASS' : 'FAIL') : '');
    process.stdout.write(
      `merge of a company with ${personCount} persons, ${visitCount} visits, 20 opportunities, 20 tasks: ` +
        `${Math.round(mergeMs)} ms ${verdict(mergeMs)}\nundo: ${Math.round(undoMs)} ms ${verdict(undoMs)}\n` +
        `moved: ${JSON.stringify(result.merge.moved)}\n`,
    );
  } finally {
    await disconnectDatabase().catch(() => undefined);
    await database.stop();
  }
}
