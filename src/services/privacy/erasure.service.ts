import type { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db/errors';
import { translator } from '../../i18n';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { PrivacyErasureModel, type PrivacyErasureDocument } from '../../models/privacy-erasure.model';
import { OpportunityModel } from '../../models/opportunity.model';
import { TaskModel } from '../../models/task.model';
import { VisitModel } from '../../models/visit.model';
import { isObjectId } from '../contacts/contact.service';
import type { Actor } from '../people/permissions.service';
import { getWorkspaceSetup } from '../setup/setup.service';
import { scrubbers, type ErasureScope } from './erasure-scrubbers';
import { ERASING, openDealsOf, privacySubject, type SubjectRefusal } from './privacy-subject';

/** What the confirmation names: what goes and what stays, counted. */
export interface ErasurePlan {
  contact: { id: string; no: string; name: string; type: 'company' | 'person' };
  /** A company's persons, erased with it. */
  persons: number;
  /** Visits where an erased contact was the contact: their notes and message links go, the visit stays. */
  visitsAsContact: number;
  /** Every visit that stays (as the contact's, or at the erased company), without the erased names. */
  visitsKept: number;
  opportunities: number;
  tasks: number;
}

export type PlanResult = SubjectRefusal | { status: 'ready'; plan: ErasurePlan };

export type EraseResult =
  | SubjectRefusal
  | { status: 'erased'; no: string; type: 'company' | 'person'; persons: number; counts: Record<string, number> };

/** Called after each scrub: how many of all are done. */
export type ErasureProgress = (done: number, total: number) => void | Promise<void>;

/** What an erasure would remove and keep, for the confirmation; the same refusals as the erasure itself. */
export async function planErasure(workspaceId: string, contactId: unknown, actor: Actor): Promise<PlanResult> {
  const subject = await privacySubject(workspaceId, contactId, actor);
  if ('status' in subject) return subject;
  const opportunities = await openDealsOf(workspaceId, subject);
  if (opportunities.length > 0)
    return { status: 'hasOpportunities', no: subject.contact.no, name: subject.contact.name, opportunities };
  const { ids, contact } = subject;
  const [visitsAsContact, visitsKept, deals, tasks] = await Promise.all([
    VisitModel.countDocuments({ workspaceId, subjects: { $in: ids }, contactId: { $in: ids } }),
    VisitModel.countDocuments({ workspaceId, subjects: { $in: ids } }),
    countDeals(workspaceId, ids),
    TaskModel.countDocuments({ workspaceId, contactId: { $in: ids } }),
  ]);
  return {
    status: 'ready',
    plan: {
      contact: { id: contact._id.toString(), no: contact.no, name: contact.name, type: contact.type },
      persons: subject.persons.length,
      visitsAsContact,
      visitsKept,
      opportunities: deals,
      tasks,
    },
  };
}

async function countDeals(workspaceId: string, ids: Types.ObjectId[]): Promise<number> {
  return OpportunityModel.countDocuments({ workspaceId, subjects: { $in: ids } });
}

/**
 * Erases a contact — a company with its persons — and every piece of personal data Kontakt holds about it (see
 * erasure-scrubbers.ts for each collection's part). Admins only; refused, with nothing changed, for a contact of
 * another workspace or none, and while it (or a company's person) has open opportunities.
 *
 * Crash-safe: the erasure record goes first (status `running`, the ids only), then the contacts are hidden from
 * every search (the first write to them), then each scrub, then `done`. A record left `running` is finished by
 * resumeUnfinishedErasures at the next start (and by the hourly round).
 */
export async function erasePerson(
  workspaceId: string,
  contactId: unknown,
  actor: Actor,
  options: { onProgress?: ErasureProgress; now?: Date } = {},
): Promise<EraseResult> {
  const subject = await privacySubject(workspaceId, contactId, actor);
  if ('status' in subject) return subject;
  const opportunities = await openDealsOf(workspaceId, subject);
  if (opportunities.length > 0)
    return { status: 'hasOpportunities', no: subject.contact.no, name: subject.contact.name, opportunities };
  const record = await startErasure(workspaceId, subject.contact, subject.ids, actor.userId, options.now ?? new Date());
  const finished = await finishErasure(record, options.onProgress);
  return {
    status: 'erased',
    no: finished.no,
    type: finished.type as 'company' | 'person',
    persons: subject.persons.length,
    counts: (finished.counts ?? {}) as Record<string, number>,
  };
}

async function startErasure(
  workspaceId: string,
  contact: ContactDocument,
  ids: Types.ObjectId[],
  userId: string,
  now: Date,
): Promise<PrivacyErasureDocument> {
  try {
    const [created] = await PrivacyErasureModel.create([
      {
        workspaceId,
        contactId: contact._id,
        no: contact.no,
        type: contact.type,
        contactIds: ids,
        status: 'running',
        requestedBy: userId,
        startedAt: now,
      },
    ]);
    return created!.toObject() as PrivacyErasureDocument;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    // The same erasure is under way (a double click, or a retry): continue it, with any person added since.
    const running = await PrivacyErasureModel.findOneAndUpdate(
      { workspaceId, contactId: contact._id, status: 'running' },
      { $addToSet: { contactIds: { $each: ids } } },
      { returnDocument: 'after', lean: true },
    );
    if (!running) throw error;
    return running as PrivacyErasureDocument;
  }
}

/**
 * Runs what is left of an erasure: hides its contacts, runs every scrub not yet done (each idempotent), marks it
 * done. Safe to run again, and from another instance at the same time.
 */
export async function finishErasure(
  record: PrivacyErasureDocument,
  onProgress?: ErasureProgress,
): Promise<PrivacyErasureDocument> {
  const { workspaceId } = record;
  const ids = record.contactIds as Types.ObjectId[];
  // First write to the contacts: out of search, typeahead, cards and mentions (they all read `live`) before any
  // field of theirs is touched, so nobody ever sees a half-erased person.
  await ContactModel.updateMany(
    { workspaceId, _id: { $in: ids } },
    { $set: { deletedAt: record.startedAt, deletedBy: ERASING } },
    { timestamps: false },
  );
  const scope = await scopeOf(record);
  const done = new Set(record.done ?? []);
  const counts = { ...((record.counts ?? {}) as Record<string, number>) };
  let step = 0;
  for (const scrubber of scrubbers) {
    step += 1;
    if (done.has(scrubber.name)) continue;
    counts[scrubber.name] = await scrubber.scrub(scope);
    await PrivacyErasureModel.updateOne(
      { _id: record._id, workspaceId },
      { $addToSet: { done: scrubber.name }, $set: { [`counts.${scrubber.name}`]: counts[scrubber.name] } },
    );
    await onProgress?.(step, scrubbers.length);
  }
  const finished = await PrivacyErasureModel.findOneAndUpdate(
    { _id: record._id, workspaceId },
    { $set: { status: 'done', finishedAt: new Date() } },
    { returnDocument: 'after', lean: true },
  );
  return (finished as PrivacyErasureDocument | null) ?? { ...record, status: 'done', counts };
}

/** The scope every scrub works on: ids from the record, values from the contacts while they are still there. */
async function scopeOf(record: PrivacyErasureDocument): Promise<ErasureScope> {
  const { workspaceId } = record;
  const ids = record.contactIds as Types.ObjectId[];
  const contacts = await ContactModel.find(
    { workspaceId, _id: { $in: ids } },
    { no: 1, name: 1, name2: 1, searchName: 1, email: 1, phone: 1, mobile: 1, phoneE164: 1, mobileE164: 1 },
  ).lean<ContactDocument[]>();
  const values = new Set<string>();
  for (const contact of contacts)
    for (const value of [
      contact.no,
      contact.name,
      contact.name2,
      contact.searchName,
      contact.email,
      contact.phone,
      contact.mobile,
      contact.phoneE164,
      contact.mobileE164,
    ])
      if (value && value.trim() !== '') values.add(value);
  const setup = await getWorkspaceSetup(workspaceId);
  const tr = translator(setup.language);
  return {
    workspaceId,
    erasureId: record._id,
    ids,
    companyIds: record.type === 'company' ? [record.contactId as Types.ObjectId] : [],
    values: [...values],
    nos: contacts.map((contact) => contact.no),
    erasedPerson: tr.t('privacy.erased.person'),
    erasedCompany: tr.t('privacy.erased.company'),
    erasedTaskTitle: tr.t('privacy.erased.task'),
    by: record.requestedBy,
  };
}

/**
 * Finishes the erasures a stopped or crashed instance left `running` (all workspaces; at start and in the hourly
 * round). `olderThan` leaves alone the ones a live request may still be running.
 */
export async function resumeUnfinishedErasures(olderThan?: Date, limit = 50): Promise<number> {
  const running = await PrivacyErasureModel.find({
    status: 'running',
    ...(olderThan ? { startedAt: { $lte: olderThan } } : {}),
  })
    .sort({ startedAt: 1 })
    .limit(limit)
    .lean<PrivacyErasureDocument[]>();
  for (const record of running) await finishErasure(record);
  return running.length;
}

/** The erasure log of a workspace, newest first: who erased which No. and when (no erased values). */
export async function erasureLog(
  workspaceId: string,
  limit = 50,
): Promise<{ no: string; type: string; by: string; at: Date; status: string }[]> {
  const records = await PrivacyErasureModel.find({ workspaceId }).sort({ startedAt: -1 }).limit(limit).lean();
  return records.map((r) => ({ no: r.no, type: r.type, by: r.requestedBy, at: r.startedAt, status: r.status }));
}

/** The No. of the contact an erasure is about (from its record: the contact itself may be gone already). */
export async function erasureNoOf(workspaceId: string, contactId: unknown): Promise<string | undefined> {
  if (!isObjectId(contactId)) return undefined;
  const record = await PrivacyErasureModel.findOne({ workspaceId, contactId }, { no: 1 })
    .sort({ startedAt: -1 })
    .lean<{ no: string }>();
  return record?.no;
}
