import { ConfigError, loadConfig, secretsOf } from './config/env';
import { createLogger } from './logging/logger';
import { startKontakt } from './server';
import { SlackStartupError } from './slack/bot-identity';

/** Entry point: config → database → Slack → serve; exits 1 with a readable message when any of it fails. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({
    level: config.log.level,
    format: config.log.format,
    secrets: secretsOf(config),
  });

  let running;
  try {
    running = await startKontakt(config, logger);
  } catch (error) {
    const known = error instanceof SlackStartupError;
    logger.error(`Kontakt could not start: ${error instanceof Error ? error.message : String(error)}`);
    if (!known) logger.debug(error);
    process.exit(1);
  }

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    logger.info(`${signal} received: finishing in-flight requests, then closing the database`);
    running.stop().then(
      () => {
        logger.info('Kontakt stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`Error while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
