import { ContactChangeModel } from '../../models/contact-change.model';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Types } from 'mongoose';
import { translator, type Translator } from '../../i18n';
import { ContactDeletionModel } from '../../models/contact-deletion.model';
import { ContactDraftModel } from '../../models/contact-draft.model';
import type { ContactDocument } from '../../models/contact.model';
import { DuplicateCandidateModel } from '../../models/duplicate-candidate.model';
import { DuplicatePairModel } from '../../models/duplicate-pair.model';
import { ImportModel, ImportRowModel } from '../../models/import.model';
import { OpportunityModel } from '../../models/opportunity.model';
import { TaskModel } from '../../models/task.model';
import { VisitModel } from '../../models/visit.model';
import { writeCsvFile, type CsvValue } from '../export/csv';
import type { CsvFileWritten } from '../export/workspace-export.service';
import type { Actor } from '../people/permissions.service';
import { privacySubject, type AccessRefusal } from './privacy-subject';

/** One thing Kontakt holds about the person: its stored fields and where it came from, in the reader's words. */
export interface HeldRecord {
  id: string;
  source: string;
  fields: Record<string, unknown>;
}

/** Everything Kontakt holds about one contact, by kind (the JSON file's sections; the CSV's first column). */
export interface PersonData {
  contacts: HeldRecord[];
  /** The contact's history of changes (the change log). */
  changes: HeldRecord[];
  visits: HeldRecord[];
  opportunities: HeldRecord[];
  tasks: HeldRecord[];
  duplicateCandidates: HeldRecord[];
  notDuplicates: HeldRecord[];
  deletions: HeldRecord[];
  importRows: HeldRecord[];
  drafts: HeldRecord[];
}

export type PersonSection = keyof PersonData;
export const PERSON_SECTIONS: PersonSection[] = [
  'contacts',
  'changes',
  'visits',
  'opportunities',
  'tasks',
  'duplicateCandidates',
  'notDuplicates',
  'deletions',
  'importRows',
  'drafts',
];

export type PersonExportResult =
  | AccessRefusal
  | {
      status: 'exported';
      no: string;
      name: string;
      counts: Record<PersonSection, number>;
      files: [CsvFileWritten, CsvFileWritten];
    };

/**
 * Everything Kontakt holds about one contact (a company with its persons) — the contact, its visits (cancelled
 * ones too), opportunities, tasks, duplicate pairs and marks, deletion records, the import rows it came from and
 * any held form — each with where it came from, written as a JSON and a CSV file in `dir`. Admins only; a contact
 * of another workspace is refused like an unknown one.
 */
export async function exportPersonData(
  workspaceId: string,
  contactId: unknown,
  actor: Actor,
  options: { dir: string; tr?: Translator; day?: string; onProgress?: (done: number, total: number) => unknown },
): Promise<PersonExportResult> {
  const subject = await privacySubject(workspaceId, contactId, actor);
  if ('status' in subject) return subject;
  const tr = options.tr ?? translator('en');
  const data = await collectPersonData(
    workspaceId,
    [subject.contact, ...subject.persons, ...subject.merged],
    subject.ids,
    tr,
  );
  await options.onProgress?.(1, 2);
  const day = options.day ?? new Date().toISOString().slice(0, 10);
  const base = `kontakt-person-${subject.contact.no.replace(/[^A-Za-z0-9_-]/g, '')}-${day}`;
  const jsonPath = path.join(options.dir, `${base}.json`);
  const csvPath = path.join(options.dir, `${base}.csv`);
  const document = {
    kontakt: {
      workspaceId,
      contactNo: subject.contact.no,
      exportedAt: new Date().toISOString(),
      exportedBy: actor.userId,
    },
    ...data,
  };
  const json = JSON.stringify(document, null, 2);
  await writeFile(jsonPath, json, { flag: 'wx', mode: 0o600 });
  const csvRows = rowsOf(data, tr);
  const csvBytes = await writeCsvFile(csvPath, csvRows.rows);
  await options.onProgress?.(2, 2);
  const counts = Object.fromEntries(PERSON_SECTIONS.map((s) => [s, data[s].length])) as Record<PersonSection, number>;
  return {
    status: 'exported',
    no: subject.contact.no,
    name: subject.contact.name,
    counts,
    files: [
      { path: jsonPath, filename: path.basename(jsonPath), rows: 1, bytes: Buffer.byteLength(json) },
      { path: csvPath, filename: path.basename(csvPath), rows: csvRows.count, bytes: csvBytes },
    ],
  };
}

const day = (value: unknown): string =>
  value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value : '';

/** A stored document as plain fields: ids as text, no internal keys (search keys are derived from the fields). */
function fieldsOf(doc: Record<string, unknown>, drop: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === '_id' || key === '__v' || key === 'workspaceId' || drop.includes(key)) continue;
    out[key] = plainValue(value);
  }
  return out;
}

function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value === 'object') {
    if ('_bsontype' in (value as object)) return String(value);
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, plainValue(v)]));
  }
  return value;
}

async function collectPersonData(
  workspaceId: string,
  contacts: ContactDocument[],
  ids: Types.ObjectId[],
  tr: Translator,
): Promise<PersonData> {
  const [changes, visits, opportunities, tasks, candidates, pairs, deletions, rows, drafts] = await Promise.all([
    ContactChangeModel.find({ workspaceId, contactId: { $in: ids } })
      .sort({ at: -1 })
      .lean(),
    VisitModel.find({ workspaceId, subjects: { $in: ids } })
      .sort({ date: -1 })
      .lean(),
    OpportunityModel.find({ workspaceId, subjects: { $in: ids } }).lean(),
    TaskModel.find({ workspaceId, contactId: { $in: ids } }).lean(),
    Promise.all([
      DuplicateCandidateModel.find({ workspaceId, a: { $in: ids } }).lean(),
      DuplicateCandidateModel.find({ workspaceId, b: { $in: ids } }).lean(),
    ]).then(([a, b]) => [...a, ...b]),
    Promise.all([
      DuplicatePairModel.find({ workspaceId, a: { $in: ids } }).lean(),
      DuplicatePairModel.find({ workspaceId, b: { $in: ids } }).lean(),
    ]).then(([a, b]) => [...a, ...b]),
    ContactDeletionModel.find({ workspaceId, $or: [{ contactId: { $in: ids } }, { personIds: { $in: ids } }] }).lean(),
    importRowsOf(workspaceId, ids),
    ContactDraftModel.find({ workspaceId, contactId: { $in: ids } }).lean(),
  ]);
  const imports = new Map(
    (
      await ImportModel.find(
        { workspaceId, _id: { $in: rows.map((row) => row.importId) } },
        { fileName: 1, userId: 1, createdAt: 1 },
      ).lean<{ _id: Types.ObjectId; fileName: string; userId: string; createdAt?: Date }[]>()
    ).map((imp) => [imp._id.toString(), imp]),
  );
  const importOf = (row: { importId: Types.ObjectId; rowNo: number }): string | undefined => {
    const imp = imports.get(row.importId.toString());
    return imp
      ? tr.t('privacy.source.imported', {
          file: imp.fileName,
          row: row.rowNo,
          user: imp.userId,
          date: day(imp.createdAt),
        })
      : undefined;
  };
  const createdBy = new Map<string, string>();
  for (const row of rows)
    if (row.contactId && row.outcome === 'created') createdBy.set(row.contactId.toString(), importOf(row) ?? '');
  const visitDates = new Map(visits.map((v) => [v._id.toString(), v.date]));
  return {
    contacts: contacts.map((doc) => ({
      id: doc._id.toString(),
      source:
        createdBy.get(doc._id.toString()) ||
        tr.t('privacy.source.created', { user: doc.createdBy, date: day((doc as { createdAt?: Date }).createdAt) }),
      fields: fieldsOf(doc as unknown as Record<string, unknown>, ['search', 'flowDown']),
    })),
    changes: changes.map((doc) => ({
      id: doc._id.toString(),
      source: tr.t('privacy.source.changed', { user: doc.by, date: day(doc.at) }),
      fields: fieldsOf(doc as unknown as Record<string, unknown>, ['key']),
    })),
    visits: visits.map((doc) => ({
      id: doc._id.toString(),
      source: doc.source?.permalink
        ? tr.t('privacy.source.message', { link: doc.source.permalink })
        : tr.t('privacy.source.logged', { user: doc.salespersonId, date: day(doc.createdAt) }),
      fields: fieldsOf(doc as unknown as Record<string, unknown>, ['idempotencyKey', 'restat']),
    })),
    opportunities: opportunities.map((doc) => ({
      id: doc._id.toString(),
      source: tr.t('privacy.source.created', { user: doc.createdBy, date: day(doc.createdAt) }),
      // The pipeline totals' bookkeeping is Kontakt's, not data about the person.
      fields: fieldsOf(doc as unknown as Record<string, unknown>, ['idempotencyKey', 'totalsMarks']),
    })),
    tasks: tasks.map((doc) => ({
      id: doc._id.toString(),
      source: doc.visitId
        ? tr.t('privacy.source.followUp', { date: visitDates.get(doc.visitId.toString()) ?? '' })
        : tr.t('privacy.source.created', { user: doc.createdBy, date: day(doc.createdAt) }),
      fields: fieldsOf(doc as unknown as Record<string, unknown>, ['idempotencyKey']),
    })),
    duplicateCandidates: candidates.map((doc) => ({
      id: doc._id.toString(),
      source: tr.t('privacy.source.duplicateSearch'),
      fields: fieldsOf(doc as unknown as Record<string, unknown>, ['gen']),
    })),
    notDuplicates: pairs.map((doc) => ({
      id: doc._id.toString(),
      source: tr.t('privacy.source.notDuplicate', { user: doc.markedBy }),
      fields: fieldsOf(doc as unknown as Record<string, unknown>),
    })),
    deletions: deletions.map((doc) => ({
      id: doc._id.toString(),
      source: tr.t('privacy.source.deleted', { user: doc.deletedBy, date: day(doc.deletedAt) }),
      fields: fieldsOf(doc as unknown as Record<string, unknown>),
    })),
    importRows: rows.map((doc) => ({
      id: doc._id.toString(),
      source: importOf(doc) ?? '',
      fields: fieldsOf(doc as unknown as Record<string, unknown>, ['expiresAt']),
    })),
    drafts: drafts.map((doc) => ({
      id: doc._id.toString(),
      source: tr.t('privacy.source.draft', { user: doc.userId }),
      fields: fieldsOf(doc as unknown as Record<string, unknown>),
    })),
  };
}

/** The staged import rows that made or updated one of the contacts (per import: served by its index). */
async function importRowsOf(workspaceId: string, ids: Types.ObjectId[]) {
  const imports = await ImportModel.find({ workspaceId }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  const rows = await Promise.all(
    imports.map((imp) =>
      ImportRowModel.find({ workspaceId, importId: imp._id, contactId: { $in: ids } })
        .sort({ rowNo: 1 })
        .lean(),
    ),
  );
  return rows.flat();
}

/** The CSV: one row per stored field — Record, Id, Field, Value, Source — so every kind fits one table. */
function rowsOf(data: PersonData, tr: Translator): { rows: CsvValue[][]; count: number } {
  const rows: CsvValue[][] = [
    [
      tr.t('privacy.csv.record'),
      tr.t('privacy.csv.id'),
      tr.t('privacy.csv.field'),
      tr.t('privacy.csv.value'),
      tr.t('privacy.csv.source'),
    ],
  ];
  let count = 0;
  for (const section of PERSON_SECTIONS)
    for (const record of data[section]) {
      count += 1;
      for (const [field, value] of flatten(record.fields))
        rows.push([tr.t(`privacy.section.${section}`), record.id, field, value, record.source]);
    }
  return { rows, count };
}

function flatten(fields: Record<string, unknown>, prefix = ''): [string, CsvValue][] {
  const out: [string, CsvValue][] = [];
  for (const [key, value] of Object.entries(fields)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      if (value.every((v) => typeof v !== 'object' || v === null)) out.push([name, value.join(', ')]);
      else value.forEach((v, i) => out.push(...flatten(v as Record<string, unknown>, `${name}[${i}]`)));
    } else if (typeof value === 'object') out.push(...flatten(value as Record<string, unknown>, name));
    else out.push([name, typeof value === 'number' ? value : String(value)]);
  }
  return out;
}
