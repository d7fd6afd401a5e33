import { changedFields, recordContactChanges, type ChangeRow } from '../change-log.service';
import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../../../db/errors';
import { ContactMergeModel, type ContactMergeDocument } from '../../../models/contact-merge.model';
import { ContactModel, type ContactDocument } from '../../../models/contact.model';
import { DuplicatePairModel } from '../../../models/duplicate-pair.model';
import { OpportunityModel } from '../../../models/opportunity.model';
import { TaskModel } from '../../../models/task.model';
import { VisitModel } from '../../../models/visit.model';
import { mayManageContact, type Actor } from '../../people/permissions.service';
import { foldText } from '../../search/fold';
import { getContactSetup } from '../../setup/setup.service';
import type { ContactSetup } from '../../setup/setup.types';
import { refreshContactStats } from '../../visits/visit.service';
import {
  computedParts,
  deriveFields,
  inheritable,
  setAndUnset,
  toContact,
  type ContactFields,
} from '../contact-record';
import { isObjectId } from '../contact.service';
import { searchContacts } from '../contact-search.service';
import type { Contact, ContactSummary } from '../contact.types';
import { forgetDuplicateCandidates, refreshDuplicateCandidates } from '../duplicate-candidates.service';
import { changedInheritedFields, flowDown } from '../inheritance';
import { live } from '../live';
import {
  differingFields,
  mergeFieldsOf,
  type DifferingField,
  type MergeChoices,
  type MergeField,
  type MergeSide,
} from './merge-fields';

/** How long a merge can be undone. */
export const UNDO_DAYS = 30;
const DAY_MS = 86_400_000;
/** Above this many records to move, a merge runs after the modal closes and reports by DM (Slack's 3 s). */
export const BACKGROUND_MERGE_RECORDS = 1_500;

type Merge = ContactMergeDocument;

/** Ids per write: every database operation stays small and bounded (db/bounds.ts), whatever a merge moves. */
const CHUNK = 500;

async function inChunks(ids: Types.ObjectId[], work: (chunk: Types.ObjectId[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) await work(ids.slice(i, i + CHUNK));
}

async function countInChunks(ids: Types.ObjectId[], count: (chunk: Types.ObjectId[]) => Promise<number>) {
  let total = 0;
  await inChunks(ids, async (chunk) => {
    total += await count(chunk);
  });
  return total;
}
type Doc = ContactDocument;
type Values = Record<string, unknown>;

/** What the kept contact's undo restores besides the compared fields: the parts derived from them. */
const DERIVED = ['firstName', 'middleName', 'surname', 'searchNameEdited', 'companyName'] as const;

/** A merge as the confirmation, the audit and Undo show it. */
export interface MergeSummary {
  id: string;
  type: 'company' | 'person';
  keepId: string;
  keepNo: string;
  keepName: string;
  mergeNo: string;
  mergeName: string;
  mergedBy: string;
  mergedAt: Date;
  undoUntil: Date;
  /** Which side each differing field came from. */
  choices: MergeChoices;
  moved: { persons: number; visits: number; opportunities: number; tasks: number };
  status: Merge['status'];
}

/** Why two contacts cannot be merged (each worded by the listener). */
export type MergeRefusal =
  /** Unknown, another workspace's, or deleted or merged meanwhile. */
  | { status: 'gone' }
  | { status: 'same' }
  /** A company and a person (a company into one of its own persons included). */
  | { status: 'typeMismatch' }
  /** Neither an admin nor the salesperson of both. */
  | { status: 'refused' }
  /** One of them changed after the form was opened. */
  | { status: 'stale'; no: string }
  /** Another merge of one of them is under way. */
  | { status: 'busy' };

export interface MergeForm {
  status: 'ok';
  keep: Contact;
  merge: Contact;
  fields: DifferingField[];
  /** A person's company names, for the companyId row. */
  companyNames: Record<string, string>;
  /** How many records would move: above BACKGROUND_MERGE_RECORDS the merge runs in the background. */
  records: number;
}

export type MergeResult = { status: 'merged'; merge: MergeSummary } | MergeRefusal;

export type UndoResult =
  | { status: 'undone'; merge: MergeSummary }
  | { status: 'alreadyUndone'; merge: MergeSummary }
  /** Unknown or abandoned. */
  | { status: 'gone' }
  /** Past its undo period; `purged` once the merged contact was removed for good. */
  | { status: 'expired'; merge: MergeSummary; purged: boolean }
  | { status: 'refused' }
  /** Changed since in a way an undo cannot take back safely: the kept contact was edited, deleted or merged again. */
  | { status: 'keptChanged'; no: string }
  /** Records that moved were changed since (edited, done, moved on). */
  | { status: 'movedChanged'; count: number }
  | { status: 'busy' };

function summarize(record: Merge): MergeSummary {
  return {
    id: record._id.toString(),
    type: record.type,
    keepId: record.keepId.toString(),
    keepNo: record.keepNo,
    keepName: record.keepName,
    mergeNo: record.mergeNo,
    mergeName: record.mergeName,
    mergedBy: record.mergedBy,
    mergedAt: record.mergedAt,
    undoUntil: record.undoUntil,
    choices: (record.choices ?? {}) as MergeChoices,
    moved: {
      persons: record.personIds.length,
      visits: new Set([...record.visitIds, ...record.companyVisitIds].map(String)).size,
      opportunities: new Set([...record.opportunityIds, ...record.companyOpportunityIds].map(String)).size,
      tasks: record.taskIds.length,
    },
    status: record.status,
  };
}

const versionOf = (doc: Doc): number => doc.__v ?? 0;
const noKeyOf = (no: string): string => foldText(no).replace(/ /g, '');

async function liveDoc(workspaceId: string, id: unknown): Promise<Doc | undefined> {
  if (!isObjectId(id)) return undefined;
  return (await ContactModel.findOne({ _id: id, workspaceId, ...live }).lean<Doc>()) ?? undefined;
}

/** Admins, and the salesperson of both contacts (issue 18's rule), may merge them. */
async function mayMerge(actor: Actor, keep: Contact, merge: Contact): Promise<boolean> {
  const owner = { userId: actor.userId, isAdmin: false };
  if (mayManageContact(owner, keep) && mayManageContact(owner, merge)) return true;
  return actor.isAdmin();
}

/** Both contacts, re-checked: this workspace, live, not the same, the same type, the actor's right. */
async function checkedPair(
  workspaceId: string,
  actor: Actor,
  keepId: unknown,
  mergeId: unknown,
): Promise<{ keep: Doc; merge: Doc } | MergeRefusal> {
  if (!isObjectId(keepId) || !isObjectId(mergeId)) return { status: 'gone' };
  if (keepId === mergeId) return { status: 'same' };
  const [keep, merge] = await Promise.all([liveDoc(workspaceId, keepId), liveDoc(workspaceId, mergeId)]);
  if (!keep || !merge) return { status: 'gone' };
  if (keep.type !== merge.type) return { status: 'typeMismatch' };
  if (!(await mayMerge(actor, toContact(keep), toContact(merge)))) return { status: 'refused' };
  return { keep, merge };
}

/** What a merge would move from `mergeId`: ids read through the indexes that answer "records of X". */
async function planMoves(workspaceId: string, merge: Doc) {
  const id = merge._id;
  const ids = (docs: { _id: Types.ObjectId }[]) => docs.map((doc) => doc._id);
  const [persons, visits, companyVisits, opportunities, companyOpportunities, tasks, pairsA, pairsB] =
    await Promise.all([
      merge.type === 'company' ? ContactModel.find({ workspaceId, companyId: id }, { _id: 1 }).lean() : [],
      VisitModel.find({ workspaceId, subjects: id, contactId: id }, { _id: 1 }).lean(),
      VisitModel.find({ workspaceId, subjects: id, companyId: id }, { _id: 1 }).lean(),
      OpportunityModel.find({ workspaceId, subjects: id, contactId: id }, { _id: 1 }).lean(),
      OpportunityModel.find({ workspaceId, subjects: id, companyId: id }, { _id: 1 }).lean(),
      TaskModel.find({ workspaceId, contactId: id }, { _id: 1 }).lean(),
      DuplicatePairModel.find({ workspaceId, a: id }, { _id: 1 }).lean(),
      DuplicatePairModel.find({ workspaceId, b: id }, { _id: 1 }).lean(),
    ]);
  return {
    personIds: ids(persons),
    visitIds: ids(visits),
    companyVisitIds: ids(companyVisits),
    opportunityIds: ids(opportunities),
    companyOpportunityIds: ids(companyOpportunities),
    taskIds: ids(tasks),
    pairIds: ids([...pairsA, ...pairsB]),
  };
}

/** The contact "Merge with…" starts from (its id from private_metadata: re-checked), if live in this workspace. */
export async function mergeStart(
  workspaceId: string,
  contactId: unknown,
): Promise<Pick<Contact, 'id' | 'no' | 'name' | 'type' | 'salespersonId'> | undefined> {
  const doc = await liveDoc(workspaceId, contactId);
  return (
    doc && {
      id: doc._id.toString(),
      no: doc.no,
      name: doc.name,
      type: doc.type,
      salespersonId: doc.salespersonId ?? undefined,
    }
  );
}

/**
 * The typeahead of "Merge with…": live contacts of the same type as `contactId` matching `text`, not itself; a
 * salesperson sees only their own (the rule needs them to be the salesperson of both), an admin all. The pick is
 * re-checked by mergeForm whatever the list offered.
 */
export async function mergeCandidates(request: {
  workspaceId: string;
  actor: Actor;
  contactId: unknown;
  text: string;
  limit: number;
}): Promise<ContactSummary[]> {
  const { workspaceId, actor } = request;
  const start = await liveDoc(workspaceId, request.contactId);
  if (!start || request.text.trim() === '') return [];
  const owner = (await actor.isAdmin()) ? undefined : actor.userId;
  const outcome = await searchContacts(
    { workspaceId, userId: actor.userId, text: request.text, filters: { type: start.type, owner } },
    { wanted: request.limit + 1, countTotal: false },
  );
  const id = start._id.toString();
  return outcome.contacts.filter((contact) => contact.id !== id).slice(0, request.limit);
}

/** The older contact (lower No., else created first) stays by default. */
function olderFirst(a: Doc, b: Doc): [Doc, Doc] {
  const byNo = a.no.localeCompare(b.no, 'en', { numeric: true });
  if (byNo !== 0) return byNo < 0 ? [a, b] : [b, a];
  return a._id.toString() < b._id.toString() ? [a, b] : [b, a];
}

/**
 * What the merge form shows for two contacts (ids from a button: re-checked). `keepId` says which stays; without
 * it the older one does.
 */
export async function mergeForm(request: {
  workspaceId: string;
  actor: Actor;
  firstId: unknown;
  secondId: unknown;
  keepId?: unknown;
}): Promise<MergeForm | MergeRefusal> {
  const pair = await checkedPair(request.workspaceId, request.actor, request.firstId, request.secondId);
  if ('status' in pair) return pair;
  const [older, newer] = olderFirst(pair.keep, pair.merge);
  const [keep, merge] = request.keepId === newer._id.toString() ? [newer, older] : ([older, newer] as [Doc, Doc]);
  const [keepContact, mergeContact] = [toContact(keep), toContact(merge)];
  const fields = differingFields(keepContact, mergeContact, keep.type);
  const companyIds = [keepContact.companyId, mergeContact.companyId].filter((id): id is string => Boolean(id));
  const companies = companyIds.length
    ? await ContactModel.find({ workspaceId: request.workspaceId, _id: { $in: companyIds } }, { name: 1 }).lean<
        Pick<Doc, '_id' | 'name'>[]
      >()
    : [];
  const moves = await planMoves(request.workspaceId, merge);
  const records = Object.values(moves).reduce((sum, list) => sum + list.length, 0);
  return {
    status: 'ok',
    keep: keepContact,
    merge: mergeContact,
    fields,
    companyNames: Object.fromEntries(companies.map((c) => [c._id.toString(), c.name])),
    records,
  };
}

/** The stored values of the fields a merge writes, null for none (a Mixed field keeps nulls, not undefined). */
function valuesOf(doc: Doc, fields: readonly string[]): Values {
  const source = doc as unknown as Values;
  return Object.fromEntries(fields.map((field) => [field, source[field] ?? null]));
}

/** The kept contact's new field values: each chosen field from its side, the rest as they are. */
function chosenValues(keep: Doc, merge: Doc, choices: MergeChoices): Values {
  const fields = mergeFieldsOf(keep.type);
  const values: Values = {};
  for (const field of fields) {
    if (choices[field] !== 'merge') continue;
    values[field] = (merge as unknown as Values)[field] ?? null;
    if (field === 'companyId') values.companyName = merge.companyName ?? null;
  }
  return values;
}

/**
 * The update that gives `doc` these field values (null = cleared): name parts and search name derived as an
 * edit derives them, every search key rebuilt.
 */
function valuesUpdate(doc: Doc, values: Values, setup: ContactSetup, extraSet: Values = {}) {
  const current = toContact(doc);
  const plain = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? undefined]));
  const companyId = 'companyId' in values ? plain.companyId : current.companyId;
  const merged = { ...current, ...plain, companyId: companyId ? String(companyId) : null } as unknown as ContactFields;
  const derived = 'name' in values || 'searchName' in values ? deriveFields(merged, current) : merged;
  const computed = computedParts({ ...derived, no: doc.no }, setup.defaults.phoneRegion, setup.duplicates.rows);
  const written: Values = {};
  for (const field of [...Object.keys(values), ...DERIVED]) written[field] = (derived as unknown as Values)[field];
  if (written.companyId) written.companyId = new Types.ObjectId(String(written.companyId));
  else if ('companyId' in values) written.companyId = null;
  const { set, unset } = setAndUnset(written, Object.keys(written));
  delete unset.companyId;
  return { $set: { ...set, ...computed, ...extraSet }, ...(Object.keys(unset).length ? { $unset: unset } : {}) };
}

/**
 * Merges `mergeId` into `keepId`. Admins and the salesperson of both may (checked here, whatever the caller
 * checked); both must be live contacts of the workspace, of one type, still at the versions the form was opened
 * at. The record is written first with the whole plan; then the merged contact is hidden (so a search never shows
 * both), the kept one takes its values and the alias, and everything moves. A failure between the steps is
 * finished by the repair job.
 */
export async function mergeContacts(request: {
  workspaceId: string;
  actor: Actor;
  keepId: unknown;
  mergeId: unknown;
  fields: Partial<Record<string, MergeSide>>;
  expectedVersions: { keep: number; merge: number };
  now?: Date;
}): Promise<MergeResult> {
  const { workspaceId, actor } = request;
  const now = request.now ?? new Date();
  const pair = await checkedPair(workspaceId, actor, request.keepId, request.mergeId);
  if ('status' in pair) return pair;
  const { keep, merge } = pair;
  if (versionOf(keep) !== request.expectedVersions.keep) return { status: 'stale', no: keep.no };
  if (versionOf(merge) !== request.expectedVersions.merge) return { status: 'stale', no: merge.no };
  const differing = differingFields(toContact(keep), toContact(merge), keep.type);
  const choices: MergeChoices = {};
  for (const { field, choice } of differing) choices[field] = request.fields[field] ?? choice;
  const after = chosenValues(keep, merge, choices);
  const before = valuesOf(keep, [...mergeFieldsOf(keep.type), ...DERIVED]);
  const moves = await planMoves(workspaceId, merge);
  let record: Merge;
  try {
    const [created] = await ContactMergeModel.create([
      {
        workspaceId,
        keepId: keep._id,
        mergeId: merge._id,
        type: keep.type,
        keepNo: keep.no,
        mergeNo: merge.no,
        keepName: keep.name,
        mergeName: merge.name,
        keepVersion: versionOf(keep),
        mergeVersion: versionOf(merge),
        choices,
        before,
        after,
        keepDoc: keep,
        mergeDoc: merge,
        ...moves,
        locks: [keep._id, merge._id],
        active: true,
        mergedBy: actor.userId,
        mergedAt: now,
        undoUntil: new Date(now.getTime() + UNDO_DAYS * DAY_MS),
        status: 'running',
        statusAt: now,
      },
    ]);
    record = created!.toObject() as Merge;
  } catch (error) {
    if (isDuplicateKeyError(error)) return { status: 'busy' };
    throw error;
  }
  const finished = await finishMerge(record, { rollForward: false });
  if (finished === 'stale') return { status: 'stale', no: merge.no };
  return { status: 'merged', merge: summarize(finished) };
}

async function moveRecord(
  record: Merge,
  from: Merge['status'][],
  to: Merge['status'],
  extra: Values = {},
  unset: Values = {},
  where: Values = {},
): Promise<Merge | undefined> {
  const moved = await ContactMergeModel.findOneAndUpdate(
    { _id: record._id, workspaceId: record.workspaceId, status: { $in: from }, ...where },
    { $set: { status: to, statusAt: new Date(), ...extra }, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
    { returnDocument: 'after', lean: true },
  );
  return (moved as Merge | null) ?? undefined;
}

/**
 * The steps after the record, each idempotent: hide the merged contact, give the kept one its values and the
 * alias, move everything, recompute what is derived, mark the record done. `rollForward` (the repair job): a kept
 * contact someone edited meanwhile keeps that edit (the merge's values are skipped, the moves still happen).
 */
export async function finishMerge(record: Merge, options: { rollForward: boolean }): Promise<Merge | 'stale'> {
  const { workspaceId } = record;
  const hidden = await ContactModel.updateOne(
    { _id: record.mergeId, workspaceId, __v: record.mergeVersion, ...live },
    {
      $set: {
        deletedAt: record.mergedAt,
        deletedBy: record.mergedBy,
        mergedInto: record.keepId,
        mergeRecordId: record._id,
      },
    },
    { timestamps: false },
  );
  if (hidden.matchedCount === 0) {
    const marked = await ContactModel.exists({ _id: record.mergeId, workspaceId, mergeRecordId: record._id });
    if (!marked) {
      // Changed or deleted before it was hidden: nothing was done, the merge stops here.
      await moveRecord(record, ['running'], 'abandoned', {}, { active: 1 });
      return 'stale';
    }
  }
  const setup = await getContactSetup(workspaceId);
  const mergeDoc = record.mergeDoc as Doc;
  const aliasNos = [record.mergeNo, ...((mergeDoc.aliasNos as string[] | undefined) ?? [])];
  const alias = { $addToSet: { aliasNos: { $each: aliasNos }, aliasNoKeys: { $each: aliasNos.map(noKeyOf) } } };
  let kept = await ContactModel.findOne({ _id: record.keepId, workspaceId }).lean<Doc>();
  if (!kept) throw new Error('The kept contact of a merge is gone');
  let valuesSkipped = false;
  if (kept.mergeRecordId?.toString() !== record._id.toString()) {
    // One round trip: the write answers with the kept contact as it now is (for the moves below).
    const update = valuesUpdate(kept, record.after as Values, setup, { mergeRecordId: record._id });
    let written = await ContactModel.findOneAndUpdate(
      { _id: record.keepId, workspaceId, __v: record.keepVersion, ...live },
      { ...update, ...alias, $inc: { __v: 1 } },
      { returnDocument: 'after' },
    ).lean<Doc>();
    if (!written) {
      if (!options.rollForward) {
        // Someone changed the kept contact between the form's check and now: the merged one comes back.
        await unhide(record);
        await moveRecord(record, ['running'], 'abandoned', {}, { active: 1 });
        return 'stale';
      }
      valuesSkipped = true;
      written = await ContactModel.findOneAndUpdate(
        { _id: record.keepId, workspaceId },
        { ...alias, $set: { mergeRecordId: record._id } },
        { returnDocument: 'after' },
      ).lean<Doc>();
      if (!written) throw new Error('The kept contact of a merge is gone');
    }
    kept = written;
  }
  await moveLinks(record, mergeDoc, kept, setup, 'forward');
  await Promise.all([
    refreshContactStats(workspaceId, record.keepId.toString()),
    refreshContactStats(workspaceId, record.mergeId.toString()),
  ]);
  await forgetDuplicateCandidates(workspaceId, [record.mergeId]);
  await refreshDuplicateCandidates(workspaceId, [record.keepId, ...record.personIds]);
  await recordContactChanges(workspaceId, mergeChangeRows(record, kept.name, valuesSkipped));
  const done = await moveRecord(
    record,
    ['running'],
    'done',
    { finishedAt: new Date(), ...(valuesSkipped ? { valuesSkipped } : {}) },
    { active: 1 },
  );
  return (
    done ??
    (await ContactMergeModel.findOne({ _id: record._id, workspaceId: record.workspaceId }).lean<Merge>()) ??
    record
  );
}

/**
 * The change log's rows of a merge (or, `undo`, of its undo): on the kept contact the values it took and where from,
 * on the merged one where it went. Keyed by the merge record, so a step run again records them once.
 */
function mergeChangeRows(record: Merge, keptName: string, valuesSkipped: boolean, undo = false): ChangeRow[] {
  const before = record.before as Values;
  const after = record.after as Values;
  const values = valuesSkipped ? [] : undo ? changedFields(after, before) : changedFields(before, after);
  const mergeName = String((record.mergeDoc as Doc).name ?? '');
  const at = undo ? (record.undoneAt ?? new Date()) : record.mergedAt;
  const by = undo ? (record.undoneBy ?? record.mergedBy) : record.mergedBy;
  const id = record._id.toString();
  return [
    {
      key: `${undo ? 'unmerge' : 'merge'}:${id}:kept`,
      contactId: record.keepId,
      contactNo: record.keepNo,
      contactName: keptName,
      at,
      by,
      kind: undo ? 'edit' : 'merge',
      fields: [...values, { field: undo ? 'unmergedFrom' : 'mergedFrom', new: record.mergeNo }],
    },
    {
      key: `${undo ? 'unmerge' : 'merge'}:${id}:merged`,
      contactId: record.mergeId,
      contactNo: record.mergeNo,
      contactName: mergeName,
      at,
      by,
      kind: undo ? 'restore' : 'merge',
      fields: [{ field: undo ? 'unmergedFrom' : 'mergedInto', new: record.keepNo }],
    },
  ];
}

async function unhide(record: Merge): Promise<void> {
  await ContactModel.updateOne(
    { _id: record.mergeId, workspaceId: record.workspaceId, mergeRecordId: record._id },
    { $unset: { deletedAt: 1, deletedBy: 1, mergedInto: 1, mergeRecordId: 1 } },
    { timestamps: false },
  );
}

/**
 * Moves the merge's records from one contact to the other: `forward` from the merged to the kept, `back` on undo.
 * Only records still pointing at the source move, so each step can run again. The names copied into visits,
 * opportunities and tasks follow; moved persons take their new company's name and inherited values.
 */
async function moveLinks(record: Merge, mergeDoc: Doc, keptDoc: Doc, setup: ContactSetup, way: 'forward' | 'back') {
  const { workspaceId } = record;
  const [from, to] = way === 'forward' ? [record.mergeId, record.keepId] : [record.keepId, record.mergeId];
  const target = way === 'forward' ? keptDoc : mergeDoc;
  const source = way === 'forward' ? mergeDoc : keptDoc;
  const noTimestamps = { timestamps: false } as const;
  const linked = async (
    model: typeof VisitModel | typeof OpportunityModel,
    contactIds: Types.ObjectId[],
    companyIds: Types.ObjectId[],
  ) => {
    const m = model as typeof VisitModel;
    await inChunks(contactIds, (chunk) =>
      m.updateMany(
        { workspaceId, _id: { $in: chunk }, contactId: from },
        { $set: { contactId: to, contactNo: target.no, contactName: target.name }, $addToSet: { subjects: to } },
        noTimestamps,
      ),
    );
    await inChunks(companyIds, (chunk) =>
      m.updateMany(
        { workspaceId, _id: { $in: chunk }, companyId: from },
        { $set: { companyId: to, companyName: target.name }, $addToSet: { subjects: to } },
        noTimestamps,
      ),
    );
    await inChunks([...contactIds, ...companyIds], (chunk) =>
      m.updateMany(
        { workspaceId, _id: { $in: chunk }, subjects: from, contactId: { $ne: from }, companyId: { $ne: from } },
        { $pull: { subjects: from } },
        noTimestamps,
      ),
    );
  };
  await linked(VisitModel, record.visitIds, record.companyVisitIds);
  await linked(OpportunityModel, record.opportunityIds, record.companyOpportunityIds);
  await inChunks(record.taskIds, (chunk) =>
    TaskModel.updateMany(
      { workspaceId, _id: { $in: chunk }, contactId: from },
      { $set: { contactId: to, contactNo: target.no, contactName: target.name } },
      noTimestamps,
    ),
  );
  if (record.personIds.length) {
    await ContactModel.updateMany(
      { workspaceId, _id: { $in: record.personIds }, companyId: from },
      { $set: { companyId: to } },
      noTimestamps,
    );
    const changes = changedInheritedFields(
      inheritable(toContact(source)),
      inheritable(toContact(target)),
      setup.inheritance,
    );
    const persons = await ContactModel.find({ workspaceId, _id: { $in: record.personIds }, companyId: to }).lean<
      Doc[]
    >();
    const writes = persons.flatMap((doc) => {
      const person = toContact(doc);
      const updates = flowDown(inheritable(person), changes);
      if (Object.keys(updates).length === 0 && doc.companyName === target.name) return [];
      const fields = { ...person, ...updates, companyName: target.name } as ContactFields & { no: string };
      const computed = computedParts(fields, setup.defaults.phoneRegion, setup.duplicates.rows);
      const { set, unset } = setAndUnset({ ...updates, companyName: target.name, ...computed }, Object.keys(updates));
      return [{ updateOne: { filter: { _id: doc._id, workspaceId }, update: { $set: set, $unset: unset } } }];
    });
    if (writes.length) await ContactModel.bulkWrite(writes, { ordered: false, timestamps: false });
  }
  if (way === 'forward') await movePairs(record);
  else await restorePairs(record);
}

type PairKey = { a: Types.ObjectId; b: Types.ObjectId };

/**
 * "Not a duplicate" pairs of the merged contact now say it of the kept one (a pair of the two goes). Which of those
 * the kept contact did not have yet is written to the record first (once: a run again reads it back), so Undo can
 * take away exactly what the merge added.
 */
async function movePairs(record: Merge): Promise<void> {
  if (record.pairIds.length === 0) return;
  const { workspaceId } = record;
  const pairs = await DuplicatePairModel.find({ workspaceId, _id: { $in: record.pairIds } }).lean();
  const copies: (PairKey & { markedBy: string })[] = [];
  for (const pair of pairs) {
    const other = pair.a.equals(record.mergeId) ? pair.b : pair.a;
    if (other.equals(record.keepId)) continue;
    const [a, b] = [other, record.keepId].sort((x, y) => x.toString().localeCompare(y.toString())) as [
      Types.ObjectId,
      Types.ObjectId,
    ];
    copies.push({ a, b, markedBy: pair.markedBy });
  }
  if (record.copiedPairs === undefined && pairs.length > 0) {
    const added: PairKey[] = [];
    for (const { a, b } of copies) if (!(await DuplicatePairModel.exists({ workspaceId, a, b }))) added.push({ a, b });
    await ContactMergeModel.updateOne(
      { _id: record._id, workspaceId, copiedPairs: { $exists: false } },
      { $set: { copiedPairs: added } },
    );
  }
  for (const { a, b, markedBy } of copies)
    await DuplicatePairModel.updateOne(
      { workspaceId, a, b },
      { $setOnInsert: { workspaceId, a, b, markedBy } },
      { upsert: true },
    );
  await ContactMergeModel.updateOne(
    { _id: record._id, workspaceId, pairs: { $exists: false } },
    { $set: { pairs: pairs.map((p) => ({ a: p.a, b: p.b, markedBy: p.markedBy })) } },
  );
  await DuplicatePairModel.deleteMany({ workspaceId, _id: { $in: record.pairIds } });
}

/** Undo: the merged contact's pairs come back, and the copies the merge gave the kept contact go. */
async function restorePairs(record: Merge): Promise<void> {
  const { workspaceId } = record;
  const stored = record.pairs as (PairKey & { markedBy: string })[] | undefined;
  for (const pair of stored ?? [])
    await DuplicatePairModel.updateOne(
      { workspaceId, a: pair.a, b: pair.b },
      { $setOnInsert: { workspaceId, a: pair.a, b: pair.b, markedBy: pair.markedBy } },
      { upsert: true },
    );
  const copied = record.copiedPairs as PairKey[] | undefined;
  for (const { a, b } of copied ?? []) await DuplicatePairModel.deleteOne({ workspaceId, a, b });
}

async function findMerge(workspaceId: string, id: unknown): Promise<Merge | undefined> {
  if (!isObjectId(id)) return undefined;
  return (await ContactMergeModel.findOne({ _id: id, workspaceId }).lean<Merge>()) ?? undefined;
}

/** A merge's summary (for the card's Undo line and the audit), if it is this workspace's. */
export async function getMerge(workspaceId: string, id: unknown): Promise<MergeSummary | undefined> {
  const record = await findMerge(workspaceId, id);
  return record && summarize(record);
}

/** Moved records changed after the merge: edited, moved on, or done since. */
async function movedChangedSince(record: Merge): Promise<number> {
  const { workspaceId } = record;
  const since = record.finishedAt ?? record.mergedAt;
  const changed = (ids: Types.ObjectId[]) => ({ workspaceId, _id: { $in: ids }, updatedAt: { $gt: since } });
  const visits = [...new Set([...record.visitIds, ...record.companyVisitIds].map(String))].map(
    (id) => new Types.ObjectId(id),
  );
  const opportunities = [...record.opportunityIds, ...record.companyOpportunityIds];
  const [v, o, t, p, movedOn] = await Promise.all([
    countInChunks(visits, (chunk) => VisitModel.countDocuments(changed(chunk))),
    countInChunks(opportunities, (chunk) => OpportunityModel.countDocuments(changed(chunk))),
    countInChunks(record.taskIds, (chunk) => TaskModel.countDocuments(changed(chunk))),
    countInChunks(record.personIds, (chunk) => ContactModel.countDocuments(changed(chunk))),
    record.personIds.length
      ? ContactModel.countDocuments({ workspaceId, _id: { $in: record.personIds }, companyId: { $ne: record.keepId } })
      : 0,
  ]);
  return v + o + t + p + movedOn;
}

/**
 * Undoes a merge within UNDO_DAYS: the one who merged and admins may. Refused, saying why, when the kept contact
 * or a moved record changed since (an undo would then lose or misplace that change). The merged contact comes
 * back, everything moved goes back, the kept contact gets its earlier values. A failure half-way is finished by
 * clicking Undo again or by the repair job.
 */
export async function undoMerge(request: {
  workspaceId: string;
  actor: Actor;
  mergeRecordId: unknown;
  now?: Date;
}): Promise<UndoResult> {
  const now = request.now ?? new Date();
  const record = await findMerge(request.workspaceId, request.mergeRecordId);
  if (!record || record.status === 'abandoned' || record.status === 'running') return { status: 'gone' };
  if (record.mergedBy !== request.actor.userId && !(await request.actor.isAdmin())) return { status: 'refused' };
  if (record.status === 'undone') return { status: 'alreadyUndone', merge: summarize(record) };
  if (record.status === 'undoing') return { status: 'undone', merge: summarize(await finishUndo(record)) };
  if (record.undoUntil <= now || record.purgingAt)
    return { status: 'expired', merge: summarize(record), purged: Boolean(record.purgingAt) };
  const kept = await ContactModel.findOne({ _id: record.keepId, workspaceId: record.workspaceId }).lean<Doc>();
  const ownVersion = record.valuesSkipped ? undefined : record.keepVersion + 1;
  if (
    !kept ||
    kept.deletedAt ||
    kept.mergeRecordId?.toString() !== record._id.toString() ||
    (ownVersion !== undefined && versionOf(kept) !== ownVersion)
  )
    return { status: 'keptChanged', no: record.keepNo };
  const changed = await movedChangedSince(record);
  if (changed > 0) return { status: 'movedChanged', count: changed };
  let claimed: Merge | undefined;
  try {
    // Not once a purge has claimed it (the merged contact may be gone already).
    claimed = await moveRecord(
      record,
      ['done'],
      'undoing',
      { undoneBy: request.actor.userId, active: true },
      {},
      { purgingAt: { $exists: false }, undoUntil: { $gt: now } },
    );
  } catch (error) {
    if (isDuplicateKeyError(error)) return { status: 'busy' };
    throw error;
  }
  if (!claimed) {
    const current = await findMerge(request.workspaceId, record._id.toString());
    if (current?.status === 'undone') return { status: 'alreadyUndone', merge: summarize(current) };
    if (current?.purgingAt) return { status: 'expired', merge: summarize(current), purged: true };
    return { status: 'busy' };
  }
  return { status: 'undone', merge: summarize(await finishUndo(claimed)) };
}

/** The undo's steps, each idempotent: records back, the kept contact's values back, the merged one shown again. */
export async function finishUndo(record: Merge): Promise<Merge> {
  const { workspaceId } = record;
  const setup = await getContactSetup(workspaceId);
  const mergeDoc = record.mergeDoc as Doc;
  const kept = await ContactModel.findOne({ _id: record.keepId, workspaceId }).lean<Doc>();
  if (!kept) throw new Error('The kept contact of a merge is gone');
  await moveLinks(record, mergeDoc, kept, setup, 'back');
  const aliasNos = [record.mergeNo, ...((mergeDoc.aliasNos as string[] | undefined) ?? [])];
  if (kept.mergeRecordId?.toString() === record._id.toString()) {
    const values = record.valuesSkipped ? {} : (record.before as Values);
    const update = valuesUpdate(kept, values, setup);
    await ContactModel.updateOne(
      { _id: record.keepId, workspaceId, mergeRecordId: record._id },
      {
        ...update,
        $unset: { ...((update as { $unset?: Values }).$unset ?? {}), mergeRecordId: 1 },
        $pullAll: { aliasNos, aliasNoKeys: aliasNos.map(noKeyOf) },
        $inc: { __v: 1 },
      },
    );
  }
  await unhide(record);
  await Promise.all([
    refreshContactStats(workspaceId, record.keepId.toString()),
    refreshContactStats(workspaceId, record.mergeId.toString()),
  ]);
  await refreshDuplicateCandidates(workspaceId, [record.keepId, record.mergeId, ...record.personIds]);
  await recordContactChanges(workspaceId, mergeChangeRows(record, kept.name, Boolean(record.valuesSkipped), true));
  const done = await moveRecord(record, ['undoing'], 'undone', { undoneAt: new Date() }, { active: 1 });
  return (
    done ??
    (await ContactMergeModel.findOne({ _id: record._id, workspaceId: record.workspaceId }).lean<Merge>()) ??
    record
  );
}

/**
 * The hourly round (jobs/integrity.job.ts): merges past their undo period lose the merged contact for good. The
 * record is claimed first (`purgingAt`; an undo is refused from then on), then the merged contact's document is
 * deleted (everything that pointed at it moved at the merge), then `purgedAt` says so. Each step can run again.
 * The kept contact keeps the merged one's No. as an alias, and the record (both documents as they were) stays
 * for the audit.
 */
export async function purgeDueMerges(workspaceId: string, now = new Date(), limit = 200): Promise<number> {
  const due = await ContactMergeModel.find({
    workspaceId,
    status: 'done',
    undoUntil: { $lte: now },
    purgedAt: { $exists: false },
  })
    .limit(limit)
    .lean<Merge[]>();
  let purged = 0;
  for (const record of due) {
    const claimed = await ContactMergeModel.findOneAndUpdate(
      { _id: record._id, workspaceId, status: 'done', purgedAt: { $exists: false } },
      { $set: { purgingAt: record.purgingAt ?? now } },
      { returnDocument: 'after', lean: true },
    );
    if (!claimed) continue;
    await ContactModel.deleteOne({ _id: record.mergeId, workspaceId, mergeRecordId: record._id });
    await ContactMergeModel.updateOne({ _id: record._id, workspaceId }, { $set: { purgedAt: now } });
    purged += 1;
  }
  return purged;
}

/** Merges stuck in a passing state (a failure between their steps), for the repair job. */
export async function unfinishedMerges(workspaceId: string, olderThan: Date, limit: number): Promise<Merge[]> {
  return ContactMergeModel.find({
    workspaceId,
    status: { $in: ['running', 'undoing'] },
    statusAt: { $lte: olderThan },
  })
    .limit(limit)
    .lean<Merge[]>();
}

/** The repair job: a running merge is rolled forward (or stops, when nothing was done yet), an undo finished. */
export async function settleMerge(workspaceId: string, mergeRecordId: string): Promise<void> {
  const record = await findMerge(workspaceId, mergeRecordId);
  if (record?.status === 'running') await finishMerge(record, { rollForward: true });
  else if (record?.status === 'undoing') await finishUndo(record);
}

/**
 * At start: the merges and undos a stopped or crashed instance left half-done, in every workspace, are finished
 * before anything else (as erasures are), so a merged contact is never left with half its visits moved until the
 * next hourly round. Returns how many.
 */
export async function resumeUnfinishedMerges(limit = 50): Promise<number> {
  const unfinished = await ContactMergeModel.find({ status: { $in: ['running', 'undoing'] } }, { workspaceId: 1 })
    .sort({ statusAt: 1 })
    .limit(limit)
    .lean<{ _id: Types.ObjectId; workspaceId: string }[]>();
  for (const record of unfinished) await settleMerge(record.workspaceId, String(record._id));
  return unfinished.length;
}

export type { MergeField, MergeSide, MergeChoices, DifferingField };
