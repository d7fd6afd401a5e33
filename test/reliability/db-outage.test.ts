/**
 * Issue item 4: the database goes away mid-run. The app runs on a MongoDB this file owns (support/outage-mongo);
 * users create contacts, log visits, search and type in pickers; the database process is killed, and for 10 s
 * requests keep coming; 4 s in, the database is restarted on the same port. Checked: the app stays up; every
 * request is answered within Slack's 3 s, and while the database is away the user reads "try again in a moment"
 * (the typeahead, which can only answer with options, answers an empty list); /healthz goes 503, then 200; every
 * contact and visit the app acknowledged as saved is in the database at the end; and the app works again by
 * itself, without a restart. The figures (requests, latencies, recovery time) are printed and written.
 */
import { randomBytes } from 'node:crypto';
import { ids } from '../../src/ids';
import { clearUserCache } from '../../src/services/people/user-directory';
import { blockSuggestion, slashCommand, viewSubmission } from '../harness/payloads';
import type { SentView } from '../support/contact-flows';
import { fillView } from '../support/modal-state';
import mongoose, { Types } from 'mongoose';
import { captureTemplates, type Templates } from './support/fuzz-corpus';
import { OutageMongo } from './support/outage-mongo';
import { percentile, sleep, startReliableApp, type ReliableApp } from './support/reliable-app';
import { writeReport } from './support/report';
import { expectNoSecrets } from './support/secrets';
import { seedWorkspace, USERS, type SeededWorkspace } from './support/seed';

const OUTAGE_TRAFFIC_MS = 10_000;
const RESTART_AFTER_MS = 4_000;
const TRY_AGAIN = /try again in a moment/i;

let mongo: OutageMongo;
let kontakt: ReliableApp;
let ws: SeededWorkspace;
let templates: Templates;

beforeAll(async () => {
  mongo = await OutageMongo.start('kontakt_outage');
  kontakt = await startReliableApp({ MONGODB_URI: mongo.uri });
  ws = await seedWorkspace('T0001', 'Alfa');
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
interface Sample {
  kind: Kind;
  at: number;
  status: number;
  ackMs: number;
  /** What the user read (ack errors, or the response_url reply), and when (ms after sending). */
  told?: string;
  toldMs?: number;
  saved?: { contactName?: string; visitKey?: string };
  phase: 'before' | 'down' | 'back';
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

/** Each "New contact" modal reserves its own contact id; one modal per create, as in Slack. */
function freshContactMetadata(view: SentView): string {
  return JSON.stringify({
    ...(JSON.parse(view.private_metadata ?? '{}') as object),
    contactId: new Types.ObjectId().toString(),
  });
}

async function one(kind: Kind, phase: () => Sample['phase']): Promise<Sample> {
  const n = (serial += 1);
  const at = Date.now();
  const sample = (status: number, ackMs: number): Sample => ({ kind, at, status, ackMs, phase: phase() });
  if (kind === 'create contact') {
    // Names unlike each other, so no save is held back as a possible duplicate.
    const name = `${randomWord()} ${randomWord()} ${n}`;
    const r = await submit(
      templates.contactCompany,
      { [ids.contactField.blocks.name]: name },
      `VOUT${n}`,
      freshContactMetadata(templates.contactCompany),
    );
    const s = sample(r.status, r.elapsedMs);
    const ack = r.json as { response_action?: string; errors?: Record<string, string> } | undefined;
    if (r.status === 200 && ack === undefined) s.saved = { contactName: name };
    else if (ack?.errors) Object.assign(s, { told: Object.values(ack.errors).join(' '), toldMs: r.elapsedMs });
    return s;
  }
  if (kind === 'log visit') {
    const viewId = `VVIS${n}`;
    const r = await submit(
      templates.logVisitCreate,
      { [ids.visitField.contact]: ws.company.id, [ids.visitField.date]: '2026-01-20' },
      viewId,
    );
    const s = sample(r.status, r.elapsedMs);
    const ack = r.json as { errors?: Record<string, string> } | undefined;
    if (r.status === 200 && ack === undefined) s.saved = { visitKey: `view:${viewId}` };
    else if (ack?.errors) Object.assign(s, { told: Object.values(ack.errors).join(' '), toldMs: r.elapsedMs });
    return s;
  }
  if (kind === 'search') {
    const key = `out${n}`;
    const r = await kontakt.slack.command(
      slashCommand({ text: 'search alfa', userId: USERS.sales, responseUrl: kontakt.fake.responseUrl(key) }),
    );
    const s = sample(r.status, r.elapsedMs);
    const reply = await kontakt.fake.waitForResponse((x) => x.key === key, 6_000).catch(() => undefined);
    if (reply) Object.assign(s, { told: String(reply.body.text), toldMs: reply.at - at });
    return s;
  }
  const r = await kontakt.slack.options(
    blockSuggestion({ actionId: ids.actions.contactPicker, userId: USERS.sales, value: 'alfa' }),
  );
  return { ...sample(r.status, r.elapsedMs), told: JSON.stringify(r.json) };
}

describe('MongoDB stops mid-run and comes back', () => {
  const samples: Sample[] = [];
  const health: { at: number; status: number }[] = [];
  let killedAt = 0;
  let reopenedAt = 0;
  let firstSaveAfter = 0;
  let healthBackAt = 0;

  beforeAll(async () => {
    clearUserCache();
    let phase: Sample['phase'] = 'before';
    const kinds: Kind[] = ['create contact', 'log visit', 'search', 'typeahead'];
    const traffic = async (until: () => boolean) => {
      await Promise.all(
        kinds.map(async (kind) => {
          while (!until()) samples.push(await one(kind, () => phase));
        }),
      );
    };
    // Normal service first.
    const normalUntil = Date.now() + 1_500;
    await traffic(() => Date.now() > normalUntil);
    await kontakt.idle();
    await mongo.takeSnapshot();

    await mongo.kill();
    killedAt = Date.now();
    phase = 'down';
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const response = await fetch(`${kontakt.baseUrl}/healthz`).catch(() => undefined);
        health.push({ at: Date.now(), status: response?.status ?? 0 });
        await sleep(200);
      }
    })();
    const restarter = (async () => {
      await sleep(RESTART_AFTER_MS);
      await mongo.restart();
      reopenedAt = Date.now();
      phase = 'back';
    })();
    const end = killedAt + OUTAGE_TRAFFIC_MS;
    await traffic(() => Date.now() > end);
    await restarter;
    // Keep going until a save works again (the app must recover on its own), for at most 20 s more.
    const giveUp = Date.now() + 20_000;
    while (!firstSaveAfter && Date.now() < giveUp) {
      const s = await one('create contact', () => 'back');
      samples.push(s);
      if (s.saved) firstSaveAfter = s.at + s.ackMs;
    }
    const firstBack = samples.find((s) => s.saved && s.at + s.ackMs > reopenedAt && s.phase !== 'before');
    if (firstBack) firstSaveAfter = Math.min(firstSaveAfter || Infinity, firstBack.at + firstBack.ackMs);
    await sleep(1_200);
    polling = false;
    await poller;
    await kontakt.idle();
    healthBackAt = health.find((h) => h.at > reopenedAt && h.status === 200)?.at ?? 0;

    const down = samples.filter((s) => s.phase !== 'before');
    const figures = {
      requests: {
        before: samples.length - down.length,
        duringOutageAndRecovery: down.length,
        byKind: Object.fromEntries(kinds.map((k) => [k, down.filter((s) => s.kind === k).length])),
      },
      ackMs: {
        p50: percentile(
          down.map((s) => s.ackMs),
          50,
        ),
        p95: percentile(
          down.map((s) => s.ackMs),
          95,
        ),
        p99: percentile(
          down.map((s) => s.ackMs),
          99,
        ),
        max: Math.max(...down.map((s) => s.ackMs)),
      },
      toldMs: {
        p50: percentile(
          down.filter((s) => s.toldMs).map((s) => s.toldMs!),
          50,
        ),
        max: Math.max(0, ...down.filter((s) => s.toldMs).map((s) => s.toldMs!)),
      },
      databaseDownMs: reopenedAt - killedAt,
      recovery: {
        firstSaveAfterDatabaseBackMs: firstSaveAfter ? firstSaveAfter - reopenedAt : null,
        healthzBackAfterDatabaseBackMs: healthBackAt ? healthBackAt - reopenedAt : null,
      },
      healthz: {
        first503AfterKillMs: (health.find((h) => h.status === 503)?.at ?? killedAt) - killedAt,
        checks: health.length,
        down: health.filter((h) => h.status === 503).length,
      },
      savedAcknowledged: samples.filter((s) => s.saved).length,
    };
    writeReport('db-outage', figures);
    console.log(`Database outage figures:\n${JSON.stringify(figures, null, 2)}`);
  }, 90_000);

  it('the app stays up: every request is answered, none with a 5xx, all within Slack’s 3 s', () => {
    expect(samples.filter((s) => s.status !== 200).map((s) => `${s.kind} ${s.status}`)).toEqual([]);
    expect(
      samples
        .filter((s) => s.ackMs >= 3_000)
        .map((s) => `${s.kind} acked after ${Math.round(s.ackMs)} ms (${s.phase})`),
    ).toEqual([]);
    expect(kontakt.trouble).toEqual([]);
  });

  it('while the database is away, users read "try again in a moment" — within 3 s — instead of silence', () => {
    const down = samples.filter((s) => s.phase === 'down' && s.kind !== 'typeahead');
    expect(down.length).toBeGreaterThan(8);
    const unhappy = down.filter((s) => !s.saved && !(s.told && (TRY_AGAIN.test(s.told) || s.kind === 'search')));
    expect(unhappy.map((s) => `${s.kind}: ${s.told ?? 'nothing'}`)).toEqual([]);
    const searchFailures = down.filter((s) => s.kind === 'search' && s.told && !/match|contact/i.test(s.told));
    expect(searchFailures.every((s) => TRY_AGAIN.test(s.told!))).toBe(true);
    const late = down.filter((s) => s.toldMs !== undefined && s.toldMs >= 3_000);
    expect(late.map((s) => `${s.kind}: told after ${Math.round(s.toldMs!)} ms`)).toEqual([]);
  });

  it('the typeahead answers an empty list (the only answer an options request can carry)', () => {
    const down = samples.filter((s) => s.phase === 'down' && s.kind === 'typeahead');
    expect(down.length).toBeGreaterThan(0);
    for (const s of down) expect(JSON.parse(s.told ?? 'null')).toMatchObject({ options: expect.any(Array) });
  });

  it('/healthz goes 503 while the database is away and 200 once it is back', () => {
    expect(health.some((h) => h.at < reopenedAt && h.status === 503)).toBe(true);
    expect(health.filter((h) => h.at < reopenedAt && h.at > killedAt + 1_500).every((h) => h.status === 503)).toBe(
      true,
    );
    expect(healthBackAt).toBeGreaterThan(0);
    expect(health.at(-1)?.status).toBe(200);
  });

  it('recovers by itself (no restart): saving works again soon after the database is back', () => {
    expect(firstSaveAfter).toBeGreaterThan(0);
    expect(firstSaveAfter - reopenedAt).toBeLessThan(10_000);
  });

  it('nothing acknowledged to the user as saved is lost', async () => {
    const db = mongoose.connection.db!;
    const contacts = samples.filter((s) => s.saved?.contactName).map((s) => s.saved!.contactName!);
    const visits = samples.filter((s) => s.saved?.visitKey).map((s) => s.saved!.visitKey!);
    expect(contacts.length).toBeGreaterThan(0);
    expect(visits.length).toBeGreaterThan(0);
    const storedNames = new Set(
      (await db.collection('contacts').find({ workspaceId: 'T0001' }).toArray()).map((c) => c.name as string),
    );
    const storedKeys = new Set(
      (await db.collection('visits').find({ workspaceId: 'T0001' }).toArray()).map((v) => v.idempotencyKey as string),
    );
    expect(contacts.filter((name) => !storedNames.has(name))).toEqual([]);
    expect(visits.filter((key) => !storedKeys.has(key))).toEqual([]);
    // And numbering carried on without reusing a number.
    const nos = (await db.collection('contacts').find({ workspaceId: 'T0001' }).toArray()).map((c) => c.no as string);
    expect(new Set(nos).size).toBe(nos.length);
  });
});
