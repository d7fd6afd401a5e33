import mongoose from 'mongoose';
import { ContactModel } from '../../src/models/contact.model';
import { VisitModel } from '../../src/models/visit.model';
import { contactInputSchema } from '../../src/schemas/contact-input';
import { createContact } from '../../src/services/contacts/contact.service';
import { logVisit } from '../../src/services/visits/visit.service';
import {
  markInstalled,
  markUninstalled,
  removeWorkspaceDataIfDue,
} from '../../src/services/workspace-lifecycle.service';
import { clearCollections, useTestDatabase } from '../support/database';

useTestDatabase();
beforeEach(clearCollections);

async function seed(workspaceId: string): Promise<void> {
  const created = await createContact({
    workspaceId,
    userId: 'U1',
    input: contactInputSchema.parse({ type: 'company', name: 'Nordlys' }),
  });
  if (created.status !== 'saved') throw new Error('not saved');
  await logVisit({
    workspaceId,
    userId: 'U1',
    idempotencyKey: 'k',
    input: {
      contactId: created.contact.id,
      typeCode: 'VISIT',
      date: '2026-11-24',
      description: '',
      evaluation: 'neutral',
      successful: true,
    },
  });
}

describe('workspace data after an uninstall', () => {
  it('is kept during the grace period, then deleted — only that workspace’s', async () => {
    await seed('T1');
    await seed('T2');
    const { deleteAfter } = await markUninstalled({ teamId: 'T1' }, 30, new Date('2026-11-24T00:00:00Z'));
    expect(deleteAfter.toISOString()).toBe('2026-12-24T00:00:00.000Z');
    expect(await removeWorkspaceDataIfDue('T1', new Date('2026-12-01T00:00:00Z'))).toBeUndefined();
    expect(await ContactModel.countDocuments({ workspaceId: 'T1' })).toBe(1);
    expect(await removeWorkspaceDataIfDue('T1', new Date('2026-12-25T00:00:00Z'))).toBeGreaterThanOrEqual(2);
    expect(await ContactModel.countDocuments({ workspaceId: 'T1' })).toBe(0);
    expect(await VisitModel.countDocuments({ workspaceId: 'T1' })).toBe(0);
    expect(await ContactModel.countDocuments({ workspaceId: 'T2' })).toBe(1);
    expect(await VisitModel.countDocuments({ workspaceId: 'T2' })).toBe(1);
  });

  it('removes the workspace from every collection that carries a workspaceId, not only contacts and visits', async () => {
    const collections = mongoose
      .modelNames()
      .map((name) => mongoose.model(name))
      .filter((model) => model.schema.path('workspaceId') !== undefined && model.modelName !== 'WorkspaceStatus');
    // Raw documents, past validation: what matters is that each collection is visited.
    for (const model of collections) await model.collection.insertMany([{ workspaceId: 'T1' }, { workspaceId: 'T2' }]);
    await markUninstalled({ teamId: 'T1' }, 30, new Date('2026-11-24T00:00:00Z'));
    await removeWorkspaceDataIfDue('T1', new Date('2026-12-25T00:00:00Z'));
    const left = async (workspaceId: string) => {
      const counts = await Promise.all(
        collections.map(async (model) => [model.modelName, await model.collection.countDocuments({ workspaceId })]),
      );
      return Object.fromEntries(counts.filter(([, count]) => count !== 0));
    };
    expect(collections.map((model) => model.modelName)).toEqual(
      expect.arrayContaining(['Opportunity', 'Import', 'ImportRow', 'Task', 'Contact']),
    );
    expect(await left('T1')).toEqual({});
    expect(Object.keys(await left('T2')).length).toBe(collections.length);
  });

  it('a reinstall within the grace period keeps everything', async () => {
    await seed('T1');
    await markUninstalled({ teamId: 'T1' }, 0);
    await markInstalled('T1');
    expect(await removeWorkspaceDataIfDue('T1', new Date(Date.now() + 86_400_000))).toBeUndefined();
    expect(await ContactModel.countDocuments({ workspaceId: 'T1' })).toBe(1);
  });
});
