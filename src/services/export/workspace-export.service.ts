import path from 'node:path';
import type { Types } from 'mongoose';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { VisitModel, type VisitDocument } from '../../models/visit.model';
import { OpportunityModel, type OpportunityDocument } from '../../models/opportunity.model';
import { toOpportunity } from '../opportunities/opportunity.service';
import { cycleOf, getOpportunitySetup, stageOf } from '../opportunities/opportunity-setup.service';
import { translator, type Translator } from '../../i18n';
import { toContact } from '../contacts/contact-record';
import { live } from '../contacts/live';
import { toVisit } from '../visits/visit-record';
import { writeCsvFile, type CsvValue } from './csv';
import { contactColumns, headerRow, opportunityColumns, valueRow, visitColumns } from './export-columns';

/** Documents read per query: large enough to be quick, small enough that one batch never holds a big book. */
export const EXPORT_BATCH_SIZE = 1_000;

/** Called after each batch with how many rows are written and how many the workspace had when the export began. */
export type ExportProgress = (done: number, total: number) => void | Promise<void>;

/** A CSV file written to disk: UTF-8 with a byte-order mark, header row first, CRLF line ends. */
export interface CsvFileWritten {
  path: string;
  filename: string;
  rows: number;
  bytes: number;
}

export interface ExportOptions {
  onProgress?: ExportProgress;
  batchSize?: number;
  /** The count already taken (for the first progress message), so it is not counted twice. */
  total?: number;
  /** The language of the headers and worded values: the exporting admin's (English when left out). */
  tr?: Translator;
}

/** How many contacts, visits and opportunities an export of the workspace will write (for the progress message). */
export async function countWorkspaceData(
  workspaceId: string,
): Promise<{ contacts: number; visits: number; opportunities: number }> {
  const [contacts, visits, opportunities] = await Promise.all([
    ContactModel.countDocuments({ workspaceId, ...live }),
    VisitModel.countDocuments({ workspaceId }),
    OpportunityModel.countDocuments({ workspaceId }),
  ]);
  return { contacts, visits, opportunities };
}

/**
 * Walks one workspace's documents in `_id` order, a batch at a time: `{ workspaceId, _id: { $gt: last } }` sorted
 * by `_id` is served by the `{ workspaceId: 1, _id: 1 }` index, so every batch is one short index range, however
 * big the book, and documents added meanwhile never shift a page.
 */
async function* batchesOf<Doc extends { _id: Types.ObjectId }>(
  read: (filter: Record<string, unknown>, limit: number) => Promise<Doc[]>,
  workspaceId: string,
  batchSize: number,
): AsyncGenerator<Doc[]> {
  let after: Types.ObjectId | undefined;
  for (;;) {
    const batch = await read({ workspaceId, ...(after ? { _id: { $gt: after } } : {}) }, batchSize);
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1]!._id;
  }
}

// The search keys (terms, fuzzy keys, duplicate keys) are most of a stored contact and none of the file. Deleted
// contacts are not exported (they are gone for users until an admin restores them).
const readContacts = (filter: Record<string, unknown>, limit: number): Promise<ContactDocument[]> =>
  ContactModel.find({ ...filter, ...live }, { search: 0 })
    .sort({ _id: 1 })
    .limit(limit)
    .lean<ContactDocument[]>()
    .exec();

const readVisits = (filter: Record<string, unknown>, limit: number): Promise<VisitDocument[]> =>
  VisitModel.find(filter).sort({ _id: 1 }).limit(limit).lean<VisitDocument[]>().exec();

/**
 * Rows from batches: the header, then each batch's rows, with `onProgress` after each batch. Rows are pulled by
 * the file stream as it has room, so a batch is read only when the previous one is on its way to disk.
 */
async function* rowsOf<Doc extends { _id: Types.ObjectId }>(
  header: CsvValue[],
  batches: AsyncIterable<Doc[]>,
  toRows: (batch: Doc[]) => Promise<CsvValue[][]>,
  total: number,
  onProgress: ExportProgress | undefined,
  counted: { rows: number },
): AsyncGenerator<CsvValue[]> {
  yield header;
  for await (const batch of batches) {
    yield* await toRows(batch);
    counted.rows += batch.length;
    await onProgress?.(counted.rows, Math.max(total, counted.rows));
  }
}

/** Every contact of the workspace as CSV in `file`, with each person's company No. */
export async function writeContactsCsv(
  workspaceId: string,
  file: string,
  options: ExportOptions = {},
): Promise<CsvFileWritten> {
  const tr = options.tr ?? translator('en');
  const total = options.total ?? (await ContactModel.countDocuments({ workspaceId, ...live }));
  const counted = { rows: 0 };
  const toRows = async (batch: ContactDocument[]): Promise<CsvValue[][]> => {
    const companyNos = await companyNosFor(workspaceId, batch);
    return batch.map((doc) => {
      const contact = toContact(doc);
      return valueRow(
        contactColumns,
        { contact, companyNo: contact.companyId ? companyNos.get(contact.companyId) : undefined },
        tr,
      );
    });
  };
  const batches = batchesOf(readContacts, workspaceId, options.batchSize ?? EXPORT_BATCH_SIZE);
  const bytes = await writeCsvFile(
    file,
    rowsOf(headerRow(contactColumns, tr), batches, toRows, total, options.onProgress, counted),
  );
  return { path: file, filename: path.basename(file), rows: counted.rows, bytes };
}

/**
 * The company Nos. one batch's persons need: those of companies in the batch itself, the rest in one indexed
 * `$in` read. Per batch, so memory stays one batch's worth however many companies the workspace has.
 */
async function companyNosFor(workspaceId: string, batch: ContactDocument[]): Promise<Map<string, string>> {
  const nos = new Map<string, string>();
  for (const doc of batch) if (doc.type === 'company') nos.set(doc._id.toString(), doc.no);
  const missing = [
    ...new Set(batch.map((doc) => doc.companyId?.toString()).filter((id): id is string => !!id && !nos.has(id))),
  ];
  if (missing.length === 0) return nos;
  const companies = await ContactModel.find({ workspaceId, _id: { $in: missing } }, { no: 1 })
    .lean<{ _id: Types.ObjectId; no: string }[]>()
    .exec();
  for (const company of companies) nos.set(company._id.toString(), company.no);
  return nos;
}

/** Every visit of the workspace as CSV in `file`, cancelled ones included and marked. */
export async function writeVisitsCsv(
  workspaceId: string,
  file: string,
  options: ExportOptions = {},
): Promise<CsvFileWritten> {
  const tr = options.tr ?? translator('en');
  const total = options.total ?? (await VisitModel.countDocuments({ workspaceId }));
  const counted = { rows: 0 };
  const toRows = async (batch: VisitDocument[]): Promise<CsvValue[][]> =>
    batch.map((doc) => valueRow(visitColumns, toVisit(doc), tr));
  const batches = batchesOf(readVisits, workspaceId, options.batchSize ?? EXPORT_BATCH_SIZE);
  const bytes = await writeCsvFile(
    file,
    rowsOf(headerRow(visitColumns, tr), batches, toRows, total, options.onProgress, counted),
  );
  return { path: file, filename: path.basename(file), rows: counted.rows, bytes };
}

// An opportunity's history of entries can be long and is not part of the file: only the deal as it stands.
const readOpportunities = (filter: Record<string, unknown>, limit: number): Promise<OpportunityDocument[]> =>
  OpportunityModel.find(filter, { entries: 0 }).sort({ _id: 1 }).limit(limit).lean<OpportunityDocument[]>().exec();

/** Every sales opportunity of the workspace as CSV in `file`, open and closed, with its cycle's and stage's names. */
export async function writeOpportunitiesCsv(
  workspaceId: string,
  file: string,
  options: ExportOptions = {},
): Promise<CsvFileWritten> {
  const tr = options.tr ?? translator('en');
  const total = options.total ?? (await OpportunityModel.countDocuments({ workspaceId }));
  const setup = await getOpportunitySetup(workspaceId);
  const counted = { rows: 0 };
  const toRows = async (batch: OpportunityDocument[]): Promise<CsvValue[][]> =>
    batch.map((doc) => {
      const { entries: _entries, entryCount: _count, ...opportunity } = toOpportunity(doc, 0);
      const cycle = cycleOf(setup, opportunity.cycleCode);
      const stage = cycle ? stageOf(cycle, opportunity.stageNo) : undefined;
      return valueRow(
        opportunityColumns,
        { opportunity, cycleDescription: cycle?.description, stageDescription: stage?.description },
        tr,
      );
    });
  const batches = batchesOf(readOpportunities, workspaceId, options.batchSize ?? EXPORT_BATCH_SIZE);
  const bytes = await writeCsvFile(
    file,
    rowsOf(headerRow(opportunityColumns, tr), batches, toRows, total, options.onProgress, counted),
  );
  return { path: file, filename: path.basename(file), rows: counted.rows, bytes };
}

/** `kontakt-contacts-T0001-2026-11-24.csv` and its visits and opportunities twins: the workspace and the day. */
export function exportFileNames(
  workspaceId: string,
  day: string,
): { contacts: string; visits: string; opportunities: string } {
  const safe = workspaceId.replace(/[^A-Za-z0-9_-]/g, '');
  return {
    contacts: `kontakt-contacts-${safe}-${day}.csv`,
    visits: `kontakt-visits-${safe}-${day}.csv`,
    opportunities: `kontakt-opportunities-${safe}-${day}.csv`,
  };
}
