/**
 * The load run (issue item 6): simulated users, each in a loop mixing search (/contact search), typeahead
 * (options), create contact (view submission) and log visit (view submission), against the HTTP receiver, for a
 * fixed time. Errors: any non-200, a refused or malformed ack, a search answered "try again" or not at all.
 */
import { randomBytes } from 'node:crypto';
import { ids } from '../../../src/ids';
import { blockSuggestion, slashCommand, viewSubmission } from '../../harness/payloads';
import { fillView, type Typed } from '../../support/modal-state';
import { freshContactMetadata, type Templates } from './fuzz-corpus';
import { percentile, type ReliableApp } from './reliable-app';
import type { SeededWorkspace } from './seed';

export type LoadKind = 'search' | 'typeahead' | 'create' | 'log visit';

export interface LoadReport {
  users: number;
  seconds: number;
  requests: number;
  errors: number;
  errorSamples: string[];
  throughputPerSecond: number;
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
  const samples: { kind: LoadKind; ms: number }[] = [];
  const errors: string[] = [];
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
      samples.push({ kind, ms: r.elapsedMs });
      if (r.status !== 200) errors.push(`search: HTTP ${r.status}`);
      return;
    }
    if (kind === 'typeahead') {
      const r = await app.slack.options(
        blockSuggestion({ actionId: ids.actions.contactPicker, userId, value: SEARCHES[n % SEARCHES.length] }),
      );
      samples.push({ kind, ms: r.elapsedMs });
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
    const r = await app.slack.interactive(
      viewSubmission({
        userId,
        viewId: `VLD${n}`,
        callbackId: view.callback_id,
        privateMetadata: kind === 'create' ? freshContactMetadata(view.private_metadata) : view.private_metadata,
        blocks: view.blocks,
        values: fillView(view, typed),
      }),
    );
    samples.push({ kind, ms: r.elapsedMs });
    // A create may rightly be held back as a possible duplicate (push); anything else but "closed" is an error.
    const ack = r.json as { response_action?: string } | undefined;
    if (r.status !== 200 || (ack !== undefined && ack.response_action !== 'push'))
      errors.push(`${kind}: HTTP ${r.status} ${r.text.slice(0, 160)}`);
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
  await app.idle(undefined, 30_000);
  const replyMs: number[] = [];
  for (const search of searches) {
    const reply = app.fake.responses.find((r) => r.key === search.key);
    if (!reply) errors.push('search: no reply through response_url');
    else if (/try again/i.test(String(reply.body.text))) errors.push(`search: ${String(reply.body.text)}`);
    else replyMs.push(reply.at - search.at);
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
