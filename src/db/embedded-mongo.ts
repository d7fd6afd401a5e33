import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MongoBinary, MongoMemoryServer } from 'mongodb-memory-server';
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

/** Why no binary could be had, in a few words: mongodb-memory-server's DownloadError keeps the cause in `msg`. */
const describeError = (error: unknown): string => {
  const detail = (error as { msg?: unknown } | undefined)?.msg;
  const text = typeof detail === 'string' ? detail : error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
};

/**
 * Why no mongod can be had, or undefined when one can (found, or downloaded now). Asked before launching, so a
 * failed download is one line here rather than MongoMemoryServer.create's console dump of the error and its stack.
 */
async function mongodUnavailable(): Promise<string | undefined> {
  try {
    await MongoBinary.getPath();
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

/**
 * Starts MongoDB through mongodb-memory-server: the binary named by MONGOMS_SYSTEM_BINARY, else a cached or
 * downloaded mongod, else (offline, no binary to be had) the bundled emulator. The fallback is announced loudly
 * because the emulator keeps data in memory only.
 */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const chosenBinary = process.env.MONGOMS_SYSTEM_BINARY;
  const emulator = emulatorBinaryPath();
  let kind: EmbeddedMongo['kind'] = chosenBinary && path.resolve(chosenBinary) === emulator ? 'emulator' : 'mongod';
  // A binary the developer chose (MONGOMS_SYSTEM_BINARY) is launched as it is, never silently replaced.
  const unavailable = chosenBinary ? undefined : await mongodUnavailable();
  let failure = unavailable;
  let server: MongoMemoryServer | undefined;
  if (!unavailable) {
    try {
      server = await launch(options);
    } catch (error) {
      if (chosenBinary) throw error;
      failure = describeError(error);
    }
  }
  if (!server) {
    options.logger.warn(
      `No mongod could be ${unavailable ? 'downloaded' : 'started'} (${failure}); using the in-memory stand-in — data is lost on restart. Set MONGODB_URI (or MONGOMS_SYSTEM_BINARY) to keep it.`,
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
