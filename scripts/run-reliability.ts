/**
 * Shared by scripts/fuzz.ts and scripts/load.ts: runs one reliability test file through jest (which starts the
 * test MongoDB, the app and the fake Slack exactly as `npm test` does) with heavier settings in the environment,
 * then prints the figures the test wrote.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function parseArgs<K extends string>(argv: string[], defaults: Record<K, number>): Record<K, number> {
  const values: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i] ?? '');
    if (!match) continue;
    const name = match[1] as string;
    const raw = match[2] ?? argv[++i];
    if (!(name in defaults))
      throw new Error(
        `Unknown option --${name} (known: ${Object.keys(defaults)
          .map((k) => `--${k}`)
          .join(', ')})`,
      );
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got ${raw}`);
    values[name] = value;
  }
  return values as Record<K, number>;
}

export function runReliabilityTest(
  testFile: string,
  env: Record<string, string>,
  reportName: string,
  timeoutMs: number,
): { status: number; report: unknown } {
  const reportDir = mkdtempSync(path.join(tmpdir(), 'kontakt-reliability-'));
  const root = path.resolve(__dirname, '..');
  const jest = require.resolve('jest/bin/jest', { paths: [root] });
  const result = spawnSync(process.execPath, [jest, '--runTestsByPath', testFile, '--testTimeout', String(timeoutMs)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env, RELIABILITY_REPORT_DIR: reportDir },
  });
  const file = path.join(reportDir, `${reportName}.json`);
  const report = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
  return { status: result.status ?? 1, report };
}
