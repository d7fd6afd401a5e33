/**
 * Issue item 6: load. Simulated users mixing search, typeahead, create and log visit against the HTTP receiver:
 * every request answered, zero errors. `npm test` runs a 5 s smoke with 10 users and asserts no speed (the suite
 * runs on busy machines); `npm run load` runs 60 s with 50 users (LOAD_SECONDS / LOAD_USERS), prints throughput
 * and p50/p95/p99 of the app's own ack times, and fails on a p99 of 1 s or more.
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
  // Every request answered 200 (Bolt answers 404 to one no listener acked), every ack as Slack expects
  // it, every search replied, every user told to try again saved on retrying.
  it('zero errors', () => {
    expect(report.errorSamples).toEqual([]);
    expect(report.errors).toBe(0);
  });

  it('every kind of request took part', () => {
    for (const kind of Object.values(report.byKind)) expect(kind.requests).toBeGreaterThan(0);
    expect(kontakt.trouble).toEqual([]);
  });
});
