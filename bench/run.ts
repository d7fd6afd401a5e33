/**
 * Benchmark dispatcher: `npm run bench -- <name> [options]` runs bench/<name>.bench.ts; with no name (or only
 * options) it runs the full performance suite, bench/suite.bench.ts.
 *
 *   npm run bench                      the suite: 100,000 contacts, Kontakt against a bare Bolt app
 *   npm run bench -- --quick           the suite on 10,000 contacts, under a minute
 *   npm run bench -- search --quick
 *   npm run bench -- search --contacts 100000
 *   npm run bench -- search --help
 *   npm run bench -- import [--rows N]   /contact import of NAV CSV / .xlsx files: preview and import time, peak RSS
 *   npm run bench -- tasks [--quick]     Home with 200 open tasks, /contact tasks team, Done/Snooze ack over 50,000 tasks
 *   npm run bench -- register          the Enhetsregisteret typeahead (register at 1.4 s) and cached lookups
 *   npm run bench -- export [--quick]    /contact export of 200,000 contacts + 200,000 visits: duration, peak RSS
 *   npm run bench -- merge [--persons N] [--visits N]  merging a company with 50 persons / 5,000 visits, and undo
 *   npm run bench -- duplicates [--quick]  /contact duplicates at 100,000 contacts / 2,000 planted pairs: p95, rebuild
 *   npm run bench -- privacy [--runs N]  export of a person with 2,000 visits; erasure of a company, 50 persons, 5,000 visits
 */
interface Benchmark {
  description: string;
  /** Loaded only when chosen: a benchmark imports the whole app. */
  load(): Promise<{ main(argv: string[]): Promise<void> }>;
}

const benchmarks: Record<string, Benchmark> = {
  suite: {
    description:
      'the performance suite (default): every request kind against a bare Bolt app, concurrency sweep, DB commands, peak RSS',
    load: () => import('./suite.bench'),
  },
  search: {
    description:
      '/contact search time-to-result and typeahead latency, DB round trips and memory on a seeded workspace',
    load: () => import('./search.bench'),
  },
  import: {
    description:
      '/contact import of a 10,000-row NAV CSV and a 10,000-row .xlsx, then 50,000 rows: preview time, import time, peak RSS',
    load: () => import('./import.bench'),
  },
  opportunities: {
    description:
      'sales opportunities: 20,000 deals, 100,000 entries, 30 salespeople: team pipeline, card, stage change, manager Home p95; DB commands per pipeline',
    load: () => import('./opportunities.bench'),
  },
  tasks: {
    description:
      '50,000 tasks over 30 salespeople: Home with 200 open tasks, /contact tasks team, Done/Snooze ack (p95 each)',
    load: () => import('./tasks.bench'),
  },
  register: {
    description:
      'the Enhetsregisteret typeahead with a register taking 1.4 s, the cached typeahead and a cached lookup: p50/p95 ms',
    load: () => import('./register.bench'),
  },
  merge: {
    description:
      'merging a company with 50 persons and 5,000 visits (plus 20 opportunities, 20 tasks) into another, then its undo',
    load: () => import('./merge.bench'),
  },
  duplicates: {
    description:
      '/contact duplicates on 100,000 contacts with 2,000 planted pairs: first-page p95 and the workspace rebuild time',
    load: () => import('./duplicates.bench'),
  },
  export: {
    description:
      "/contact export of 200,000 contacts + 200,000 visits in a child process under npm start's heap cap: duration, rows, file sizes, peak RSS",
    load: () => import('./export.bench'),
  },
  privacy: {
    description:
      'personal data: export of a person with 2,000 visits, erasure of a company with 50 persons and 5,000 visits (ms)',
    load: () => import('./privacy.bench'),
  },
};

async function run(): Promise<void> {
  const args = process.argv.slice(2);
  // No benchmark named (nothing, or options only): the suite, with those options.
  const named = args[0] !== undefined && !args[0].startsWith('-');
  const [name, ...rest] = named ? args : ['suite', ...args];
  const benchmark = name ? benchmarks[name] : undefined;
  if (!benchmark) {
    const list = Object.entries(benchmarks).map(([key, b]) => `  ${key.padEnd(10)} ${b.description}`);
    process.stderr.write(
      `${name ? `Unknown benchmark "${name}". ` : ''}Usage: npm run bench -- <name> [options]   (options: npm run bench -- <name> --help)\n\n${list.join('\n')}\n`,
    );
    process.exitCode = name && name !== '--help' && name !== '-h' ? 1 : 0;
    return;
  }
  await (await benchmark.load()).main(rest);
}

run().then(
  // mongodb-memory-server and keep-alive sockets may linger: a finished benchmark ends the process.
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
