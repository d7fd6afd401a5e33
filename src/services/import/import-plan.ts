import { Types } from 'mongoose';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { ImportRowModel } from '../../models/import.model';
import { computedParts, toContact } from '../contacts/contact-record';
import type { Contact } from '../contacts/contact.types';
import { requiredHits } from '../contacts/duplicate-keys';
import { live } from '../contacts/live';
import { newContactFields } from '../contacts/new-contact';
import { foldText } from '../search/fold';
import type { ContactSetup } from '../setup/setup.types';
import type { ColumnMapping } from './columns';
import { readRecord, type ImportRecord, type RowError, type RowKind } from './import-record';

/** What the import does with one row, decided against the workspace as it is now. */
export type RowPlan =
  | { rowNo: number; kind: RowKind; action: 'error'; error: RowError }
  | {
      rowNo: number;
      kind: Exclude<RowKind, 'invalid'>;
      action: 'create' | 'match';
      record: ImportRecord & { input: NonNullable<ImportRecord['input']> };
      /** The company a person belongs to: an existing contact, or a company row of this file not yet imported. */
      company: Contact | { stagedRowNo: number } | null;
      /** The existing contact the row matches (by No., the duplicate rules, or a person's e-mail). */
      match?: Contact;
    };

export interface PlanContext {
  workspaceId: string;
  importId: Types.ObjectId;
  mapping: ColumnMapping;
  keepNumbers: boolean;
  setup: ContactSetup;
  /** Salesperson values of the file → Slack user id (absent: matches nobody). */
  salespeople: Map<string, string>;
}

export interface StagedRow {
  rowNo: number;
  cells: string[];
}

const sameName = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Live contacts of the workspace by a field, in one indexed query. */
async function contactsBy(
  workspaceId: string,
  filter: Record<string, unknown>,
  projection?: Record<string, 1>,
): Promise<Contact[]> {
  const docs = await ContactModel.find({ workspaceId, ...filter, ...live }, projection)
    .limit(5_000)
    .lean<ContactDocument[]>();
  return docs.map(toContact);
}

/**
 * Plans a batch of rows. The preview plans every row to count what will happen; the job plans each batch again
 * just before writing it, so what it does is decided against the workspace as it is then (another import, an
 * edit made meanwhile), never against a preview that has gone stale.
 */
export async function planRows(ctx: PlanContext, rows: StagedRow[]): Promise<RowPlan[]> {
  const { workspaceId, setup } = ctx;
  const records = rows.map((row) => ({ row, record: readRecord(row.cells, ctx.mapping) }));
  const valid = records.filter((r) => r.record.kind !== 'invalid' && r.record.input);

  // Existing contacts by No., e-mail, name (persons' companies) and duplicate strings: one query each.
  const nos = new Set<string>();
  const emails = new Set<string>();
  const companyNos = new Set<string>();
  const companyNames = new Set<string>();
  const dupKeys = new Set<string>();
  const keysOf = new Map<number, string[]>();
  for (const { row, record } of valid) {
    if (record.fileNo) nos.add(record.fileNo);
    if (record.kind !== 'company' && record.input?.email) emails.add(record.input.email);
    if (record.companyRef?.no) companyNos.add(record.companyRef.no);
    if (record.companyRef?.name) companyNames.add(foldText(record.companyRef.name));
    if (record.kind === 'company' && setup.duplicates.rows.length > 0) {
      const fields = newContactFields(record.input!, null, setup);
      const keys = computedParts({ ...fields, no: '' }, setup.defaults.phoneRegion, setup.duplicates.rows).search
        .dupKeys;
      keysOf.set(row.rowNo, keys);
      for (const key of keys) dupKeys.add(key);
    }
  }
  const [byNo, byEmail, companiesByNo, companiesByName, dupCandidates, stagedByNo, stagedByName] = await Promise.all([
    nos.size ? contactsBy(workspaceId, { no: { $in: [...nos, ...companyNos] } }) : [],
    emails.size ? contactsBy(workspaceId, { email: { $in: [...emails] }, type: 'person' }) : [],
    companyNos.size ? contactsBy(workspaceId, { no: { $in: [...companyNos] }, type: 'company' }) : [],
    companyNames.size ? contactsBy(workspaceId, { 'search.nameKey': { $in: [...companyNames] }, type: 'company' }) : [],
    dupKeys.size ? dupCandidatesOf(workspaceId, [...dupKeys]) : [],
    companyNos.size
      ? ImportRowModel.find(
          { workspaceId, importId: ctx.importId, fileNo: { $in: [...companyNos] } },
          { rowNo: 1, fileNo: 1, kind: 1, contactId: 1, outcome: 1 },
        ).lean()
      : [],
    companyNames.size
      ? ImportRowModel.find(
          { workspaceId, importId: ctx.importId, nameKey: { $in: [...companyNames] } },
          { rowNo: 1, nameKey: 1, kind: 1, contactId: 1, outcome: 1, cells: 1 },
        ).lean()
      : [],
  ]);
  const noIndex = new Map(byNo.map((c) => [c.no, c]));
  const emailIndex = new Map<string, Contact>();
  for (const c of byEmail) if (c.email && !emailIndex.has(c.email)) emailIndex.set(c.email, c);
  const needed = requiredHits(setup.duplicates.rows.length, setup.duplicates.hitPercent);

  // Companies the import itself created (or matched) are found by id once their row is done.
  const stagedIds = [...stagedByNo, ...stagedByName].filter((s) => s.contactId).map((s) => s.contactId!);
  const stagedContacts = new Map(
    (stagedIds.length ? await contactsBy(workspaceId, { _id: { $in: stagedIds } }) : []).map((c) => [c.id, c]),
  );
  const staged = (s: { rowNo: number; kind: string; contactId?: Types.ObjectId | null; outcome?: string | null }) => {
    if (s.kind !== 'company') return undefined;
    if (s.contactId) return stagedContacts.get(s.contactId.toString());
    return s.outcome ? undefined : { stagedRowNo: s.rowNo };
  };

  const resolveCompany = (ref: { no?: string; name?: string }): Contact | { stagedRowNo: number } | undefined => {
    if (ref.no) {
      const row = stagedByNo.find((s) => s.fileNo === ref.no);
      const fromFile = row ? staged(row) : undefined;
      if (fromFile) return fromFile;
      const existing = companiesByNo.find((c) => c.no === ref.no);
      if (existing) return existing;
    }
    if (ref.name) {
      const key = foldText(ref.name);
      for (const row of stagedByName.filter((s) => s.nameKey === key)) {
        const name = readRecord(row.cells ?? [], ctx.mapping).input?.name;
        const fromFile = sameName(name, ref.name) ? staged(row) : undefined;
        if (fromFile) return fromFile;
      }
      const existing = companiesByName.find((c) => sameName(c.name, ref.name));
      if (existing) return existing;
    }
    return undefined;
  };

  return records.map(({ row, record }): RowPlan => {
    if (record.kind === 'invalid' || !record.input)
      return {
        rowNo: row.rowNo,
        kind: 'invalid',
        action: 'error',
        error: record.error ?? { key: 'import.error.emptyRow' },
      };
    const kind = record.kind;
    const withInput = record as RowPlan & { input: NonNullable<ImportRecord['input']> } & ImportRecord;
    let company: Contact | { stagedRowNo: number } | null = null;
    if (record.companyRef) {
      const found = resolveCompany(record.companyRef);
      if (!found)
        return {
          rowNo: row.rowNo,
          kind,
          action: 'error',
          error: {
            key: 'import.error.unknownCompany',
            vars: { company: (record.companyRef.no ?? record.companyRef.name ?? '').slice(0, 100) },
          },
        };
      company = found;
    }
    let match: Contact | undefined;
    if (record.fileNo) {
      const existing = noIndex.get(record.fileNo);
      if (
        existing &&
        existing.type === (kind === 'company' ? 'company' : 'person') &&
        sameName(existing.name, record.input.name)
      )
        match = existing;
      else if (existing && ctx.keepNumbers)
        return {
          rowNo: row.rowNo,
          kind,
          action: 'error',
          error: { key: 'import.error.noTaken', vars: { no: record.fileNo, name: existing.name.slice(0, 100) } },
        };
    }
    if (!match && kind === 'company') {
      const keys = new Set(keysOf.get(row.rowNo) ?? []);
      if (keys.size >= needed) {
        let best: { contact: Contact; hits: number } | undefined;
        for (const candidate of dupCandidates) {
          const hits = candidate.keys.filter((k) => keys.has(k)).length;
          if (hits >= needed && (!best || hits > best.hits)) best = { contact: candidate.contact, hits };
        }
        match = best?.contact;
      }
    }
    if (!match && kind !== 'company' && record.input.email) match = emailIndex.get(record.input.email);
    return {
      rowNo: row.rowNo,
      kind,
      action: match ? 'match' : 'create',
      record: withInput as never,
      company,
      ...(match ? { match } : {}),
    };
  });
}

/** Companies sharing any of the duplicate strings, with their strings (scored per row by the caller). */
async function dupCandidatesOf(workspaceId: string, keys: string[]): Promise<{ contact: Contact; keys: string[] }[]> {
  const docs = await ContactModel.find({ workspaceId, 'search.dupKeys': { $in: keys }, type: 'company', ...live })
    .limit(5_000)
    .lean<ContactDocument[]>();
  return docs.map((doc) => ({ contact: toContact(doc), keys: doc.search.dupKeys }));
}

/** A new id for a row's contact. */
export const newContactId = (): Types.ObjectId => new Types.ObjectId();
