import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { connectDatabase, disconnectDatabase, ensureIndexes, withDatabaseName } from '../../src/db/connection';
import '../../src/models';

/**
 * Connects mongoose to a fresh database of this test file on the suite's MongoDB (notablescan on), with every
 * model's indexes, and drops it afterwards. For service tests that need no Slack.
 */
export function useTestDatabase(): void {
  beforeAll(async () => {
    const uri = process.env.KONTAKT_TEST_MONGODB_URI;
    if (!uri) throw new Error('KONTAKT_TEST_MONGODB_URI is not set: run the tests through jest.');
    await connectDatabase(
      withDatabaseName(uri, `kontakt_svc_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`),
    );
    await ensureIndexes({ info: () => undefined });
  });
  afterAll(async () => {
    await mongoose.connection.db?.dropDatabase();
    await disconnectDatabase();
  });
}

/** Empties every collection (between tests), keeping the indexes. */
export async function clearCollections(): Promise<void> {
  await Promise.all(Object.values(mongoose.connection.collections).map((collection) => collection.deleteMany({})));
}
