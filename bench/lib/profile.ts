/**
 * CPU profiles for the benchmarks: this process's profile for a chosen stretch (node:inspector), and a summary
 * of any .cpuprofile (self time by area and by function) within a time window. V8's profile timestamps and
 * process.hrtime() read the same monotonic clock, so a window taken here also cuts another process's profile
 * (e.g. the MongoDB emulator started with `--cpu-prof`).
 */
import { Session } from 'node:inspector';
import { readFileSync } from 'node:fs';

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Now, in the microseconds of V8's profile clock. */
export function profileClockMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export class SelfProfiler {
  private readonly session = new Session();

  private post<T>(method: string, params?: object): Promise<T> {
    return new Promise((resolve, reject) => {
      this.session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T)));
    });
  }

  async start(samplingIntervalMicros = 250): Promise<void> {
    this.session.connect();
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: samplingIntervalMicros });
    await this.post('Profiler.start');
  }

  async stop(): Promise<CpuProfile> {
    const { profile } = await this.post<{ profile: CpuProfile }>('Profiler.stop');
    await this.post('Profiler.disable');
    this.session.disconnect();
    return profile;
  }
}

/** Where a function lives, in the terms of the question "where does the time go". */
export function areaOf(url: string, functionName: string): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8/native (program)';
    return `native ${functionName || '(anonymous)'}`;
  }
  const path = url.replace(/^file:\/\//, '');
  const emulator = /packages\/mongod-emulator\/(?:dist|src)\/(.+?)\.[jt]s$/.exec(path);
  if (emulator) return `emulator ${emulator[1]}`;
  // The innermost package: mongoose's own copy of the driver counts as the driver.
  const pkg = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (pkg) {
    const name = pkg[1] as string;
    if (name === 'mongodb' || name === 'bson') return `driver (${name})`;
    return name;
  }
  const app = /\/(src|test|bench)\/(.+?)\.[jt]s$/.exec(path);
  if (app) return `${app[1]}/${app[2]}`;
  if (path.startsWith('node:')) return 'node internals';
  return path;
}

export interface ProfileSummary {
  /** Sampled time inside the window, ms. */
  totalMs: number;
  busyMs: number;
  byArea: { area: string; ms: number; share: number }[];
  byFunction: { fn: string; area: string; ms: number; share: number }[];
}

/** Self time by area and by function for the samples taken between `from` and `to` (profile clock, µs). */
export function summarizeProfile(profile: CpuProfile, from = -Infinity, to = Infinity, top = 15): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map<number, number>();
  let at = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < from || at > to) continue;
    const id = profile.samples[i] as number;
    // The sample's weight is the time until the next sample.
    const weight = profile.timeDeltas[i + 1] ?? delta;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + weight);
    total += weight;
  }
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, { area: string; us: number }>();
  for (const [id, us] of selfByNode) {
    const frame = (nodes.get(id) as CpuProfileNode).callFrame;
    const area = areaOf(frame.url, frame.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    const fn =
      `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.replace(/^.*\/(node_modules|src|test|bench|dist)\//, '$1/')}:${frame.lineNumber + 1}` : ''}`.trim();
    const entry = byFunction.get(fn) ?? { area, us: 0 };
    entry.us += us;
    byFunction.set(fn, entry);
  }
  const idle = byArea.get('idle') ?? 0;
  const busy = total - idle;
  const share = (us: number) => Math.round((us / (busy || 1)) * 1000) / 10;
  return {
    totalMs: Math.round(total / 1000),
    busyMs: Math.round(busy / 1000),
    byArea: [...byArea.entries()]
      .filter(([area]) => area !== 'idle')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([area, us]) => ({ area, ms: Math.round(us / 1000), share: share(us) })),
    byFunction: [...byFunction.entries()]
      .filter(([, e]) => e.area !== 'idle')
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([fn, e]) => ({ fn, area: e.area, ms: Math.round(e.us / 1000), share: share(e.us) })),
  };
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}
