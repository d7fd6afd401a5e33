/**
 * `npm run fuzz -- --cases 20000 [--seed 7] [--lanes 10]`: the fuzz campaign of test/reliability/fuzz.test.ts with
 * more cases. Prints cases run, failures by category and listener, ack latencies; exits 1 when a property fails.
 * A failing case is reproduced with the same --seed (its index is in the report, with the payload).
 */
import { parseArgs, runReliabilityTest } from './run-reliability';

interface FuzzFigures {
  cases: number;
  seed: number;
  mutated: number;
  writes: number;
  durationMs: number;
  ack: { p50: number; p95: number; p99: number; max: number };
  slowAcks: number[];
  failuresByCategory: Record<string, number>;
  failuresByTarget: Record<string, number>;
  failures: { category: string; knownBug?: string }[];
}

const options = parseArgs(process.argv.slice(2), { cases: 20_000, seed: 20260601, lanes: 10 });
const { status, report } = runReliabilityTest(
  'test/reliability/fuzz.test.ts',
  { FUZZ_CASES: String(options.cases), FUZZ_SEED: String(options.seed), FUZZ_LANES: String(options.lanes) },
  'fuzz',
  Math.max(600_000, options.cases * 100),
);
const figures = report as FuzzFigures | undefined;
if (!figures) {
  console.error('The fuzz run wrote no report (see the jest output above).');
  process.exit(1);
}
const known = new Set(['5xx-unroutable', 'unacked-unknown-id', 'unacked-unroutable']);
const unexplained = figures.failures.filter((f) => !f.knownBug && !known.has(f.category)).length;
const ms = (n: number) => `${Math.round(n)} ms`;
console.log(
  [
    '',
    `Fuzz: ${figures.cases} cases (seed ${figures.seed}, ${figures.mutated} mutated, ${figures.writes} wrote) in ${(figures.durationMs / 1000).toFixed(1)} s`,
    `  ack of answered requests (the app's own time): p50 ${ms(figures.ack.p50)}, p95 ${ms(figures.ack.p95)}, p99 ${ms(figures.ack.p99)}, max ${ms(figures.ack.max)}; ${figures.slowAcks.length} later than 3 s`,
    `  failures by category: ${JSON.stringify(figures.failuresByCategory)}`,
    `  failures not explained by a known bug: ${unexplained}`,
    `  jest exit status: ${status}`,
  ].join('\n'),
);
process.exit(status === 0 && unexplained === 0 ? 0 : 1);
