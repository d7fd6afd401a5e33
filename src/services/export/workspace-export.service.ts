import type { Types } from 'mongoose';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { VisitModel, type VisitDocument } from '../../models/visit.model';
import { toContact } from '../contacts/contact-record';
import { live } from '../contacts/live';
import { toVisit } from '../visits/visit-record';
import { csvLines, UTF8_BOM } from './csv';
import { contactColumns, headerRow, valueRow, visitColumns, type ContactRow } from './export-columns';

/** Documents read per query: large enough to be quick, small enough that one batch never holds a big book. */
export const EXPORT_BATCH_SIZE = 1_000;

/** Called after each batch with how many rows are written and how many the workspace had when the export began. */
export type ExportProgress = (done: number, total: number) => void | Promise<void>;

export interface CsvFile {
  /** UTF-8 with a byte-order mark, header row first, CRLF line ends. */
  bytes: Buffer;
  rows: number;
}

export interface ExportOptions {
  onProgress?: ExportProgress;
  batchSize?: number;
}

/** How many contacts and visits an export of the workspace will write (for the first progress message). */
export async function countWorkspaceData(workspaceId: string): Promise<{ contacts: number; visits: number }> {
  const [contacts, visits] = await Promise.all([
    ContactModel.countDocuments({ workspaceId, ...live }),
    VisitModel.countDocuments({ workspaceId }),
  ]);
  return { contacts, visits };
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

// Deleted contacts are not exported (they are gone for users until an admin restores them).
const readContacts = (filter: Record<string, unknown>, limit: number): Promise<ContactDocument[]> =>
  ContactModel.find({ ...filter, ...live })
    .sort({ _id: 1 })
    .limit(limit)
    .lean<ContactDocument[]>()
    .exec();

const readVisits = (filter: Record<string, unknown>, limit: number): Promise<VisitDocument[]> =>
  VisitModel.find(filter).sort({ _id: 1 }).limit(limit).lean<VisitDocument[]>().exec();

/** Every contact of the workspace as CSV, with each person's company No. */
export async function exportContactsCsv(workspaceId: string, options: ExportOptions = {}): Promise<CsvFile> {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  const total = await ContactModel.countDocuments({ workspaceId, ...live });
  const companyNos = new Map<string, string>();
  const chunks = [UTF8_BOM + csvLines([headerRow(contactColumns)])];
  let done = 0;
  for await (const batch of batchesOf(readContacts, workspaceId, batchSize)) {
    for (const doc of batch) if (doc.type === 'company') companyNos.set(doc._id.toString(), doc.no);
    await lookUpCompanyNos(workspaceId, batch, companyNos);
    const rows: ContactRow[] = batch.map((doc) => {
      const contact = toContact(doc);
      return { contact, companyNo: contact.companyId ? companyNos.get(contact.companyId) : undefined };
    });
    chunks.push(csvLines(rows.map((row) => valueRow(contactColumns, row))));
    done += batch.length;
    await options.onProgress?.(done, Math.max(total, done));
  }
  return { bytes: Buffer.from(chunks.join(''), 'utf8'), rows: done };
}

/** Company Nos. the batch's persons need and the walk has not seen yet: one indexed `$in` read per batch. */
async function lookUpCompanyNos(
  workspaceId: string,
  batch: ContactDocument[],
  known: Map<string, string>,
): Promise<void> {
  const missing = [
    ...new Set(batch.map((doc) => doc.companyId?.toString()).filter((id): id is string => !!id && !known.has(id))),
  ];
  if (missing.length === 0) return;
  const companies = await ContactModel.find({ workspaceId, _id: { $in: missing } }, { no: 1 })
    .lean<{ _id: Types.ObjectId; no: string }[]>()
    .exec();
  for (const company of companies) known.set(company._id.toString(), company.no);
}

/** Every visit of the workspace as CSV, cancelled ones included and marked. */
export async function exportVisitsCsv(workspaceId: string, options: ExportOptions = {}): Promise<CsvFile> {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  const total = await VisitModel.countDocuments({ workspaceId });
  const chunks = [UTF8_BOM + csvLines([headerRow(visitColumns)])];
  let done = 0;
  for await (const batch of batchesOf(readVisits, workspaceId, batchSize)) {
    chunks.push(csvLines(batch.map((doc) => valueRow(visitColumns, toVisit(doc)))));
    done += batch.length;
    await options.onProgress?.(done, Math.max(total, done));
  }
  return { bytes: Buffer.from(chunks.join(''), 'utf8'), rows: done };
}

/** `kontakt-contacts-T0001-2026-11-24.csv` and its visits twin: the workspace and the day in the name. */
export function exportFileNames(workspaceId: string, day: string): { contacts: string; visits: string } {
  const safe = workspaceId.replace(/[^A-Za-z0-9_-]/g, '');
  return { contacts: `kontakt-contacts-${safe}-${day}.csv`, visits: `kontakt-visits-${safe}-${day}.csv` };
}
