/**
 * The suite relies on its MongoDB refusing queries no index serves (notablescan), so an unindexed query fails the
 * test that made it. Global setup checks and prints whether that holds (a server given by MONGODB_TEST_URI may
 * run without it); this file proves the report true.
 */
import mongoose from 'mongoose';
import { ContactModel } from '../src/models';
import { useTestDatabase } from './support/database';
import { describeNotablescan, readNotablescan } from './support/notablescan';

useTestDatabase();

const reported = process.env.KONTAKT_TEST_NOTABLESCAN;

describe('notablescan on the suite’s MongoDB', () => {
  it('global setup reported what the server says', async () => {
    expect(reported).toBe(await readNotablescan(mongoose.connection.db!));
  });

  (reported === 'on' ? it : it.skip)('is on: a query no index serves fails, an indexed one works', async () => {
    await expect(ContactModel.find({ email: 'kari@example.com' }).lean()).rejects.toThrow(/index|table scan|NoQuery/i);
    await expect(ContactModel.find({ workspaceId: 'T1', no: 'CT000001' }).lean()).resolves.toEqual([]);
  });

  it('when it is not on, the printed line says so loudly and how to fix it', () => {
    expect(describeNotablescan('off')).toMatch(/notablescan is OFF[\s\S]*--setParameter notablescan=1/);
    expect(describeNotablescan('unknown')).toContain('will NOT fail');
  });
});
