import { Types } from 'mongoose';
import { ContactModel, type ContactDocument } from '../../models/contact.model';
import { getContactSetup } from '../setup/setup.service';
import type { ContactSetup } from '../setup/setup.types';
import { computedParts, inheritable, setAndUnset, toContact, type ContactFields } from './contact-record';
import { flowDown, type changedInheritedFields } from './inheritance';
import { changedFields, recordContactChanges } from './change-log.service';

export type FlowDownChange = ReturnType<typeof changedInheritedFields>[number];

/** A company edit still on its way to the persons (stored on the company, see contact.model.ts). */
export interface PendingFlowDown {
  by: string;
  fromVersion: number;
  at: Date;
  changes: FlowDownChange[];
}

type StoredFlowDown = NonNullable<ContactDocument['flowDown']>;

export function pendingFlowDownOf(doc: Pick<ContactDocument, 'flowDown'>): PendingFlowDown | undefined {
  const stored = doc.flowDown as StoredFlowDown | null | undefined;
  if (!stored) return undefined;
  return {
    by: stored.by,
    fromVersion: stored.fromVersion,
    at: stored.at,
    changes: stored.changes.map((change) => ({
      field: change.field as FlowDownChange['field'],
      from: change.from ?? undefined,
      to: change.to ?? undefined,
    })),
  };
}

/**
 * Brings a company's persons in step with it: each inherited field in `changes` moves to the new value where the
 * person still has the old one, and the company name always follows. Deleted persons are included, so one
 * restored later is in step too. Idempotent: a person already in step is not written, so running it again (a
 * retry, the repair job) only finishes what is left. Returns how many persons were written.
 *
 * With `log` (a company edit's flow-down), each person's change goes to the change log as inherited, before the
 * persons are written: keyed by the edit and the person, so a retry that finds the same person still behind
 * records the same row once, and a person already in step was recorded by the run that moved it.
 */
export async function bringPersonsInStep(
  workspaceId: string,
  company: { id: string; name: string },
  changes: FlowDownChange[],
  setup: Pick<ContactSetup, 'defaults' | 'duplicates'>,
  log?: { by: string; at: Date },
): Promise<number> {
  const persons = await ContactModel.find({
    workspaceId,
    companyId: new Types.ObjectId(company.id),
  }).lean<ContactDocument[]>();
  const logged: Parameters<typeof recordContactChanges>[1] = [];
  const writes = persons.flatMap((doc) => {
    const person = toContact(doc);
    const updates = flowDown(inheritable(person), changes);
    if (Object.keys(updates).length === 0 && doc.companyName === company.name) return [];
    if (log)
      logged.push({
        key: `inherit:${company.id}:${log.at.getTime()}:${person.id}`,
        contactId: person.id,
        contactNo: person.no,
        contactName: person.name,
        at: log.at,
        by: log.by,
        kind: 'edit',
        inherited: true,
        fields: changedFields(
          { ...person, companyName: doc.companyName },
          { ...person, ...updates, companyName: company.name },
        ),
      });
    const fields = { ...person, ...updates, companyName: company.name } as ContactFields & { no: string };
    const computed = computedParts(fields, setup.defaults.phoneRegion, setup.duplicates.rows);
    const { set, unset } = setAndUnset({ ...updates, companyName: company.name, ...computed }, Object.keys(updates));
    return [
      { updateOne: { filter: { _id: doc._id, workspaceId }, update: { $set: set, $unset: unset, $inc: { __v: 1 } } } },
    ];
  });
  await recordContactChanges(workspaceId, logged);
  if (writes.length > 0) await ContactModel.bulkWrite(writes, { ordered: false });
  return writes.length;
}

/**
 * Finishes a company edit's flow-down and clears its mark. The mark is cleared only if it is still the same one
 * (a later edit may have set its own), and without bumping the company's version: the edit itself did that.
 */
export async function finishFlowDown(
  workspaceId: string,
  company: Pick<ContactDocument, '_id' | 'name' | 'flowDown'>,
  setup: Pick<ContactSetup, 'defaults' | 'duplicates'>,
): Promise<void> {
  const pending = pendingFlowDownOf(company);
  if (!pending) return;
  await bringPersonsInStep(workspaceId, { id: company._id.toString(), name: company.name }, pending.changes, setup, {
    by: pending.by,
    at: pending.at,
  });
  await ContactModel.updateOne(
    { _id: company._id, workspaceId, 'flowDown.at': pending.at },
    { $unset: { flowDown: 1 } },
    { timestamps: false },
  );
}

/**
 * For the repair job: finishes a company's unfinished flow-down, or (with none) brings its persons' company
 * name in step. The company is read afresh, deleted or not.
 */
export async function repairCompanyPersons(workspaceId: string, companyId: string): Promise<void> {
  const company = await ContactModel.findOne({ _id: companyId, workspaceId }).lean<ContactDocument>();
  if (!company || company.type !== 'company') return;
  const setup = await getContactSetup(workspaceId);
  if (company.flowDown) await finishFlowDown(workspaceId, company, setup);
  else await bringPersonsInStep(workspaceId, { id: companyId, name: company.name }, [], setup);
}
