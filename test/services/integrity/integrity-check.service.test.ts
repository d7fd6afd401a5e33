import mongoose, { Types } from 'mongoose';
import { contactInputSchema, type ContactInput } from '../../../src/schemas/contact-input';
import { deleteContact } from '../../../src/services/contacts/contact-deletion.service';
import { createContact, getContact } from '../../../src/services/contacts/contact.service';
import type { Contact } from '../../../src/services/contacts/contact.types';
import {
  describeIntegrityProblem,
  findIntegrityProblems,
  workspacesWithData,
} from '../../../src/services/integrity/integrity-check.service';
import { repairWorkspace } from '../../../src/services/integrity/integrity-repair.service';
import { logVisit } from '../../../src/services/visits/visit.service';
import { actor } from '../../support/actors';
import { clearCollections, useTestDatabase } from '../../support/database';

useTestDatabase();
beforeEach(clearCollections);

const WS = 'T0001';
const db = () => mongoose.connection.db!;

async function contact(fields: Partial<ContactInput> & Pick<ContactInput, 'type' | 'name'>, workspaceId = WS) {
  const result = await createContact({
    workspaceId,
    userId: 'U0001',
    input: contactInputSchema.parse(fields),
    ignoreDuplicates: true,
  });
  if (result.status !== 'saved') throw new Error(JSON.stringify(result));
  return result.contact;
}

async function visitOn(person: Contact, key: string, date = '2026-11-24') {
  await logVisit({
    workspaceId: WS,
    userId: 'U0001',
    idempotencyKey: key,
    input: { contactId: person.id, typeCode: 'VISIT', date, description: '', evaluation: 'neutral', successful: true },
  });
}

const kinds = async (workspaceId = WS) => (await findIntegrityProblems(workspaceId)).map((p) => p.kind).sort();

describe('findIntegrityProblems', () => {
  it('finds nothing in a workspace written only through the services', async () => {
    const company = await contact({ type: 'company', name: 'Nordlys Maskin AS' });
    const person = await contact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
    await visitOn(person, 'a');
    await visitOn(person, 'b', '2026-11-25');
    await deleteContact({ workspaceId: WS, actor: actor('U0A', { admin: true }), contactId: company.id });
    expect(await findIntegrityProblems(WS)).toEqual([]);
  });

  it('finds what half-done writes leave, says it in words, and the repair puts each right', async () => {
    const company = await contact({ type: 'company', name: 'Nordlys Maskin AS' });
    const person = await contact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
    const orphan = await contact({ type: 'person', name: 'Per Hansen', companyId: company.id });
    const gone = await contact({ type: 'company', name: 'Borte AS' });
    const left = await contact({ type: 'person', name: 'Ida Berg', companyId: gone.id });
    await visitOn(person, 'a');
    const contacts = db().collection('contacts');
    // A visit count that missed its visit, a person still named after the old company name, a person whose
    // company vanished, a visit pointing at nothing, a person left live when its company was deleted.
    await contacts.updateOne({ _id: new Types.ObjectId(person.id) }, { $set: { 'stats.interactionCount': 0 } });
    await contacts.updateOne({ _id: new Types.ObjectId(company.id) }, { $set: { name: 'Nordlys Industri AS' } });
    await contacts.deleteOne({ _id: new Types.ObjectId(gone.id) });
    await db()
      .collection('visits')
      .insertOne({
        ...(await db().collection('visits').findOne({ workspaceId: WS })),
        _id: new Types.ObjectId(),
        idempotencyKey: 'x',
        contactId: new Types.ObjectId(),
      });
    await deleteContact({ workspaceId: WS, actor: actor('U0A', { admin: true }), contactId: company.id });
    await contacts.updateOne(
      { _id: new Types.ObjectId(orphan.id) },
      { $unset: { deletedAt: 1, deletedBy: 1, deletionId: 1 } },
    );

    const problems = await findIntegrityProblems(WS);
    expect(problems.map((p) => p.kind).sort()).toEqual([
      'companyMissing',
      'companyName',
      'companyName',
      'personOfDeletedCompany',
      'visitFigures',
      'visitLinkBroken',
    ]);
    expect(problems.map(describeIntegrityProblem).join('\n')).toContain(
      `contact ${person.no} says {"count":0,"lastInteraction":"2026-11-24","lastAttempt":"2026-11-24"}, its visits say {"count":1`,
    );

    expect(await repairWorkspace(WS)).toMatchObject({ found: 6, failures: [] });
    expect(await findIntegrityProblems(WS)).toEqual([]);
    expect(await getContact(WS, left.id)).toMatchObject({ companyId: null });
    expect(await getContact(WS, orphan.id)).toBeUndefined();
    expect(await contacts.findOne({ _id: new Types.ObjectId(person.id) })).toMatchObject({
      companyName: 'Nordlys Industri AS',
      stats: { interactionCount: 1 },
    });
  });

  it('leaves marks younger than olderThan alone: they may belong to a request still under way', async () => {
    const company = await contact({ type: 'company', name: 'Nordlys Maskin AS' });
    await contact({ type: 'person', name: 'Kari Nordmann', companyId: company.id });
    await db()
      .collection('contacts')
      .updateOne(
        { _id: new Types.ObjectId(company.id) },
        { $set: { flowDown: { by: 'U0001', fromVersion: 0, at: new Date(), changes: [] }, name: 'Ny AS' } },
      );
    expect(await kinds()).toEqual(['flowDownUnfinished']);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    expect(await findIntegrityProblems(WS, { olderThan: aMinuteAgo })).toEqual([]);
    expect((await repairWorkspace(WS, { olderThan: aMinuteAgo })).found).toBe(0);
  });

  it('checks one workspace only, in batches smaller than it', async () => {
    for (let n = 0; n < 5; n++) await contact({ type: 'company', name: `Firma ${n} AS` });
    const other = await contact({ type: 'company', name: 'Fremmed AS' }, 'T0002');
    await db()
      .collection('contacts')
      .updateOne({ _id: new Types.ObjectId(other.id) }, { $set: { 'stats.interactionCount': 7 } });
    expect(await findIntegrityProblems(WS, { batchSize: 2 })).toEqual([]);
    expect(await kinds('T0002')).toEqual(['visitFigures']);
    expect(await workspacesWithData()).toEqual(['T0001', 'T0002']);
  });

  it('the round reaches a workspace that has only opportunities, their setup or tasks', async () => {
    const at = new Date();
    await db().collection('opportunity_setups').insertOne({ workspaceId: 'T0003', createdAt: at, updatedAt: at });
    await db().collection('opportunities').insertOne({ workspaceId: 'T0004', no: 'OP000001' });
    await db().collection('tasks').insertOne({ workspaceId: 'T0005', idempotencyKey: 'k' });
    expect(await workspacesWithData()).toEqual(['T0003', 'T0004', 'T0005']);
  });
});
