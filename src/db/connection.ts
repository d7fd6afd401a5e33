import mongoose from 'mongoose';
import type { Logger } from '@slack/bolt';

// Bounded waits so a dead database turns into a quick, friendly error instead of a hung request: Slack gives a
// request 3 s, so an operation must give up well before that and leave time to say "try again".
const connectOptions: mongoose.ConnectOptions = {
  appName: 'kontakt',
  maxPoolSize: 20,
  minPoolSize: 1,
  serverSelectionTimeoutMS: 2_000,
  connectTimeoutMS: 5_000,
  socketTimeoutMS: 30_000,
  heartbeatFrequencyMS: 5_000,
  // Indexes are created deliberately at start (ensureIndexes), never lazily in the background.
  autoIndex: false,
};

/** Adds the database name to a server URI that has none (embedded servers hand out bare URIs). */
export function withDatabaseName(uri: string, dbName: string): string {
  const url = new URL(uri);
  if (url.pathname === '' || url.pathname === '/') url.pathname = `/${dbName}`;
  return url.toString();
}

export async function connectDatabase(uri: string): Promise<void> {
  mongoose.set('strictQuery', true);
  mongoose.set('autoIndex', false);
  // Operations issued while the connection is down wait at most this long for it to come back.
  mongoose.set('bufferTimeoutMS', 2_000);
  await mongoose.connect(uri, connectOptions);
}

/** Creates every index the models declare. Additive: an index removed from a schema is left for an operator to drop. */
export async function ensureIndexes(logger: Pick<Logger, 'info'>): Promise<void> {
  for (const name of mongoose.modelNames()) {
    await mongoose.model(name).createIndexes();
  }
  logger.info(`Database indexes ensured for ${mongoose.modelNames().length} collections`);
}

/** True when the database answers a ping within the time limit. */
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
}
