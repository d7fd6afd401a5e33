import { Types } from 'mongoose';
import { ContactModel, DuplicateCandidateModel, DuplicateScanModel } from '../../../src/models';
import { computedParts, deriveFields } from '../../../src/services/contacts/contact-record';
import {
  requestDuplicateScan,
  runDuplicateScan,
  stalledScans,
} from '../../../src/services/contacts/duplicate-scan.service';
import { getContactSetup } from '../../../src/services/setup/setup.service';
import { clearCollections, useTestDatabase } from '../../support/database';
import { WriteFaults } from '../../support/fault-injection';

useTestDatabase();
beforeEach(clearCollections);

const WS = 'T0001';
const PAIRS = 700;

/**
 * 2 × PAIRS persons, person i and person i + PAIRS sharing an e-mail (in another case), stored straight through
 * the model as an import before this list existed would have left them: no pairs, no e-mail keys.
 */
async function seed(): Promise<void> {
  const setup = await getContactSetup(WS);
  const docs = Array.from({ length: 2 * PAIRS }, (_, n) => {
    const i = n % PAIRS;
    const fields = deriveFields({
      type: 'person',
      name: `Person ${n}`,
      email: n < PAIRS ? `p${i}@example.no` : `P${i}@Example.no`,
      companyId: null,
      industryGroups: [],
      businessRelations: [],
      jobResponsibilities: [],
      privacyBlocked: false,
    } as never);
    const no = `CT${String(n + 1).padStart(6, '0')}`;
    const computed = computedParts({ ...fields, no }, setup.defaults.phoneRegion, setup.duplicates.rows);
    const search = { ...computed.search, emailKey: undefined };
    return {
      _id: new Types.ObjectId(),
      workspaceId: WS,
      no,
      ...fields,
      ...computed,
      search,
      createdBy: 'U1',
      updatedBy: 'U1',
    };
  });
  await ContactModel.insertMany(docs);
}

describe('the workspace scan', () => {
  it('finds every planted pair, each stored once', async () => {
    await seed();
    await requestDuplicateScan(WS);
    expect(await runDuplicateScan(WS)).toBe(true);
    expect(await DuplicateCandidateModel.countDocuments({ workspaceId: WS })).toBe(PAIRS);
    expect(await DuplicateScanModel.findOne({ workspaceId: WS }).lean()).toMatchObject({
      status: 'done',
      done: 2 * PAIRS,
    });
  });

  it('a scan that died part-way is resumed from its last batch, not from the start, and ends with the same list', async () => {
    await seed();
    await requestDuplicateScan(WS);
    const faults = new WriteFaults().install();
    try {
      // The lease is taken, the first batch's position stored, the second's never: the process "dies" there.
      faults.failWrite(3, 'before', { model: 'DuplicateScan', method: 'findOneAndUpdate' });
      await expect(runDuplicateScan(WS)).rejects.toThrow('Injected fault');
    } finally {
      faults.uninstall();
    }
    const stopped = await DuplicateScanModel.findOne({ workspaceId: WS }).lean();
    expect(stopped).toMatchObject({ status: 'running', done: 500 });
    // Its lease still holds: nobody else takes it over yet…
    expect(await runDuplicateScan(WS)).toBe(false);
    // …until it lapses; the integrity round finds it then.
    await DuplicateScanModel.updateOne({ workspaceId: WS }, { $set: { leaseUntil: new Date(Date.now() - 1) } });
    expect(await stalledScans()).toEqual([WS]);
    const faultsAgain = new WriteFaults().install();
    try {
      faultsAgain.count();
      expect(await runDuplicateScan(WS)).toBe(true);
      // Resumed after the 500 done: the batches left are the second and third (and the final marks).
      const positions = faultsAgain.writes.filter(
        (w) => w.model === 'DuplicateScan' && w.method === 'findOneAndUpdate',
      );
      expect(positions).toHaveLength(1 + 2);
    } finally {
      faultsAgain.uninstall();
    }
    expect(await DuplicateCandidateModel.countDocuments({ workspaceId: WS })).toBe(PAIRS);
    expect(await stalledScans()).toEqual([]);
  });

  it('a new request while one runs starts it over; pairs the new rules no longer find are removed', async () => {
    await seed();
    await requestDuplicateScan(WS);
    await runDuplicateScan(WS);
    const stale = new Types.ObjectId();
    await DuplicateCandidateModel.create({
      workspaceId: WS,
      a: stale,
      b: new Types.ObjectId(),
      kind: 'person',
      score: 60,
      gen: 1,
    });
    await requestDuplicateScan(WS);
    await runDuplicateScan(WS);
    expect(await DuplicateCandidateModel.countDocuments({ workspaceId: WS })).toBe(PAIRS);
    expect(await DuplicateCandidateModel.exists({ workspaceId: WS, a: stale })).toBeNull();
  });
});
