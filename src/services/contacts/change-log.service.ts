import { Types } from 'mongoose';
import { onlyDuplicateKeyErrors } from '../../db/errors';
import { ContactChangeModel, type ContactChangeKind } from '../../models/contact-change.model';
import { ContactModel } from '../../models/contact.model';
import { contactFieldsWhere, type FieldsWith } from './contact-fields';

/**
 * The change log of contacts: who changed which contact, when, and field by field from what to what.
 *
 * How a change is kept from being lost when the database fails half-way (there are no transactions): the write
 * that changes a contact carries the change itself, as `changeMark` on the contact, in the same update (see
 * contact.model.ts). The log row is then upserted under the mark's `key` and the mark cleared last, only if it is
 * still the same one. Whatever stops in between, the mark is still there: the next edit of the contact, the
 * user's retry or the hourly repair (integrity-check: `changeLogUnfinished`) finishes it. Rows are keyed by the
 * write they record, so finishing twice leaves one row, and the user's save never fails for the log alone
 * after the contact is written. Writes that have their own pending record (deletion, restore, a company's
 * flow-down, an import's batch) record their rows among their idempotent steps, before the step that clears the
 * record.
 */

export type ContactChangeField = { field: string; old?: string; new?: string };

export interface ContactChange {
  id: string;
  contactId: string;
  contactNo: string;
  contactName?: string;
  at: Date;
  by: string;
  kind: ContactChangeKind;
  /** The values came from the contact's company. */
  inherited: boolean;
  fields: ContactChangeField[];
  /** The personal values were dropped (erasure). */
  erased: boolean;
}

/** What a write marks on the contact it changes (stored as `changeMark`). */
export interface ChangeMark {
  key: string;
  kind: ContactChangeKind;
  by: string;
  at: Date;
  fields: ContactChangeField[];
}

/** The fields the log follows, in the card's order; derived and bookkeeping fields are left out. */
export type LoggedField = FieldsWith<'logged'>;
export const LOGGED_FIELDS = contactFieldsWhere<LoggedField>((spec) => spec.logged === true);

/** Fields that are on/off: stored as 'true', empty when off. */
export const BOOLEAN_FIELDS: readonly string[] = contactFieldsWhere(
  (spec) => spec.logged === true && spec.kind === 'switch',
);

/** A value as the log keeps it: text, a list joined with commas, 'true' for a set switch; undefined when empty. */
export function loggedValue(value: unknown): string | undefined {
  if (value === undefined || value === null || value === false || value === '') return undefined;
  if (Array.isArray(value)) return value.length > 0 ? value.map(String).join(', ') : undefined;
  if (value === true) return 'true';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** The logged fields that differ between `before` (none for a new contact) and `after`, old → new. */
export function changedFields(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  fields: readonly string[] = LOGGED_FIELDS,
): ContactChangeField[] {
  return fields.flatMap((field) => {
    const old = loggedValue(before?.[field]);
    const next = loggedValue(after[field]);
    return old === next
      ? []
      : [{ field, ...(old !== undefined ? { old } : {}), ...(next !== undefined ? { new: next } : {}) }];
  });
}

/** The mark a write stores on the contact; undefined for an edit that changes no logged field. */
export function changeMarkOf(
  kind: ContactChangeKind,
  key: string,
  by: string,
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
  at = new Date(),
): ChangeMark | undefined {
  const fields = changedFields(before, after);
  if (fields.length === 0 && kind === 'edit') return undefined;
  return { key, kind, by, at, fields };
}

export interface ChangeRow {
  key: string;
  contactId: string | Types.ObjectId;
  contactNo: string;
  contactName?: string;
  at: Date;
  by: string;
  kind: ContactChangeKind;
  inherited?: boolean;
  fields: ContactChangeField[];
}

/** Records changes, each once: a row already recorded under its key is left as it is. */
export async function recordContactChanges(workspaceId: string, rows: ChangeRow[]): Promise<void> {
  if (rows.length === 0) return;
  await ContactChangeModel.bulkWrite(
    rows.map((row) => ({
      updateOne: {
        filter: { workspaceId, key: row.key },
        update: {
          $setOnInsert: {
            workspaceId,
            key: row.key,
            contactId: new Types.ObjectId(String(row.contactId)),
            contactNo: row.contactNo,
            ...(row.contactName ? { contactName: row.contactName } : {}),
            at: row.at,
            by: row.by,
            kind: row.kind,
            ...(row.inherited ? { inherited: true } : {}),
            fields: row.fields,
          },
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
}

/** A contact as a write created it: its logged fields, No. and name. */
export type CreatedContact = Record<string, unknown> & {
  _id: Types.ObjectId;
  no: string;
  name: string;
  createdAt?: Date;
};

/**
 * Records contacts created by a write with its own pending record (an import's batch), keyed `<kind>:<id>`: inserted
 * in one round, a row already there (the batch finished again after a restart) left as it is. Cheaper than a mark
 * on each contact, which would cost a second write per contact to clear.
 */
export async function recordCreatedContacts(
  workspaceId: string,
  kind: ContactChangeKind,
  by: string,
  contacts: CreatedContact[],
): Promise<void> {
  if (contacts.length === 0) return;
  const rows = contacts.map((contact) => ({
    _id: new Types.ObjectId(),
    workspaceId,
    key: `${kind}:${contact._id.toString()}`,
    contactId: contact._id,
    contactNo: contact.no,
    contactName: contact.name,
    at: contact.createdAt ?? new Date(),
    by,
    kind,
    fields: changedFields(undefined, contact),
  }));
  try {
    // lean: the rows are built here, typed as the schema has them; casting each cost more than writing it.
    await ContactChangeModel.insertMany(rows, { ordered: false, lean: true });
  } catch (error) {
    if (!onlyDuplicateKeyErrors(error)) throw error;
  }
}

/** Records one change (see recordContactChanges). */
export async function recordContactChange(workspaceId: string, row: ChangeRow): Promise<void> {
  await recordContactChanges(workspaceId, [row]);
}

interface StoredMark {
  key: string;
  kind: string;
  by: string;
  at: Date;
  fields: { field?: string | null; old?: string | null; new?: string | null }[];
}

interface MarkedContact {
  _id: Types.ObjectId;
  no: string;
  name: string;
  changeMark?: StoredMark | null;
}

const rowOfMark = (doc: MarkedContact, mark: StoredMark): ChangeRow => ({
  key: mark.key,
  contactId: doc._id,
  contactNo: doc.no,
  contactName: doc.name,
  at: mark.at,
  by: mark.by,
  kind: mark.kind as ContactChangeKind,
  fields: mark.fields.map((f) => ({
    field: f.field ?? '',
    ...(f.old != null ? { old: f.old } : {}),
    ...(f.new != null ? { new: f.new } : {}),
  })),
});

/**
 * Finishes the changes marked on these contacts (as written, or read back): each is recorded, then its mark is
 * cleared if it is still the same one (a later write may have set its own). Idempotent. Leaves the contacts'
 * versions and updatedAt as they are.
 */
export async function finishContactChanges(workspaceId: string, docs: MarkedContact[]): Promise<void> {
  const marked = docs.filter((doc): doc is MarkedContact & { changeMark: StoredMark } => Boolean(doc.changeMark?.key));
  if (marked.length === 0) return;
  await recordContactChanges(
    workspaceId,
    marked.map((doc) => rowOfMark(doc, doc.changeMark)),
  );
  await ContactModel.bulkWrite(
    marked.map((doc) => ({
      updateOne: {
        filter: { _id: doc._id, workspaceId, 'changeMark.key': doc.changeMark.key },
        update: { $unset: { changeMark: 1 } },
        timestamps: false,
      },
    })),
    { ordered: false },
  );
}

/** For the repair job: finishes the change marked on one contact, read afresh. */
export async function finishMarkedChange(workspaceId: string, contactId: string): Promise<void> {
  const doc = await ContactModel.findOne(
    { _id: contactId, workspaceId },
    { no: 1, name: 1, changeMark: 1 },
  ).lean<MarkedContact>();
  if (doc) await finishContactChanges(workspaceId, [doc]);
}

function toChange(doc: {
  _id: Types.ObjectId;
  contactId: Types.ObjectId;
  contactNo: string;
  contactName?: string | null;
  at: Date;
  by: string;
  kind: string;
  inherited?: boolean | null;
  fields: { field: string; old?: string | null; new?: string | null }[];
  erased?: boolean | null;
}): ContactChange {
  return {
    id: doc._id.toString(),
    contactId: doc.contactId.toString(),
    contactNo: doc.contactNo,
    ...(doc.contactName ? { contactName: doc.contactName } : {}),
    at: doc.at,
    by: doc.by,
    kind: doc.kind as ContactChangeKind,
    inherited: Boolean(doc.inherited),
    fields: doc.fields.map((f) => ({
      field: f.field,
      ...(f.old != null ? { old: f.old } : {}),
      ...(f.new != null ? { new: f.new } : {}),
    })),
    erased: Boolean(doc.erased),
  };
}

/** The latest changes to a contact of this workspace, newest first (none for an id not of this workspace). */
export async function latestContactChanges(
  workspaceId: string,
  contactId: string,
  limit = 20,
): Promise<ContactChange[]> {
  if (!Types.ObjectId.isValid(contactId) || !/^[0-9a-f]{24}$/i.test(contactId)) return [];
  const docs = await ContactChangeModel.find({ workspaceId, contactId: new Types.ObjectId(contactId) })
    .sort({ at: -1, _id: -1 })
    .limit(Math.max(1, Math.min(limit, 200)))
    .lean();
  return docs.map((doc) => toChange(doc as Parameters<typeof toChange>[0]));
}

const DROP_BATCH = 500;

/** What an erased contact's rows show for its No. (the erasure leaves no copy of it anywhere). */
export const ERASED_CONTACT_NO = '—';

/**
 * Erasure: the contacts' change rows keep who, when, what kind and which fields, and lose every value, the
 * contact's name and its No. Idempotent (rows dropped already are skipped), in indexed batches. Returns the rows
 * changed.
 */
export async function dropPersonalValues(workspaceId: string, contactIds: string[]): Promise<number> {
  const ids = contactIds.filter((id) => /^[0-9a-f]{24}$/i.test(id)).map((id) => new Types.ObjectId(id));
  if (ids.length === 0) return 0;
  let changed = 0;
  for (;;) {
    const rows = await ContactChangeModel.find(
      { workspaceId, contactId: { $in: ids }, erased: { $ne: true } },
      { _id: 1, fields: 1 },
    )
      .limit(DROP_BATCH)
      .lean();
    if (rows.length === 0) return changed;
    await ContactChangeModel.bulkWrite(
      rows.map((row) => ({
        updateOne: {
          filter: { _id: row._id, workspaceId },
          update: {
            $set: {
              erased: true,
              contactNo: ERASED_CONTACT_NO,
              fields: row.fields.map((f) => ({ field: f.field })),
            },
            $unset: { contactName: 1 },
          },
        },
      })),
      { ordered: false },
    );
    changed += rows.length;
  }
}
