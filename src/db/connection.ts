import mongoose from 'mongoose';
import type { Logger } from '@slack/bolt';
import { boundedWaits, dbServerTimeLimitMs, START_PATIENCE_MS } from './bounds';
import { isDatabaseUnavailable } from './errors';

const connectOptions = (): mongoose.ConnectOptions => ({
  appName: 'kontakt',
  maxPoolSize: 20,
  minPoolSize: 1,
  // Slack's deadline bounds every request: see db/bounds.ts.
  ...boundedWaits(),
  heartbeatFrequencyMS: 5_000,
  // Indexes are created deliberately at start (ensureIndexes), never lazily in the background.
  autoIndex: false,
});

/** Adds the database name to a server URI that has none (embedded servers hand out bare URIs). */
export function withDatabaseName(uri: string, dbName: string): string {
  const url = new URL(uri);
  if (url.pathname === '' || url.pathname === '/') url.pathname = `/${dbName}`;
  return url.toString();
}

let connectedUri: string | undefined;

export async function connectDatabase(uri: string): Promise<void> {
  mongoose.set('strictQuery', true);
  mongoose.set('autoIndex', false);
  mongoose.set('maxTimeMS', dbServerTimeLimitMs());
  // No mongoose queue in front of the driver: while the database is away an operation waits for a server within
  // the driver's own bound (serverSelectionTimeoutMS), instead of a buffer wait followed by a second full wait.
  mongoose.set('bufferCommands', false);
  // At start nobody waits on a request: a database that is slow to answer the first time is waited for.
  const giveUp = Date.now() + START_PATIENCE_MS;
  for (;;) {
    try {
      await mongoose.connect(uri, connectOptions());
      break;
    } catch (error) {
      await mongoose.disconnect().catch(() => undefined);
      if (!isDatabaseUnavailable(error) || Date.now() > giveUp) throw error;
    }
  }
  connectedUri = uri;
}

/**
 * Creates every index the models declare. Additive: an index removed from a schema is left for an operator to drop.
 * A new index on a big collection can take minutes to build, far past the request bound, so the builds run on a
 * connection of their own without a socket timeout, closed again afterwards.
 */
export async function ensureIndexes(logger: Pick<Logger, 'info'>): Promise<void> {
  if (!connectedUri) {
    if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected) {
      throw new Error('ensureIndexes: connect to the database first');
    }
    // Connected by someone else (the benchmarks' seeding connection, which has no request bound): build on it.
    for (const name of mongoose.modelNames()) await mongoose.model(name).createIndexes();
    logger.info(`Database indexes ensured for ${mongoose.modelNames().length} collections`);
    return;
  }
  const builder = await mongoose
    .createConnection(connectedUri, {
      ...connectOptions(),
      serverSelectionTimeoutMS: START_PATIENCE_MS,
      connectTimeoutMS: START_PATIENCE_MS,
      socketTimeoutMS: 0,
      minPoolSize: 0,
      maxPoolSize: 1,
    })
    .asPromise();
  try {
    for (const name of mongoose.modelNames()) {
      const { schema, collection } = mongoose.model(name);
      await builder.model(name, schema as mongoose.Schema, collection.collectionName).createIndexes();
    }
  } finally {
    await builder.close();
  }
  logger.info(`Database indexes ensured for ${mongoose.modelNames().length} collections`);
}

/** True when the database answers a ping within the time limit (a stalled database is down, too). */
export async function isDatabaseUp(timeoutMs = 1_000): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected || !db) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      db.command({ ping: 1 }).then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function disconnectDatabase(): Promise<void> {
  await mongoose.disconnect();
  connectedUri = undefined;
}
