/**
 * The baseline: a bare Bolt app with the same Bolt version and the same receiver (HTTPReceiver on /slack/events,
 * same signing secret) as Kontakt, whose only middleware acknowledges everything (events are acked by Bolt
 * itself before middleware runs). Whatever Kontakt's ack costs beyond this app's is Kontakt's own cost.
 *
 * Started by children.ts as `node --import tsx` this file. Environment: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN,
 * SLACK_API_URL (the fake Slack; the bot ids are given, so Bolt makes no auth.test call), BENCH_BOT_ID,
 * BENCH_BOT_USER_ID. IPC as app-process.ts: ready, take-server-times, memory, stop (or SIGTERM).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { memoryReport, ServerTiming } from './server-timing';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const timing = new ServerTiming();
  const started = performance.now();
  const receiver = new HTTPReceiver({ signingSecret: required('SLACK_SIGNING_SECRET'), endpoints: '/slack/events' });
  const app = new App({
    token: required('SLACK_BOT_TOKEN'),
    botId: process.env.BENCH_BOT_ID,
    botUserId: process.env.BENCH_BOT_USER_ID,
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: required('SLACK_API_URL') },
  });
  app.use(async (args) => {
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'take-server-times') process.send?.({ type: 'server-times', times: timing.take() });
    else if (message.type === 'memory' || message.type === 'memory-gc')
      process.send?.({ type: 'memory', memory: memoryReport(message.type === 'memory-gc') });
    else if (message.type === 'stop') stop();
  });
  process.send?.({ type: 'ready', port, startMs: performance.now() - started });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The bare Bolt app did not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
