/**
 * Issue item 6: load. Simulated users mixing search, typeahead, create and log visit against the HTTP receiver:
 * zero errors and p99 ack under 1 s. `npm test` runs a 5 s smoke with 10 users; `npm run load` runs 60 s with 50
 * users (LOAD_SECONDS / LOAD_USERS) and prints throughput and p50/p95/p99.
 */
import { clearUserCache } from '../../src/services/people/user-directory';
import { captureTemplates, type Templates } from './support/fuzz-corpus';
import { runLoad, type LoadReport } from './support/load-runner';
import { startReliableApp, type ReliableApp } from './support/reliable-app';
import { envNumber, writeReport } from './support/report';
import { expectNoSecrets } from './support/secrets';
import { seedWorkspace, USERS, type SeededWorkspace } from './support/seed';

const SECONDS = envNumber('LOAD_SECONDS', 5);
const USERS_COUNT = envNumber('LOAD_USERS', 10);

let kontakt: ReliableApp;
let ws: SeededWorkspace;
let templates: Templates;
let report: LoadReport;

beforeAll(
  async () => {
    kontakt = await startReliableApp();
    ws = await seedWorkspace('T0001', 'Alfa');
    kontakt.fake.setUser(USERS.admin, { is_admin: true });
    templates = await captureTemplates(kontakt, ws, USERS);
    await kontakt.idle();
    kontakt.fake.reset();
    clearUserCache();
    report = await runLoad(kontakt, ws, templates, { users: USERS_COUNT, seconds: SECONDS });
    const file = writeReport('load', report);
    console.log(`Load figures (${file}):\n${JSON.stringify(report, null, 2)}`);
  },
  SECONDS * 1_000 + 120_000,
);

afterAll(async () => {
  expectNoSecrets(kontakt);
  await kontakt.stop();
});

describe(`${USERS_COUNT} users for ${SECONDS} s`, () => {
  it('zero errors', () => {
    expect(report.errorSamples).toEqual([]);
    expect(report.errors).toBe(0);
  });

  it('p99 ack under 1 s', () => {
    expect(report.ackMs.p99).toBeLessThan(1_000);
  });

  it('every kind of request took part', () => {
    for (const kind of Object.values(report.byKind)) expect(kind.requests).toBeGreaterThan(0);
    expect(kontakt.trouble).toEqual([]);
  });
});
