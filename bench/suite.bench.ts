/**
 * The performance suite (`npm run bench`): Kontakt's time-to-result against a bare Bolt baseline.
 *
 *   "The only honest measure of Kontakt's own cost is a side-by-side run on the same machine: the same signed
 *    requests sent to Kontakt and to a bare Bolt app that only acknowledges, so that machine noise cancels out."
 *
 * 1. MongoDB as the tests run it (notablescan on; MONGODB_TEST_URI wins). One workspace is seeded in bulk with
 *    contacts (20 % companies; Norwegian and English names, cities, phones; built by the app's own functions, see
 *    lib/seed.ts) and visits (shaped as logVisit() stores them, 5,000 of them in the current week across 30
 *    salespeople, see lib/visit-seed.ts); a manager is named in setup (saveSetupSection, section 'roles').
 * 2. Kontakt runs in a child process (lib/app-process.ts: startKontakt() with a config from the environment, in HTTP
 *    mode against the fake Slack and the seeded database); the bare Bolt app (lib/bare-bolt.ts: same Bolt, same
 *    HTTPReceiver, one middleware that acks) in another. Each app's peak RSS is its own VmHWM.
 * 3. Database commands per request kind: a first Kontakt process with `monitorCommands=true` in its URI reports the
 *    commands it sent per request (that pass is slower: monitoring decodes every reply twice, so it is not timed).
 * 4. Timed pass: every request is sent to both apps, alternately A/B and B/A, with the same body and signature
 *    timestamp. Ack = the HTTP round trip; time-to-result = until the fake Slack receives the result (the
 *    response_url POST, views.open, views.publish, chat.postEphemeral) — for typeahead the ack is the result.
 * 5. Concurrency sweep: 1, 10, 50 users, each sending a mix of the request kinds back to back for a while, to each
 *    app in turn: throughput and p99.
 *
 * A measurement, not a test: misses print FAIL and the run still exits 0. Bounded everywhere: every wait has a
 * timeout, every loop a count or a deadline, and a watchdog ends the run. Only 127.0.0.1.
 *
 *   npm run bench [-- --quick] [--contacts N] [--visits N] [--samples N] [--profile DIR] …   (--help for all)
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { disconnectDatabase, ensureIndexes } from '../src/db/connection';
import { LANGUAGE_NAMES, translator, type Locale } from '../src/i18n';
import { setUserLanguage } from '../src/services/language/language.service';
import { ids } from '../src/ids';
import { ContactModel, VisitModel } from '../src/models';
import { getWorkspaceSetup, saveSetupSection } from '../src/services/setup/setup.service';
import { todayIn, weekOf } from '../src/services/calendar';
import { defaultUser } from '../test/harness/fake-slack-answers';
import { FakeSlackApi, type RecordedCall } from '../test/harness/fake-slack-api';
import {
  appHomeOpened,
  blockActions,
  blockSuggestion,
  buttonAction,
  eventCallback,
  messageShortcut,
  slashCommand,
  viewSubmission,
} from '../test/harness/payloads';
import { SlackRequestSender } from '../test/harness/slack-request';
import { DEFAULT_BOT } from '../test/harness/workspace-defaults';
import { fillView } from '../test/support/modal-state';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../test/support/test-app';
import { startChild, type ChildApp } from './lib/children';
import { compileForChildren } from './lib/compile';
import { kontaktEnv, startNodeFlags } from './lib/kontakt-child';
import { connectForSeeding, describeServer, startDatabase, type Database } from './lib/database';
import { procMemory, type ProcMemory } from './lib/proc';
import { readProfile, summarizeProfile, profileClockMicros, type ProfileSummary } from './lib/profile';
import { QueryMaker, SEARCH_KINDS, PICKER_KINDS, type SearchKind } from './lib/queries';
import { Random } from './lib/random';
import { seedWorkspace, setContactSeries, type SeededContact } from './lib/seed';
import { percentile, round, summarize, table, type Summary } from './lib/stats';
import { seedVisits, type VisitTarget } from './lib/visit-seed';

const WORKSPACE = 'T0001';
const MANAGER = 'U0900';
const SALESPERSON = 'U0001';
/** The team whose visits are seeded (U0001 … U0030). */
const TEAM = Array.from({ length: 30 }, (_, i) => `U${String(i + 1).padStart(4, '0')}`);
const CHANNEL = 'C0001';
/** Slices of each language's timed plan, run alternately (A B B A …) when more than one language is timed. */
const LANGUAGE_SLICES = 6;
/** The users of the timed pass: their language is the pass's. */
const TIMED_USERS = [SALESPERSON, MANAGER];
const RESULT_TIMEOUT_MS = 15_000;
/** What the fake's users.info answers for everyone: "today" and "this week" are theirs. */
const USER_TZ = defaultUser(SALESPERSON).tz;

const TARGETS = {
  ackRatio: 1.3,
  searchP95Ms: 150,
  typeaheadP95Ms: 100,
  shortcutP95Ms: 300,
  /** Database commands of the contact matching per log-visit shortcut (its only commands on `contacts`). */
  shortcutMatchingCommands: 2,
  submitAckP95Ms: 100,
  homeManagerP95Ms: 300,
  roundTripsPerSearch: 3,
  peakRssMB: 250,
} as const;

// ---- options ------------------------------------------------------------------------------------

interface Options {
  quick: boolean;
  contacts: number;
  visits: number;
  weekVisits: number;
  /** Timed samples per request kind (search kinds get a share each, see plan()). */
  samples: number;
  rtSamples: number;
  warmup: number;
  levels: number[];
  sweepSeconds: number;
  maxMinutes: number;
  seed: number;
  runtime: 'compiled' | 'tsx';
  /** Extra node flags for Kontakt's process (e.g. heap limits), to try a fix without touching src/. */
  appNodeArgs: string[];
  profile?: string;
  out: string;
  /** The languages the timed pass runs in, one pass each, in this order (the first is also the seeded one). */
  languages: Locale[];
}

const USAGE = `npm run bench [-- options]            (npm run bench -- search … runs the search-only benchmark)

  --quick              10,000 contacts, 10,000 visits, fewer samples, short sweep: under a minute
  --contacts N         contacts in the workspace (default 100,000)
  --visits N           visits in the workspace (default = contacts); 5,000 (at most half) in the current week
  --samples N          timed samples per request kind (default 150; quick 30)
  --rt-samples N       requests per kind in the database-commands pass (default 20; quick 8)
  --warmup N           untimed requests per kind before the timed pass (default 5; quick 3)
  --levels L           concurrency sweep levels (default 1,10,50)
  --sweep-seconds S    seconds per level and app (default 10; quick 2)
  --runtime R          how the apps run: compiled (default: TypeScript compiled to JavaScript first, as npm start
                       runs it) or tsx (node --import tsx: ~40 MiB more RSS per process)
  --app-node-args="A" node flags for Kontakt's process instead of npm start's (package.json config.nodeFlags)
  --profile DIR        CPU-profile Kontakt's process (node --cpu-prof) and the MongoDB emulator; summaries printed
  --max-minutes M      watchdog (default 40; quick 5; each language beyond the first adds 20, quick 3)
  --seed N             data and query seed (default 42)
  --lang L             the language of the timed pass: nb, en or both (default both: the same requests in each,
                       printed side by side; the workspace and the timed users start in nb, and the users switch
                       between the languages with /contact language in the running Kontakt, in alternating slices)
  --out FILE           result JSON (default bench/results/latest.json)
`;

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      contacts: { type: 'string' },
      visits: { type: 'string' },
      samples: { type: 'string' },
      'rt-samples': { type: 'string' },
      warmup: { type: 'string' },
      levels: { type: 'string' },
      'sweep-seconds': { type: 'string' },
      'max-minutes': { type: 'string' },
      seed: { type: 'string' },
      runtime: { type: 'string' },
      'app-node-args': { type: 'string' },
      profile: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return undefined;
  }
  const whole = (
    name: string,
    raw: string | undefined,
    fallback: number,
    min: number,
    max = Number.MAX_SAFE_INTEGER,
  ): number => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return value;
  };
  const quick = values.quick ?? false;
  const contacts = whole('contacts', values.contacts, quick ? 10_000 : 100_000, 500, 1_000_000);
  const visits = whole('visits', values.visits, contacts, 100, 1_000_000);
  const runtime = values.runtime ?? 'compiled';
  if (runtime !== 'compiled' && runtime !== 'tsx')
    throw new Error(`--runtime must be compiled or tsx (got "${runtime}")`);
  const lang = values.lang ?? 'both';
  if (lang !== 'nb' && lang !== 'en' && lang !== 'both')
    throw new Error(`--lang must be nb, en or both (got "${lang}")`);
  const levels = (values.levels ?? '1,10,50').split(',').map((level) => whole('levels', level.trim(), 1, 1, 200));
  return {
    quick,
    contacts,
    visits,
    weekVisits: Math.min(5_000, Math.floor(visits / 2)),
    samples: whole('samples', values.samples, quick ? 30 : 150, 5, 10_000),
    rtSamples: whole('rt-samples', values['rt-samples'], quick ? 8 : 20, 1, 1_000),
    warmup: whole('warmup', values.warmup, quick ? 3 : 5, 0, 100),
    levels,
    sweepSeconds: whole('sweep-seconds', values['sweep-seconds'], quick ? 2 : 10, 1, 300),
    // Each language's timed pass beyond the first adds its time.
    maxMinutes: whole(
      'max-minutes',
      values['max-minutes'],
      (quick ? 5 : 40) + (lang === 'both' ? (quick ? 3 : 20) : 0),
      1,
      240,
    ),
    seed: whole('seed', values.seed, 42, 0),
    runtime,
    // By default Kontakt runs with the same node flags as `npm start` (package.json config.nodeFlags).
    appNodeArgs: (values['app-node-args'] ?? startNodeFlags()).split(/\s+/).filter(Boolean),
    profile: values.profile ? path.resolve(values.profile) : undefined,
    out: values.out ?? path.join(__dirname, 'results', 'latest.json'),
    languages: lang === 'both' ? ['nb', 'en'] : [lang],
  };
}

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

// ---- request kinds ------------------------------------------------------------------------------

/** What a request kind is measured against. */
type Group =
  'search' | 'typeahead' | 'open-contact' | 'log-visit-shortcut' | 'log-visit-submit' | 'app-home-manager' | 'app-home';

/** Kinds whose listener acks first and works after: their ack is compared with the bare app's. */
const ACK_FIRST_GROUPS: ReadonlySet<Group> = new Set([
  'search',
  'open-contact',
  'log-visit-shortcut',
  'app-home-manager',
  'app-home',
]);

/** One request, built once and sent byte for byte to both apps. */
interface Job {
  kind: string;
  group: Group;
  label: string;
  body: string;
  contentType: string;
  /** Where Kontakt's result shows up on the fake Slack; undefined: the ack carries it (typeahead). */
  result?: { what: string; wait: (fake: FakeSlackApi) => Promise<RecordedCall | Record<string, unknown>> };
  classify: (ack: { status: number; json: unknown }, result?: unknown) => { outcome: string; found?: number };
}

const FORM = 'application/x-www-form-urlencoded';

function formBody(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined && value !== null) params.append(key, String(value));
  return params.toString();
}

const interactiveBody = (payload: object): string => formBody({ payload: JSON.stringify(payload) });

/**
 * How a search reply reads in each language (the app's own texts, so a reworded text cannot make every search a
 * "card"): the start of each header up to the query, with the count as a number in that language's format.
 */
const QUERY = '\u0000';
const COUNT = '\u0001';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const headPattern = (template: string) =>
  new RegExp(
    `^${escapeRegExp(template.split(QUERY)[0] as string).replace(escapeRegExp(COUNT), '([\\d.,\\s\\u00a0\\u202f]+)')}`,
  );
const searchTexts = (['en', 'nb'] as const).map((locale) => {
  const tr = translator(locale);
  return {
    errors: (['error.database', 'error.slack', 'error.unexpected'] as const).map((key) => tr.t(key)),
    none: headPattern(tr.t('search.none', { query: QUERY })),
    one: headPattern(tr.t('search.header.one', { query: QUERY })),
    many: [
      headPattern(tr.t('search.header.many', { count: COUNT, query: QUERY })),
      headPattern(tr.t('search.header.manyPlus', { count: COUNT, query: QUERY })),
    ],
  };
});

function searchOutcome(body: Record<string, unknown>): { outcome: string; found?: number } {
  const text = typeof body.text === 'string' ? body.text : '';
  for (const texts of searchTexts) {
    if (texts.errors.some((error) => text.includes(error))) return { outcome: 'error' };
    if (texts.none.test(text)) return { outcome: 'none', found: 0 };
    for (const pattern of texts.many) {
      const many = pattern.exec(text);
      if (many) return { outcome: 'results', found: Number((many[1] as string).replace(/\D/g, '')) };
    }
    if (texts.one.test(text)) return { outcome: 'results', found: 1 };
  }
  return { outcome: 'card' };
}

const ackFailed = (ack: { status: number }) => (ack.status === 200 ? undefined : { outcome: `http-${ack.status}` });

/**
 * Results already matched to a request: with several users in flight, "the next views.publish for U…" must not
 * match an earlier request's call still in the fake's log.
 */
const consumed = new WeakSet<object>();

function waitCall(
  fake: FakeSlackApi,
  method: string,
  predicate: (call: RecordedCall) => boolean,
): Promise<RecordedCall> {
  return fake
    .waitForCall(method, (call) => !consumed.has(call) && predicate(call), RESULT_TIMEOUT_MS)
    .then((call) => {
      consumed.add(call);
      return call;
    });
}

interface LogVisitTemplate {
  private_metadata?: string;
  blocks: unknown[];
}

/** Builds the requests: queries from the seeded contacts, a fresh trigger id / response key for every one. */
class JobMaker {
  private counter = 0;
  private readonly random: Random;
  private readonly queries: QueryMaker;
  private readonly people: SeededContact[];
  private readonly companies: SeededContact[];
  private readonly all: SeededContact[];
  template?: LogVisitTemplate;

  constructor(
    samples: { companies: SeededContact[]; persons: SeededContact[] },
    contactCount: number,
    seed: number,
    private readonly fake: () => FakeSlackApi,
  ) {
    this.random = new Random(seed);
    this.queries = new QueryMaker(samples, contactCount, seed + 1);
    this.people = samples.persons;
    this.companies = samples.companies;
    this.all = [...samples.companies, ...samples.persons];
  }

  private key(): string {
    return `r${(this.counter += 1)}`;
  }

  command(kind: string, group: Group, text: string, userId: string): Job {
    const key = this.key();
    return {
      kind,
      group,
      label: text,
      body: formBody(
        slashCommand({
          text,
          userId,
          teamId: WORKSPACE,
          channelId: CHANNEL,
          responseUrl: this.fake().responseUrl(key),
        }) as unknown as Record<string, unknown>,
      ),
      contentType: FORM,
      result: {
        what: 'response_url POST',
        wait: (fake) => fake.waitForResponse((r) => r.key === key, RESULT_TIMEOUT_MS).then((r) => r.body),
      },
      classify: (ack, result) => ackFailed(ack) ?? searchOutcome(result as Record<string, unknown>),
    };
  }

  search(kind: Exclude<SearchKind, 'no-bare'>, userId = SALESPERSON): Job {
    return this.command(`search:${kind}`, 'search', this.queries.search(kind).text, userId);
  }

  /** `/contact CT000123`: the card, ephemeral. */
  openByNo(userId = SALESPERSON): Job {
    return this.command('open-contact:/contact No.', 'open-contact', this.queries.search('no-bare').text, userId);
  }

  /** "View" on a search result: the card in a modal (views.open). */
  openByButton(userId = SALESPERSON): Job {
    const contact = this.random.pick(this.all);
    const payload = blockActions({
      userId,
      teamId: WORKSPACE,
      actions: [buttonAction({ actionId: ids.actions.viewContact, value: contact.id })],
      responseUrl: this.fake().responseUrl(this.key()),
    });
    return this.opens(
      'open-contact:View button',
      'open-contact',
      contact.no,
      payload.trigger_id,
      interactiveBody(payload),
    );
  }

  typeahead(picker: (typeof PICKER_KINDS)[number], userId = SALESPERSON): Job {
    const query = this.queries.picker(picker);
    const blockId = picker === 'company_picker' ? ids.contactField.blocks.companyId : ids.visitField.contact;
    const actionId = picker === 'company_picker' ? ids.actions.companyPicker : ids.actions.contactPicker;
    return {
      kind: `typeahead:${picker}`,
      group: 'typeahead',
      label: query.value,
      body: interactiveBody(blockSuggestion({ actionId, blockId, value: query.value, userId, teamId: WORKSPACE })),
      contentType: FORM,
      classify: (ack) => {
        const options = (ack.json as { options?: unknown[] } | undefined)?.options;
        return (
          ackFailed(ack) ??
          (Array.isArray(options) && options.length > 0
            ? { outcome: 'options', found: options.length }
            : { outcome: 'no-options', found: 0 })
        );
      },
    };
  }

  /**
   * The message a salesperson turns into a visit, as they write it: a person and company by name, a company by the
   * word its name starts with, a No., a phone number, a long report naming a company, or no contact at all.
   */
  private messageText(): string {
    const person = this.random.pick(this.people);
    const company = this.random.pick(this.companies);
    const word = company.name.split(' ')[0] ?? company.name;
    const style = this.random.next();
    if (style < 0.25)
      return `Møtte ${person.name}${person.companyName ? ` hos ${person.companyName}` : ''} i dag. De vil ha tilbud på 3 pumper før jul, ring tilbake fredag.`;
    if (style < 0.45) return `Var innom ${word} i dag, de vil ha 3 nye pumper. Sender tilbud på mandag.`;
    if (style < 0.6) return `Call with ${person.no} went well, they want a demo next week. Budget approved for Q1.`;
    if (style < 0.7)
      return `Ringte ${company.phone ?? person.mobile ?? '55 12 34 56'}, ingen svarte. Prøver igjen i morgen.`;
    if (style < 0.8)
      return `Rapport fra besøket hos ${company.name}: ${'Gikk gjennom anlegget, pumpene og ventilene, og avtalte neste steg. '.repeat(40)}`;
    return 'Good meeting at the trade fair today, lots of interest in the new service agreement. Send prices on Monday.';
  }

  logVisitShortcut(userId = SALESPERSON): Job {
    const payload = messageShortcut({
      userId,
      teamId: WORKSPACE,
      channelId: CHANNEL,
      callbackId: ids.shortcuts.logVisit,
      message: { text: this.messageText() },
      responseUrl: this.fake().responseUrl(this.key()),
    });
    return this.opens(
      'log-visit-shortcut',
      'log-visit-shortcut',
      (payload.message.text ?? '').slice(0, 40),
      payload.trigger_id,
      interactiveBody(payload),
    );
  }

  private opens(kind: string, group: Group, label: string, triggerId: string, body: string): Job {
    return {
      kind,
      group,
      label,
      body,
      contentType: FORM,
      result: {
        what: 'views.open',
        wait: (fake) => waitCall(fake, 'views.open', (call) => call.args.trigger_id === triggerId),
      },
      classify: (ack, result) =>
        ackFailed(ack) ?? { outcome: (result as RecordedCall).answer?.body.ok === false ? 'slack-refused' : 'opened' },
    };
  }

  /** Submit of the log-visit modal (as opened by the shortcut) for a seeded contact: stores a visit. */
  logVisitSubmit(userId = SALESPERSON): Job {
    if (!this.template) throw new Error('No log-visit modal captured yet (the warm-up opens one)');
    const contact = this.random.pick(this.all);
    const payload = viewSubmission({
      userId,
      teamId: WORKSPACE,
      callbackId: ids.views.logVisitModal,
      privateMetadata: this.template.private_metadata,
      blocks: this.template.blocks,
      values: fillView(this.template, {
        [ids.visitField.contact]: contact.id,
        [ids.visitField.date]: todayIn(USER_TZ),
      }),
    });
    return {
      kind: 'log-visit-submit',
      group: 'log-visit-submit',
      label: contact.no,
      body: interactiveBody(payload),
      contentType: FORM,
      result: {
        what: 'chat.postEphemeral (confirmation)',
        wait: (fake) => waitCall(fake, 'chat.postEphemeral', (call) => call.args.user === userId),
      },
      classify: (ack) => {
        const json = ack.json as { response_action?: string; errors?: Record<string, string> } | undefined;
        if (ack.status !== 200) return { outcome: `http-${ack.status}` };
        return json?.response_action === 'errors'
          ? {
              outcome: `invalid:${Object.values(json.errors ?? {})
                .join('|')
                .slice(0, 60)}`,
            }
          : { outcome: 'saved' };
      },
    };
  }

  appHome(userId: string): Job {
    const manager = userId === MANAGER;
    return {
      kind: manager ? 'app-home:manager' : 'app-home:salesperson',
      group: manager ? 'app-home-manager' : 'app-home',
      label: userId,
      body: JSON.stringify(eventCallback(appHomeOpened({ userId }), { teamId: WORKSPACE })),
      contentType: 'application/json',
      result: {
        what: 'views.publish',
        wait: (fake) => waitCall(fake, 'views.publish', (call) => call.args.user_id === userId),
      },
      classify: (ack, result) =>
        ackFailed(ack) ?? {
          outcome: (result as RecordedCall).answer?.body.ok === false ? 'slack-refused' : 'published',
        },
    };
  }

  /** Every kind once, for warm-ups. */
  everyKind(userId = SALESPERSON): (() => Job)[] {
    return [
      ...SEARCH_KINDS.filter((k): k is Exclude<SearchKind, 'no-bare'> => k !== 'no-bare').map(
        (k) => () => this.search(k, userId),
      ),
      () => this.openByNo(userId),
      () => this.openByButton(userId),
      ...PICKER_KINDS.map((p) => () => this.typeahead(p, userId)),
      () => this.logVisitShortcut(userId),
      () => this.logVisitSubmit(userId),
      () => this.appHome(userId),
    ];
  }

  /** The timed plan: `samples` per kind (searches share theirs among the search kinds, at least 10 each), shuffled. */
  plan(samples: number): (() => Job)[] {
    const searchKinds = SEARCH_KINDS.filter((k): k is Exclude<SearchKind, 'no-bare'> => k !== 'no-bare');
    const perSearchKind = Math.max(10, Math.ceil((samples * 2) / searchKinds.length));
    const items: (() => Job)[] = [];
    const add = (count: number, make: () => Job) => {
      for (let i = 0; i < count; i += 1) items.push(make);
    };
    for (const kind of searchKinds) add(perSearchKind, () => this.search(kind));
    add(samples, () => this.openByNo());
    add(samples, () => this.openByButton());
    for (const picker of PICKER_KINDS) add(samples, () => this.typeahead(picker));
    add(samples, () => this.logVisitShortcut());
    add(samples, () => this.logVisitSubmit());
    add(samples, () => this.appHome(MANAGER));
    add(Math.ceil(samples / 2), () => this.appHome(SALESPERSON));
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.random.next() * (i + 1));
      [items[i], items[j]] = [items[j] as () => Job, items[i] as () => Job];
    }
    return items;
  }

  /** A user's n-th request in the sweep: a working day's mix (searches and typeahead most). */
  mix(n: number, userId: string): Job {
    const kinds = [
      'search',
      'typeahead',
      'open',
      'search',
      'typeahead',
      'shortcut',
      'search',
      'submit',
      'typeahead',
      'home',
    ] as const;
    switch (kinds[n % kinds.length]) {
      case 'search':
        return this.search(
          this.random.pick(SEARCH_KINDS.filter((k): k is Exclude<SearchKind, 'no-bare'> => k !== 'no-bare')),
          userId,
        );
      case 'typeahead':
        return this.typeahead(this.random.pick(PICKER_KINDS), userId);
      case 'open':
        return this.random.chance(0.5) ? this.openByButton(userId) : this.openByNo(userId);
      case 'shortcut':
        return this.logVisitShortcut(userId);
      case 'submit':
        return this.logVisitSubmit(userId);
      default:
        return this.appHome(userId);
    }
  }
}

// ---- sending ------------------------------------------------------------------------------------

interface Sample {
  kind: string;
  group: Group;
  label: string;
  /** HTTP round trip of the request. */
  ackMs: number;
  /** The app's own time from request headers to ack written (server-timing.ts); A/B pass only. */
  serverAckMs?: number;
  /** Until the fake Slack received the result (= ackMs when the ack is the result). */
  resultMs: number;
  outcome: string;
  found?: number;
}

const FAILED = /^(http-|timeout|error|invalid|slack-refused|no-options)/;

async function sendToKontakt(
  sender: SlackRequestSender,
  fake: FakeSlackApi,
  job: Job,
  timestamp: number,
): Promise<Sample> {
  const waiting = job.result?.wait(fake);
  waiting?.catch(() => undefined);
  const started = performance.now();
  const ack = await sender.raw(job.body, { contentType: job.contentType, timestamp });
  const base = { kind: job.kind, group: job.group, label: job.label, ackMs: ack.elapsedMs };
  if (!waiting) return { ...base, resultMs: ack.elapsedMs, ...job.classify(ack) };
  if (ack.status !== 200) return { ...base, resultMs: performance.now() - started, ...job.classify(ack) };
  // A submit answered with errors never confirms: its ack is the outcome.
  const early = job.group === 'log-visit-submit' ? job.classify(ack) : undefined;
  if (early && early.outcome !== 'saved') return { ...base, resultMs: performance.now() - started, ...early };
  try {
    const result = await waiting;
    return { ...base, resultMs: performance.now() - started, ...job.classify(ack, result) };
  } catch {
    return { ...base, resultMs: performance.now() - started, outcome: 'timeout' };
  }
}

async function sendToBare(sender: SlackRequestSender, job: Job, timestamp: number): Promise<Sample> {
  const ack = await sender.raw(job.body, { contentType: job.contentType, timestamp });
  return {
    kind: job.kind,
    group: job.group,
    label: job.label,
    ackMs: ack.elapsedMs,
    resultMs: ack.elapsedMs,
    outcome: ack.status === 200 ? 'acked' : `http-${ack.status}`,
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

// ---- passes -------------------------------------------------------------------------------------

interface Apps {
  kontakt: ChildApp;
  bare: ChildApp;
  kontaktSender: SlackRequestSender;
  bareSender: SlackRequestSender;
}

/** Opens one log-visit modal to have a view to submit (the app's own blocks and metadata). */
async function captureTemplate(sender: SlackRequestSender, fake: FakeSlackApi, jobs: JobMaker): Promise<void> {
  const job = jobs.logVisitShortcut();
  const sample = await sendToKontakt(sender, fake, job, nowSeconds());
  if (sample.outcome !== 'opened') throw new Error(`The log-visit shortcut did not open a modal (${sample.outcome})`);
  const call = fake.callsTo('views.open').at(-1) as RecordedCall;
  jobs.template = call.args.view as LogVisitTemplate;
}

interface CommandsReport {
  method: string;
  perKind: Record<
    string,
    {
      requests: number;
      mean: number;
      max: number;
      /** Most commands one request sent to the contacts collection. */
      maxOnContacts: number;
      commands: Record<string, number>;
      worst: { label: string; commands: string[] };
      /** Commands of the background work the requests left (debounced Home re-publishes), not counted above. */
      background: number;
    }
  >;
  search: { mean: number; max: number };
  failedCommands: { command: string; code?: number; message: string }[];
  blockKitViolations: number;
  outcomes: Record<string, number>;
}

async function commandsPass(
  kontakt: ChildApp,
  fake: FakeSlackApi,
  jobs: JobMaker,
  perKind: number,
): Promise<CommandsReport> {
  const sender = new SlackRequestSender({ url: kontakt.eventsUrl, signingSecret: TEST_SIGNING_SECRET });
  await captureTemplate(sender, fake, jobs);
  // Warm caches (users.info, setup is read per request anyway) as the timed pass does.
  for (const make of jobs.everyKind()) await sendToKontakt(sender, fake, make(), nowSeconds());
  await kontakt.settle();
  await kontakt.takeCommands();
  const rows: { kind: string; group: Group; label: string; commands: string[]; background: number }[] = [];
  const failedCommands: CommandsReport['failedCommands'] = [];
  const outcomes: Record<string, number> = {};
  for (let i = 0; i < perKind; i += 1) {
    for (const make of jobs.everyKind()) {
      const job = make();
      const sample = await sendToKontakt(sender, fake, job, nowSeconds());
      outcomes[sample.outcome] = (outcomes[sample.outcome] ?? 0) + 1;
      // Anything the handler still sends after its result belongs to this request too.
      await new Promise((resolve) => setTimeout(resolve, 15));
      const taken = await kontakt.takeCommands();
      // A save re-publishes Homes in the background after a debounce; without waiting for it here, its commands
      // were counted against whichever request came next (a search "with 15 commands" that were a Home's).
      await kontakt.settle();
      const background = await kontakt.takeCommands();
      failedCommands.push(...taken.failed, ...background.failed);
      rows.push({
        kind: job.kind,
        group: job.group,
        label: job.label,
        commands: taken.commands,
        background: background.commands.length,
      });
    }
  }
  const perKindReport: CommandsReport['perKind'] = {};
  for (const kind of [...new Set(rows.map((r) => r.kind))]) {
    const ofKind = rows.filter((r) => r.kind === kind);
    const counts = ofKind.map((r) => r.commands.length);
    const commands: Record<string, number> = {};
    for (const row of ofKind) for (const name of row.commands) commands[name] = (commands[name] ?? 0) + 1;
    const worst = ofKind.reduce((a, b) => (b.commands.length > a.commands.length ? b : a));
    perKindReport[kind] = {
      requests: ofKind.length,
      mean: round(counts.reduce((s, n) => s + n, 0) / counts.length, 2),
      max: Math.max(...counts),
      maxOnContacts: Math.max(...ofKind.map((r) => r.commands.filter((c) => c.endsWith('.contacts')).length)),
      commands,
      worst: { label: worst.label, commands: worst.commands },
      background: ofKind.reduce((sum, r) => sum + r.background, 0),
    };
  }
  const searchCounts = rows.filter((r) => r.group === 'search').map((r) => r.commands.length);
  return {
    method:
      "MongoDB driver command monitoring in Kontakt's process (monitorCommands=true in its URI): every command sent on the app's connection from sending the request until 15 ms after its result; then the background Home re-publishes the request caused are awaited and counted apart ('background')",
    perKind: perKindReport,
    search: {
      mean: round(searchCounts.reduce((s, n) => s + n, 0) / (searchCounts.length || 1), 2),
      max: Math.max(0, ...searchCounts),
    },
    failedCommands: failedCommands.slice(0, 20),
    blockKitViolations: fake.violations.length,
    outcomes,
  };
}

/** Every job to both apps, alternating which goes first; Kontakt's result is awaited before the next job. */
async function abPass(
  apps: Apps,
  fake: FakeSlackApi,
  plan: (() => Job)[],
): Promise<{ kontakt: Sample[]; bare: Sample[]; wallMs: number; serverTimesMatched: boolean }> {
  const kontakt: Sample[] = [];
  const bare: Sample[] = [];
  await Promise.all([apps.kontakt.takeServerTimes(), apps.bare.takeServerTimes()]);
  const started = performance.now();
  let progress = performance.now();
  for (let i = 0; i < plan.length; i += 1) {
    const job = (plan[i] as () => Job)();
    const timestamp = nowSeconds();
    if (i % 2 === 0) {
      kontakt.push(await sendToKontakt(apps.kontaktSender, fake, job, timestamp));
      bare.push(await sendToBare(apps.bareSender, job, timestamp));
    } else {
      bare.push(await sendToBare(apps.bareSender, job, timestamp));
      kontakt.push(await sendToKontakt(apps.kontaktSender, fake, job, timestamp));
    }
    // Keep the fake's memory (and its searches through what it recorded) flat.
    fake.reset();
    if (performance.now() - progress > 10_000) {
      progress = performance.now();
      log(`  ${i + 1} / ${plan.length}`);
    }
  }
  const wallMs = performance.now() - started;
  // Each app served exactly these requests, in this order: its n-th server time is its n-th sample's.
  const [kontaktTimes, bareTimes] = await Promise.all([apps.kontakt.takeServerTimes(), apps.bare.takeServerTimes()]);
  const serverTimesMatched = kontaktTimes.length === kontakt.length && bareTimes.length === bare.length;
  if (serverTimesMatched) {
    kontakt.forEach((sample, i) => (sample.serverAckMs = kontaktTimes[i]));
    bare.forEach((sample, i) => (sample.serverAckMs = bareTimes[i]));
  } else
    log(
      `server-side times not matched (Kontakt ${kontaktTimes.length} / ${kontakt.length}, bare ${bareTimes.length} / ${bare.length})`,
    );
  return { kontakt, bare, wallMs, serverTimesMatched };
}

/** One language's timed pass and its rows per kind and per group. */
interface LanguagePass {
  locale: Locale;
  ab: Awaited<ReturnType<typeof abPass>>;
  rows: KindRow[];
  groupRows: KindRow[];
  pooledAckFirst: KindRow;
}

function passRows(ab: LanguagePass['ab']): Omit<LanguagePass, 'locale' | 'ab'> {
  const kinds = [...new Set(ab.kontakt.map((s) => s.kind))].sort();
  const rows = kinds.map((kind) => {
    const k = ab.kontakt.filter((s) => s.kind === kind);
    return rowFor(
      kind,
      (k[0] as Sample).group,
      k,
      ab.bare.filter((s) => s.kind === kind),
    );
  });
  const groups = [...new Set(ab.kontakt.map((s) => s.group))];
  const groupRows = groups.map((group) =>
    rowFor(
      `ALL ${group}`,
      group,
      ab.kontakt.filter((s) => s.group === group),
      ab.bare.filter((s) => s.group === group),
    ),
  );
  const pooledAckFirst = rowFor(
    'ALL ack-first kinds',
    'search',
    ab.kontakt.filter((s) => ACK_FIRST_GROUPS.has(s.group)),
    ab.bare.filter((s) => ACK_FIRST_GROUPS.has(s.group)),
  );
  return { rows, groupRows, pooledAckFirst };
}

/**
 * The timed users switch to `locale` in the running Kontakt, as a user does (`/contact language nb`): their choice
 * is stored and Kontakt's language cache updated at once, so the next pass's requests are all in that language.
 */
async function switchLanguage(sender: SlackRequestSender, fake: FakeSlackApi, locale: Locale): Promise<void> {
  for (const userId of TIMED_USERS) {
    const key = `lang-${userId}-${locale}`;
    const body = formBody(
      slashCommand({
        text: `language ${locale}`,
        userId,
        teamId: WORKSPACE,
        channelId: CHANNEL,
        responseUrl: fake.responseUrl(key),
      }) as unknown as Record<string, unknown>,
    );
    const ack = await sender.raw(body, { contentType: FORM, timestamp: nowSeconds() });
    if (ack.status !== 200) throw new Error(`/contact language ${locale} for ${userId}: HTTP ${ack.status}`);
    await fake.waitForResponse((r) => r.key === key, RESULT_TIMEOUT_MS);
  }
  fake.reset();
  log(`${TIMED_USERS.join(', ')} switched to ${locale} with /contact language`);
}

interface LevelResult {
  app: 'kontakt' | 'bare';
  users: number;
  requests: number;
  wallMs: number;
  throughputPerS: number;
  result: Summary;
  ack: Summary;
  failures: number;
  failureSample: string[];
}

/** `users` users, each sending the mix back to back until the deadline; requests in flight then finish. */
async function sweepLevel(
  app: 'kontakt' | 'bare',
  apps: Apps,
  fake: FakeSlackApi,
  jobs: JobMaker,
  users: number,
  seconds: number,
): Promise<LevelResult> {
  const ids = Array.from({ length: users }, (_, i) => `U3${String(i).padStart(3, '0')}`);
  const send = (job: Job) =>
    app === 'kontakt'
      ? sendToKontakt(apps.kontaktSender, fake, job, nowSeconds())
      : sendToBare(apps.bareSender, job, nowSeconds());
  // Warm-up: each user's first request fills Kontakt's users.info cache, as it would once per user and 5 minutes.
  await Promise.all(ids.map((userId) => send(jobs.search('name-prefix', userId))));
  fake.reset();
  const samples: Sample[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    ids.map(async (userId, u) => {
      for (let n = u; performance.now() < deadline; n += 1) samples.push(await send(jobs.mix(n, userId)));
    }),
  );
  const wallMs = performance.now() - started;
  fake.reset();
  const failures = samples.filter((s) => FAILED.test(s.outcome));
  return {
    app,
    users,
    requests: samples.length,
    wallMs: round(wallMs),
    throughputPerS: round((samples.length / wallMs) * 1000),
    result: summarize(samples.map((s) => s.resultMs)),
    ack: summarize(samples.map((s) => s.ackMs)),
    failures: failures.length,
    failureSample: failures.slice(0, 3).map((f) => `${f.kind} "${f.label}" → ${f.outcome}`),
  };
}

// ---- reporting ----------------------------------------------------------------------------------

interface KindRow {
  kind: string;
  group: Group;
  n: number;
  ack: Summary;
  result: Summary;
  bareAck: Summary;
  /** Kontakt's ack p50 / the bare app's, for the same requests. */
  ackRatio: number;
  /** The same from inside each process (server-timing.ts): without the client's wait for a CPU. */
  serverAck?: Summary;
  bareServerAck?: Summary;
  serverAckRatio?: number;
  outcomes: Record<string, number>;
  meanFound?: number;
}

function outcomeCounts(samples: Sample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const sample of samples) counts[sample.outcome] = (counts[sample.outcome] ?? 0) + 1;
  return counts;
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

function rowFor(kind: string, group: Group, kontakt: Sample[], bare: Sample[]): KindRow {
  const found = kontakt.filter((s) => s.found !== undefined).map((s) => s.found as number);
  const ack = summarize(kontakt.map((s) => s.ackMs));
  const bareAck = summarize(bare.map((s) => s.ackMs));
  const hasServer = kontakt.every((s) => s.serverAckMs !== undefined) && bare.every((s) => s.serverAckMs !== undefined);
  const serverAck = hasServer ? summarize(kontakt.map((s) => s.serverAckMs as number)) : undefined;
  const bareServerAck = hasServer ? summarize(bare.map((s) => s.serverAckMs as number)) : undefined;
  return {
    serverAck,
    bareServerAck,
    serverAckRatio: hasServer
      ? round(median(kontakt.map((x) => x.serverAckMs as number)) / median(bare.map((x) => x.serverAckMs as number)), 2)
      : undefined,
    kind,
    group,
    n: kontakt.length,
    ack,
    result: summarize(kontakt.map((s) => s.resultMs)),
    bareAck,
    // From the unrounded medians: sub-millisecond p50s rounded to 0.1 ms first would move the ratio by ±10 %.
    ackRatio: round(median(kontakt.map((x) => x.ackMs)) / median(bare.map((x) => x.ackMs)), 2),
    outcomes: outcomeCounts(kontakt),
    meanFound: found.length ? round(found.reduce((a, b) => a + b, 0) / found.length) : undefined,
  };
}

/** The groups' figures in each language next to each other, and how far the last language is from the first. */
function sideBySide(passes: LanguagePass[]): string[] {
  const [first, ...others] = passes as [LanguagePass, ...LanguagePass[]];
  const last = others.at(-1) ?? first;
  const rowsOf = (pass: LanguagePass) => [...pass.groupRows, pass.pooledAckFirst];
  const change = (a: number, b: number) => (a > 0 ? `${b >= a ? '+' : ''}${Math.round(((b - a) / a) * 100)} %` : '-');
  const header = [
    'group',
    ...passes.flatMap((p) => [
      `${p.locale} ack p50`,
      `${p.locale} result p50`,
      `${p.locale} result p95`,
      `${p.locale} bare p50`,
      `${p.locale} ratio`,
    ]),
    `${last.locale} vs ${first.locale} p50`,
  ];
  const rows = rowsOf(first).map((row) => {
    const each = passes.map((p) => rowsOf(p).find((r) => r.kind === row.kind));
    const lastRow = each.at(-1);
    return [
      row.kind,
      ...each.flatMap((r) => [
        r?.ack.p50 ?? Number.NaN,
        r?.result.p50 ?? Number.NaN,
        r?.result.p95 ?? Number.NaN,
        r?.bareAck.p50 ?? Number.NaN,
        r?.ackRatio.toFixed(2) ?? '-',
      ]),
      lastRow ? change(row.result.p50, lastRow.result.p50) : '-',
    ];
  });
  return [
    '',
    `Languages side by side (ms; the same requests in each language, run in alternating slices; the bare Bolt app, which has no language, shows how much the machine itself moved between them; ratio = Kontakt ack p50 / bare p50):`,
    table(header, rows),
  ];
}

function verdict(ok: boolean): 'PASS' | 'FAIL' {
  return ok ? 'PASS' : 'FAIL';
}

interface ProfileWindow {
  name: string;
  from: number;
  to: number;
}

function newestProfile(dir: string): string | undefined {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(dir, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  } catch {
    return undefined;
  }
}

// ---- the run ------------------------------------------------------------------------------------

export async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  if (!options) return;
  const runStarted = performance.now();
  const watchdog = setTimeout(() => {
    log(`watchdog: the run took longer than ${options.maxMinutes} minutes; giving up`);
    process.exit(3);
  }, options.maxMinutes * 60_000);
  watchdog.unref();

  log(
    `suite: ${options.contacts.toLocaleString('en')} contacts, ${options.visits.toLocaleString('en')} visits (${options.weekVisits.toLocaleString('en')} this week), ${options.samples} samples per kind, sweep ${options.levels.join('/')} users × ${options.sweepSeconds} s`,
  );
  const database: Database = await startDatabase(options.profile);
  log(`MongoDB: ${database.label} (${Math.round(database.startMs)} ms to start)`);
  const children: ChildApp[] = [];
  const fakes: FakeSlackApi[] = [];
  try {
    // ---- 1. seed ----
    await connectForSeeding(database.uri);
    await describeServer(database);
    // Indexes of the two big collections are built after their bulk insert (faster); the rest now, because
    // seeding reads setup and notablescan is on.
    for (const name of mongoose.modelNames().filter((m) => m !== ContactModel.modelName && m !== VisitModel.modelName))
      await mongoose.model(name).createIndexes();
    const targets: VisitTarget[] = [];
    let lastReport = 0;
    const progress = (what: string, total: number) => (done: number) => {
      if (performance.now() - lastReport < 5_000) return;
      lastReport = performance.now();
      log(`  ${what} ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
    };
    const contacts = await seedWorkspace({
      workspaceId: WORKSPACE,
      count: options.contacts,
      seed: options.seed,
      onProgress: progress('contacts', options.contacts),
      onContact: (c) =>
        targets.push({
          id: c.id,
          no: c.no,
          name: c.name,
          type: c.type,
          companyId: c.companyId,
          companyName: c.companyName,
        }),
    });
    log(`seeded ${contacts.inserted.toLocaleString('en')} contacts in ${(contacts.totalMs / 1000).toFixed(1)} s`);
    const week = weekOf(todayIn(USER_TZ));
    const setupTypes = (await getWorkspaceSetup(WORKSPACE)).interactionTypes;
    const visits = await seedVisits({
      workspaceId: WORKSPACE,
      count: options.visits,
      weekCount: options.weekVisits,
      week,
      salespeople: TEAM,
      contacts: targets,
      types: setupTypes,
      seed: options.seed + 2,
      onProgress: progress('visits', options.visits),
    });
    targets.length = 0;
    log(
      `seeded ${visits.inserted.toLocaleString('en')} visits in ${(visits.totalMs / 1000).toFixed(1)} s (${visits.inWeek} in ${week.from}..${week.to})`,
    );
    const indexStarted = performance.now();
    await ensureIndexes({ info: () => undefined });
    const indexMs = performance.now() - indexStarted;
    await setContactSeries(WORKSPACE, contacts.inserted);
    const roles = await saveSetupSection({
      workspaceId: WORKSPACE,
      userId: 'U0ADMIN',
      section: 'roles',
      version: 0,
      patch: { roles: { admins: [], managers: [MANAGER] } },
    });
    if (roles.status !== 'saved') throw new Error(`Naming the manager in setup failed: ${roles.status}`);
    // The first language is the workspace's (setup) and the timed users' own choice; later ones are switched to
    // in the running Kontakt with /contact language (see switchLanguage).
    const firstLanguage = options.languages[0] as Locale;
    const language = await saveSetupSection({
      workspaceId: WORKSPACE,
      userId: 'U0ADMIN',
      section: 'language',
      version: (await getWorkspaceSetup(WORKSPACE)).version,
      patch: { language: firstLanguage },
    });
    if (language.status !== 'saved') throw new Error(`Setting the language in setup failed: ${language.status}`);
    for (const userId of TIMED_USERS) await setUserLanguage(WORKSPACE, userId, firstLanguage);
    log(`indexes: ${(indexMs / 1000).toFixed(1)} s; ${MANAGER} is a manager; language ${firstLanguage}`);
    await disconnectDatabase();

    // ---- 2. fakes and the database-commands pass ----
    const checkingFake = await FakeSlackApi.start();
    // The timed passes' fake only records: Block Kit checking is the harness's CPU, not the app's.
    const fake = await FakeSlackApi.start({ checkBlockKit: false });
    fakes.push(checkingFake, fake);
    const compileStarted = performance.now();
    const entry =
      options.runtime === 'compiled'
        ? compileForChildren(path.join(__dirname, 'results', 'dist'))
        : (file: string) => path.join(__dirname, 'lib', file);
    if (options.runtime === 'compiled')
      log(
        `compiled src/ and bench/lib/ for the child processes in ${Math.round(performance.now() - compileStarted)} ms`,
      );
    let currentFake = checkingFake;
    const jobs = new JobMaker(contacts.samples, options.contacts, options.seed + 7, () => currentFake);

    const monitoredUri = new URL(database.uri);
    monitoredUri.searchParams.set('monitorCommands', 'true');
    const monitored = await startChild({
      name: 'Kontakt (command monitoring)',
      entry: entry('app-process.ts'),
      runtime: options.runtime,
      env: {
        ...kontaktEnv(checkingFake.url, monitoredUri.toString()),
        BENCH_MONITOR_COMMANDS: '1',
        // This pass counts commands and waits for each request's background Homes: no need to wait 10 s for them.
        HOME_TEAM_REFRESH_MS: '750',
      },
    });
    children.push(monitored);
    log(
      `database-commands pass: ${options.rtSamples} requests per kind (Kontakt with command monitoring started in ${Math.round(monitored.startMs)} ms)`,
    );
    const commands = await commandsPass(monitored, checkingFake, jobs, options.rtSamples);
    const monitoredMemory = await monitored.stop();

    // ---- 3. the two apps ----
    currentFake = fake;
    const profileDir = options.profile ? path.join(options.profile, 'kontakt') : undefined;
    const [kontakt, bare] = await Promise.all([
      startChild({
        name: 'Kontakt',
        entry: entry('app-process.ts'),
        runtime: options.runtime,
        nodeArgs: options.appNodeArgs,
        env: kontaktEnv(fake.url, database.uri),
        cpuProfDir: profileDir,
      }),
      startChild({
        name: 'bare Bolt',
        entry: entry('bare-bolt.ts'),
        runtime: options.runtime,
        env: {
          SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
          SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
          SLACK_API_URL: fake.url,
          BENCH_BOT_ID: DEFAULT_BOT.botId,
          BENCH_BOT_USER_ID: DEFAULT_BOT.userId,
        },
      }),
    ]);
    children.push(kontakt, bare);
    const apps: Apps = {
      kontakt,
      bare,
      kontaktSender: new SlackRequestSender({ url: kontakt.eventsUrl, signingSecret: TEST_SIGNING_SECRET }),
      bareSender: new SlackRequestSender({ url: bare.eventsUrl, signingSecret: TEST_SIGNING_SECRET }),
    };
    const snapshots: { at: string; kontakt?: ProcMemory; kontaktHeap?: Record<string, number>; bare?: ProcMemory }[] =
      [];
    const snapshot = async (at: string) => {
      snapshots.push({
        at,
        kontakt: kontakt.memory(),
        kontaktHeap: await kontakt.heap().catch(() => undefined),
        bare: bare.memory(),
      });
    };
    await snapshot('started (idle)');
    log(
      `Kontakt (pid ${kontakt.pid}) started in ${Math.round(kontakt.startMs)} ms, bare Bolt (pid ${bare.pid}) in ${Math.round(bare.startMs)} ms`,
    );
    // ---- 4. timed A/B pass in each language: the same requests (a JobMaker with the same seed) in each ----
    // Each language's plan is cut in slices, run in A B B A … order with a /contact language switch between
    // them, so drift over the run (JIT, caches, the other processes on the machine) falls on both alike.
    const windows: ProfileWindow[] = [];
    const plans = new Map<Locale, (() => Job)[]>();
    let speaking = options.languages[0] as Locale;
    for (const locale of options.languages) {
      if (locale !== speaking) await switchLanguage(apps.kontaktSender, fake, locale);
      speaking = locale;
      const passJobs = new JobMaker(contacts.samples, options.contacts, options.seed + 11, () => currentFake);
      await captureTemplate(apps.kontaktSender, fake, passJobs);
      for (let i = 0; i < options.warmup; i += 1) {
        for (const make of passJobs.everyKind()) {
          const job = make();
          await sendToKontakt(apps.kontaktSender, fake, job, nowSeconds());
          await sendToBare(apps.bareSender, job, nowSeconds());
        }
        for (const make of passJobs.everyKind(MANAGER).slice(-1))
          await sendToKontakt(apps.kontaktSender, fake, make(), nowSeconds());
      }
      fake.reset();
      plans.set(locale, passJobs.plan(options.samples));
    }
    const slices = options.languages.length > 1 ? LANGUAGE_SLICES : 1;
    const parts = new Map<Locale, LanguagePass['ab'][]>(options.languages.map((locale) => [locale, []]));
    log(
      `timed A/B pass in ${options.languages.join(' and ')}: ${plans.get(speaking)?.length} requests per language to each app, one at a time${slices > 1 ? `, in ${slices} slices per language, alternating` : ''}`,
    );
    const abFrom = profileClockMicros();
    for (let slice = 0; slice < slices; slice += 1) {
      const order = slice % 2 === 0 ? options.languages : [...options.languages].reverse();
      for (const locale of order) {
        if (locale !== speaking) await switchLanguage(apps.kontaktSender, fake, locale);
        speaking = locale;
        const plan = plans.get(locale) as (() => Job)[];
        const size = Math.ceil(plan.length / slices);
        parts.get(locale)?.push(await abPass(apps, fake, plan.slice(slice * size, (slice + 1) * size)));
      }
    }
    windows.push({ name: `timed A/B pass (${options.languages.join(', ')})`, from: abFrom, to: profileClockMicros() });
    await snapshot('after the timed A/B pass');
    const passes: LanguagePass[] = options.languages.map((locale) => {
      const slicesRun = parts.get(locale) ?? [];
      const ab: LanguagePass['ab'] = {
        kontakt: slicesRun.flatMap((part) => part.kontakt),
        bare: slicesRun.flatMap((part) => part.bare),
        wallMs: slicesRun.reduce((sum, part) => sum + part.wallMs, 0),
        serverTimesMatched: slicesRun.every((part) => part.serverTimesMatched),
      };
      return { locale, ab, ...passRows(ab) };
    });
    // The sweep's log-visit submits use a modal this Kontakt opened (in the last pass's language).
    await captureTemplate(apps.kontaktSender, fake, jobs);
    fake.reset();

    // ---- 5. concurrency sweep ----
    const sweep: LevelResult[] = [];
    const sweepFrom = profileClockMicros();
    for (const users of options.levels) {
      log(`sweep: ${users} concurrent user(s), ${options.sweepSeconds} s per app`);
      sweep.push(await sweepLevel('kontakt', apps, fake, jobs, users, options.sweepSeconds));
      sweep.push(await sweepLevel('bare', apps, fake, jobs, users, options.sweepSeconds));
      await snapshot(`after the sweep at ${users} user(s)`);
    }
    windows.push({ name: 'concurrency sweep', from: sweepFrom, to: profileClockMicros() });

    // ---- 6. memory, then stop ----
    const kontaktLive = await kontakt.heap(true).catch(() => undefined);
    const mongodMemory = database.pid ? procMemory(database.pid) : undefined;
    const kontaktMemory = await kontakt.stop();
    const bareMemory = await bare.stop();
    await database.stop();
    let profiles: { file: string; window: string; summary: ProfileSummary }[] | undefined;
    if (options.profile && profileDir) {
      profiles = [];
      const appFile = newestProfile(profileDir);
      const mongodFile = database.kind === 'emulator' ? newestProfile(path.join(options.profile, 'mongod')) : undefined;
      for (const [file, who] of [
        [appFile, 'Kontakt'],
        [mongodFile, 'MongoDB emulator'],
      ] as const) {
        if (!file) continue;
        const profile = readProfile(file);
        for (const w of windows)
          profiles.push({ file, window: `${who}, ${w.name}`, summary: summarizeProfile(profile, w.from, w.to) });
      }
    }

    // ---- 7. report ----
    const peakBytes = (kontaktMemory?.peakMiB ?? Number.NaN) * 2 ** 20;
    /** The time targets, judged in each language's pass. */
    const timedChecks = ({ groupRows, pooledAckFirst }: LanguagePass) => {
      const group = (name: Group) => groupRows.find((r) => r.group === name) as KindRow;
      // Judged per group (search, open-contact, …): single search kinds have too few samples for a stable p50 ratio.
      const ackFirst = groupRows.filter((r) => ACK_FIRST_GROUPS.has(r.group));
      const worstRatio = ackFirst.reduce((a, b) => (b.ackRatio > a.ackRatio ? b : a));
      return {
        ackP50Ratio: {
          target: `≤ ${TARGETS.ackRatio}× bare Bolt, each ack-first group`,
          value: worstRatio.ackRatio,
          note: `worst: ${worstRatio.kind} (${worstRatio.ack.p50} vs ${worstRatio.bareAck.p50} ms); pooled ${pooledAckFirst.ackRatio}×; server-side: worst ${Math.max(...ackFirst.map((r) => r.serverAckRatio ?? Number.NaN))}×, pooled ${pooledAckFirst.serverAckRatio ?? '-'}×`,
          verdict: verdict(ackFirst.every((r) => r.ackRatio <= TARGETS.ackRatio)),
        },
        searchResultP95: {
          target: `≤ ${TARGETS.searchP95Ms} ms`,
          value: group('search').result.p95,
          verdict: verdict(group('search').result.p95 <= TARGETS.searchP95Ms),
        },
        typeaheadP95: {
          target: `≤ ${TARGETS.typeaheadP95Ms} ms`,
          value: group('typeahead').result.p95,
          verdict: verdict(group('typeahead').result.p95 <= TARGETS.typeaheadP95Ms),
        },
        logVisitShortcutViewsOpenP95: {
          target: `≤ ${TARGETS.shortcutP95Ms} ms (incl. chat.getPermalink)`,
          value: group('log-visit-shortcut').result.p95,
          verdict: verdict(group('log-visit-shortcut').result.p95 <= TARGETS.shortcutP95Ms),
        },
        logVisitSubmitAckP95: {
          target: `≤ ${TARGETS.submitAckP95Ms} ms with ${visits.inserted.toLocaleString('en')} visits stored`,
          value: group('log-visit-submit').ack.p95,
          verdict: verdict(group('log-visit-submit').ack.p95 <= TARGETS.submitAckP95Ms),
        },
        appHomeManagerPublishP95: {
          target: `≤ ${TARGETS.homeManagerP95Ms} ms, manager, ${visits.inWeek.toLocaleString('en')} visits this week`,
          value: group('app-home-manager').result.p95,
          verdict: verdict(group('app-home-manager').result.p95 <= TARGETS.homeManagerP95Ms),
        },
      };
    };
    const checks = {
      ...Object.fromEntries(
        passes.flatMap((pass) =>
          Object.entries(timedChecks(pass)).map(([name, check]) => [`${name} (${pass.locale})`, check]),
        ),
      ),
      logVisitShortcutMatchingCommands: {
        target: `≤ ${TARGETS.shortcutMatchingCommands} (max per shortcut, its commands on contacts)`,
        value: commands.perKind['log-visit-shortcut']?.maxOnContacts ?? Number.NaN,
        verdict: verdict(
          (commands.perKind['log-visit-shortcut']?.maxOnContacts ?? Infinity) <= TARGETS.shortcutMatchingCommands,
        ),
      },
      dbRoundTripsPerSearch: {
        target: `≤ ${TARGETS.roundTripsPerSearch} (max over every /contact search)`,
        value: commands.search.max,
        verdict: verdict(commands.search.max <= TARGETS.roundTripsPerSearch),
      },
      indexBacked: {
        target: 'no command refused (notablescan)',
        value: commands.failedCommands.length,
        verdict: verdict(commands.failedCommands.length === 0),
      },
      appPeakRss: {
        target: `≤ ${TARGETS.peakRssMB} MB (${round((TARGETS.peakRssMB * 1e6) / 2 ** 20)} MiB), Kontakt's VmHWM`,
        value: kontaktMemory?.peakMiB ?? Number.NaN,
        verdict: verdict(peakBytes <= TARGETS.peakRssMB * 1e6),
      },
    };
    const result = {
      benchmark: 'suite',
      at: new Date().toISOString(),
      options: { ...options, out: undefined },
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: round(totalmem() / 2 ** 30),
        node: process.version,
      },
      database: {
        label: database.label,
        kind: database.kind,
        version: database.version,
        startMs: round(database.startMs),
      },
      seeding: {
        contacts: {
          inserted: contacts.inserted,
          companies: contacts.companies,
          personsAtCompany: contacts.personsAtCompany,
          independentPersons: contacts.independentPersons,
          ms: round(contacts.totalMs),
          docsPerSecond: Math.round(contacts.inserted / (contacts.totalMs / 1000)),
        },
        visits: {
          inserted: visits.inserted,
          inCurrentWeek: visits.inWeek,
          week,
          cancelled: visits.cancelled,
          salespeople: TEAM.length,
          ms: round(visits.totalMs),
          docsPerSecond: Math.round(visits.inserted / (visits.totalMs / 1000)),
        },
        indexMs: round(indexMs),
        manager: MANAGER,
      },
      apps: {
        kontakt: { startMs: round(kontakt.startMs), commandMonitoringStartMs: round(monitored.startMs) },
        bare: { startMs: round(bare.startMs) },
      },
      targets: checks,
      /** One timed pass per language (--lang), the same requests in each. */
      timed: Object.fromEntries(
        passes.map(({ locale, ab, rows, groupRows, pooledAckFirst }) => [
          locale,
          {
            requestsPerApp: ab.kontakt.length,
            wallMs: round(ab.wallMs),
            kinds: rows,
            groups: groupRows,
            pooledAckFirst,
            failures: ab.kontakt.filter((s) => FAILED.test(s.outcome)).slice(0, 20),
            slowest: [...ab.kontakt].sort((a, b) => b.resultMs - a.resultMs).slice(0, 10),
          },
        ]),
      ),
      sweep,
      dbCommands: commands,
      memory: {
        note: 'VmHWM (peak RSS) and RSS of each process, MiB, read from /proc/<pid>/status just before it was stopped; Kontakt and the bare app run in child processes of their own (node --import tsx), so the bench, the seeding and the fake Slack are not in their figures',
        kontakt: kontaktMemory,
        snapshots,
        kontaktAfterFullGcAtEnd: kontaktLive,
        kontaktCommandMonitoring: monitoredMemory,
        bareBolt: bareMemory,
        mongod: mongodMemory,
        bench: procMemory(),
      },
      appLogs: {
        kontakt: kontakt.stderrLines.length,
        kontaktCommandMonitoring: monitored.stderrLines.length,
        sample: [...kontakt.stderrLines, ...monitored.stderrLines].slice(0, 5),
      },
      profiles: profiles?.map((p) => ({ window: p.window, file: p.file, ...p.summary })),
      runMs: round(performance.now() - runStarted),
    };
    printReport(
      result,
      passes,
      sweep,
      commands,
      {
        kontakt: kontaktMemory,
        monitored: monitoredMemory,
        bare: bareMemory,
        mongod: mongodMemory,
        snapshots,
        live: kontaktLive,
      },
      options,
    );
    if (profiles) printProfiles(profiles);
    mkdirSync(path.dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
    const stamped = path.join(
      path.dirname(options.out),
      `suite-${options.quick ? 'quick' : 'full'}-${result.at.replace(/[:.]/g, '-')}.json`,
    );
    writeFileSync(stamped, `${JSON.stringify(result, null, 2)}\n`);
    log(
      `results: ${path.relative(process.cwd(), options.out)} (and ${path.relative(process.cwd(), stamped)}); whole run ${((performance.now() - runStarted) / 1000).toFixed(1)} s`,
    );
  } finally {
    await mongoose.disconnect().catch(() => undefined);
    await Promise.all(children.map((child) => child.stop().catch(() => undefined)));
    await Promise.all(fakes.map((f) => f.close().catch(() => undefined)));
    await database.stop().catch((error: Error) => log(`stopping MongoDB: ${error.message}`));
    clearTimeout(watchdog);
  }
}

function printProfiles(profiles: { file: string; window: string; summary: ProfileSummary }[]): void {
  const out: string[] = ['', 'CPU profiles (self time)'];
  for (const p of profiles) {
    out.push(
      '',
      `${p.window}: ${(p.summary.busyMs / 1000).toFixed(1)} s busy of ${(p.summary.totalMs / 1000).toFixed(1)} s sampled (${p.file})`,
    );
    out.push(
      table(
        ['area', 'ms', '% busy'],
        p.summary.byArea.slice(0, 10).map((a) => [a.area, a.ms, a.share]),
      ),
    );
    out.push(
      '',
      table(
        ['function', 'area', 'ms', '% busy'],
        p.summary.byFunction.slice(0, 12).map((f) => [f.fn.slice(0, 90), f.area, f.ms, f.share]),
      ),
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function printReport(
  result: {
    database: { label: string; version?: string };
    seeding: {
      contacts: { inserted: number; ms: number; docsPerSecond: number; companies: number };
      visits: { inserted: number; inCurrentWeek: number; ms: number; docsPerSecond: number };
      indexMs: number;
    };
    targets: Record<string, { target: string; value: number; verdict: string; note?: string }>;
    appLogs: { kontakt: number; kontaktCommandMonitoring: number; sample: string[] };
    runMs: number;
  },
  passes: LanguagePass[],
  sweep: LevelResult[],
  commands: CommandsReport,
  memory: {
    kontakt?: ProcMemory;
    monitored?: ProcMemory;
    bare?: ProcMemory;
    mongod?: ProcMemory;
    snapshots: { at: string; kontakt?: ProcMemory; kontaktHeap?: Record<string, number>; bare?: ProcMemory }[];
    live?: Record<string, number>;
  },
  options: Options,
): void {
  const s = result.seeding;
  const out: string[] = [];
  out.push(
    '',
    `Kontakt performance suite${options.quick ? ' (--quick)' : ''} — ${result.database.label} ${result.database.version ?? ''}, notablescan on, ${cpus().length} CPUs`,
  );
  out.push(
    `Seeding: ${s.contacts.inserted.toLocaleString('en')} contacts in ${(s.contacts.ms / 1000).toFixed(1)} s (${s.contacts.docsPerSecond.toLocaleString('en')}/s), ` +
      `${s.visits.inserted.toLocaleString('en')} visits in ${(s.visits.ms / 1000).toFixed(1)} s (${s.visits.docsPerSecond.toLocaleString('en')}/s; ${s.visits.inCurrentWeek.toLocaleString('en')} this week), indexes ${(s.indexMs / 1000).toFixed(1)} s`,
  );
  out.push(
    '',
    'ack = HTTP round trip; result = until the fake Slack received the result; ratio = Kontakt ack p50 / bare Bolt ack p50 (ms);',
    'srv = the same ack measured inside each app (request headers parsed → response written), without the client waiting for a CPU',
  );
  for (const pass of passes) {
    const { locale, ab, rows, groupRows, pooledAckFirst } = pass;
    out.push(
      '',
      `Timed A/B pass in ${locale} (${LANGUAGE_NAMES[locale]}): ${ab.kontakt.length} requests to each app, one at a time, alternating which app goes first (${(ab.wallMs / 1000).toFixed(1)} s${
        passes.length > 1
          ? `; in ${LANGUAGE_SLICES} slices alternating with ${passes
              .filter((p) => p !== pass)
              .map((p) => p.locale)
              .join(', ')}`
          : ''
      })`,
    );
    const line = (r: KindRow) => [
      r.kind,
      r.n,
      r.ack.p50,
      r.ack.p95,
      r.ack.p99,
      r.result.p50,
      r.result.p95,
      r.result.p99,
      r.bareAck.p50,
      r.bareAck.p95,
      `${r.ackRatio.toFixed(2)}${ACK_FIRST_GROUPS.has(r.group) ? '' : '*'}`,
      r.serverAck?.p50 ?? Number.NaN,
      r.bareServerAck?.p50 ?? Number.NaN,
      r.serverAckRatio !== undefined ? r.serverAckRatio.toFixed(2) : '-',
      Object.entries(r.outcomes)
        .map(([k, v]) => `${k}:${v}`)
        .join(' ')
        .slice(0, 60),
    ];
    out.push(
      table(
        [
          'kind',
          'n',
          'ack p50',
          'ack p95',
          'ack p99',
          'result p50',
          'result p95',
          'result p99',
          'bare p50',
          'bare p95',
          'ratio',
          'srv p50',
          'srv bare',
          'srv ratio',
          'outcomes',
        ],
        [...rows.map(line), ...groupRows.map(line), line(pooledAckFirst)],
      ),
    );
    const failures = ab.kontakt.filter((s) => FAILED.test(s.outcome));
    if (failures.length > 0)
      out.push(
        `Failed requests in ${locale} (${failures.length}): ${failures
          .slice(0, 5)
          .map((f) => `${f.kind} "${f.label}" → ${f.outcome}`)
          .join('; ')}`,
      );
  }
  if (passes.length > 1) out.push(...sideBySide(passes));
  out.push(
    '* the ack carries the work by design (typeahead answers in the ack; a submit acks once the visit is stored): the ratio is shown, the target is absolute',
  );

  out.push(
    '',
    `Concurrency sweep: each user sends the mix (3 searches, 3 typeahead, 1 open contact, 1 log-visit shortcut, 1 submit, 1 App Home) back to back for ${options.sweepSeconds} s`,
  );
  out.push(
    table(
      ['app', 'users', 'requests', 'req/s', 'result p50', 'result p95', 'result p99', 'ack p99', 'failed'],
      sweep.map((l) => [
        l.app === 'kontakt' ? 'Kontakt' : 'bare Bolt',
        l.users,
        l.requests,
        l.throughputPerS,
        l.result.p50,
        l.result.p95,
        l.result.p99,
        l.ack.p99,
        l.failures,
      ]),
    ),
  );
  const sweepFailures = sweep.flatMap((l) => l.failureSample);
  if (sweepFailures.length > 0) out.push(`Failed in the sweep, e.g.: ${sweepFailures.slice(0, 3).join('; ')}`);

  out.push('', `Database commands per request (${options.rtSamples} per kind; Kontakt with command monitoring)`);
  out.push(
    table(
      ['kind', 'requests', 'mean', 'max', 'background', 'commands (total over the requests)'],
      Object.entries(commands.perKind)
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([kind, r]) => [
          kind,
          r.requests,
          r.mean,
          r.max,
          r.background,
          Object.entries(r.commands)
            .map(([k, v]) => `${k}:${v}`)
            .join(' '),
        ]),
    ),
  );
  const worstSearch = Object.entries(commands.perKind)
    .filter(([k]) => k.startsWith('search:'))
    .sort((a, b) => b[1].max - a[1].max)[0];
  if (worstSearch)
    out.push(
      `Most commands for a search: ${worstSearch[0]} "${worstSearch[1].worst.label}" → ${worstSearch[1].worst.commands.join(', ')}`,
    );
  if (commands.failedCommands.length > 0)
    out.push(
      `FAILED commands: ${commands.failedCommands
        .slice(0, 3)
        .map((f) => `${f.command} ${f.code}: ${f.message}`)
        .join(' | ')}`,
    );
  out.push(
    `Block Kit violations (checked in this pass): ${commands.blockKitViolations}; outcomes: ${Object.entries(
      commands.outcomes,
    )
      .map(([k, v]) => `${k}:${v}`)
      .join(' ')}`,
  );

  const mem = (m?: ProcMemory) =>
    m ? `peak ${m.peakMiB} MiB (${round((m.peakMiB * 2 ** 20) / 1e6)} MB), RSS ${m.rssMiB} MiB at the end` : 'unknown';
  out.push('', 'Memory (VmHWM of each process, read just before it was stopped)');
  out.push(`  Kontakt:                          ${mem(memory.kontakt)}`);
  out.push(`  Kontakt with command monitoring:  ${mem(memory.monitored)}`);
  out.push(`  bare Bolt:                        ${mem(memory.bare)}`);
  out.push(`  MongoDB server:                   ${mem(memory.mongod)}`);
  if (memory.live?.liveHeapMiB !== undefined) {
    out.push(
      `  Kontakt at the end, after a full GC: heap in use ${memory.live.liveHeapMiB} MiB (was ${memory.live.heapUsedMiB}), RSS ${memory.live.rssAfterGcMiB} MiB`,
    );
  }
  out.push(
    table(
      ['when', 'Kontakt RSS', 'Kontakt peak', 'heap used', 'heap total', 'external', 'bare RSS', 'bare peak'],
      memory.snapshots.map((m) => [
        m.at,
        m.kontakt?.rssMiB ?? Number.NaN,
        m.kontakt?.peakMiB ?? Number.NaN,
        m.kontaktHeap?.heapUsedMiB ?? Number.NaN,
        m.kontaktHeap?.heapTotalMiB ?? Number.NaN,
        m.kontaktHeap?.externalMiB ?? Number.NaN,
        m.bare?.rssMiB ?? Number.NaN,
        m.bare?.peakMiB ?? Number.NaN,
      ]),
    ),
  );

  if (result.appLogs.kontakt + result.appLogs.kontaktCommandMonitoring > 0) {
    out.push(
      '',
      `Kontakt warnings/errors: ${result.appLogs.kontakt} (+${result.appLogs.kontaktCommandMonitoring} in the monitoring pass), e.g. ${result.appLogs.sample[0]?.slice(0, 300)}`,
    );
  }

  out.push('', 'Targets');
  out.push(
    table(
      ['target', 'goal', 'measured', 'verdict', 'note'],
      Object.entries(result.targets).map(([name, c]) => [name, c.target, c.value, c.verdict, c.note ?? '']),
    ),
  );
  const failed = Object.values(result.targets).filter((c) => c.verdict === 'FAIL').length;
  out.push(
    '',
    failed === 0
      ? 'ALL TARGETS PASS'
      : `*** FAIL: ${failed} of ${Object.keys(result.targets).length} targets missed ***`,
  );
  out.push(`(whole run ${(result.runMs / 1000).toFixed(1)} s)`, '');
  process.stdout.write(`${out.join('\n')}\n`);
}
