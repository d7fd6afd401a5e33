/**
 * The app under test for the reliability suite: startTestApp (the real startKontakt, HTTP receiver, fake Slack,
 * own database) plus what a reliability test needs to judge a run:
 *
 * - every HTTP exchange with the receiver (status, body, time to answer), so a 5xx, a late ack or a secret in a
 *   response body is seen;
 * - the listener runs still in progress, per workspace (a Bolt middleware added next to the app's own in-flight
 *   tracker), so a test knows when the work a request started after its ack is over;
 * - unhandled rejections and uncaught exceptions raised while the app runs in this process.
 *
 * Every reliability test ends with expectNoSecrets(app) (see secrets.ts): the suite-wide check of issue item 7.
 */
import type { App } from '@slack/bolt';
import * as appModule from '../../../src/app';
import { WAIT_PATIENCE_MS } from '../../harness/fake-slack-api';
import type { SlackHttpResponse } from '../../harness/slack-request';
import { startTestApp, type TestApp } from '../../support/test-app';
import { scanSlackTraffic, type Leak } from './secrets';

export interface Exchange {
  /** What was sent: the raw body (truncated) for diagnosis and the leak scan. */
  sent: string;
  status: number;
  text: string;
  elapsedMs: number;
}

export interface ProcessTrouble {
  kind: 'unhandledRejection' | 'uncaughtException';
  message: string;
}

export interface ReliableApp extends TestApp {
  app: App;
  exchanges: Exchange[];
  trouble: ProcessTrouble[];
  /** Secrets found in Slack traffic that fake.reset() then cleared (the scan runs before every reset). */
  leaksBeforeReset: Leak[];
  /** Listener runs in progress for a workspace id ('' for requests that carry none). */
  busy(teamId?: string): number;
  /** How many requests reached the app's middleware (past signature check and authorization) so far. */
  started(): number;
  /**
   * Resolves when no listener runs for workspaces `busy` selects (all when omitted: then also no background Home
   * re-publish); rejects after timeoutMs.
   */
  idle(select?: string[] | ((teamId: string) => boolean), timeoutMs?: number): Promise<void>;
}

const KEEP_SENT_CHARS = 2_000;

/** Starts the app with the extra instruments. One per test file (mongoose is one connection per file). */
export async function startReliableApp(
  env: Record<string, string> = {},
  instruments: { keepSentChars?: number } = {},
): Promise<ReliableApp> {
  const runs = new Map<string, number>();
  let startedCount = 0;
  let captured: App | undefined;
  const original = appModule.createApp;
  const spy = jest.spyOn(appModule, 'createApp').mockImplementation((config, deps) => {
    const made = original(config, deps);
    made.app.use(async ({ context, next }) => {
      const key = String(
        (context.isEnterpriseInstall ? context.enterpriseId : (context.teamId ?? context.enterpriseId)) ?? '',
      );
      runs.set(key, (runs.get(key) ?? 0) + 1);
      startedCount += 1;
      try {
        await next();
      } finally {
        runs.set(key, (runs.get(key) ?? 1) - 1);
      }
    });
    captured = made.app;
    return made;
  });
  const trouble: ProcessTrouble[] = [];
  const onRejection = (reason: unknown) => trouble.push({ kind: 'unhandledRejection', message: describe(reason) });
  const onException = (error: unknown) => trouble.push({ kind: 'uncaughtException', message: describe(error) });
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);

  let base: TestApp;
  try {
    base = await startTestApp(env);
  } finally {
    spy.mockRestore();
  }
  if (!captured) throw new Error('startReliableApp: createApp was not called through the module export');

  const exchanges: Exchange[] = [];
  const rawSend = base.slack.raw.bind(base.slack);
  base.slack.raw = async (body, options) => {
    const response: SlackHttpResponse = await rawSend(body, options);
    exchanges.push({
      sent: body.slice(0, instruments.keepSentChars ?? KEEP_SENT_CHARS),
      status: response.status,
      text: response.text,
      elapsedMs: response.elapsedMs,
    });
    return response;
  };

  const leaksBeforeReset: Leak[] = [];
  const reset = base.fake.reset.bind(base.fake);
  base.fake.reset = () => {
    scanSlackTraffic(base.fake, leaksBeforeReset, 'before a reset: ');
    reset();
  };

  const busy = (teamId?: string): number =>
    teamId === undefined ? [...runs.values()].reduce((sum, n) => sum + n, 0) : (runs.get(teamId) ?? 0);

  const idle = async (
    select?: string[] | ((teamId: string) => boolean),
    timeoutMs = WAIT_PATIENCE_MS,
  ): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    const chosen = typeof select === 'function' ? select : select ? (id: string) => select.includes(id) : () => true;
    const anyBusy = () => [...runs].some(([id, n]) => n > 0 && chosen(id));
    while (anyBusy()) {
      if (Date.now() > deadline)
        throw new Error(`Listener runs still in progress after ${timeoutMs} ms: ${JSON.stringify([...runs])}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // The whole app idle includes the Home re-publishes saves left running in the background.
    if (!select) await base.running.home.settled();
  };

  return {
    ...base,
    app: captured,
    exchanges,
    trouble,
    leaksBeforeReset,
    busy,
    started: () => startedCount,
    idle,
    stop: async () => {
      try {
        await base.stop();
      } finally {
        process.off('unhandledRejection', onRejection);
        process.off('uncaughtException', onException);
      }
    },
  };
}

function describe(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
}

/** Percentile (nearest rank) of a list of numbers; 0 for an empty list. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
