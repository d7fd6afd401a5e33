import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// `npm start` runs the compiled dist/index.js; tests run the same entry point from source through tsx's loader, in
// one process (the tsx CLI would put a wrapper process in between, and a SIGKILL to it orphans the app).
const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
const entry = path.join(__dirname, '..', '..', 'src', 'index.ts');
/** Patience for a start on a busy machine (transpiling the app alone can take 10 s there); not a speed check. */
export const START_PATIENCE_MS = 60_000;
const running = new Set<ChildProcess>();

/** For afterEach: a process a failed test left running is killed. */
export function killLeftoverProcesses(): void {
  for (const child of running) child.kill('SIGKILL');
}

export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the test stopped the process (SIGTERM after `whileRunning`), false when it exited by itself. */
  stoppedByTest: boolean;
}

/**
 * Runs src/index.ts as `npm start` would, in a directory of its own (so no developer .env is read) with exactly
 * `env`. With `whileRunning`, the process gets SIGTERM once that resolves (SIGKILL if it throws).
 */
export function runKontakt(
  env: Record<string, string>,
  whileRunning?: (output: () => string) => Promise<void>,
): Promise<Exit> {
  const child = spawn(process.execPath, ['--import', tsxLoader, entry], {
    cwd: mkdtempSync(path.join(tmpdir(), 'kontakt-start-')),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let stoppedByTest = false;
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  running.add(child);
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr, stoppedByTest });
    }),
  );
  if (whileRunning) {
    void whileRunning(() => stdout + stderr).then(
      () => {
        stoppedByTest = child.exitCode === null;
        child.kill('SIGTERM');
      },
      (error) => {
        child.kill('SIGKILL');
        stderr += `\n[test] ${error}`;
      },
    );
  }
  return exited;
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A local port nothing listens on (bound, then released): a Slack that cannot be reached. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A fresh empty directory. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
