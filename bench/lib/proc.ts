/** Memory figures of this process and of others on the same machine, from /proc (Linux). */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

export interface ProcMemory {
  /** Resident set size now, in MiB. */
  rssMiB: number;
  /** Peak resident set size (VmHWM) since start or the last resetPeak(), in MiB. */
  peakMiB: number;
}

function statusField(status: string, field: string): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}

/** RSS and peak RSS of `pid` ('self' for this process); undefined where /proc is not readable. */
export function procMemory(pid: number | 'self' = 'self'): ProcMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = statusField(status, 'VmRSS');
    const peak = statusField(status, 'VmHWM');
    return rss === undefined || peak === undefined ? undefined : { rssMiB: round1(rss), peakMiB: round1(peak) };
  } catch {
    return undefined;
  }
}

/** Resets this process's VmHWM to its current RSS (writing 5 to clear_refs); false where not allowed. */
export function resetPeak(pid: number | 'self' = 'self'): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Child processes of this process whose command line contains `needle` (e.g. the mongod started for us). */
export function childProcesses(needle: string): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the parenthesised command name, which may itself contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      if (cmdline.includes(needle)) found.push({ pid: Number(entry), cmdline });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
