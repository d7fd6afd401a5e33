/**
 * Starts the suite's apps (app-process.ts: Kontakt; bare-bolt.ts: the baseline) as child processes, compiled
 * (compile.ts; `node file.js`, as `npm start` runs) or through `node --import tsx`, waits for them to serve, asks
 * them for figures over IPC, reads their memory from /proc and stops them, every step bounded.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { procMemory, type ProcMemory } from './proc';

export interface ChildApp {
  name: string;
  pid: number;
  port: number;
  /** The app's own start time (startKontakt / app.start), as it measured it. */
  startMs: number;
  /** `http://127.0.0.1:PORT/slack/events`. */
  eventsUrl: string;
  /** Its stderr (warnings and errors), bounded. */
  stderrLines: string[];
  memory(): ProcMemory | undefined;
  /** Only for Kontakt with BENCH_MONITOR_COMMANDS=1: the MongoDB commands it sent since the last call. */
  takeCommands(): Promise<{ commands: string[]; failed: { command: string; code?: number; message: string }[] }>;
  /** Server-side ack times (ms) of the requests answered since the last call, in order (server-timing.ts). */
  takeServerTimes(): Promise<number[]>;
  /**
   * Only for Kontakt: resolves once the background work its requests left behind (debounced Home re-publishes) is
   * done, so that work is not counted against, or slow down, the next request.
   */
  settle(): Promise<void>;
  /** process.memoryUsage() of the child, MiB; with `collect`, also the live heap after a full GC (see server-timing.ts). */
  heap(collect?: boolean): Promise<Record<string, number>>;
  /** Resolves when the process ends, by itself or stopped: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops it (SIGTERM, then SIGKILL after `timeoutMs`); resolves with its memory just before. */
  stop(timeoutMs?: number): Promise<ProcMemory | undefined>;
}

export interface ChildOptions {
  name: string;
  /** The entry file, e.g. path.join(__dirname, 'app-process.ts'). */
  entry: string;
  /** 'compiled': `entry` is JavaScript, run by plain node; 'tsx': TypeScript, run with `--import tsx`. */
  runtime: 'compiled' | 'tsx';
  env: Record<string, string>;
  /** More node flags (e.g. heap limits). */
  nodeArgs?: string[];
  /** Run under `node --cpu-prof`, writing the profile into this directory on exit. */
  cpuProfDir?: string;
  readyTimeoutMs?: number;
}

const MAX_STDERR_LINES = 300;
const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Only what node and tsx need from this environment: the child's settings are exactly `env`. */
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG'];
  return Object.fromEntries(
    keep.flatMap((key) => (process.env[key] === undefined ? [] : [[key, process.env[key] as string]])),
  );
}

export async function startChild(options: ChildOptions): Promise<ChildApp> {
  // --expose-gc only lets the bench ask for a full GC at the very end (heap(true)); nothing calls it before.
  const execArgv = [
    ...(options.runtime === 'tsx' ? ['--import', 'tsx'] : []),
    '--expose-gc',
    ...(options.nodeArgs ?? []),
  ];
  if (options.cpuProfDir) {
    mkdirSync(options.cpuProfDir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`, '--cpu-prof-interval=250');
  }
  const child: ChildProcess = fork(options.entry, [], {
    cwd: REPO_ROOT,
    execArgv,
    env: { ...baseEnv(), ...options.env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const stderrLines: string[] = [];
  let partial = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '' && stderrLines.length < MAX_STDERR_LINES) stderrLines.push(line);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const ready = await new Promise<{ port: number; startMs: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${options.name} did not start within ${options.readyTimeoutMs ?? 60_000} ms:\n${stderrLines.slice(-20).join('\n')}`,
        ),
      );
    }, options.readyTimeoutMs ?? 60_000);
    const onMessage = (message: { type?: string; port?: number; startMs?: number }) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve({ port: message.port as number, startMs: message.startMs ?? Number.NaN });
    };
    child.on('message', onMessage);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${options.name} exited with ${signal ?? `code ${code}`} before it served:\n${[...stderrLines, partial].slice(-30).join('\n')}`,
        ),
      );
    });
  });

  const pid = child.pid as number;
  /** One question over IPC, answered by a message of type `replyType`. */
  const ask = (type: string, replyType: string, timeoutMs = 5_000): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`${options.name} did not answer "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: Record<string, unknown>) => {
        if (message.type !== replyType) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send({ type });
    });
  let stopped: Promise<ProcMemory | undefined> | undefined;
  return {
    name: options.name,
    pid,
    port: ready.port,
    startMs: ready.startMs,
    eventsUrl: `http://127.0.0.1:${ready.port}/slack/events`,
    stderrLines,
    exited,
    memory: () => procMemory(pid),
    takeCommands: () =>
      ask('take-commands', 'commands').then((m) => ({
        commands: (m.commands ?? []) as string[],
        failed: (m.failed ?? []) as { command: string; code?: number; message: string }[],
      })),
    takeServerTimes: () => ask('take-server-times', 'server-times').then((m) => (m.times ?? []) as number[]),
    // A publish waits out its debounce (≤ 3 s after the first save) and then runs: give it that and more.
    settle: () => ask('settle', 'settled', 30_000).then(() => undefined),
    heap: (collect = false) =>
      ask(collect ? 'memory-gc' : 'memory', 'memory').then((m) => (m.memory ?? {}) as Record<string, number>),
    stop: (timeoutMs = 15_000) =>
      (stopped ??= (async () => {
        const memory = procMemory(pid);
        if (child.exitCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
        return memory;
      })()),
  };
}
