/**
 * Company register benchmark (issue: Enhetsregisteret). Kontakt is started with startKontakt() against the fake
 * Slack and a local fake Enhetsregisteret (test/support/fake-register.ts) that answers after a set delay, and
 * signed requests are sent one at a time:
 *
 * - the "Find in Enhetsregisteret" typeahead with the register taking 1.4 s: the ack's round trip (Slack's 3 s);
 * - the same typeahead once its answer is cached: the project's typeahead target, p95 ≤ 100 ms;
 * - a cached lookup inside the app (CompanyRegister.lookup on a fresh cache entry): target p95 ≤ 20 ms.
 *
 * A measurement, not a test: it prints the figures and FAIL for a missed target, and exits 0.
 *
 *   npm run bench -- register [--samples N] [--delay MS]
 */
import { parseArgs } from 'node:util';
import { secretsOf } from '../src/config/env';
import { benchAppConfig } from './lib/app-config';
import { ids } from '../src/ids';
import { createLogger } from '../src/logging/logger';
import { startKontakt } from '../src/server';
import { FakeSlackApi } from '../test/harness/fake-slack-api';
import { blockSuggestion } from '../test/harness/payloads';
import { SlackRequestSender } from '../test/harness/slack-request';
import { enhet, FakeRegister, orgNo } from '../test/support/fake-register';
import { TEST_SIGNING_SECRET } from '../test/support/test-app';
import { startDatabase } from './lib/database';
import { summarize, table } from './lib/stats';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { samples: { type: 'string', default: '200' }, delay: { type: 'string', default: '1400' } },
  });
  const samples = Number(values.samples);
  const delayMs = Number(values.delay);
  const database = await startDatabase();
  const fake = await FakeSlackApi.start();
  const register = await FakeRegister.start();
  for (let i = 0; i < 200; i += 1) {
    const first8 = String(10_000_000 + i * 37);
    try {
      register.add(enhet({ orgNo: orgNo(first8), navn: `Nordlys ${i} AS` }));
    } catch {
      // eight digits with no valid check digit: skipped
    }
  }
  const config = benchAppConfig(fake.url, database.uri, { COMPANY_REGISTER_URL: register.url });
  const logger = createLogger({ level: 'warn', format: 'json', secrets: secretsOf(config), write: () => undefined });
  const running = await startKontakt(config, logger);
  const sender = new SlackRequestSender({
    url: `http://127.0.0.1:${running.port}/slack/events`,
    signingSecret: TEST_SIGNING_SECRET,
  });
  const typeahead = async (value: string) => {
    const started = performance.now();
    const response = await sender.options(
      blockSuggestion({ actionId: ids.actions.registerPicker, blockId: ids.contactField.registerBlock, value }),
    );
    const ms = performance.now() - started;
    const options = (response.json as { options?: { value: string }[] } | undefined)?.options ?? [];
    return { ms, found: options.some((option) => option.value !== '-') };
  };
  try {
    log(`typeahead with the register taking ${delayMs} ms (${Math.min(samples, 20)} uncached queries)`);
    register.delayMs = delayMs;
    const slow: number[] = [];
    let slowFound = 0;
    for (let i = 0; i < Math.min(samples, 20); i += 1) {
      const result = await typeahead(`nordlys ${i}`);
      slow.push(result.ms);
      if (result.found) slowFound += 1;
    }
    register.delayMs = 0;
    log(`typeahead served from the cache (${samples} queries)`);
    const cachedTypeahead: number[] = [];
    for (let i = 0; i < samples; i += 1) cachedTypeahead.push((await typeahead(`nordlys ${i % 20}`)).ms);
    const known = [...register.entities.keys()];
    for (const number of known) await running.register.lookup(number);
    const cachedLookup: number[] = [];
    for (let i = 0; i < samples * 10; i += 1) {
      const started = performance.now();
      await running.register.lookup(known[i % known.length]!);
      cachedLookup.push(performance.now() - started);
    }
    const rows = [
      ['typeahead, register 1.4 s (ack)', slow, 3000],
      // The whole request (signature, Bolt, the user's language) — the project's typeahead target, as in the search bench.
      ['typeahead, cached (ack)', cachedTypeahead, 100],
      ['cached lookup (in the app)', cachedLookup, 20],
    ] as const;
    process.stdout.write(
      `${table(
        ['measure', 'n', 'p50 ms', 'p95 ms', 'max ms', 'target p95', 'verdict'],
        rows.map(([name, list, target]) => {
          const s = summarize(list);
          return [name, s.count, s.p50, s.p95, s.max, `≤ ${target}`, s.p95 <= target ? 'ok' : 'FAIL'];
        }),
      )}\nslow typeahead answered with companies: ${slowFound}/${slow.length}\n`,
    );
  } finally {
    await running.stop();
    await register.close();
    await fake.close();
    await database.stop();
  }
}
