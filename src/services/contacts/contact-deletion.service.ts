import { openOpportunitiesOf } from '../opportunities/opportunity.service';
import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../db/errors';
import { ContactDeletionModel, type ContactDeletionDocument } from '../../models/contact-deletion.model';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { DuplicatePairModel } from '../../models/duplicate-pair.model';
import { forgetDuplicateCandidates, refreshDuplicateCandidates } from './duplicate-candidates.service';
import { VisitModel } from '../../models/visit.model';
import { actorMayManageContact, type Actor } from '../people/permissions.service';
import { getContactSetup } from '../setup/setup.service';
import { computedParts, toContact, type ContactFields } from './contact-record';
import { isObjectId } from './contact.service';
import { live } from './live';
import { recordContactChanges } from './change-log.service';
import type { ContactChangeKind } from '../../models/contact-change.model';

/**
 * The change log's rows for a deletion's or a restore's contacts, keyed by the deletion: written among the
 * idempotent steps, before the step that moves the record on, so a retry or the repair job writes what is missing.
 */
async function logDeletionChange(
  record: Deletion,
  kind: Extract<ContactChangeKind, 'delete' | 'restore'>,
  ids: Types.ObjectId[],
  by: string,
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  const contacts = await ContactModel.find(
    { workspaceId: record.workspaceId, _id: { $in: ids } },
    { no: 1, name: 1 },
  ).lean<Pick<ContactDocument, '_id' | 'no' | 'name'>[]>();
  await recordContactChanges(
    record.workspaceId,
    contacts.map((contact) => ({
      key: `${kind}:${record._id.toString()}:${contact._id.toString()}`,
      contactId: contact._id,
      contactNo: contact.no,
      contactName: contact.name,
      at,
      by,
      kind,
      fields: [],
    })),
  );
}
import { cancelTasksForDeletion, reopenTasksOfDeletion } from '../tasks/task.service';

/** How long a deleted contact can be restored; the purge job removes it after that. */
export const RESTORE_DAYS = 30;
const DAY_MS = 86_400_000;

/** A deletion as the admins' list and the confirmation show it. */
export interface DeletionSummary {
  id: string;
  contactNo: string;
  contactName: string;
  type: 'company' | 'person';
  /** Persons that went with a company. */
  persons: number;
  deletedBy: string;
  deletedAt: Date;
  /** Restorable until then. */
  purgeAfter: Date;
}

export type DeleteResult =
  | { status: 'deleted'; deletion: DeletionSummary }
  /** Not in this workspace, or deleted already. */
  | { status: 'gone' }
  /** Neither an admin nor the contact's salesperson (mayManageContact). */
  | { status: 'refused'; salespersonId?: string }
  /** It (or, for a company, one of its persons) has open sales opportunities: close or move them first. */
  | { status: 'hasOpportunities'; opportunities: { no: string; description: string }[] };

export type RestoreResult =
  | { status: 'restored'; deletion: DeletionSummary }
  | { status: 'alreadyRestored'; deletion: DeletionSummary }
  /** Unknown, purged, or past its restore period. */
  | { status: 'gone' }
  | { status: 'notAdmin' }
  /** A person whose company is deleted too: the company comes first. */
  | { status: 'companyDeleted'; personName: string; companyName: string; companyNo: string };

type Deletion = ContactDeletionDocument;

function summarize(record: Deletion): DeletionSummary {
  return {
    id: record._id.toString(),
    contactNo: record.contactNo,
    contactName: record.contactName,
    type: record.type,
    persons: record.personIds.length,
    deletedBy: record.deletedBy,
    deletedAt: record.deletedAt,
    purgeAfter: record.purgeAfter,
  };
}

async function findDeletion(workspaceId: string, id: unknown): Promise<Deletion | undefined> {
  if (!isObjectId(id)) return undefined;
  return (await ContactDeletionModel.findOne({ _id: id, workspaceId }).lean<Deletion>()) ?? undefined;
}

/** Moves a deletion on to `to` if it is still in one of `from`; undefined when it had moved on meanwhile. */
async function moveDeletion(
  record: Deletion,
  from: Deletion['status'][],
  to: Deletion['status'],
  extra: Record<string, unknown> = {},
): Promise<Deletion | undefined> {
  const moved = await ContactDeletionModel.findOneAndUpdate(
    { _id: record._id, workspaceId: record.workspaceId, status: { $in: from } },
    { $set: { status: to, statusAt: new Date(), ...extra } },
    { returnDocument: 'after', lean: true },
  );
  return (moved as Deletion | null) ?? undefined;
}

/**
 * Deletes a contact: a company goes with its persons. Admins and the contact's salesperson may (checked here,
 * whatever the caller checked). The contacts are only marked, so an admin can restore them for RESTORE_DAYS;
 * who deleted what and when is kept in the deletion record. Logged visits stay where they are.
 *
 * The record is written first (`pending`), then the contacts are marked, then the record says `deleted`. A
 * failure in between is finished by the user's retry (the same Delete click) or by the repair job.
 */
export async function deleteContact(request: {
  workspaceId: string;
  actor: Actor;
  contactId: unknown;
  now?: Date;
}): Promise<DeleteResult> {
  const { workspaceId, actor } = request;
  if (!isObjectId(request.contactId)) return { status: 'gone' };
  const doc = await ContactModel.findOne({ _id: request.contactId, workspaceId }).lean<ContactDocument>();
  if (!doc) return { status: 'gone' };
  if (doc.deletedAt) {
    // A delete whose last step failed: the user's retry finishes it. Anything else was deleted before.
    const record = await findDeletion(workspaceId, doc.deletionId?.toString());
    if (record?.status !== 'pending') return { status: 'gone' };
    return { status: 'deleted', deletion: summarize(await finishDeletion(record)) };
  }
  const contact = toContact(doc);
  if (!(await actorMayManageContact(actor, contact)))
    return { status: 'refused', salespersonId: contact.salespersonId };
  const open = await openOpportunitiesOf(workspaceId, contact.id);
  if (open.length > 0)
    return { status: 'hasOpportunities', opportunities: open.map((o) => ({ no: o.no, description: o.description })) };
  const persons =
    contact.type === 'company'
      ? await ContactModel.find({ workspaceId, companyId: doc._id, ...live }, { _id: 1 }).lean<
          { _id: Types.ObjectId }[]
        >()
      : [];
  const record = await startDeletion(workspaceId, doc, persons, actor.userId, request.now ?? new Date());
  return { status: 'deleted', deletion: summarize(await finishDeletion(record)) };
}

async function startDeletion(
  workspaceId: string,
  doc: ContactDocument,
  persons: { _id: Types.ObjectId }[],
  userId: string,
  now: Date,
): Promise<Deletion> {
  const personIds = persons.map((person) => person._id);
  try {
    const [created] = await ContactDeletionModel.create([
      {
        workspaceId,
        contactId: doc._id,
        contactNo: doc.no,
        contactName: doc.name,
        type: doc.type,
        personIds,
        deletedBy: userId,
        deletedAt: now,
        purgeAfter: new Date(now.getTime() + RESTORE_DAYS * DAY_MS),
        status: 'pending',
        statusAt: now,
      },
    ]);
    return created!.toObject() as Deletion;
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    // A delete of this contact is under way (a double click, or the retry of one that failed): continue it.
    const pending = await ContactDeletionModel.findOneAndUpdate(
      { workspaceId, contactId: doc._id, status: 'pending' },
      { $addToSet: { personIds: { $each: personIds } } },
      { returnDocument: 'after', lean: true },
    );
    if (!pending) throw error;
    return pending as Deletion;
  }
}

/**
 * Marks the contacts of a pending deletion, cancels their open tasks (each marked with the deletion, so a restore
 * opens them again) and moves it to `deleted`. Idempotent: a resumed deletion redoes each step harmlessly.
 */
export async function finishDeletion(record: Deletion): Promise<Deletion> {
  const { workspaceId } = record;
  await ContactModel.updateMany(
    { workspaceId, _id: { $in: [record.contactId, ...record.personIds] }, ...live },
    { $set: { deletedAt: record.deletedAt, deletedBy: record.deletedBy, deletionId: record._id } },
    { timestamps: false },
  );
  await cancelTasksForDeletion(workspaceId, [record.contactId, ...record.personIds], {
    id: record._id,
    by: record.deletedBy,
  });
  await forgetDuplicateCandidates(workspaceId, [record.contactId, ...record.personIds]);
  await logDeletionChange(
    record,
    'delete',
    [record.contactId, ...record.personIds],
    record.deletedBy,
    record.deletedAt,
  );
  return (await moveDeletion(record, ['pending'], 'deleted')) ?? record;
}

/**
 * A pending deletion nobody finished (found by the repair job): finished when its contact got marked, else
 * given up (the user was told it failed, and the contact stays). Contacts a racing request marked after all
 * are unmarked again.
 */
export async function settlePendingDeletion(record: Deletion): Promise<'finished' | 'abandoned'> {
  const marked = await ContactModel.exists({
    workspaceId: record.workspaceId,
    _id: record.contactId,
    deletionId: record._id,
  });
  if (marked) {
    await finishDeletion(record);
    return 'finished';
  }
  if (await moveDeletion(record, ['pending'], 'abandoned')) {
    await unmark(record);
    await reopenTasksOfDeletion(record.workspaceId, record._id);
  }
  return 'abandoned';
}

async function unmark(record: Deletion): Promise<void> {
  await ContactModel.updateMany(
    { workspaceId: record.workspaceId, deletionId: record._id },
    { $unset: { deletedAt: 1, deletedBy: 1, deletionId: 1 } },
    { timestamps: false },
  );
}

/**
 * Restores a deleted contact (a company with the persons that went with it). Admins only, checked here; within
 * RESTORE_DAYS. Idempotent: restoring twice says it is restored; a restore that failed half-way is finished by
 * clicking Restore again or by the repair job.
 */
export async function restoreDeletion(request: {
  workspaceId: string;
  actor: Actor;
  deletionId: unknown;
  now?: Date;
}): Promise<RestoreResult> {
  const { workspaceId } = request;
  const now = request.now ?? new Date();
  if (!(await request.actor.isAdmin())) return { status: 'notAdmin' };
  let record = await findDeletion(workspaceId, request.deletionId);
  if (!record) return { status: 'gone' };
  if (record.status === 'restored') return { status: 'alreadyRestored', deletion: summarize(record) };
  if (!['pending', 'deleted', 'restoring'].includes(record.status) || record.purgeAfter <= now)
    return { status: 'gone' };
  if (record.status === 'pending') record = await finishDeletion(record);
  if (record.type === 'person') {
    const refusal = await companyStillDeleted(record);
    if (refusal) return refusal;
  }
  const claimed = await moveDeletion(record, ['deleted', 'restoring'], 'restoring', {
    restoredBy: request.actor.userId,
  });
  if (!claimed) {
    const current = await findDeletion(workspaceId, record._id.toString());
    return current?.status === 'restored'
      ? { status: 'alreadyRestored', deletion: summarize(current) }
      : { status: 'gone' };
  }
  return { status: 'restored', deletion: summarize(await finishRestore(claimed)) };
}

async function companyStillDeleted(record: Deletion): Promise<RestoreResult | undefined> {
  const person = await ContactModel.findOne(
    { _id: record.contactId, workspaceId: record.workspaceId },
    { companyId: 1 },
  ).lean<Pick<ContactDocument, 'companyId'>>();
  if (!person?.companyId) return undefined;
  const company = await ContactModel.findOne({ _id: person.companyId, workspaceId: record.workspaceId }).lean<
    Pick<ContactDocument, 'name' | 'no' | 'deletedAt'>
  >();
  return company?.deletedAt
    ? { status: 'companyDeleted', personName: record.contactName, companyName: company.name, companyNo: company.no }
    : undefined;
}

/** Unmarks a restoring deletion's contacts, opens the tasks it cancelled, moves it to `restored`. Idempotent. */
export async function finishRestore(record: Deletion): Promise<Deletion> {
  await unmark(record);
  await reopenTasksOfDeletion(record.workspaceId, record._id);
  await refreshDuplicateCandidates(record.workspaceId, [record.contactId, ...record.personIds]);
  await logDeletionChange(
    record,
    'restore',
    [record.contactId, ...record.personIds],
    record.restoredBy ?? 'system',
    record.statusAt ?? new Date(),
  );
  return (await moveDeletion(record, ['restoring'], 'restored', { restoredAt: new Date() })) ?? record;
}

/** Deletions an admin can still restore, newest first. */
export async function listRestorableDeletions(
  workspaceId: string,
  now = new Date(),
  limit = 20,
): Promise<DeletionSummary[]> {
  const records = await ContactDeletionModel.find({
    workspaceId,
    deletedAt: { $gt: new Date(now.getTime() - RESTORE_DAYS * DAY_MS) },
    status: { $in: ['pending', 'deleted'] },
  })
    .sort({ deletedAt: -1 })
    .limit(limit)
    .lean<Deletion[]>();
  return records.filter((record) => record.purgeAfter > now).map(summarize);
}

/** Deletions past their restore period, and purges that stopped half-way. */
export async function dueForPurge(workspaceId: string, now: Date, limit: number): Promise<Deletion[]> {
  return ContactDeletionModel.find({
    workspaceId,
    status: { $in: ['deleted', 'purging'] },
    purgeAfter: { $lte: now },
  })
    .limit(limit)
    .lean<Deletion[]>();
}

/**
 * Removes a deletion's contacts for good, links first: visits keep their names as text with the contact
 * cleared, "not a duplicate" marks go, and persons of other deletions that worked for a purged company become
 * independent. Then the contacts, then the record says `purged`. Each step can run again: a purge that stopped
 * half-way is finished by the next run.
 */
export async function purgeDeletion(record: Deletion): Promise<boolean> {
  const claimed = await moveDeletion(record, ['deleted', 'purging'], 'purging');
  if (!claimed) return false;
  const { workspaceId } = record;
  const marked = await ContactModel.find({ workspaceId, deletionId: record._id }, { _id: 1 }).lean<
    { _id: Types.ObjectId }[]
  >();
  const ids = marked.map((doc) => doc._id);
  if (ids.length > 0) {
    await VisitModel.updateMany(
      { workspaceId, subjects: { $in: ids }, contactId: { $in: ids } },
      { $set: { contactId: null } },
    );
    await VisitModel.updateMany(
      { workspaceId, subjects: { $in: ids }, companyId: { $in: ids } },
      { $set: { companyId: null } },
    );
    await DuplicatePairModel.deleteMany({ workspaceId, a: { $in: ids } });
    await DuplicatePairModel.deleteMany({ workspaceId, b: { $in: ids } });
    await makeIndependent(workspaceId, { companyId: { $in: ids }, _id: { $nin: ids } });
    await ContactModel.deleteMany({ workspaceId, _id: { $in: ids }, deletionId: record._id });
  }
  await moveDeletion(claimed, ['purging'], 'purged', { purgedAt: new Date() });
  return true;
}

/**
 * Persons that work for a company that is gone become independent (when a company is purged, its persons deleted
 * on their own; in a repair, a person whose company no longer exists). Their search keys follow.
 */
export async function makeIndependent(workspaceId: string, filter: Record<string, unknown>): Promise<number> {
  const persons = await ContactModel.find({ workspaceId, ...filter }).lean<ContactDocument[]>();
  if (persons.length === 0) return 0;
  const setup = await getContactSetup(workspaceId);
  await ContactModel.bulkWrite(
    persons.map((doc) => {
      const fields = { ...toContact(doc), companyId: null, companyName: undefined } as ContactFields & { no: string };
      const computed = computedParts(fields, setup.defaults.phoneRegion, setup.duplicates.rows);
      return {
        updateOne: {
          filter: { _id: doc._id, workspaceId },
          update: { $set: { companyId: null, ...computed }, $unset: { companyName: 1 } },
        },
      };
    }),
    { ordered: false },
  );
  return persons.length;
}

/** A live person of a deleted company (added while the company was being deleted) goes with the company. */
export async function includeInDeletion(workspaceId: string, deletionId: string, personId: string): Promise<void> {
  const record = await ContactDeletionModel.findOneAndUpdate(
    { _id: deletionId, workspaceId, status: { $in: ['pending', 'deleted'] } },
    { $addToSet: { personIds: new Types.ObjectId(personId) } },
    { returnDocument: 'after', lean: true },
  );
  if (!record) return;
  await ContactModel.updateOne(
    { _id: personId, workspaceId, ...live },
    { $set: { deletedAt: record.deletedAt, deletedBy: record.deletedBy, deletionId: record._id } },
    { timestamps: false },
  );
  await cancelTasksForDeletion(workspaceId, [new Types.ObjectId(personId)], { id: record._id, by: record.deletedBy });
  await forgetDuplicateCandidates(workspaceId, [personId]);
  await logDeletionChange(record, 'delete', [new Types.ObjectId(personId)], record.deletedBy, record.deletedAt);
}

/** Finishes a deletion stuck in a passing state, whichever it is. */
export async function settleDeletion(workspaceId: string, deletionId: string): Promise<void> {
  const record = await findDeletion(workspaceId, deletionId);
  if (record?.status === 'pending') await settlePendingDeletion(record);
  else if (record?.status === 'restoring') await finishRestore(record);
  else if (record?.status === 'purging') await purgeDeletion(record);
}

/** The purge job's work for one workspace: every deletion past its restore period, a bounded number per run. */
export async function purgeDueDeletions(workspaceId: string, now = new Date(), limit = 200): Promise<number> {
  let purged = 0;
  for (const record of await dueForPurge(workspaceId, now, limit)) if (await purgeDeletion(record)) purged += 1;
  return purged;
}

/** Deletions stuck in a passing state (a failure between their steps), for the repair job. */
export async function unfinishedDeletions(workspaceId: string, olderThan: Date, limit: number): Promise<Deletion[]> {
  return ContactDeletionModel.find({
    workspaceId,
    status: { $in: ['pending', 'restoring', 'purging'] },
    statusAt: { $lte: olderThan },
  })
    .limit(limit)
    .lean<Deletion[]>();
}

export type { Deletion };
