/** Starting a private mongod (the emulator, or the real binary given by MONGOMS_SYSTEM_BINARY). */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { target } from './env';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface MongodProcess {
  proc: ChildProcess;
  port: number;
  uri: string;
  dbpath: string;
  stdout: string[];
  stderr: string[];
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal (SIGTERM by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const noBinaryReason =
  'no mongod binary (MONGODB_TEST_URI without MONGOMS_SYSTEM_BINARY): process tests skipped';

/** `describe`, or `describe.skip` with the reason in its title: process tests need a binary, which a plain URI does not give. */
export function describeWithBinary(name: string, fn: () => void): void {
  if (target.binary) describe(name, fn);
  else describe.skip(`${name} [${noBinaryReason}]`, fn);
}

function lines(stream: NodeJS.ReadableStream | null, into: string[], onLine: () => void): void {
  let pending = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const l of parts) into.push(l);
    onLine();
  });
  stream?.on('end', () => {
    if (pending) into.push(pending);
    onLine();
  });
}

/**
 * Spawns the binary with mongod's usual flags and waits for the "Waiting for connections" log
 * line. Extra args are appended (e.g. ['--setParameter', 'notablescan=1']).
 */
export async function startMongod(extraArgs: string[] = [], opts: { timeoutMs?: number } = {}): Promise<MongodProcess> {
  const binary = target.binary;
  if (!binary) throw new Error(noBinaryReason);
  const port = await freePort();
  const dbpath = mkdtempSync(path.join(os.tmpdir(), 'mongod-emu-test-'));
  const args = ['--port', String(port), '--dbpath', dbpath, '--bind_ip', '127.0.0.1', '--noauth', ...extraArgs];
  const proc = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let ready!: () => void;
  const readyP = new Promise<void>((r) => (ready = r));
  const check = (): void => {
    if (stdout.some((l) => /waiting for connections/i.test(l))) ready();
  };
  lines(proc.stdout, stdout, check);
  lines(proc.stderr, stderr, () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => {
      rmSync(dbpath, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  const timeoutMs = opts.timeoutMs ?? 20000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    readyP.then(() => 'ready' as const),
    exited.then(() => 'exited' as const),
    new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    proc.kill('SIGKILL');
    throw new Error(
      `${binary} ${args.join(' ')} did not start (${outcome}):\n${stdout.join('\n')}\n${stderr.join('\n')}`,
    );
  }
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    const t = setTimeout(() => proc.kill('SIGKILL'), 10000);
    const r = await exited;
    clearTimeout(t);
    return r;
  };
  return { proc, port, uri: `mongodb://127.0.0.1:${port}/`, dbpath, stdout, stderr, exited, stop };
}
