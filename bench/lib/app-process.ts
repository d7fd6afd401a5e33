/**
 * Kontakt in a process of its own, so the suite reads the app's own peak RSS (VmHWM) and CPU profile, without the
 * bench's seeding, fake Slack and request sender in them. Started by children.ts as `node --import tsx` this file;
 * configured from the environment exactly as src/index.ts is (parseConfig; no .env file is read), and started
 * with startKontakt(), the function `npm start` runs.
 *
 * IPC with the parent (child_process.fork):
 *   → { type: 'ready', port, startMs }                once serving
 *   ← { type: 'take-commands' } → { type: 'commands', commands, failed }   the MongoDB commands sent since the last
 *                                                                         take, as `name.collection` (`find.contacts`)
 *                                                                         (only with BENCH_MONITOR_COMMANDS=1
 *                                                                         and monitorCommands=true in MONGODB_URI)
 *   ← { type: 'take-server-times' } → { type: 'server-times', times }   server-side ack times (server-timing.ts)
 *   ← { type: 'memory' } → { type: 'memory', memory }  process.memoryUsage() in MiB
 *   ← { type: 'settle' } → { type: 'settled' }         once the background Home re-publishes pending now are done
 *   ← { type: 'stop' } or SIGTERM                     stops Kontakt (in-flight requests finish) and exits 0
 */
import { LogLevel } from '@slack/bolt';
import mongoose from 'mongoose';
import type { CommandFailedEvent, CommandStartedEvent } from 'mongodb';
import { parseConfig, secretsOf } from '../../src/config/env';
import { createLogger } from '../../src/logging/logger';
import { startKontakt } from '../../src/server';
import { memoryReport, ServerTiming } from './server-timing';

/** Warnings and errors go to stderr for the parent to count and quote; bounded so a noisy failure stays readable. */
const MAX_LOG_LINES = 200;

function send(message: object): void {
  process.send?.(message);
}

/** The command's name and, when it works on a collection, that collection (`find.contacts`). */
function commandLabel(event: CommandStartedEvent): string {
  const target = event.commandName === 'getMore' ? event.command.collection : event.command[event.commandName];
  return typeof target === 'string' && target !== '' ? `${event.commandName}.${target}` : event.commandName;
}

async function main(): Promise<void> {
  const timing = new ServerTiming();
  const config = parseConfig(process.env);
  let lines = 0;
  const logger = createLogger({
    level: config.log.level,
    format: 'json',
    secrets: secretsOf(config),
    // Bolt resets the logger's level to its own default, so the level is checked here.
    write: (line, level) => {
      if ((level === LogLevel.WARN || level === LogLevel.ERROR) && (lines += 1) <= MAX_LOG_LINES)
        process.stderr.write(`${line}\n`);
    },
  });
  const started = performance.now();
  const running = await startKontakt(config, logger);
  const startMs = performance.now() - started;

  let commands: string[] = [];
  let failed: { command: string; code?: number; message: string }[] = [];
  if (process.env.BENCH_MONITOR_COMMANDS === '1') {
    const client = mongoose.connection.getClient();
    if (!client.options.monitorCommands)
      throw new Error('monitorCommands=true in MONGODB_URI was not taken up by the driver');
    // `find.contacts`, `aggregate.contacts`, `getMore.contacts`: the collection tells whose command it is.
    client.on('commandStarted', (event: CommandStartedEvent) => commands.push(commandLabel(event)));
    client.on('commandFailed', (event: CommandFailedEvent) => {
      const error = event.failure as Error & { code?: number };
      failed.push({ command: event.commandName, code: error.code, message: error.message.slice(0, 200) });
    });
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stopping Kontakt: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'take-commands') {
      send({ type: 'commands', commands, failed });
      commands = [];
      failed = [];
    } else if (message.type === 'take-server-times') send({ type: 'server-times', times: timing.take() });
    else if (message.type === 'settle') void running.home.settled().then(() => send({ type: 'settled' }));
    else if (message.type === 'memory' || message.type === 'memory-gc')
      send({ type: 'memory', memory: memoryReport(message.type === 'memory-gc') });
    else if (message.type === 'stop') stop();
  });
  // The parent went away: do not linger.
  process.on('disconnect', stop);
  send({ type: 'ready', port: running.port, startMs });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Kontakt did not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
