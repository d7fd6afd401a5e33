/**
 * The database goes away mid-run, twice, while users create contacts, log visits, search and type in pickers:
 *
 * 1. killed with requests in flight: the gate freezes, a burst of requests is sent (they wait on the database),
 *    the database process is SIGKILLed, and for 4 s requests keep coming; then it is restarted on the same port;
 * 2. stalled: connections stay open and requests arrive, but no answer comes back (a hung database or a black-holed
 *    network path). It starts exactly as a probe visit's insert reaches the server, so that visit is stored but its
 *    answer lost (the case a retry must repair); a burst is sent into it and traffic keeps coming for 5 s; then
 *    answers flow again.
 *
 * Checked per request, never on counts that depend on how fast this machine is: every request is answered (no
 * 5xx, no missed ack) and acknowledged inside Slack’s 3 s as the app itself measures it (x-kontakt-ack-ms; on a CPU-starved
 * machine only a bound far below the driver’s 30 s, see STARVED_LAG_MS); every
 * create and visit is either saved or the user reads "Kontakt could not reach its database just now. Please try
 * again in a moment." (that sentence, not a Slack or generic one); every search gets a reply; every
 * typeahead an options list; /healthz says 503 for every check made while the database was away or stalled and
 * 200 after; the app recovers by itself; every save acknowledged is in the database; every request the user was
 * told to retry succeeds when retried, stored once; and afterwards the workspace's invariants hold. Figures
 * (requests, in-app ack times, recovery) are printed and written, not asserted.
 */
import './support/slack-deadline-bounds';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import mongoose, { Types } from 'mongoose';
import { ids } from '../../src/ids';
import { clearUserCache } from '../../src/services/people/user-directory';
import { blockSuggestion, slashCommand, viewSubmission } from '../harness/payloads';
import type { SlackHttpResponse } from '../harness/slack-request';
import type { SentView } from '../support/contact-flows';
import { fillView } from '../support/modal-state';
import { captureTemplates, type Templates } from './support/fuzz-corpus';
import { invariantProblems } from './support/fuzz-runner';
import { OutageMongo } from './support/outage-mongo';
import { percentile, sleep, startReliableApp, type ReliableApp } from './support/reliable-app';
import { writeReport } from './support/report';
import { expectNoSecrets } from './support/secrets';
import { seedWorkspace, USERS, type SeededWorkspace } from './support/seed';
import { saysTryAgain } from './support/try-again';

const DOWN_FOR_MS = 4_000;
const STALLED_FOR_MS = 5_000;
/** How long the harness waits for the app to save again after the database is back (not an assertion). */
const RECOVERY_PATIENCE_MS = 30_000;
const SLACK_DEADLINE_MS = 3_000;
/**
 * The failure this file guards against is a request held by the driver's own timeouts (30 s). On a machine that
 * gives the process the CPU, every ack must also be inside Slack's 3 s; on a starved one (the event loop itself was
 * late by more than STARVED_LAG_MS at p99 — a CI box running other work) 3 s is a figure the app cannot control,
 * so it is printed, and only this bound, far below the driver's, is asserted.
 */
const STARVED_LAG_MS = 100;
const BOUNDED_ACK_MS = 15_000;
/** "Try again in a moment": how long a user keeps retrying after the database is back (waits 1, 2, 4… s). */
const RETRY_PATIENCE_MS = 60_000;
const TEAM = 'T0001';

let mongo: OutageMongo;
let kontakt: ReliableApp;
let ws: SeededWorkspace;
let templates: Templates;

beforeAll(async () => {
  mongo = await OutageMongo.start('kontakt_outage');
  kontakt = await startReliableApp({ MONGODB_URI: mongo.uri, SUBMIT_ANSWER_DEADLINE_MS: '2500' });
  ws = await seedWorkspace(TEAM, 'Alfa');
  kontakt.fake.setUser(USERS.admin, { is_admin: true });
  templates = await captureTemplates(kontakt, ws, USERS);
  await kontakt.idle();
}, 60_000);

afterAll(async () => {
  expectNoSecrets(kontakt);
  await kontakt?.stop();
  await mongo?.stop();
});

type Kind = 'create contact' | 'log visit' | 'search' | 'typeahead';
const KINDS: Kind[] = ['create contact', 'log visit', 'search', 'typeahead'];
type Phase = 'before' | 'down' | 'back' | 'stalled' | 'after';

interface Sample {
  kind: Kind;
  phase: Phase;
  /** Sent into the frozen gate just before the kill, or into the stall: in flight by construction. */
  burst?: 'kill' | 'stall';
  /** The visit whose insert started the stall. */
  probe?: boolean;
  sentAt: number;
  status: number;
  /** The app's own time from receipt to ack (x-kontakt-ack-ms). */
  ackMs: number;
  /** The client's stopwatch, for the figures only. */
  clientMs: number;
  /** What the user read: ack errors, the response_url reply, or the options returned. */
  told?: string;
  saved?: { contactName?: string; visitKey?: string };
  /** Sends exactly the same request again, as the user does after "try again". */
  retry?: () => Promise<Sample>;
}

let serial = 0;
const randomWord = () => Array.from(randomBytes(7), (b) => String.fromCharCode(97 + (b % 26))).join('');

function submit(
  view: SentView,
  typed: Record<string, string>,
  viewId: string,
  privateMetadata = view.private_metadata,
) {
  return kontakt.slack.interactive(
    viewSubmission({
      userId: USERS.sales,
      viewId,
      callbackId: view.callback_id,
      privateMetadata,
      blocks: view.blocks,
      values: fillView(view, typed),
    }),
  );
}

function sampleOf(kind: Kind, phase: Phase, sentAt: number, r: SlackHttpResponse): Sample {
  return { kind, phase, sentAt, status: r.status, ackMs: r.ackMs ?? Number.NaN, clientMs: r.elapsedMs };
}

/** A view submission: saved when acked with nothing, else the inline errors are what the user read. */
function judgeSubmission(s: Sample, r: SlackHttpResponse, saved: Sample['saved']): Sample {
  const ack = r.json as { errors?: Record<string, string> } | undefined;
  if (r.status === 200 && ack === undefined) s.saved = saved;
  else if (ack?.errors) s.told = Object.values(ack.errors).join(' ');
  return s;
}

async function createContact(phase: () => Phase, name: string, viewId: string, metadata: string): Promise<Sample> {
  const sentAt = Date.now();
  const r = await submit(templates.contactCompany, { [ids.contactField.blocks.name]: name }, viewId, metadata);
  const s = judgeSubmission(sampleOf('create contact', phase(), sentAt, r), r, { contactName: name });
  s.retry = () => createContact(phase, name, viewId, metadata);
  return s;
}

async function logVisit(phase: () => Phase, viewId: string, description = ''): Promise<Sample> {
  const sentAt = Date.now();
  const typed = {
    [ids.visitField.contact]: ws.company.id,
    [ids.visitField.date]: '2026-01-20',
    ...(description ? { [ids.visitField.description]: description } : {}),
  };
  const r = await submit(templates.logVisitCreate, typed, viewId);
  const s = judgeSubmission(sampleOf('log visit', phase(), sentAt, r), r, { visitKey: `view:${viewId}` });
  s.retry = () => logVisit(phase, viewId, description);
  return s;
}

/** Written into the probe visit: the stall starts as the insert carrying it reaches the server. */
const PROBE = `stall-probe-${randomBytes(6).toString('hex')}`;

async function one(kind: Kind, phase: () => Phase): Promise<Sample> {
  const n = (serial += 1);
  if (kind === 'create contact') {
    // Each "New contact" modal reserves its own contact id; names unlike each other, so none is held back as a
    // possible duplicate.
    const metadata = JSON.stringify({
      ...(JSON.parse(templates.contactCompany.private_metadata ?? '{}') as object),
      contactId: new Types.ObjectId().toString(),
    });
    return createContact(phase, `${randomWord()} ${randomWord()} ${n}`, `VOUT${n}`, metadata);
  }
  if (kind === 'log visit') return logVisit(phase, `VVIS${n}`);
  const sentAt = Date.now();
  if (kind === 'search') {
    const key = `out${n}`;
    const r = await kontakt.slack.command(
      slashCommand({ text: 'search alfa', userId: USERS.sales, responseUrl: kontakt.fake.responseUrl(key) }),
    );
    const s = sampleOf(kind, phase(), sentAt, r);
    const reply = await kontakt.fake.waitForResponse((x) => x.key === key, 20_000).catch(() => undefined);
    if (reply) s.told = String(reply.body.text);
    return s;
  }
  const r = await kontakt.slack.options(
    blockSuggestion({ actionId: ids.actions.contactPicker, userId: USERS.sales, value: 'alfa' }),
  );
  return { ...sampleOf(kind, phase(), sentAt, r), told: r.text };
}

/**
 * The checks below read the database through this process's connection, bounded like the app's: after the stall a
 * starved machine can need more than one server selection before it answers, so wait until a ping goes through.
 */
async function databaseAnswers(): Promise<void> {
  const giveUp = Date.now() + RETRY_PATIENCE_MS;
  for (;;) {
    const ok = await mongoose.connection
      .db!.command({ ping: 1 })
      .then(() => true)
      .catch(() => false);
    if (ok || Date.now() > giveUp) return;
    await sleep(500);
  }
}

/** Told the database could not be reached, to try again in a moment (not blamed on anything else). */
const triedAgain = (s: Sample) => !s.saved && saysTryAgain(s.told);
const describeSample = (s: Sample) =>
  `${s.kind} (${s.burst ? `${s.burst} burst` : s.phase}): HTTP ${s.status}, ack ${Math.round(s.ackMs)} ms, told ${JSON.stringify(s.told?.slice(0, 80) ?? null)}`;

describe('MongoDB killed with requests in flight, then stalled, and back each time', () => {
  const samples: Sample[] = [];
  const retries: { first: Sample; again: Sample[] }[] = [];
  const health: { sentAt: number; at: number; status: number }[] = [];
  const windows: Record<'down' | 'stalled', { from: number; to: number }> = {
    down: { from: 0, to: 0 },
    stalled: { from: 0, to: 0 },
  };
  const firstSaveAfter: Record<'down' | 'stalled', number> = { down: 0, stalled: 0 };

  const lag = monitorEventLoopDelay({ resolution: 20 });
  let lagP99Ms = 0;

  beforeAll(async () => {
    clearUserCache();
    lag.enable();
    let phase: Phase = 'before';
    let trafficOn = true;
    const traffic = Promise.all(
      KINDS.map(async (kind) => {
        while (trafficOn) samples.push(await one(kind, () => phase));
      }),
    );
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const sentAt = Date.now();
        const response = await fetch(`${kontakt.baseUrl}/healthz`).catch(() => undefined);
        health.push({ sentAt, at: Date.now(), status: response?.status ?? 0 });
        await sleep(200);
      }
    })();
    const burst = (kind: 'kill' | 'stall') =>
      KINDS.map((k) => one(k, () => phase).then((s) => void samples.push({ ...s, burst: kind })));
    /** Traffic goes on until a contact saved after `since` shows the app works again by itself. */
    const untilSavedAgain = async (since: number): Promise<number> => {
      const giveUp = Date.now() + RECOVERY_PATIENCE_MS;
      for (;;) {
        const saved = samples.find((s) => s.kind === 'create contact' && s.saved && s.sentAt >= since);
        if (saved) return saved.sentAt;
        if (Date.now() > giveUp) return 0;
        await sleep(100);
      }
    };

    await sleep(1_500);

    // 1. Killed with requests in flight.
    mongo.freeze();
    windows.down.from = Date.now();
    phase = 'down';
    const killBurst = burst('kill');
    const busyUntil = Date.now() + 2_000;
    while (kontakt.busy(TEAM) < KINDS.length && Date.now() < busyUntil) await sleep(5);
    await mongo.kill();
    await sleep(DOWN_FOR_MS);
    await mongo.restart();
    windows.down.to = Date.now();
    phase = 'back';
    await Promise.all(killBurst);
    firstSaveAfter.down = await untilSavedAgain(windows.down.to);
    await sleep(1_000);

    // 2. Stalled: open connections, no answers — from the probe visit's insert on.
    mongo.stallWhenSent(PROBE);
    phase = 'stalled';
    const probe = logVisit(() => phase, 'VPROBE', PROBE).then((s) => void samples.push({ ...s, probe: true }));
    const stallUntil = Date.now() + RECOVERY_PATIENCE_MS;
    while (!mongo.stalled && Date.now() < stallUntil) await sleep(5);
    mongo.stall(); // (already stalled, unless the probe never reached the database)
    windows.stalled.from = Date.now();
    const stallBurst = [probe, ...burst('stall')];
    await sleep(STALLED_FOR_MS);
    mongo.unstall();
    windows.stalled.to = Date.now();
    phase = 'after';
    await Promise.all(stallBurst);
    firstSaveAfter.stalled = await untilSavedAgain(windows.stalled.to);
    await sleep(1_000);

    trafficOn = false;
    await traffic;
    polling = false;
    await poller;
    await kontakt.idle();

    lag.disable();
    lagP99Ms = lag.percentile(99) / 1e6;

    // What a user does when told "try again in a moment": the same form, sent again a little later until it goes
    // through (on a starved machine the database that is back can still miss the 2 s bound a few times).
    for (const first of samples.filter((s) => s.retry && triedAgain(s))) {
      const again: Sample[] = [];
      const giveUp = Date.now() + RETRY_PATIENCE_MS;
      for (let wait = 1_000; !again.at(-1)?.saved && Date.now() < giveUp; wait = Math.min(wait * 2, 8_000)) {
        if (again.length > 0) await sleep(wait);
        again.push(await first.retry!());
      }
      retries.push({ first, again });
    }
    await kontakt.idle();
    await databaseAnswers();

    const acks = samples.map((s) => s.ackMs);
    const during = (w: 'down' | 'stalled') =>
      samples.filter((s) => s.sentAt >= windows[w].from && s.sentAt < windows[w].to);
    const figures = {
      requests: Object.fromEntries(
        (['before', 'down', 'back', 'stalled', 'after'] as Phase[]).map((p) => [
          p,
          samples.filter((s) => s.phase === p).length,
        ]),
      ),
      toldTryAgain: {
        down: during('down').filter(triedAgain).length,
        stalled: during('stalled').filter(triedAgain).length,
      },
      savedAcknowledged: samples.filter((s) => s.saved).length,
      retried: retries.length,
      ackMsInApp: { p50: percentile(acks, 50), p95: percentile(acks, 95), max: Math.max(...acks) },
      ackMsInAppWhileStalled: Math.max(0, ...during('stalled').map((s) => s.ackMs)),
      clientMsMax: Math.max(...samples.map((s) => s.clientMs)),
      databaseDownMs: windows.down.to - windows.down.from,
      stalledMs: windows.stalled.to - windows.stalled.from,
      firstSaveAfterRestartMs: firstSaveAfter.down ? firstSaveAfter.down - windows.down.to : null,
      firstSaveAfterStallMs: firstSaveAfter.stalled ? firstSaveAfter.stalled - windows.stalled.to : null,
      healthzChecks: health.length,
      acksOver3s: samples.filter((s) => !(s.ackMs < SLACK_DEADLINE_MS)).length,
      eventLoopLagP99Ms: Math.round(lagP99Ms),
      mostRetriesOfOneRequest: Math.max(0, ...retries.map((r) => r.again.length)),
    };
    writeReport('db-outage', figures);
    console.log(`Database outage figures:\n${JSON.stringify(figures, null, 2)}`);
  }, 300_000);

  it('every request is answered (no 5xx, no missed ack) inside Slack’s 3 s as the app measures it', () => {
    // On a starved machine the bound is the app's own (far below the driver's 30 s); see STARVED_LAG_MS.
    const deadline = lagP99Ms > STARVED_LAG_MS ? BOUNDED_ACK_MS : SLACK_DEADLINE_MS;
    expect(samples.filter((s) => s.status !== 200 || !(s.ackMs < deadline)).map(describeSample)).toEqual([]);
    expect(kontakt.trouble).toEqual([]);
  });

  it('the probe visit was stored but its answer lost: the user was told to try again', async () => {
    const probe = samples.find((s) => s.probe);
    expect(probe && triedAgain(probe)).toBe(true);
    const stored = await mongoose.connection
      .db!.collection('visits')
      .countDocuments({ workspaceId: TEAM, idempotencyKey: 'view:VPROBE', description: PROBE });
    expect(stored).toBe(1);
  });

  it('requests were in flight when the database was killed and when it stalled, and each was answered', () => {
    for (const kind of ['kill', 'stall'] as const) {
      const burst = samples.filter((s) => s.burst === kind);
      expect(burst.map((s) => s.kind).sort()).toEqual([...KINDS].sort());
      expect(burst.filter((s) => s.status !== 200).map(describeSample)).toEqual([]);
    }
  });

  it('every create and visit is saved or the user reads that the database could not be reached, to try again', () => {
    const forms = samples.filter((s) => s.kind === 'create contact' || s.kind === 'log visit');
    const blamedElsewhere = forms.filter((s) => !s.saved && !triedAgain(s)).map(describeSample);
    // What the app logged as failed names the error that was not recognised as the database's.
    const failures = blamedElsewhere.length > 0 ? kontakt.logs.filter((line) => / failed: /.test(line)).slice(-20) : [];
    expect({ blamedElsewhere, failures }).toEqual({ blamedElsewhere: [], failures: [] });
  });

  it('every search gets a reply (results or "try again"); every typeahead an options list', () => {
    expect(samples.filter((s) => s.kind === 'search' && !s.told).map(describeSample)).toEqual([]);
    const typeahead = samples.filter((s) => s.kind === 'typeahead');
    for (const s of typeahead) expect(JSON.parse(s.told ?? 'null')).toMatchObject({ options: expect.any(Array) });
  });

  it('/healthz says 503 for every check made while the database was away or stalled, and 200 after', () => {
    for (const w of ['down', 'stalled'] as const) {
      const inside = health.filter((h) => h.sentAt >= windows[w].from && h.at < windows[w].to);
      expect(inside.length).toBeGreaterThan(0);
      expect(inside.filter((h) => h.status !== 503)).toEqual([]);
    }
    expect(health.at(-1)?.status).toBe(200);
  });

  it('recovers by itself (no restart of the app): saving works again after each outage', () => {
    expect(firstSaveAfter.down).toBeGreaterThan(0);
    expect(firstSaveAfter.stalled).toBeGreaterThan(0);
  });

  it('nothing acknowledged to the user as saved is lost', async () => {
    const db = mongoose.connection.db!;
    const contacts = samples.filter((s) => s.saved?.contactName).map((s) => s.saved!.contactName!);
    const visits = samples.filter((s) => s.saved?.visitKey).map((s) => s.saved!.visitKey!);
    expect(contacts.length).toBeGreaterThan(0);
    expect(visits.length).toBeGreaterThan(0);
    const storedNames = new Set(
      (await db.collection('contacts').find({ workspaceId: TEAM }).toArray()).map((c) => c.name as string),
    );
    const storedKeys = new Set(
      (await db.collection('visits').find({ workspaceId: TEAM }).toArray()).map((v) => v.idempotencyKey as string),
    );
    expect(contacts.filter((name) => !storedNames.has(name))).toEqual([]);
    expect(visits.filter((key) => !storedKeys.has(key))).toEqual([]);
  });

  it('what the user was told to retry succeeds when retried, and is stored once', async () => {
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.filter((r) => !r.again.at(-1)?.saved).map((r) => describeSample(r.again.at(-1) ?? r.first))).toEqual(
      [],
    );
    const db = mongoose.connection.db!;
    const names = retries.map((r) => r.again.at(-1)!.saved!.contactName).filter(Boolean) as string[];
    const keys = retries.map((r) => r.again.at(-1)!.saved!.visitKey).filter(Boolean) as string[];
    for (const name of names)
      expect([name, await db.collection('contacts').countDocuments({ workspaceId: TEAM, name })]).toEqual([name, 1]);
    for (const key of keys)
      expect([key, await db.collection('visits').countDocuments({ workspaceId: TEAM, idempotencyKey: key })]).toEqual([
        key,
        1,
      ]);
    const nos = (await db.collection('contacts').find({ workspaceId: TEAM }).toArray()).map((c) => c.no as string);
    expect(new Set(nos).size).toBe(nos.length);
  });

  // A write cut in half by the outage is completed by the user's retry (the visit count, the persons' company name),
  // so no repair job is needed for the workspace to be consistent afterwards.
  it('afterwards the workspace is consistent (visit counts, company names, links)', async () => {
    expect(await invariantProblems(TEAM)).toEqual([]);
  });
});
