/**
 * Two companies to merge, the one merged away with persons and visits enough that moving them takes a while: the
 * merge benchmark (bench/merge.bench.ts) and the crash test (test/merge-crash.process.test.ts) seed the same way.
 * The contacts go through the contact service; the visits are written straight to the model, as they are stored,
 * without the contacts' figures (a caller that needs those runs the repair).
 */
import { Types } from 'mongoose';
import { VisitModel } from '../../src/models';
import { contactInputSchema } from '../../src/schemas/contact-input';
import { createContact } from '../../src/services/contacts/contact.service';
import type { Contact } from '../../src/services/contacts/contact.types';

export interface MergeSeed {
  keep: Contact;
  merge: Contact;
  persons: Contact[];
}

export async function seedMergePair(options: {
  workspaceId: string;
  userId: string;
  persons: number;
  visits: number;
  /** Makes the visits' idempotency keys unique to the caller. */
  keyPrefix: string;
}): Promise<MergeSeed> {
  const { workspaceId, userId } = options;
  const contact = async (fields: Record<string, unknown>) => {
    const result = await createContact({
      workspaceId,
      userId,
      input: contactInputSchema.parse(fields),
      ignoreDuplicates: true,
    });
    if (result.status !== 'saved') throw new Error(JSON.stringify(result));
    return result.contact;
  };
  const keep = await contact({ type: 'company', name: 'Nordlys Maskin AS', city: 'Bergen', address: 'Strandgaten 1' });
  const merge = await contact({ type: 'company', name: 'Nordlys Maskin', city: 'Bergen', phone: '55 12 34 56' });
  const persons: Contact[] = [];
  for (let i = 0; i < options.persons; i += 1)
    persons.push(await contact({ type: 'person', name: `Person ${i} Nordmann`, companyId: merge.id }));
  const mergeId = new Types.ObjectId(merge.id);
  const visits = Array.from({ length: options.visits }, (_, i) => {
    const person = i % 2 === 0 ? undefined : persons[i % persons.length];
    const contactId = person ? new Types.ObjectId(person.id) : mergeId;
    return {
      workspaceId,
      contactId,
      contactNo: person?.no ?? merge.no,
      contactName: person?.name ?? merge.name,
      companyId: person ? mergeId : null,
      companyName: person ? merge.name : undefined,
      subjects: person ? [contactId, mergeId] : [mergeId],
      salespersonId: userId,
      typeCode: 'VISIT',
      typeDescription: 'Visit',
      date: `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
      idempotencyKey: `${options.keyPrefix}-visit-${i}`,
    };
  });
  for (let i = 0; i < visits.length; i += 1_000) await VisitModel.insertMany(visits.slice(i, i + 1_000));
  return { keep, merge, persons };
}
