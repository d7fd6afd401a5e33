import { Types } from 'mongoose';
import { parse } from 'csv-parse/sync';
import { ContactModel } from '../../../src/models/contact.model';
import { VisitModel } from '../../../src/models/visit.model';
import { computedParts, deriveFields, type ContactFields } from '../../../src/services/contacts/contact-record';
import { defaultContactSetup } from '../../../src/services/setup/setup.defaults';

/**
 * Test books for the export, written straight to the collections (insertMany) with every computed part the contact
 * service would store, so thousands of contacts take a moment instead of a minute.
 */
export interface SeededContact {
  id: string;
  no: string;
  name: string;
  type: 'company' | 'person';
}

let sequence = 0;

function contactDocument(
  workspaceId: string,
  no: string,
  fields: Partial<ContactFields> & Pick<ContactFields, 'type' | 'name'>,
) {
  const derived = deriveFields({
    industryGroups: [],
    businessRelations: [],
    jobResponsibilities: [],
    privacyBlocked: false,
    companyId: null,
    ...fields,
  });
  return {
    _id: new Types.ObjectId(),
    workspaceId,
    no,
    ...derived,
    companyId: derived.companyId ? new Types.ObjectId(derived.companyId) : null,
    ...computedParts({ ...derived, no }, 'NO', defaultContactSetup.duplicates.rows),
    createdBy: 'U0001',
    updatedBy: 'U0001',
    // insertMany with lean skips mongoose's timestamps: set them as the model would.
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}

/** Inserts contacts; `fields` per contact; Nos. are `prefix` + a running number. */
export async function seedContacts(
  workspaceId: string,
  list: (Partial<ContactFields> & Pick<ContactFields, 'type' | 'name'>)[],
  prefix = 'CT',
): Promise<SeededContact[]> {
  const docs = list.map((fields) =>
    contactDocument(workspaceId, `${prefix}${String((sequence += 1)).padStart(6, '0')}`, fields),
  );
  for (let i = 0; i < docs.length; i += 1_000) await ContactModel.insertMany(docs.slice(i, i + 1_000), { lean: true });
  return docs.map((doc) => ({ id: doc._id.toString(), no: doc.no, name: doc.name, type: doc.type }));
}

/** `count` companies (and a person at every tenth): a book bigger than one export batch. */
export async function seedBook(workspaceId: string, count: number): Promise<SeededContact[]> {
  const companies = await seedContacts(
    workspaceId,
    Array.from({ length: Math.ceil(count * 0.9) }, (_, i) => ({
      type: 'company' as const,
      name: `Firma ${i} AS`,
      city: 'Bergen',
      phone: `55 ${String(100000 + i)}`,
    })),
  );
  const persons = await seedContacts(
    workspaceId,
    Array.from({ length: count - companies.length }, (_, i) => ({
      type: 'person' as const,
      name: `Kari Nordmann ${i}`,
      companyId: companies[i]!.id,
      companyName: companies[i]!.name,
    })),
  );
  return [...companies, ...persons];
}

export async function seedVisit(
  workspaceId: string,
  contact: SeededContact,
  fields: Record<string, unknown> = {},
): Promise<void> {
  await VisitModel.create({
    workspaceId,
    contactId: new Types.ObjectId(contact.id),
    contactNo: contact.no,
    contactName: contact.name,
    subjects: [new Types.ObjectId(contact.id)],
    salespersonId: 'U0001',
    typeCode: 'VISIT',
    typeDescription: 'Visit',
    date: '2026-11-24',
    description: 'Met them, wants 3 pumps',
    evaluation: 'positive',
    durationMin: 60,
    cost: 0,
    idempotencyKey: `seed-${(sequence += 1)}`,
    ...fields,
  });
}

/** The CSV as a list of records keyed by header (byte-order mark stripped, CRLF understood). */
export function parseCsv(bytes: Buffer | string): Record<string, string>[] {
  return parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
}
