/**
 * Seeds a workspace's visits in bulk (VisitModel.insertMany), each document shaped as logVisit() in
 * src/services/visits/visit.service.ts stores it: the contact's No. and name, its company at the time, `subjects`
 * (contact + company, for the history index), the interaction type's description and default duration and cost,
 * a per-modal idempotency key, and where it was logged from.
 *
 * `weekCount` of them fall in the given week (the App Home's "this week" for managers), spread over the
 * salespeople; the rest over the two years before it, a few cancelled.
 */
import { Types } from 'mongoose';
import { VisitModel } from '../../src/models/visit.model';
import type { InteractionType } from '../../src/services/setup/setup.types';
import { addDays } from '../../src/services/calendar';
import { evaluations } from '../../src/services/visits/visit.types';
import { Random } from './random';

export interface VisitTarget {
  id: string;
  no: string;
  name: string;
  type: 'company' | 'person';
  companyId?: string;
  companyName?: string;
}

export interface VisitSeedOptions {
  workspaceId: string;
  count: number;
  /** How many of them are dated inside `week`. */
  weekCount: number;
  week: { from: string; to: string };
  salespeople: readonly string[];
  contacts: readonly VisitTarget[];
  types: readonly InteractionType[];
  seed: number;
  batchSize?: number;
  onProgress?: (inserted: number) => void;
}

export interface VisitSeedResult {
  inserted: number;
  inWeek: number;
  cancelled: number;
  totalMs: number;
  insertWaitMs: number;
}

const NOTES = [
  'Gikk gjennom tilbudet på nye pumper, de vil ha pris på service i tillegg.',
  'Demo av løsningen for innkjøpssjefen. Positiv, ber om referanser.',
  'Telefon om leveransen som er forsinket; lovet oppdatering fredag.',
  'Met the purchasing manager, they want a quote for 3 units before Christmas.',
  'Oppfølging av reklamasjon. Løst på stedet.',
  'Lunsjmøte, snakket om rammeavtale for neste år.',
  'Follow-up call on the pilot; budget approved for Q1.',
  'Befaring på verkstedet, målte opp for ny kran.',
  'Ringte, ingen svar. Prøver igjen neste uke.',
  'Videomøte med daglig leder og økonomisjef om prisjustering.',
  '',
] as const;

/** A day in the two years before `before` (exclusive), YYYY-MM-DD. */
function earlierDay(random: Random, before: string): string {
  return addDays(before, -random.int(1, 730));
}

export async function seedVisits(options: VisitSeedOptions): Promise<VisitSeedResult> {
  const random = new Random(options.seed);
  const batchSize = options.batchSize ?? 1_000;
  if (options.contacts.length === 0) throw new Error('No contacts to log visits against');
  const result = { inserted: 0, inWeek: 0, cancelled: 0 };
  const now = new Date();

  const build = (n: number): Record<string, unknown> => {
    const contact = random.pick(options.contacts);
    const type = random.weighted(options.types.map((t, i) => [t, i === 0 ? 5 : 2] as const));
    const inWeek = n < options.weekCount;
    const date = inWeek ? addDays(options.week.from, random.int(0, 6)) : earlierDay(random, options.week.from);
    if (inWeek) result.inWeek += 1;
    const cancelled = !inWeek && random.chance(0.02);
    if (cancelled) result.cancelled += 1;
    const salespersonId = inWeek
      ? (options.salespeople[n % options.salespeople.length] as string)
      : random.pick(options.salespeople);
    const fromMessage = random.chance(0.6);
    const channelId = random.pick(['C0001', 'C0002', 'C0003']);
    const ts = `${Math.floor(now.getTime() / 1000) - random.int(0, 60 * 86_400)}.${random.digits(6)}`;
    const subjects = [contact.id, ...(contact.companyId ? [contact.companyId] : [])].map(
      (id) => new Types.ObjectId(id),
    );
    const followUp = random.chance(0.1) ? addDays(date, random.int(1, 14)) : undefined;
    return {
      workspaceId: options.workspaceId,
      contactId: new Types.ObjectId(contact.id),
      contactNo: contact.no,
      contactName: contact.name,
      companyId: contact.companyId ? new Types.ObjectId(contact.companyId) : null,
      companyName: contact.companyName,
      subjects,
      salespersonId,
      typeCode: type.code,
      typeDescription: type.description,
      date,
      description: random.pick(NOTES),
      evaluation: random.weighted(evaluations.map((e, i) => [e, [2, 5, 6, 2, 1][i] ?? 1] as const)),
      attemptFailed: random.chance(0.1),
      durationMin: type.durationMin,
      cost: type.cost,
      ...(followUp ? { followUpDate: followUp } : {}),
      source: fromMessage
        ? {
            channelId,
            messageTs: ts,
            permalink: `https://acme.slack.com/archives/${channelId}/p${ts.replace('.', '')}`,
          }
        : {},
      idempotencyKey: `view:VSEED${n.toString(36).toUpperCase()}`,
      status: cancelled ? 'cancelled' : 'logged',
      ...(cancelled ? { cancelledBy: salespersonId, cancelledAt: now } : {}),
      updatedBy: salespersonId,
    };
  };

  const started = performance.now();
  let insertWaitMs = 0;
  let inFlight: Promise<unknown> | undefined;
  // One batch is inserted while the next is built, as the contacts are.
  for (let from = 0; from < options.count; from += batchSize) {
    const docs: Record<string, unknown>[] = [];
    for (let n = from; n < from + batchSize && n < options.count; n += 1) docs.push(build(n));
    const waitStart = performance.now();
    await inFlight;
    insertWaitMs += performance.now() - waitStart;
    if (inFlight) options.onProgress?.(result.inserted);
    inFlight = VisitModel.insertMany(docs, { ordered: false }).then((written) => {
      result.inserted += written.length;
    });
  }
  const waitStart = performance.now();
  await inFlight;
  insertWaitMs += performance.now() - waitStart;
  options.onProgress?.(result.inserted);
  return { ...result, totalMs: performance.now() - started, insertWaitMs };
}
