import { Types } from 'mongoose';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { ImportRowModel } from '../../models/import.model';
import { companyDupKeys, toContact } from '../contacts/contact-record';
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
async function contactsBy(workspaceId: string, filter: Record<string, unknown>): Promise<Contact[]> {
  // Without the search strings (most of a stored contact, and no part of what toContact gives).
  const docs = await ContactModel.find({ workspaceId, ...filter, ...live }, { search: 0 })
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
  const dupKeys = new Set<string>();
  const keysOf = new Map<number, string[]>();
  for (const { row, record } of valid) {
    if (record.fileNo) nos.add(record.fileNo);
    if (record.kind !== 'company' && record.input?.email) emails.add(record.input.email);
    if (record.companyRef?.no) companyNos.add(record.companyRef.no);
    if (record.kind === 'company' && setup.duplicates.rows.length > 0) {
      const fields = newContactFields(record.input!, null, setup);
      keysOf.set(row.rowNo, companyDupKeys(fields, setup.defaults.phoneRegion, setup.duplicates.rows));
    }
  }
  const needed = requiredHits(setup.duplicates.rows.length, setup.duplicates.hitPercent);
  for (const key of probeKeys(keysOf, needed)) dupKeys.add(key);
  // First what numbers find (most files name a person's company by its No.), then names only for the persons
  // whose company no number found: the same companies are not read twice.
  const [byNo, byEmail, dupCandidates, stagedByNo] = await Promise.all([
    nos.size || companyNos.size ? contactsBy(workspaceId, { no: { $in: [...new Set([...nos, ...companyNos])] } }) : [],
    emails.size ? contactsBy(workspaceId, { email: { $in: [...emails] }, type: 'person' }) : [],
    dupKeys.size ? dupCandidatesOf(workspaceId, [...dupKeys]) : [],
    companyNos.size
      ? ImportRowModel.find(
          { workspaceId, importId: ctx.importId, fileNo: { $in: [...companyNos] } },
          { rowNo: 1, fileNo: 1, kind: 1, contactId: 1, outcome: 1 },
        ).lean()
      : [],
  ]);
  const dupMatches = await bestDuplicates(workspaceId, keysOf, dupCandidates, needed);
  const noIndex = new Map(byNo.map((c) => [c.no, c]));
  const emailIndex = new Map<string, Contact>();
  for (const c of byEmail) if (c.email && !emailIndex.has(c.email)) emailIndex.set(c.email, c);
  const companyByNo = new Map<string, Contact>();
  for (const c of byNo)
    if (c.type === 'company' && companyNos.has(c.no) && !companyByNo.has(c.no)) companyByNo.set(c.no, c);
  const stagedRowByNo = new Map<string, (typeof stagedByNo)[number]>();
  for (const s of stagedByNo) if (s.fileNo && !stagedRowByNo.has(s.fileNo)) stagedRowByNo.set(s.fileNo, s);

  // Companies the import itself created (or matched) are found by id once their row is done.
  const stagedContacts = new Map(byNo.map((c) => [c.id, c]));
  const readStaged = async (found: { contactId?: Types.ObjectId | null }[]) => {
    const missing = found.filter((s) => s.contactId && !stagedContacts.has(s.contactId.toString()));
    if (missing.length === 0) return;
    for (const c of await contactsBy(workspaceId, { _id: { $in: missing.map((s) => s.contactId!) } }))
      stagedContacts.set(c.id, c);
  };
  await readStaged(stagedByNo);
  const staged = (s: { rowNo: number; kind: string; contactId?: Types.ObjectId | null; outcome?: string | null }) => {
    if (s.kind !== 'company') return undefined;
    if (s.contactId) return stagedContacts.get(s.contactId.toString());
    return s.outcome ? undefined : { stagedRowNo: s.rowNo };
  };
  const byNumber = (no: string): Contact | { stagedRowNo: number } | undefined => {
    const row = stagedRowByNo.get(no);
    return (row ? staged(row) : undefined) ?? companyByNo.get(no);
  };

  const companyNames = new Set<string>();
  for (const { record } of valid) {
    const ref = record.companyRef;
    if (ref?.name && !(ref.no && byNumber(ref.no))) companyNames.add(foldText(ref.name));
  }
  const [companiesByName, stagedByName] = companyNames.size
    ? await Promise.all([
        contactsBy(workspaceId, { 'search.nameKey': { $in: [...companyNames] }, type: 'company' }),
        ImportRowModel.find(
          { workspaceId, importId: ctx.importId, nameKey: { $in: [...companyNames] } },
          { rowNo: 1, nameKey: 1, kind: 1, contactId: 1, outcome: 1, cells: 1 },
        ).lean(),
      ])
    : [[], []];
  await readStaged(stagedByName);

  const resolveCompany = (ref: { no?: string; name?: string }): Contact | { stagedRowNo: number } | undefined => {
    if (ref.no) {
      const found = byNumber(ref.no);
      if (found) return found;
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
    if (!match && kind === 'company') match = dupMatches.get(row.rowNo);
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

/**
 * The duplicate strings worth asking the database for. A company that shares `needed` of a row's k strings shares
 * at least one of any k − needed + 1 of them, so only that many are asked for: the row's rarest in this batch (a
 * city or a phone prefix many rows share is also shared by many stored companies). The answer is the same as
 * asking for all k; the candidates are far fewer.
 */
export function probeKeys(keysOf: Map<number, string[]>, needed: number): Set<string> {
  const inBatch = new Map<string, number>();
  for (const keys of keysOf.values()) for (const key of keys) inBatch.set(key, (inBatch.get(key) ?? 0) + 1);
  const probes = new Set<string>();
  for (const keys of keysOf.values()) {
    if (keys.length < needed) continue;
    const rarest = keys
      .map((key, order) => ({ key, order, count: inBatch.get(key) ?? 0 }))
      .sort((a, b) => a.count - b.count || a.order - b.order)
      .slice(0, keys.length - needed + 1);
    for (const { key } of rarest) probes.add(key);
  }
  return probes;
}

/** Companies sharing any of the probed strings: their ids and strings only (scored per row by bestDuplicates). */
async function dupCandidatesOf(workspaceId: string, keys: string[]): Promise<{ id: string; keys: string[] }[]> {
  const docs = await ContactModel.find(
    { workspaceId, 'search.dupKeys': { $in: keys }, type: 'company', ...live },
    { 'search.dupKeys': 1 },
  )
    .limit(5_000)
    .lean<Pick<ContactDocument, '_id' | 'search'>[]>();
  return docs.map((doc) => ({ id: doc._id.toString(), keys: doc.search.dupKeys }));
}

/** Each company row's best duplicate (most strings in common, at least `needed`), read in full in one query. */
async function bestDuplicates(
  workspaceId: string,
  keysOf: Map<number, string[]>,
  candidates: { id: string; keys: string[] }[],
  needed: number,
): Promise<Map<number, Contact>> {
  const bestId = new Map<number, string>();
  if (candidates.length === 0) return new Map();
  for (const [rowNo, rowKeys] of keysOf) {
    const keys = new Set(rowKeys);
    if (keys.size < needed) continue;
    let best: { id: string; hits: number } | undefined;
    for (const candidate of candidates) {
      let hits = 0;
      for (const key of candidate.keys) if (keys.has(key)) hits += 1;
      if (hits >= needed && (!best || hits > best.hits)) best = { id: candidate.id, hits };
    }
    if (best) bestId.set(rowNo, best.id);
  }
  if (bestId.size === 0) return new Map();
  const contacts = new Map(
    (await contactsBy(workspaceId, { _id: { $in: [...new Set(bestId.values())] } })).map((c) => [c.id, c]),
  );
  const matches = new Map<number, Contact>();
  for (const [rowNo, id] of bestId) {
    const contact = contacts.get(id);
    if (contact) matches.set(rowNo, contact);
  }
  return matches;
}

/** A new id for a row's contact. */
export const newContactId = (): Types.ObjectId => new Types.ObjectId();
