import { ConfigError, loadConfig, secretsOf, type AppConfig } from '../config/env';
import { connectDatabase, disconnectDatabase, withDatabaseName } from '../db/connection';
import { startEmbeddedMongo, type EmbeddedMongo } from '../db/embedded-mongo';
import { createLogger } from '../logging/logger';
import '../models';
import { resealAllInstallations, type ResealCounts } from '../oauth/key-rotation';
import { TokenCipher } from '../oauth/token-cipher';

/**
 * `npm run rotate-keys`: reseals every installation's tokens with INSTALLATION_ENCRYPTION_KEY (opening them with
 * it or one of INSTALLATION_ENCRYPTION_OLD_KEYS), prints the counts, exits 0 when nothing is left on an old key.
 * Safe to run while Kontakt serves requests, to interrupt, and to run again. Reads the same settings as Kontakt.
 */
function summary(counts: ResealCounts): string {
  return `${counts.seen} installation(s): ${counts.resealed} resealed, ${counts.current} already current, ${counts.skipped} skipped, ${counts.failed.length} failed`;
}

async function openDatabase(config: AppConfig, logger: ReturnType<typeof createLogger>) {
  if (config.mongodb.uri) return { uri: config.mongodb.uri, embedded: undefined as EmbeddedMongo | undefined };
  // The embedded MongoDB keeps its files in MONGODB_DATA_DIR; only one process can open them (stop Kontakt first).
  const embedded = await startEmbeddedMongo({ dbPath: config.mongodb.dataDir, logger });
  if (embedded.kind === 'emulator') {
    await embedded.stop();
    throw new Error('No MONGODB_URI and no mongod binary: the in-memory fallback holds no installations to reseal.');
  }
  return { uri: withDatabaseName(embedded.uri, 'kontakt'), embedded };
}

async function main(): Promise<number> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const logger = createLogger({ level: config.log.level, format: config.log.format, secrets: secretsOf(config) });
  if (config.auth.kind !== 'oauth') {
    logger.error('rotate-keys reseals tokens stored by OAuth installs; with SLACK_BOT_TOKEN no token is stored.');
    return 1;
  }
  const cipher = new TokenCipher(config.auth.encryptionKeys.current, config.auth.encryptionKeys.old);
  const { uri, embedded } = await openDatabase(config, logger);
  try {
    await connectDatabase(uri);
    logger.info(`Resealing every installation's tokens with key ${cipher.currentKeyId}`);
    const counts = await resealAllInstallations(cipher, {
      logger,
      onProgress: (sofar) => logger.info(`… ${summary(sofar)}`),
    });
    logger.info(`Done: ${summary(counts)}`);
    if (counts.failed.length > 0) {
      logger.error(
        `Not resealed (add the key they were sealed with to INSTALLATION_ENCRYPTION_OLD_KEYS and run again, or have these workspaces reinstall): ${counts.failed.join(', ')}`,
      );
      return 1;
    }
    if (counts.skipped > 0) {
      logger.warn('Some installations changed during the run: run it again to finish.');
      return 1;
    }
    logger.info('Every token is sealed with the current key: INSTALLATION_ENCRYPTION_OLD_KEYS can be emptied.');
    return 0;
  } finally {
    await disconnectDatabase();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`rotate-keys failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
