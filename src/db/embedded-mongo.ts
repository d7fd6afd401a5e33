import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MongoMemoryServer } from 'mongodb-memory-server';
import type { Logger } from '@slack/bolt';

export interface EmbeddedMongo {
  uri: string;
  /** `mongod` when a real binary runs, `emulator` when the in-memory stand-in does. */
  kind: 'mongod' | 'emulator';
  stop(): Promise<void>;
}

export interface EmbeddedMongoOptions {
  /** Keeps data across restarts (real mongod only; the emulator is memory-only). Omit for a throw-away temp dir. */
  dbPath?: string;
  /** Extra mongod flags, e.g. `['--setParameter', 'notablescan=1']` in tests. */
  args?: string[];
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** Path of the emulator's `mongod` executable; it is reached only as a program, never imported. */
export function emulatorBinaryPath(): string {
  return path.join(path.dirname(require.resolve('mongod-emulator/package.json')), 'bin', 'mongod');
}

/** The version a mongod executable reports (`db version v7.0.14`), so mongodb-memory-server expects that one. */
function binaryVersion(binary: string): string | undefined {
  try {
    return /db version v(\d+\.\d+\.\d+)/.exec(
      execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 }),
    )?.[1];
  } catch {
    return undefined;
  }
}

async function launch(options: EmbeddedMongoOptions, systemBinary?: string): Promise<MongoMemoryServer> {
  return MongoMemoryServer.create({
    instance: { dbPath: options.dbPath, args: options.args, ip: '127.0.0.1' },
    binary: systemBinary ? { systemBinary, version: binaryVersion(systemBinary) } : undefined,
  });
}

const describeError = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/**
 * Starts MongoDB through mongodb-memory-server: the binary named by MONGOMS_SYSTEM_BINARY, else a cached or
 * downloaded mongod, else (offline, no binary to be had) the bundled emulator. The fallback is announced loudly
 * because the emulator keeps data in memory only.
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const chosenBinary = process.env.MONGOMS_SYSTEM_BINARY;
  const emulator = emulatorBinaryPath();
  let server: MongoMemoryServer;
  let kind: EmbeddedMongo['kind'] = chosenBinary && path.resolve(chosenBinary) === emulator ? 'emulator' : 'mongod';
  try {
    server = await launch(options);
  } catch (error) {
    // A binary the developer chose must not be silently replaced.
    if (chosenBinary) throw error;
    options.logger.warn(
      [
        '*** No mongod binary could be found or downloaded (' + describeError(error) + ').',
        '*** Falling back to the bundled MongoDB emulator: DATA LIVES IN MEMORY ONLY and is lost when Kontakt stops.',
        '*** To keep data, set MONGODB_URI to a real MongoDB (e.g. mongodb://localhost:27017/kontakt),',
        '*** or MONGOMS_SYSTEM_BINARY to a mongod executable.',
      ].join('\n'),
    );
    server = await launch(options, emulator);
    kind = 'emulator';
  }
  return {
    uri: server.getUri(),
    kind,
    stop: async () => {
      // Keep the data directory: it is the user's database, not a temp dir.
      await server.stop({ doCleanup: !options.dbPath, force: false });
    },
  };
}
