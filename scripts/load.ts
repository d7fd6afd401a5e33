/**
 * `npm run load [-- --seconds 60 --users 50]`: simulated users mixing search, typeahead, create and log visit
 * against the HTTP receiver (test/reliability/load.test.ts with heavier settings). Prints throughput and
 * p50/p95/p99 of the acks; exits 1 on any error or a p99 ack of 1 s or more.
 */
import { parseArgs, runReliabilityTest } from './run-reliability';

interface LoadFigures {
  users: number;
  seconds: number;
  requests: number;
  errors: number;
  toldTryAgain: number;
  throughputPerSecond: number;
  ackMs: { p50: number; p95: number; p99: number; max: number };
  byKind: Record<string, { requests: number; p50: number; p95: number; p99: number }>;
  searchReplyMs: { p50: number; p95: number; p99: number };
}

const options = parseArgs(process.argv.slice(2), { seconds: 60, users: 50 });
const { status, report } = runReliabilityTest(
  'test/reliability/load.test.ts',
  { LOAD_SECONDS: String(options.seconds), LOAD_USERS: String(options.users) },
  'load',
  options.seconds * 1_000 + 120_000,
);
const f = report as LoadFigures | undefined;
if (!f) {
  console.error('The load run wrote no report (see the jest output above).');
  process.exit(1);
}
console.log(
  [
    '',
    `Load: ${f.users} users for ${f.seconds} s: ${f.requests} requests, ${f.errors} errors, ${f.toldTryAgain} told to try again, ${f.throughputPerSecond} requests/s`,
    `  ack (the app's own time): p50 ${f.ackMs.p50} ms, p95 ${f.ackMs.p95} ms, p99 ${f.ackMs.p99} ms, max ${f.ackMs.max} ms`,
    ...Object.entries(f.byKind).map(
      ([kind, s]) => `  ${kind}: ${s.requests} requests, p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms`,
    ),
    `  search reply (response_url): p50 ${f.searchReplyMs.p50} ms, p95 ${f.searchReplyMs.p95} ms, p99 ${f.searchReplyMs.p99} ms`,
    `  jest exit status: ${status}`,
  ].join('\n'),
);
process.exit(status === 0 && f.errors === 0 && f.ackMs.p99 < 1_000 ? 0 : 1);
