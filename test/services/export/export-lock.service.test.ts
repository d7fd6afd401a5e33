import {
  acquireExportLock,
  exportLockTiming,
  type ExportLockResult,
} from '../../../src/services/export/export-lock.service';
import { clearCollections, useTestDatabase } from '../../support/database';

useTestDatabase();

beforeEach(async () => {
  await clearCollections();
});

const defaultTiming = { ...exportLockTiming };
const held: ExportLockResult[] = [];
afterEach(async () => {
  Object.assign(exportLockTiming, defaultTiming);
  for (const result of held.splice(0)) if (result.status === 'acquired') await result.lock.release();
});

async function acquire(workspaceId: string, userId: string): Promise<ExportLockResult> {
  const result = await acquireExportLock(workspaceId, userId);
  held.push(result);
  return result;
}

describe('acquireExportLock', () => {
  it('gives the lock to exactly one of several exports started at the same moment, and names its holder to the rest', async () => {
    const results = await Promise.all(['U1', 'U2', 'U3', 'U4', 'U5'].map((user) => acquire('T0001', user)));
    const acquired = results.flatMap((result, i) => (result.status === 'acquired' ? [`U${i + 1}`] : []));
    expect(acquired).toHaveLength(1);
    const busy = results.filter((result) => result.status === 'busy');
    expect(busy).toHaveLength(4);
    for (const result of busy) expect(result).toMatchObject({ userId: acquired[0], startedAt: expect.any(Date) });
  });

  it('is per workspace', async () => {
    expect((await acquire('T0001', 'U1')).status).toBe('acquired');
    expect((await acquire('T0002', 'U1')).status).toBe('acquired');
  });

  it('is free again once released', async () => {
    const first = await acquire('T0001', 'U1');
    if (first.status !== 'acquired') throw new Error('expected the lock');
    await first.lock.release();
    expect(await acquire('T0001', 'U2')).toMatchObject({ status: 'acquired' });
  });

  it('lets an export whose lock expired release only its own: the export that took over keeps the lock', async () => {
    // A lease shorter than anything: the first export's lock has expired before the second asks.
    exportLockTiming.leaseMs = 1;
    exportLockTiming.renewEveryMs = 60_000;
    const stale = await acquire('T0001', 'U1');
    if (stale.status !== 'acquired') throw new Error('expected the lock');
    await new Promise((resolve) => setTimeout(resolve, 5));
    exportLockTiming.leaseMs = defaultTiming.leaseMs;
    expect(await acquire('T0001', 'U2')).toMatchObject({ status: 'acquired' });
    await stale.lock.release();
    expect(await acquire('T0001', 'U3')).toMatchObject({ status: 'busy', userId: 'U2' });
  });
});
