import { existsSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { emulatorBinaryPath, startEmbeddedMongo, type EmbeddedMongo } from '../src/db/embedded-mongo';
import { describeNotablescan, readNotablescan } from './support/notablescan';

declare global {
  var __KONTAKT_TEST_MONGO__: EmbeddedMongo | undefined;
}

/**
 * One MongoDB for the whole run, reached through mongodb-memory-server like production's embedded default:
 * MONGODB_TEST_URI (an already running server) or MONGOMS_SYSTEM_BINARY wins; else a real mongod if one can be
 * had; else the bundled emulator. notablescan is on so a query no index serves fails the test that made it; whether
 * it is (a server given by MONGODB_TEST_URI may not have it) is checked, printed, and handed to the tests.
 */
export default async function globalSetup(): Promise<void> {
  let uri = process.env.MONGODB_TEST_URI;
  let label: string;
  if (uri) {
    label = 'the server at MONGODB_TEST_URI';
  } else {
    const emulatorDist = path.join(path.dirname(emulatorBinaryPath()), '..', 'dist');
    if (!process.env.MONGOMS_SYSTEM_BINARY && !existsSync(emulatorDist)) {
      throw new Error(
        'The MongoDB emulator is not built: run `npm test` (it builds it) or `npm run build -w mongod-emulator`.',
      );
    }
    const quiet = { info: () => undefined, warn: () => undefined };
    const mongo = await startEmbeddedMongo({ args: ['--setParameter', 'notablescan=1'], logger: quiet });
    globalThis.__KONTAKT_TEST_MONGO__ = mongo;
    uri = mongo.uri;
    label = mongo.kind === 'emulator' ? 'the bundled mongod emulator (no real mongod could be had)' : 'a real mongod';
  }
  const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const info = await connection.db!.admin().command({ buildInfo: 1 });
    // A server the developer brought (MONGODB_TEST_URI) may run without notablescan: say so, never silently.
    const notablescan = await readNotablescan(connection.db!);
    process.stdout.write(
      `\nTests run against ${label}: MongoDB ${info.version} at ${uri}\n${describeNotablescan(notablescan)}\n`,
    );
    process.env.KONTAKT_TEST_NOTABLESCAN = notablescan;
  } finally {
    await connection.close();
  }
  process.env.KONTAKT_TEST_MONGODB_URI = uri;
  // A loaded CI machine can keep a pooled connection busy past the 2 s request bound; outside the deadline tests
  // (which set it back) that is noise, not behaviour. See dbOperationBudgetMs() in src/db/bounds.ts.
  process.env.KONTAKT_TEST_DB_BUDGET_MS ??= '15000';
}
