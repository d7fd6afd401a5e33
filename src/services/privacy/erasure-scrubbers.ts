import { dropPersonalValues, ERASED_CONTACT_NO, recordContactChanges } from '../contacts/change-log.service';
import { Types } from 'mongoose';
import { ContactDeletionModel } from '../../models/contact-deletion.model';
import { ContactMergeModel } from '../../models/contact-merge.model';
import { ContactDraftModel } from '../../models/contact-draft.model';
import { ContactModel } from '../../models/contact.model';
import { DuplicateCandidateModel } from '../../models/duplicate-candidate.model';
import { DuplicatePairModel } from '../../models/duplicate-pair.model';
import { ImportModel, ImportRowModel } from '../../models/import.model';
import { OpportunityModel } from '../../models/opportunity.model';
import { RegisterCheckModel } from '../../models/register-check.model';
import { TaskModel } from '../../models/task.model';
import { VisitModel } from '../../models/visit.model';
import { makeIndependent } from '../contacts/contact-deletion.service';
import { COUNT_PENDING, countsPendingSince, recountTasks } from '../tasks/task-counts';

/**
 * What one erasure removes, as every scrub needs it. Built from the erasure record (ids only) and, while they are
 * still there, the contacts themselves (their values, for stores that hold copies without an id: import rows).
 */
export interface ErasureScope {
  workspaceId: string;
  erasureId: Types.ObjectId;
  /** Every contact erased: the contact and, for a company, its persons. */
  ids: Types.ObjectId[];
  /** Those of `ids` that are companies (the rest are persons). */
  companyIds: Types.ObjectId[];
  /** The values the erased contacts still hold (names, Nos., e-mails, phones); empty once the contacts are gone. */
  values: string[];
  /** The Nos. of the erased contacts still there (import rows name them by No.). */
  nos: string[];
  /** What a kept record shows instead of the erased name ("erased person"), in the workspace's language. */
  erasedPerson: string;
  erasedCompany: string;
  /** A kept task's title instead of its own (titles name the person: "Call Kari back"). */
  erasedTaskTitle: string;
  /** Who erased (kept tasks that were open are cancelled by them). */
  by: string;
}

/**
 * One collection's part of an erasure: removes or blanks what the collection holds about the scope's contacts and
 * returns how many documents it changed. It must be idempotent (an interrupted erasure runs every scrub again)
 * and find its documents by ids, not by the values: on a resumed run the contacts may already be gone.
 */
export interface Scrubber {
  /** Stable name: the erasure record lists the scrubs done by it. */
  name: string;
  scrub(scope: ErasureScope): Promise<number>;
}

/** A No. in a kept record once its contact is erased. */
export const ERASED_NO = '—';

const changed = (result: { modifiedCount?: number; deletedCount?: number }): number =>
  (result.modifiedCount ?? 0) + (result.deletedCount ?? 0);

/**
 * Visits stay, as what the business must keep in aggregate (type, date, salesperson, company, figures); where an
 * erased contact was the visit's contact, its name, No., notes and the Slack message it came from go. A visit at
 * an erased company keeps no company name either. The ids leave `subjects` last, so a rerun still finds them.
 */
async function scrubVisits(scope: ErasureScope): Promise<number> {
  const { workspaceId, ids } = scope;
  // Every database call is bounded by 2 s, so no update may touch thousands of visits at once: the visits' ids are
  // read once (a cursor, a batch at a time), then scrubbed a batch of ids at a time through the _id index. Each
  // batch leaves `subjects` last, so a rerun after a stop still finds what is left.
  const visitIds: Types.ObjectId[] = [];
  for await (const visit of VisitModel.find({ workspaceId, subjects: { $in: ids } }, { _id: 1 })
    .lean<{ _id: Types.ObjectId }>()
    .cursor({ batchSize: BATCH }))
    visitIds.push(visit._id);
  // One write per visit (a pipeline update): what it keeps and what goes is decided per document, from the ids.
  const [persons, companies] = [personIdsOf(scope), scope.companyIds];
  const asContact = { $in: ['$contactId', ids] };
  const unlessContact = (value: unknown, otherwise: unknown) => ({ $cond: [asContact, value, otherwise] });
  const scrub = [
    {
      $set: {
        companyName: { $cond: [{ $in: ['$companyId', ids] }, scope.erasedCompany, '$companyName'] },
        companyId: { $cond: [{ $in: ['$companyId', ids] }, null, '$companyId'] },
        contactName: {
          $cond: [
            { $in: ['$contactId', persons] },
            scope.erasedPerson,
            { $cond: [{ $in: ['$contactId', companies] }, scope.erasedCompany, '$contactName'] },
          ],
        },
        contactNo: unlessContact(ERASED_NO, '$contactNo'),
        description: unlessContact('', '$description'),
        source: unlessContact('$$REMOVE', '$source'),
        followUpDoneBy: unlessContact('$$REMOVE', '$followUpDoneBy'),
        contactId: unlessContact(null, '$contactId'),
        subjects: { $filter: { input: '$subjects', cond: { $not: [{ $in: ['$$this', ids] }] } } },
      },
    },
  ];
  let count = 0;
  for (let i = 0; i < visitIds.length; i += BATCH)
    count += changed(
      await VisitModel.updateMany(
        { workspaceId, _id: { $in: visitIds.slice(i, i + BATCH) } },
        scrub as never,
        {
          updatePipeline: true,
        } as never,
      ),
    );
  return count;
}

function personIdsOf(scope: ErasureScope): Types.ObjectId[] {
  const companies = new Set(scope.companyIds.map((id) => id.toString()));
  return scope.ids.filter((id) => !companies.has(id.toString()));
}

/** Visits scrubbed per round: enough to be quick, few enough that one update stays well inside the 2 s bound. */
const BATCH = 1_000;

/** The erased persons and the erased company (if any), each with the name kept records show instead. */
function byKind(scope: ErasureScope): [Types.ObjectId[], string][] {
  const companies = new Set(scope.companyIds.map((id) => id.toString()));
  const persons = scope.ids.filter((id) => !companies.has(id.toString()));
  const groups: [Types.ObjectId[], string][] = [];
  if (persons.length > 0) groups.push([persons, scope.erasedPerson]);
  if (scope.companyIds.length > 0) groups.push([scope.companyIds, scope.erasedCompany]);
  return groups;
}

/** Opportunities stay (closed ones: open ones refuse the erasure); the erased contact's name and No. go. */
async function scrubOpportunities(scope: ErasureScope): Promise<number> {
  const { workspaceId, ids } = scope;
  const atCompany = await OpportunityModel.updateMany(
    { workspaceId, subjects: { $in: ids }, companyId: { $in: ids } },
    { $set: { companyId: null, companyName: scope.erasedCompany } },
  );
  let count = changed(atCompany);
  for (const [group, name] of byKind(scope))
    count += changed(
      await OpportunityModel.updateMany(
        { workspaceId, subjects: { $in: group }, contactId: { $in: group } },
        { $set: { contactNo: ERASED_NO, contactName: name } },
      ),
    );
  const unlinked = await OpportunityModel.updateMany(
    { workspaceId, subjects: { $in: ids } },
    { $pull: { subjects: { $in: ids } } },
  );
  return Math.max(count, changed(unlinked));
}

/** Tasks stay as counted work; their title, note, contact name and No. go, and open ones are cancelled. */
async function scrubTasks(scope: ErasureScope): Promise<number> {
  const { workspaceId, ids } = scope;
  const now = new Date();
  // The kept open-task counts follow as every task change does: marked in the same write, then recounted.
  const cancelled = await TaskModel.updateMany(
    { workspaceId, contactId: { $in: ids }, status: 'open' },
    { $set: { status: 'cancelled', cancelledAt: now, cancelledBy: scope.by, ...COUNT_PENDING } },
  );
  if (cancelled.modifiedCount > 0 || (await countsPendingSince(workspaceId))) await recountTasks(workspaceId);
  let count = 0;
  for (const [group, name] of byKind(scope))
    count += changed(
      await TaskModel.updateMany(
        { workspaceId, contactId: { $in: group }, contactNo: { $ne: ERASED_NO } },
        { $set: { contactNo: ERASED_NO, contactName: name, title: scope.erasedTaskTitle, note: '' } },
      ),
    );
  return count;
}

/** Deletion records name the contact: those of erased contacts go; a company's deletion forgets erased persons. */
async function scrubDeletions(scope: ErasureScope): Promise<number> {
  const { workspaceId, ids } = scope;
  const removed = await ContactDeletionModel.deleteMany({ workspaceId, contactId: { $in: ids } });
  const pulled = await ContactDeletionModel.updateMany(
    { workspaceId, personIds: { $in: ids } },
    { $pull: { personIds: { $in: ids } } },
  );
  return changed(removed) + changed(pulled);
}

/** Possible duplicates and "not a duplicate" marks with an erased contact on either side. */
async function scrubDuplicates(scope: ErasureScope): Promise<number> {
  const { workspaceId, ids } = scope;
  let count = 0;
  for (const side of ['a', 'b'] as const) {
    count += changed(await DuplicateCandidateModel.deleteMany({ workspaceId, [side]: { $in: ids } }));
    count += changed(await DuplicatePairModel.deleteMany({ workspaceId, [side]: { $in: ids } }));
  }
  return count;
}

/** Forms held while a user looked at duplicates: of an erased contact, or of a new person at an erased company. */
async function scrubDrafts(scope: ErasureScope): Promise<number> {
  const { workspaceId, ids } = scope;
  const idTexts = ids.map((id) => id.toString());
  return changed(
    await ContactDraftModel.deleteMany({
      workspaceId,
      $or: [{ contactId: { $in: ids } }, { 'input.companyId': { $in: [...idTexts, ...ids] } }],
    }),
  );
}

/**
 * Staged rows of imported files (kept until the import can no longer be undone): the rows that made an erased
 * contact, and any other row of the file that names it (by No., name, e-mail or phone in a cell).
 */
async function scrubImportRows(scope: ErasureScope): Promise<number> {
  const { workspaceId, ids } = scope;
  const imports = await ImportModel.find({ workspaceId }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  let count = 0;
  for (const { _id: importId } of imports) {
    const or: Record<string, unknown>[] = [{ contactId: { $in: ids } }];
    if (scope.nos.length > 0) or.push({ fileNo: { $in: scope.nos.map((no) => no.toUpperCase()) } });
    if (scope.values.length > 0) or.push({ cells: { $in: scope.values } });
    count += changed(await ImportRowModel.deleteMany({ workspaceId, importId, $or: or }));
  }
  return count;
}

/** The weekly register check of an erased company (its org.nr. and what the register last said). */
async function scrubRegisterChecks(scope: ErasureScope): Promise<number> {
  return changed(
    await RegisterCheckModel.deleteMany({ workspaceId: scope.workspaceId, contactId: { $in: scope.ids } }),
  );
}

/**
 * Last: the contacts themselves (every field, search keys and aliases with them). Anyone who joined an erased
 * company while the erasure ran is not erased: they become independent.
 */
async function scrubContacts(scope: ErasureScope): Promise<number> {
  const { workspaceId, ids } = scope;
  await makeIndependent(workspaceId, { companyId: { $in: ids }, _id: { $nin: ids } });
  return changed(await ContactModel.deleteMany({ workspaceId, _id: { $in: ids } }));
}

/**
 * Merge records keep both contacts whole (for the undo and the audit): where an erased contact was either side, the
 * documents and values go, the names and Nos. read as erased, and the undo ends now (there is nothing to restore).
 */
async function scrubMerges(scope: ErasureScope): Promise<number> {
  const { workspaceId, ids } = scope;
  const now = new Date();
  let count = 0;
  for (const side of ['keepId', 'mergeId'] as const)
    for (const type of ['company', 'person'] as const) {
      const erasedName = type === 'company' ? scope.erasedCompany : scope.erasedPerson;
      count += changed(
        await ContactMergeModel.updateMany(
          { workspaceId, [side]: { $in: ids }, type, erasedAt: { $exists: false } },
          {
            $set: {
              keepDoc: {},
              mergeDoc: {},
              before: {},
              after: {},
              choices: {},
              keepName: erasedName,
              mergeName: erasedName,
              keepNo: ERASED_NO,
              mergeNo: ERASED_NO,
              undoUntil: now,
              erasedAt: now,
            },
          },
        ),
      );
    }
  return count;
}

/**
 * The change log: the erased contacts' rows lose every value, name and No. (who, when, kind and field names stay),
 * and the erasure itself is one more row per contact, without any of its data.
 */
async function scrubChangeLog(scope: ErasureScope): Promise<number> {
  const { workspaceId, ids } = scope;
  const dropped = await dropPersonalValues(
    workspaceId,
    ids.map((id) => id.toString()),
  );
  await recordContactChanges(
    workspaceId,
    ids.map((id) => ({
      key: `erase:${scope.erasureId.toString()}:${id.toString()}`,
      contactId: id,
      contactNo: ERASED_CONTACT_NO,
      at: new Date(),
      by: scope.by,
      kind: 'erase' as const,
      fields: [],
    })),
  );
  // Rows recorded just now (for this erasure) carry no values, but say so like the others.
  await dropPersonalValues(
    workspaceId,
    ids.map((id) => id.toString()),
  );
  return dropped;
}

/**
 * Every collection's part of an erasure, in the order they run. A new collection that holds personal data about a
 * contact is one more entry here — before `contacts`, which must stay last (the values the others may need are
 * read from the contacts while they exist).
 */
export const scrubbers: Scrubber[] = [
  { name: 'visits', scrub: scrubVisits },
  { name: 'opportunities', scrub: scrubOpportunities },
  { name: 'tasks', scrub: scrubTasks },
  { name: 'contact_deletions', scrub: scrubDeletions },
  { name: 'duplicates', scrub: scrubDuplicates },
  { name: 'contact_drafts', scrub: scrubDrafts },
  { name: 'import_rows', scrub: scrubImportRows },
  { name: 'register_checks', scrub: scrubRegisterChecks },
  { name: 'contact_changes', scrub: scrubChangeLog },
  { name: 'contact_merges', scrub: scrubMerges },
  { name: 'contacts', scrub: scrubContacts },
];
