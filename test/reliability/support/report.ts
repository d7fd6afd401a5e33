/**
 * Where the reliability figures go: printed (jest shows console output) and written as JSON next to the other
 * runs, so `npm run fuzz` / `npm run load` (which run jest) can print them in their closing summary.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function reportDir(): string {
  return process.env.RELIABILITY_REPORT_DIR ?? path.join(tmpdir(), 'kontakt-reliability');
}

export function writeReport(name: string, report: unknown): string {
  const dir = reportDir();
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** A number of the environment (scripts pass the heavier settings this way), or the default. */
export function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
