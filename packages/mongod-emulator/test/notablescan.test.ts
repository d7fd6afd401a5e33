/**
 * notablescan: with `--setParameter notablescan=1` a query no index can serve fails with
 * 291 NoQueryExecutionPlans ("No indexed plans available, and running with 'notablescan'"),
 * for find, count, aggregate $match, update, delete and findAndModify. mongod exempts an
 * empty filter, system collections and the admin / local / config databases
 * (QueryPlannerParams::fillOutMainCollectionPlannerParams), and a missing collection never
 * reaches the planner (EOF plan). This is also the behavioural proof that indexed equality,
 * prefix, range and array-element lookups are answered from an index.
 *
 * Spawns its own servers (one with, one without the parameter).
 */
import { MongoClient, type Collection, type Db, type Document } from 'mongodb';
import { expectCode, serverError } from './support/env';
import { describeWithBinary, startMongod, type MongodProcess } from './support/process';

const NOTABLESCAN = /No indexed plans available, and running with 'notablescan'/;

async function seed(db: Db): Promise<Collection> {
  const c = db.collection('people');
  await c.insertMany([
    {
      _id: 1,
      email: 'a@x',
      name: 'anna',
      team: 't1',
      role: 'dev',
      tags: ['x', 'y'],
      active: true,
      s: 1,
      lvl: 1,
      free: 'f1',
    },
    { _id: 2, email: 'b@x', name: 'abel', team: 't1', role: 'ops', tags: ['y'], active: false, lvl: 1, free: 'f2' },
    { _id: 3, email: 'c@x', name: 'bert', team: 't2', role: 'dev', tags: [], active: true, s: 3, lvl: 3, free: 'f3' },
  ] as never[]);
  await c.createIndex({ email: 1 }, { unique: true });
  await c.createIndex({ team: 1, role: 1 });
  await c.createIndex({ tags: 1 });
  await c.createIndex({ name: 1 });
  await c.createIndex({ s: 1 }, { sparse: true });
  await c.createIndex({ lvl: 1 }, { partialFilterExpression: { active: true } });
  return c;
}

describeWithBinary('with --setParameter notablescan=1', () => {
  let srv: MongodProcess;
  let client: MongoClient;
  let db: Db;
  let c: Collection;

  beforeAll(async () => {
    srv = await startMongod(['--setParameter', 'notablescan=1']);
    client = new MongoClient(srv.uri, { serverSelectionTimeoutMS: 10000 });
    await client.connect();
    db = client.db('emu_nts');
    c = await seed(db);
  }, 40000);
  afterAll(async () => {
    await client?.close();
    await srv?.stop();
  });

  const ok = async (filter: Document): Promise<number[]> =>
    (await c.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id as unknown as number);
  const refused = (p: Promise<unknown>) => expectCode(p, 291, 'NoQueryExecutionPlans', NOTABLESCAN);

  it('getParameter reports it', async () => {
    expect((await client.db('admin').command({ getParameter: 1, notablescan: 1 })).notablescan).toBe(true);
  });

  it('find with no usable index → 291', async () => {
    await refused(c.find({ free: 'f1' }).toArray());
    const raw = await serverError(db.command({ find: 'people', filter: { free: 'f1' } }));
    expect(raw.errorResponse.ok).toBe(0);
  });

  it('exempt: empty filter (also with a sort on an unindexed field), missing collection', async () => {
    expect(await ok({})).toEqual([1, 2, 3]);
    expect((await c.find({}).sort({ free: -1 }).toArray()).map((d) => d._id)).toEqual([3, 2, 1]);
    expect(await db.collection('nothing_here').find({ free: 'x' }).toArray()).toEqual([]);
  });

  it('served by an index: _id, unique field, compound prefix, array element, ranges, anchored regex', async () => {
    expect(await ok({ _id: 2 })).toEqual([2]);
    expect(await ok({ _id: { $in: [1, 3] } })).toEqual([1, 3]);
    expect(await ok({ email: 'b@x' })).toEqual([2]);
    expect(await ok({ team: 't1' })).toEqual([1, 2]);
    expect(await ok({ team: 't1', role: 'ops' })).toEqual([2]);
    expect(await ok({ tags: 'y' })).toEqual([1, 2]);
    expect(await ok({ name: { $gte: 'b' } })).toEqual([3]);
    expect(await ok({ name: /^ab/ })).toEqual([2]);
    // An indexed predicate plus an unindexed one: the index serves, the rest is a filter.
    expect(await ok({ email: 'a@x', free: 'f1' })).toEqual([1]);
    expect(await ok({ email: { $in: [] } })).toEqual([]);
  });

  it('not served: a non-leading compound field, or an $or with an unindexed branch → 291', async () => {
    await refused(c.find({ role: 'dev' }).toArray());
    await refused(c.find({ $or: [{ email: 'a@x' }, { free: 'f3' }] }).toArray());
    expect(await ok({ $or: [{ email: 'a@x' }, { name: 'bert' }] })).toEqual([1, 3]);
  });

  it('sparse index: usable for a value, not for null', async () => {
    expect(await ok({ s: 3 })).toEqual([3]);
    await refused(c.find({ s: null }).toArray());
  });

  it('partial index: usable only when the query implies its filter', async () => {
    expect(await ok({ lvl: 1, active: true })).toEqual([1]);
    await refused(c.find({ lvl: 1 }).toArray());
  });

  it('count: filtered and unindexed → 291, empty or indexed → ok', async () => {
    await refused(db.command({ count: 'people', query: { free: 'f1' } }));
    expect((await db.command({ count: 'people', query: {} })).n).toBe(3);
    expect((await db.command({ count: 'people', query: { team: 't1' } })).n).toBe(2);
    await refused(c.countDocuments({ free: 'f1' }));
  });

  it('aggregate: an unindexed leading $match → 291, otherwise ok', async () => {
    await refused(c.aggregate([{ $match: { free: 'f1' } }]).toArray());
    expect(await c.aggregate([{ $match: { email: 'c@x' } }, { $project: { _id: 1 } }]).toArray()).toEqual([{ _id: 3 }]);
    const g = await c.aggregate([{ $group: { _id: '$team', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]).toArray();
    expect(g).toEqual([
      { _id: 't1', n: 2 },
      { _id: 't2', n: 1 },
    ]);
  });

  it('update: unindexed filter → write error 291; by _id or indexed field → ok', async () => {
    const r = await db.command({ update: 'people', updates: [{ q: { free: 'f1' }, u: { $set: { z: 1 } } }] });
    expect(r.writeErrors?.[0]?.code).toBe(291);
    expect(r.writeErrors?.[0]?.errmsg).toMatch(NOTABLESCAN);
    expect(r.n).toBe(0);
    await refused(c.updateMany({ free: 'f1' }, { $set: { z: 1 } }));
    expect((await c.updateOne({ _id: 1 } as never, { $set: { z: 1 } })).modifiedCount).toBe(1);
    expect((await c.updateMany({ team: 't2' }, { $set: { z: 2 } })).modifiedCount).toBe(1);
    await refused(c.updateOne({ free: 'new' }, { $set: { z: 1 } }, { upsert: true }));
  });

  it('delete: unindexed filter → write error 291; indexed → ok', async () => {
    const r = await db.command({ delete: 'people', deletes: [{ q: { free: 'f2' }, limit: 1 }] });
    expect(r.writeErrors?.[0]?.code).toBe(291);
    await refused(c.deleteMany({ free: 'f2' }));
    expect(await c.countDocuments({})).toBe(3);
  });

  it('findAndModify: unindexed → 291; indexed → ok', async () => {
    await refused(db.command({ findAndModify: 'people', query: { free: 'f3' }, update: { $set: { z: 3 } } }));
    const r = await c.findOneAndUpdate({ email: 'c@x' }, { $set: { z: 3 } }, { returnDocument: 'after' });
    expect(r?.z).toBe(3);
  });

  it('exempt: the admin database and system collections', async () => {
    const admin = client.db('admin');
    await admin.collection('nts_admin').insertOne({ q: 1 });
    expect(await admin.collection('nts_admin').find({ q: 1 }).toArray()).toHaveLength(1);
    await admin.collection('nts_admin').drop();
  });

  it('setParameter switches it at run time and reports the old value', async () => {
    const admin = client.db('admin');
    expect(await admin.command({ setParameter: 1, notablescan: false })).toMatchObject({ was: true, ok: 1 });
    try {
      expect(await ok({ free: 'f3' })).toEqual([3]);
    } finally {
      expect(await admin.command({ setParameter: 1, notablescan: true })).toMatchObject({ was: false, ok: 1 });
    }
    await refused(c.find({ free: 'f3' }).toArray());
  });

  it('a new index makes a refused query work', async () => {
    await refused(c.find({ free: 'f2' }).toArray());
    await c.createIndex({ free: 1 });
    expect(await ok({ free: 'f2' })).toEqual([2]);
    await c.dropIndex('free_1');
    await refused(c.find({ free: 'f2' }).toArray());
  });
});

describeWithBinary('without notablescan', () => {
  let srv: MongodProcess;
  let client: MongoClient;
  let c: Collection;

  beforeAll(async () => {
    srv = await startMongod();
    client = new MongoClient(srv.uri, { serverSelectionTimeoutMS: 10000 });
    await client.connect();
    c = await seed(client.db('emu_nts'));
  }, 40000);
  afterAll(async () => {
    await client?.close();
    await srv?.stop();
  });

  it('getParameter reports false', async () => {
    expect((await client.db('admin').command({ getParameter: 1, notablescan: 1 })).notablescan).toBe(false);
  });

  it('the same unindexed queries run as collection scans', async () => {
    expect((await c.find({ free: 'f1' }).toArray()).map((d) => d._id)).toEqual([1]);
    expect((await c.find({ role: 'dev' }).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 3]);
    expect((await c.find({ s: null }).toArray()).map((d) => d._id)).toEqual([2]);
    expect((await c.find({ lvl: 1 }).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2]);
    expect(await c.countDocuments({ free: 'f1' })).toBe(1);
    expect(await c.aggregate([{ $match: { free: 'f3' } }]).toArray()).toHaveLength(1);
    expect((await c.updateMany({ free: 'f1' }, { $set: { z: 1 } })).modifiedCount).toBe(1);
    expect((await c.deleteMany({ free: 'f2' })).deletedCount).toBe(1);
  });
});
