/**
 * The load run (issue item 6): simulated users, each in a loop mixing search (/contact search), typeahead
 * (options), create contact (view submission) and log visit (view submission), against the HTTP receiver, for a
 * fixed time. Errors: any non-200, a refused or malformed ack, a search not answered. "Try again in a moment" is
 * not an error but a figure — a busy machine can make a moment slow — and those users send the same request again
 * after the run (a retry that still fails is an error). Ack times are the app's own (x-kontakt-ack-ms).
 */
import { randomBytes } from 'node:crypto';
import { ids } from '../../../src/ids';
import { blockSuggestion, slashCommand, viewSubmission } from '../../harness/payloads';
import { fillView, type Typed } from '../../support/modal-state';
import { freshContactMetadata, type Templates } from './fuzz-corpus';
import { percentile, type ReliableApp } from './reliable-app';
import type { SeededWorkspace } from './seed';
import { saysTryAgain, sendAsUserWould } from './try-again';
import type { SlackHttpResponse } from '../../harness/slack-request';

export type LoadKind = 'search' | 'typeahead' | 'create' | 'log visit';

export interface LoadReport {
  users: number;
  seconds: number;
  requests: number;
  errors: number;
  errorSamples: string[];
  /** Answers "try again in a moment" (each retried by its user afterwards; a failed retry is an error). */
  toldTryAgain: number;
  throughputPerSecond: number;
  /** The slowest answer as the sending client saw it (includes waiting for a busy CPU): a figure only. */
  clientMsMax: number;
  ackMs: { p50: number; p95: number; p99: number; max: number };
  byKind: Record<LoadKind, { requests: number; p50: number; p95: number; p99: number }>;
  searchReplyMs: { p50: number; p95: number; p99: number };
}

const word = () => Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join('');
const SEARCHES = ['alfa', 'maskin', 'kari', 'ola', 'bergen', 'CT00001', 'type:company', 'nord'];

export async function runLoad(
  app: ReliableApp,
  ws: SeededWorkspace,
  templates: Templates,
  o: { users: number; seconds: number },
): Promise<LoadReport> {
  const samples: { kind: LoadKind; ms: number; clientMs: number }[] = [];
  const errors: string[] = [];
  const retries: { kind: LoadKind; send: () => Promise<SlackHttpResponse> }[] = [];
  const sample = (kind: LoadKind, r: SlackHttpResponse) =>
    samples.push({ kind, ms: r.ackMs ?? Number.NaN, clientMs: r.elapsedMs });
  const searches: { key: string; at: number }[] = [];
  const end = Date.now() + o.seconds * 1_000;
  let serial = 0;

  const once = async (userId: string, kind: LoadKind): Promise<void> => {
    const n = (serial += 1);
    if (kind === 'search') {
      const key = `ld${n}`;
      searches.push({ key, at: Date.now() });
      const r = await app.slack.command(
        slashCommand({
          text: `search ${SEARCHES[n % SEARCHES.length]}`,
          userId,
          responseUrl: app.fake.responseUrl(key),
        }),
      );
      sample(kind, r);
      if (r.status !== 200) errors.push(`search: HTTP ${r.status}`);
      return;
    }
    if (kind === 'typeahead') {
      const r = await app.slack.options(
        blockSuggestion({ actionId: ids.actions.contactPicker, userId, value: SEARCHES[n % SEARCHES.length] }),
      );
      sample(kind, r);
      const options = (r.json as { options?: unknown[] } | undefined)?.options;
      if (r.status !== 200 || !Array.isArray(options))
        errors.push(`typeahead: HTTP ${r.status} ${r.text.slice(0, 100)}`);
      return;
    }
    const view = kind === 'create' ? templates.contactCompany : templates.logVisitCreate;
    const typed: Record<string, Typed> =
      kind === 'create'
        ? { [ids.contactField.blocks.name]: `${word()} ${word()} ${n}`, [ids.contactField.blocks.city]: 'Bergen' }
        : {
            [ids.visitField.contact]: ws.company.id,
            [ids.visitField.date]: '2026-01-20',
            [ids.visitField.description]: `Load visit ${n}`,
          };
    const privateMetadata = kind === 'create' ? freshContactMetadata(view.private_metadata) : view.private_metadata;
    const send = () =>
      app.slack.interactive(
        viewSubmission({
          userId,
          viewId: `VLD${n}`,
          callbackId: view.callback_id,
          privateMetadata,
          blocks: view.blocks,
          values: fillView(view, typed),
        }),
      );
    const r = await send();
    sample(kind, r);
    if (r.status === 200 && saysTryAgain(r.text)) retries.push({ kind, send });
    else if (!savedOrHeldBack(r)) errors.push(`${kind}: HTTP ${r.status} ${r.text.slice(0, 160)}`);
  };
  // A create may rightly be held back as a possible duplicate (push); anything else but "closed" is an error.
  const savedOrHeldBack = (r: SlackHttpResponse) => {
    const ack = r.json as { response_action?: string } | undefined;
    return r.status === 200 && (ack === undefined || ack.response_action === 'push');
  };

  const kinds: LoadKind[] = ['search', 'typeahead', 'typeahead', 'create', 'log visit', 'search', 'typeahead'];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: o.users }, async (_, u) => {
      const userId = `U0LOAD${u}`;
      for (let i = u; Date.now() < end; i++) await once(userId, kinds[i % kinds.length]!);
    }),
  );
  const elapsedS = (Date.now() - started) / 1_000;
  await app.idle();
  const replyMs: number[] = [];
  let searchesToldTryAgain = 0;
  for (const search of searches) {
    const reply = app.fake.responses.find((r) => r.key === search.key);
    if (!reply) errors.push('search: no reply through response_url');
    else if (saysTryAgain(String(reply.body.text))) searchesToldTryAgain += 1;
    else replyMs.push(reply.at - search.at);
  }
  // The users told to try again do so, one after the other; what they finally get must be a save.
  for (const { kind, send } of retries) {
    const last = (await sendAsUserWould(send)).at(-1)!;
    if (!savedOrHeldBack(last)) errors.push(`${kind} retried: HTTP ${last.status} ${last.text.slice(0, 160)}`);
  }
  const all = samples.map((s) => s.ms);
  const of = (kind: LoadKind) => samples.filter((s) => s.kind === kind).map((s) => s.ms);
  const stats = (values: number[]) => ({
    requests: values.length,
    p50: Math.round(percentile(values, 50)),
    p95: Math.round(percentile(values, 95)),
    p99: Math.round(percentile(values, 99)),
  });
  return {
    users: o.users,
    seconds: o.seconds,
    requests: samples.length,
    errors: errors.length,
    errorSamples: [...new Set(errors)].slice(0, 10),
    toldTryAgain: retries.length + searchesToldTryAgain,
    clientMsMax: Math.round(Math.max(0, ...samples.map((s) => s.clientMs))),
    throughputPerSecond: Math.round((samples.length / elapsedS) * 10) / 10,
    ackMs: {
      p50: Math.round(percentile(all, 50)),
      p95: Math.round(percentile(all, 95)),
      p99: Math.round(percentile(all, 99)),
      max: Math.round(Math.max(0, ...all)),
    },
    byKind: {
      search: stats(of('search')),
      typeahead: stats(of('typeahead')),
      create: stats(of('create')),
      'log visit': stats(of('log visit')),
    },
    searchReplyMs: {
      p50: Math.round(percentile(replyMs, 50)),
      p95: Math.round(percentile(replyMs, 95)),
      p99: Math.round(percentile(replyMs, 99)),
    },
  };
}
