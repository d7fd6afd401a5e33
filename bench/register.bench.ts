/**
 * Company register benchmark (issue: Enhetsregisteret). Kontakt is started with startKontakt() against the fake
 * Slack and a local fake Enhetsregisteret (test/support/fake-register.ts) that answers after a set delay, and
 * signed requests are sent one at a time:
 *
 * - the "Find in Enhetsregisteret" typeahead with the register taking 1.4 s: the ack's round trip (Slack's 3 s);
 * - the same typeahead once its answer is cached: the project's typeahead target, p95 ≤ 100 ms;
 * - a cached lookup inside the app (CompanyRegister.lookup on a fresh cache entry): target p95 ≤ 20 ms;
 * - the weekly check over a workspace of `--companies` companies with an org.nr. (default 10,000): the contact
 *   typeahead's p95 (target ≤ 100 ms) with no check running and while the check runs at its real pace for
 *   `--check-seconds`, the pace it kept (≤ 2 questions a second), and the check's own cost per company with no
 *   pacing (how long 10,000 would take if the register let it).
 *
 * A measurement, not a test: it prints the figures and FAIL for a missed target, and exits 0.
 *
 *   npm run bench -- register [--samples N] [--delay MS] [--companies N] [--check-seconds S] [--quick]
 */
import { parseArgs } from 'node:util';
import { secretsOf } from '../src/config/env';
import { benchAppConfig } from './lib/app-config';
import { ids } from '../src/ids';
import { createLogger } from '../src/logging/logger';
import { startKontakt, type RunningKontakt } from '../src/server';
import mongoose from 'mongoose';
import { disconnectDatabase, ensureIndexes } from '../src/db/connection';
import { ContactModel } from '../src/models/contact.model';
import { orgNoOf } from '../src/services/company-register/org-no';
import { runRegisterChecks } from '../src/services/company-register/register-check.service';
import { saveSetupSection } from '../src/services/setup/setup.service';
import { seedWorkspace } from './lib/seed';
import { FakeSlackApi } from '../test/harness/fake-slack-api';
import { blockSuggestion } from '../test/harness/payloads';
import { SlackRequestSender } from '../test/harness/slack-request';
import { enhet, FakeRegister, orgNo } from '../test/support/fake-register';
import { TEST_SIGNING_SECRET } from '../test/support/test-app';
import { connectForSeeding, startDatabase } from './lib/database';
import { summarize, table } from './lib/stats';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const WORKSPACE = 'T0001';

/**
 * The contact typeahead (one query at a time) measured with no check running, then while the weekly check runs at
 * its real pace for `seconds`; then the check again with no pace, over every company, for its own cost.
 */
async function weeklyCheck(
  running: RunningKontakt,
  sender: SlackRequestSender,
  names: string[],
  seconds: number,
  samples: number,
) {
  const typeahead = async (): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < samples; i += 1) {
      const started = performance.now();
      await sender.options(
        blockSuggestion({
          actionId: ids.actions.contactPicker,
          blockId: ids.visitField.contact,
          value: names[i % names.length]!.split(' ')[0]!,
        }),
      );
      times.push(performance.now() - started);
    }
    return times;
  };
  log(`contact typeahead with no check running (${samples} queries)`);
  const quiet = await typeahead();
  log(`contact typeahead while the weekly check runs at its pace (${seconds} s)`);
  const tell = async () => undefined;
  // The cached-lookup measure above filled the cache with every company: the check must ask the register.
  running.register.clear();
  const startedAt = performance.now();
  const check = runRegisterChecks({ register: running.register, tell, deadline: Date.now() + seconds * 1000 });
  const busy: number[] = [];
  while (performance.now() - startedAt < seconds * 1000) busy.push(...(await typeahead()));
  const paced = await check;
  const pacedSeconds = (performance.now() - startedAt) / 1000;
  log('the weekly check with no pace, over every company');
  running.register.clear();
  await mongoose.connection.db!.collection('register_checks').deleteMany({});
  const unpacedStart = performance.now();
  const unpaced = await runRegisterChecks({
    register: running.register,
    tell,
    deadline: Date.now() + 30 * 60_000,
    paceMs: 0,
  });
  const unpacedSeconds = (performance.now() - unpacedStart) / 1000;
  return {
    quiet,
    busy,
    paced: {
      checked: paced.checked,
      seconds: Math.round(pacedSeconds),
      perSecond: Math.round((paced.checked / pacedSeconds) * 100) / 100,
    },
    unpaced: {
      checked: unpaced.checked,
      seconds: Math.round(unpacedSeconds * 10) / 10,
      msPerCompany: Math.round(((unpacedSeconds * 1000) / Math.max(1, unpaced.checked)) * 10) / 10,
    },
  };
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      samples: { type: 'string', default: '200' },
      delay: { type: 'string', default: '1400' },
      companies: { type: 'string' },
      'check-seconds': { type: 'string', default: '30' },
      quick: { type: 'boolean', default: false },
    },
  });
  const samples = Number(values.samples);
  const delayMs = Number(values.delay);
  const companies = Number(values.companies ?? (values.quick ? 2_000 : 10_000));
  const checkSeconds = Number(values['check-seconds']);
  const database = await startDatabase();
  const fake = await FakeSlackApi.start();
  const register = await FakeRegister.start();
  log(`seeding ${companies.toLocaleString('en')} companies with an org.nr. for the weekly check`);
  await connectForSeeding(database.uri);
  await ensureIndexes({ info: () => undefined });
  const seeded = await seedWorkspace({ workspaceId: WORKSPACE, count: companies, seed: 20, companyShare: 1 });
  const companyNames = seeded.samples.companies.map((company) => company.name);
  for (const company of await ContactModel.find({ workspaceId: WORKSPACE }, { vatRegNo: 1, name: 1 }).lean()) {
    const number = orgNoOf(company.vatRegNo);
    if (number) register.add(enhet({ orgNo: number, navn: company.name }));
  }
  await saveSetupSection({
    workspaceId: WORKSPACE,
    userId: 'U0ADMIN',
    section: 'register',
    version: 0,
    patch: { registerCheck: true },
  });
  await disconnectDatabase();
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
    const weekly = await weeklyCheck(running, sender, companyNames, checkSeconds, samples);
    const rows = [
      ['typeahead, register 1.4 s (ack)', slow, 3000],
      // The whole request (signature, Bolt, the user's language) — the project's typeahead target, as in the search bench.
      ['typeahead, cached (ack)', cachedTypeahead, 100],
      ['cached lookup (in the app)', cachedLookup, 20],
      ['contact typeahead, no check running', weekly.quiet, 100],
      ['contact typeahead, weekly check running', weekly.busy, 100],
    ] as const;
    process.stdout.write(
      `${table(
        ['measure', 'n', 'p50 ms', 'p95 ms', 'max ms', 'target p95', 'verdict'],
        rows.map(([name, list, target]) => {
          const s = summarize(list);
          return [name, s.count, s.p50, s.p95, s.max, `≤ ${target}`, s.p95 <= target ? 'ok' : 'FAIL'];
        }),
      )}\nslow typeahead answered with companies: ${slowFound}/${slow.length}\n` +
        `weekly check at its pace: ${weekly.paced.checked} companies in ${weekly.paced.seconds} s ` +
        `(${weekly.paced.perSecond} a second; limit 2)\n` +
        `weekly check unpaced (its own cost): ${weekly.unpaced.checked.toLocaleString('en')} companies in ` +
        `${weekly.unpaced.seconds} s (${weekly.unpaced.msPerCompany} ms each; ` +
        `${companies.toLocaleString('en')} at 2 a second ≈ ${Math.round(companies / 2 / 60)} min a week)\n`,
    );
  } finally {
    await running.stop();
    await register.close();
    await fake.close();
    await database.stop();
  }
}
