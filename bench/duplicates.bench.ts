/**
 * Duplicates benchmark (issue 18's speed target for finding them):
 *
 *   "At 100,000 contacts with 2,000 planted duplicate pairs: the first page of `/contact duplicates` ≤ 500 ms
 *    p95; every query index-backed."
 *
 * One workspace is seeded through the models as the other benchmarks do (notablescan on), then 2,000 pairs are
 * planted: half companies copied under another name (same address, city and phone: setup's rules match), half
 * persons copied under another name with the same e-mail. The workspace scan that builds the list is timed
 * in-process (the rebuild time), then Kontakt is started against the fake Slack and `/contact duplicates` is sent
 * as an admin, one at a time: time-to-result runs from sending the command until the fake Slack has the respond()
 * POST. A query no index serves fails under notablescan and shows as an error reply.
 *
 * A measurement, not a test: it exits 0 when a target is missed and prints FAIL.
 *
 *   npm run bench -- duplicates [--quick] [--contacts N] [--pairs N] [--samples N]
 */
import { parseArgs } from 'node:util';
import { Types } from 'mongoose';
import mongoose from 'mongoose';
import { secretsOf } from '../src/config/env';
import { benchAppConfig } from './lib/app-config';
import { disconnectDatabase, ensureIndexes } from '../src/db/connection';
import { t } from '../src/i18n';
import { createLogger } from '../src/logging/logger';
import { ContactModel, DuplicateCandidateModel } from '../src/models';
import type { ContactDocument } from '../src/models/contact.model';
import { computedParts, type ContactFields } from '../src/services/contacts/contact-record';
import { requestDuplicateScan, runDuplicateScan } from '../src/services/contacts/duplicate-scan.service';
import { formatContactNo } from '../src/services/contacts/numbering.service';
import { getContactSetup, saveSetupSection } from '../src/services/setup/setup.service';
import { startKontakt } from '../src/server';
import { FakeSlackApi } from '../test/harness/fake-slack-api';
import { slashCommand } from '../test/harness/payloads';
import { SlackRequestSender } from '../test/harness/slack-request';
import { TEST_SIGNING_SECRET } from '../test/support/test-app';
import { connectForSeeding, describeServer, startDatabase } from './lib/database';
import { seedWorkspace, setContactSeries } from './lib/seed';
import { round, summarize, table } from './lib/stats';

const TARGET_P95_MS = 500;
const WORKSPACE = 'T0001';
const ADMIN = 'U0BENCHADMIN';
const RESULT_TIMEOUT_MS = 15_000;

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      contacts: { type: 'string' },
      pairs: { type: 'string' },
      samples: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('npm run bench -- duplicates [--quick] [--contacts N] [--pairs N] [--samples N]\n');
    return undefined;
  }
  const quick = values.quick ?? false;
  return {
    contacts: Number(values.contacts ?? (quick ? 10_000 : 100_000)),
    pairs: Number(values.pairs ?? (quick ? 200 : 2_000)),
    samples: Number(values.samples ?? (quick ? 20 : 60)),
  };
}

/** A copy of a stored contact under another name and No., its search keys computed as the app computes them. */
function copyOf(
  doc: ContactDocument,
  no: string,
  change: Partial<ContactFields>,
  setup: Awaited<ReturnType<typeof getContactSetup>>,
) {
  const { _id, no: _no, search: _s, phoneE164: _p, mobileE164: _m, __v: _v, ...rest } = doc;
  const fields = {
    ...rest,
    ...change,
    searchName: (change.name ?? rest.name).toUpperCase(),
  } as unknown as ContactFields;
  return {
    ...fields,
    _id: new Types.ObjectId(),
    no,
    ...computedParts({ ...fields, no }, setup.defaults.phoneRegion, setup.duplicates.rows),
  };
}

export async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  if (!options) return;
  const watchdog = setTimeout(() => {
    log('watchdog: the run took longer than 30 minutes; giving up');
    process.exit(3);
  }, 30 * 60_000);
  watchdog.unref();

  const database = await startDatabase();
  log(`MongoDB: ${database.label}`);
  let fake: FakeSlackApi | undefined;
  try {
    await connectForSeeding(database.uri);
    await describeServer(database);
    for (const name of mongoose.modelNames().filter((model) => model !== ContactModel.modelName))
      await mongoose.model(name).createIndexes();
    const base = options.contacts - options.pairs;
    const seed = await seedWorkspace({ workspaceId: WORKSPACE, count: base, seed: 18 });
    log(`seeded ${seed.inserted.toLocaleString('en')} contacts in ${(seed.totalMs / 1000).toFixed(1)} s`);
    await ensureIndexes({ info: () => undefined });
    await saveSetupSection({
      workspaceId: WORKSPACE,
      userId: ADMIN,
      section: 'roles',
      version: 0,
      patch: { roles: { admins: [ADMIN], managers: [] } },
    });

    // ---- plant the pairs ----
    const setup = await getContactSetup(WORKSPACE);
    const companyIds = seed.samples.companies.slice(0, Math.ceil(options.pairs / 2)).map((c) => c.id);
    const personIds = seed.samples.persons.slice(0, options.pairs - companyIds.length).map((c) => c.id);
    const originals = await ContactModel.find({
      workspaceId: WORKSPACE,
      _id: { $in: [...companyIds, ...personIds] },
    }).lean<ContactDocument[]>();
    let n = base;
    const copies = originals.map((doc) =>
      copyOf(
        doc,
        formatContactNo(setup.numbering, (n += 1)),
        doc.type === 'company'
          ? { name: `${doc.name} Avd. Nord` }
          : { name: `${doc.name} Jr`, surname: `${doc.surname ?? ''} Jr`, email: doc.email ?? `kopi${n}@example.no` },
        setup,
      ),
    );
    await ContactModel.insertMany(copies, { ordered: false });
    await setContactSeries(WORKSPACE, n);
    log(
      `planted ${copies.length.toLocaleString('en')} copies (${companyIds.length} companies, ${personIds.length} persons)`,
    );

    // ---- rebuild ----
    const started = performance.now();
    await requestDuplicateScan(WORKSPACE);
    await runDuplicateScan(WORKSPACE);
    const rebuildMs = performance.now() - started;
    const pairs = await DuplicateCandidateModel.countDocuments({ workspaceId: WORKSPACE });
    const planted = await DuplicateCandidateModel.countDocuments({
      workspaceId: WORKSPACE,
      $or: [{ a: { $in: copies.map((c) => c._id) } }, { b: { $in: copies.map((c) => c._id) } }],
    });
    log(`rebuilt in ${(rebuildMs / 1000).toFixed(1)} s: ${pairs} pairs (${planted} involving a planted copy)`);
    await disconnectDatabase();

    // ---- /contact duplicates ----
    fake = await FakeSlackApi.start({ checkBlockKit: false });
    fake.setUser(ADMIN, { is_admin: true });
    const config = benchAppConfig(fake.url, database.uri);
    const appLogs: string[] = [];
    const logger = createLogger({
      level: 'warn',
      format: 'json',
      secrets: secretsOf(config),
      write: (line) => void appLogs.push(line),
    });
    const running = await startKontakt(config, logger);
    const sender = new SlackRequestSender({
      url: `http://127.0.0.1:${running.port}/slack/events`,
      signingSecret: TEST_SIGNING_SECRET,
    });
    const errors = (['error.database', 'error.slack', 'error.unexpected'] as const).map((key) => t(key));
    const times: number[] = [];
    let failures = 0;
    let shown = 0;
    for (let i = 0; i < options.samples + 3; i += 1) {
      const key = `d${i}`;
      const result = fake.waitForResponse((response) => response.key === key, RESULT_TIMEOUT_MS);
      result.catch(() => undefined);
      const begin = performance.now();
      await sender.command(
        slashCommand({ text: 'duplicates', userId: ADMIN, teamId: WORKSPACE, responseUrl: fake.responseUrl(key) }),
      );
      const body = (await result).body as { text?: string; blocks?: { fields?: unknown[] }[] };
      const ms = performance.now() - begin;
      if (errors.some((error) => body.text?.includes(error))) failures += 1;
      shown = (body.blocks ?? []).filter((b) => b.fields?.length === 2).length;
      if (i >= 3) times.push(ms); // the first few warm up
    }
    await running.stop();
    const summary = summarize(times);
    process.stdout.write(
      `\nDuplicates (${options.contacts.toLocaleString('en')} contacts, ${copies.length} planted pairs; ${database.label})\n` +
        table(
          ['measure', 'value'],
          [
            ['rebuild (workspace scan)', `${round(rebuildMs / 1000)} s`],
            ['pairs found', pairs],
            ['pairs involving a planted copy', planted],
            ['first page p50 / p95 / max', `${summary.p50} / ${summary.p95} / ${summary.max} ms`],
            ['pairs on the first page', shown],
            ['error replies (a collection scan would be one)', failures],
            [`first page p95 ≤ ${TARGET_P95_MS} ms`, summary.p95 <= TARGET_P95_MS && failures === 0 ? 'PASS' : 'FAIL'],
          ],
        ) +
        '\n',
    );
    if (appLogs.length > 0) log(`app warnings: ${appLogs.slice(0, 3).join(' | ')}`);
  } finally {
    clearTimeout(watchdog);
    await fake?.close().catch(() => undefined);
    await database.stop();
  }
}
