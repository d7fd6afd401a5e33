/**
 * insert / find / getMore / killCursors / count / distinct / delete / update (raw shapes) and
 * query-operator semantics. The shared server may run with notablescan=1 (as the app's tests
 * do), so every filter here is either empty or includes an indexed field (`g` or `_id`);
 * index eligibility itself is tested in notablescan.test.ts.
 */
import { ObjectId, type Collection, type Db, type Document, type MongoClient } from 'mongodb';
import { expectCode, openDb, indexedCollection } from './support/env';

const DB = 'emu_crud';
let client: MongoClient;
let db: Db;
const L = { useBigInt64: true } as const;
let seq = 0;

const coll = (docs: Document[] = []): Promise<Collection> => indexedCollection(db, `c${++seq}`, docs);

beforeAll(async () => {
  ({ client, db } = await openDb(DB));
});
afterAll(async () => {
  await db.dropDatabase().catch(() => undefined);
  await client.close();
});

describe('insert', () => {
  it('→ { n, ok: 1 }', async () => {
    const r = await db.command({ insert: 'ins1', documents: [{ _id: 1 }, { _id: 2 }] });
    expect(r).toEqual({ n: 2, ok: 1 });
  });

  it('generates an ObjectId _id as the first field when the client sends none', async () => {
    await db.command({ insert: 'ins2', documents: [{ a: 1 }] });
    const [doc] = await db.collection('ins2').find({}).toArray();
    expect(doc?._id).toBeInstanceOf(ObjectId);
    expect(Object.keys(doc ?? {})).toEqual(['_id', 'a']);
  });

  it('moves a client-supplied _id to the front', async () => {
    await db.command({ insert: 'ins3', documents: [{ a: 1, _id: 'x' }] });
    const [doc] = await db.collection('ins3').find({}).toArray();
    expect(Object.keys(doc ?? {})).toEqual(['_id', 'a']);
  });

  it('ordered insert stops at the first duplicate _id, with a writeErrors entry', async () => {
    const r = await db.command({ insert: 'ins4', documents: [{ _id: 1 }, { _id: 1 }, { _id: 2 }] });
    expect(r.n).toBe(1);
    expect(r.ok).toBe(1);
    expect(r.writeErrors).toHaveLength(1);
    expect(r.writeErrors[0]).toMatchObject({ index: 1, code: 11000, keyPattern: { _id: 1 }, keyValue: { _id: 1 } });
    expect(r.writeErrors[0].errmsg).toBe(
      `E11000 duplicate key error collection: ${DB}.ins4 index: _id_ dup key: { _id: 1 }`,
    );
    expect(await db.collection('ins4').countDocuments()).toBe(1);
  });

  it('unordered insert continues after a duplicate', async () => {
    const r = await db.command({ insert: 'ins5', documents: [{ _id: 1 }, { _id: 1 }, { _id: 2 }], ordered: false });
    expect(r.n).toBe(2);
    expect(r.writeErrors.map((e: Document) => e.index)).toEqual([1]);
    expect(await db.collection('ins5').countDocuments()).toBe(2);
  });

  it('the driver surfaces a duplicate _id as MongoServerError 11000', async () => {
    const c = db.collection<{ _id: number }>('ins6');
    await c.insertOne({ _id: 7 });
    const e = await expectCode(c.insertOne({ _id: 7 }), 11000, 'DuplicateKey');
    expect(e.keyValue).toEqual({ _id: 7 });
  });

  it('rejects $-prefixed top-level field names', async () => {
    const r = await db.command({ insert: 'ins7', documents: [{ $bad: 1 }] }).catch((e: Document) => e);
    const code = r.writeErrors?.[0]?.code ?? r.code;
    expect([2, 52]).toContain(code);
  });
});

describe('find / getMore / killCursors', () => {
  let c: Collection;
  beforeAll(async () => {
    c = await coll(Array.from({ length: 10 }, (_, i) => ({ _id: i, g: i % 2, v: 10 - i, s: `s${i}`, sub: { k: i } })));
  });

  it('→ cursor { firstBatch, id: Long 0, ns } when exhausted', async () => {
    const r = await db.command({ find: c.collectionName, filter: { g: 1 } }, L);
    expect(r.ok).toBe(1);
    expect(r.cursor.id).toBe(0n);
    expect(r.cursor.ns).toBe(`${DB}.${c.collectionName}`);
    expect(r.cursor.firstBatch.map((d: Document) => d._id)).toEqual([1, 3, 5, 7, 9]);
  });

  it('sort, skip, limit and projection', async () => {
    const r = await db.command({
      find: c.collectionName,
      filter: { g: 0 },
      sort: { v: 1 },
      skip: 1,
      limit: 2,
      projection: { v: 1 },
    });
    expect(r.cursor.firstBatch).toEqual([
      { _id: 6, v: 4 },
      { _id: 4, v: 6 },
    ]);
  });

  it('projection: exclusion, _id: 0, dotted paths', async () => {
    const a = await c
      .find({ g: 1 }, { projection: { _id: 0, s: 1, 'sub.k': 1 }, sort: { _id: 1 }, limit: 1 })
      .toArray();
    expect(a).toEqual([{ s: 's1', sub: { k: 1 } }]);
    const b = await c.find({ g: 1 }, { projection: { sub: 0, s: 0 }, sort: { _id: 1 }, limit: 1 }).toArray();
    expect(b).toEqual([{ _id: 1, g: 1, v: 9 }]);
  });

  it('mixing inclusion and exclusion → 31254', async () => {
    await expectCode(
      db.command({ find: c.collectionName, filter: { g: 1 }, projection: { s: 1, v: 0 } }),
      31254,
      'Location31254',
      /Cannot do exclusion on field v in inclusion projection/,
    );
  });

  it('batchSize, getMore until the cursor is exhausted', async () => {
    const first = await db.command({ find: c.collectionName, filter: {}, sort: { _id: 1 }, batchSize: 4 }, L);
    expect(first.cursor.firstBatch.map((d: Document) => d._id)).toEqual([0, 1, 2, 3]);
    const id = first.cursor.id;
    expect(typeof id).toBe('bigint');
    expect(id).not.toBe(0n);
    const more = await db.command({ getMore: id, collection: c.collectionName, batchSize: 4 }, L);
    expect(more.ok).toBe(1);
    expect(more.cursor.id).toBe(id);
    expect(more.cursor.ns).toBe(`${DB}.${c.collectionName}`);
    expect(more.cursor.nextBatch.map((d: Document) => d._id)).toEqual([4, 5, 6, 7]);
    const last = await db.command({ getMore: id, collection: c.collectionName, batchSize: 4 }, L);
    expect(last.cursor.nextBatch.map((d: Document) => d._id)).toEqual([8, 9]);
    expect(last.cursor.id).toBe(0n);
    await expectCode(
      db.command({ getMore: id, collection: c.collectionName }, L),
      43,
      'CursorNotFound',
      /cursor id \d+ not found/,
    );
  });

  it('limit is honoured across getMore', async () => {
    const first = await db.command({ find: c.collectionName, filter: {}, sort: { _id: 1 }, batchSize: 2, limit: 3 }, L);
    expect(first.cursor.firstBatch).toHaveLength(2);
    const more = await db.command({ getMore: first.cursor.id, collection: c.collectionName, batchSize: 10 }, L);
    expect(more.cursor.nextBatch.map((d: Document) => d._id)).toEqual([2]);
    expect(more.cursor.id).toBe(0n);
  });

  it('singleBatch closes the cursor after the first batch', async () => {
    const r = await db.command({ find: c.collectionName, filter: {}, batchSize: 3, singleBatch: true }, L);
    expect(r.cursor.firstBatch).toHaveLength(3);
    expect(r.cursor.id).toBe(0n);
  });

  it('batchSize 0 returns an open cursor with an empty first batch', async () => {
    const r = await db.command({ find: c.collectionName, filter: {}, sort: { _id: 1 }, batchSize: 0 }, L);
    expect(r.cursor.firstBatch).toEqual([]);
    expect(r.cursor.id).not.toBe(0n);
    const more = await db.command({ getMore: r.cursor.id, collection: c.collectionName }, L);
    expect(more.cursor.nextBatch).toHaveLength(10);
  });

  it('killCursors reports killed and unknown ids', async () => {
    const r = await db.command({ find: c.collectionName, filter: {}, batchSize: 1 }, L);
    const id = r.cursor.id;
    const k = await db.command({ killCursors: c.collectionName, cursors: [id, 12345n] }, L);
    expect(k).toEqual({ cursorsKilled: [id], cursorsNotFound: [12345n], cursorsAlive: [], cursorsUnknown: [], ok: 1 });
    await expectCode(db.command({ getMore: id, collection: c.collectionName }, L), 43, 'CursorNotFound');
  });

  it('getMore on the wrong collection is refused', async () => {
    const r = await db.command({ find: c.collectionName, filter: {}, batchSize: 1 }, L);
    const e = await db.command({ getMore: r.cursor.id, collection: 'other' }, L).catch((x: { code: number }) => x);
    expect(e.code).toBe(13); // Unauthorized: "Requested getMore on namespace ..., but cursor belongs to a different namespace"
    await db.command({ killCursors: c.collectionName, cursors: [r.cursor.id] }, L);
  });

  it('the driver iterates a multi-batch cursor completely', async () => {
    const all = await c.find({}, { batchSize: 3 }).sort({ _id: -1 }).toArray();
    expect(all.map((d) => d._id)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('hint names an index to use; an unknown hint → 2 BadValue', async () => {
    const r = await c.find({ g: 1 }).hint({ g: 1 }).sort({ _id: 1 }).limit(2).toArray();
    expect(r.map((d) => d._id)).toEqual([1, 3]);
    const byName = await c.find({ g: 0 }).hint('g_1').sort({ _id: 1 }).limit(1).toArray();
    expect(byName.map((d) => d._id)).toEqual([0]);
    await expectCode(
      c.find({ g: 1 }).hint({ nope: 1 }).toArray(),
      2,
      'BadValue',
      /hint provided does not correspond to an existing index/,
    );
  });

  it('find on a missing collection → empty batch, cursor 0', async () => {
    const r = await db.command({ find: 'does_not_exist', filter: { g: 1 } }, L);
    expect(r.cursor).toEqual({ firstBatch: [], id: 0n, ns: `${DB}.does_not_exist` });
  });
});

describe('count and distinct', () => {
  let c: Collection;
  beforeAll(async () => {
    c = await coll([
      { _id: 1, g: 1, a: 'x', t: ['p', 'q'] },
      { _id: 2, g: 1, a: 'y', t: ['q'] },
      { _id: 3, g: 1, a: 'x' },
      { _id: 4, g: 2, a: 'z', t: 'r' },
    ]);
  });

  it('count → { n, ok }', async () => {
    expect(await db.command({ count: c.collectionName, query: { g: 1 } })).toEqual({ n: 3, ok: 1 });
    expect(await db.command({ count: c.collectionName })).toEqual({ n: 4, ok: 1 });
    expect(await db.command({ count: c.collectionName, query: { g: 1 }, skip: 1, limit: 1 })).toEqual({ n: 1, ok: 1 });
    expect(await db.command({ count: 'missing_coll' })).toEqual({ n: 0, ok: 1 });
  });

  it('countDocuments / estimatedDocumentCount through the driver', async () => {
    expect(await c.countDocuments({ g: 1 })).toBe(3);
    expect(await c.estimatedDocumentCount()).toBe(4);
  });

  it('distinct → { values, ok }, flattening arrays', async () => {
    const r = await db.command({ distinct: c.collectionName, key: 'a', query: { g: 1 } });
    expect(r.ok).toBe(1);
    expect([...r.values].sort()).toEqual(['x', 'y']);
    const t = await c.distinct('t');
    expect([...t].sort()).toEqual(['p', 'q', 'r']);
  });
});

describe('delete', () => {
  it('→ { n, ok }; limit 1 removes one, limit 0 all matches', async () => {
    const c = await coll([
      { _id: 1, g: 1 },
      { _id: 2, g: 1 },
      { _id: 3, g: 1 },
      { _id: 4, g: 2 },
    ]);
    expect(await db.command({ delete: c.collectionName, deletes: [{ q: { g: 1 }, limit: 1 }] })).toEqual({
      n: 1,
      ok: 1,
    });
    expect(await db.command({ delete: c.collectionName, deletes: [{ q: { g: 1 }, limit: 0 }] })).toEqual({
      n: 2,
      ok: 1,
    });
    expect(await c.find({}).toArray()).toEqual([{ _id: 4, g: 2 }]);
    const r = await c.deleteOne({ _id: 99 } as never);
    expect(r.deletedCount).toBe(0);
  });
});

describe('update (raw reply shape)', () => {
  it('→ { n, nModified, ok } and upserted: [{ index, _id }]', async () => {
    const c = await coll([
      { _id: 1, g: 1, a: 1 },
      { _id: 2, g: 1, a: 1 },
    ]);
    const r = await db.command({
      update: c.collectionName,
      updates: [
        { q: { g: 1 }, u: { $set: { a: 2 } }, multi: true },
        { q: { _id: 1 }, u: { $set: { a: 2 } } },
        { q: { _id: 9 }, u: { $set: { a: 3 } }, upsert: true },
      ],
    });
    expect(r).toEqual({ n: 4, nModified: 2, upserted: [{ index: 2, _id: 9 }], ok: 1 });
    expect(await c.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, g: 1, a: 2 },
      { _id: 2, g: 1, a: 2 },
      { _id: 9, a: 3 },
    ]);
  });
});

describe('query operators', () => {
  let c: Collection;
  const ids = async (filter: Document): Promise<unknown[]> =>
    (await c.find({ g: 1, ...filter }, { sort: { _id: 1 }, projection: { _id: 1 } }).toArray()).map((d) => d._id);

  beforeAll(async () => {
    c = await coll([
      {
        _id: 1,
        g: 1,
        n: 5,
        s: 'apple',
        arr: [1, 2, 3],
        sub: { x: 1 },
        items: [
          { k: 'a', v: 1 },
          { k: 'b', v: 2 },
        ],
      },
      { _id: 2, g: 1, n: 10, s: 'banana', arr: [3, 4], sub: { x: 2 }, items: [{ k: 'a', v: 3 }] },
      { _id: 3, g: 1, n: null, s: 'Apricot', arr: [], sub: { x: 1, y: 1 } },
      { _id: 4, g: 1, s: 'cherry', arr: [[1, 2]], items: [{ k: 'b', v: 1 }] },
      { _id: 5, g: 1, n: 7.5, s: 'apple pie', arr: 2 },
    ]);
  });

  it('comparison operators', async () => {
    expect(await ids({ n: { $gt: 5 } })).toEqual([2, 5]);
    expect(await ids({ n: { $gte: 5, $lt: 10 } })).toEqual([1, 5]);
    expect(await ids({ n: { $in: [5, 10] } })).toEqual([1, 2]);
    expect(await ids({ n: { $nin: [5, 10] } })).toEqual([3, 4, 5]);
    expect(await ids({ n: { $ne: 5 } })).toEqual([2, 3, 4, 5]);
  });

  it('null matches null and missing; $exists distinguishes them', async () => {
    expect(await ids({ n: null })).toEqual([3, 4]);
    expect(await ids({ n: { $exists: false } })).toEqual([4]);
    expect(await ids({ n: { $exists: true } })).toEqual([1, 2, 3, 5]);
  });

  it('arrays: element match, whole-array match, $all, $size, $elemMatch', async () => {
    expect(await ids({ arr: 3 })).toEqual([1, 2]);
    expect(await ids({ arr: 2 })).toEqual([1, 5]);
    expect(await ids({ arr: [3, 4] })).toEqual([2]);
    expect(await ids({ arr: [1, 2] })).toEqual([4]);
    expect(await ids({ arr: { $all: [3, 1] } })).toEqual([1]);
    expect(await ids({ arr: { $size: 0 } })).toEqual([3]);
    expect(await ids({ arr: { $elemMatch: { $gt: 3 } } })).toEqual([2]);
    expect(await ids({ items: { $elemMatch: { k: 'a', v: { $gt: 1 } } } })).toEqual([2]);
    // Without $elemMatch the two conditions may be met by different elements.
    expect(await ids({ 'items.k': 'b', 'items.v': 2 })).toEqual([1]);
    expect(await ids({ 'items.k': 'b', 'items.v': 1 })).toEqual([1, 4]);
  });

  it('dotted paths and embedded-document equality (field order matters)', async () => {
    expect(await ids({ 'sub.x': 1 })).toEqual([1, 3]);
    expect(await ids({ sub: { x: 1 } })).toEqual([1]);
    expect(await ids({ sub: { y: 1, x: 1 } })).toEqual([]);
  });

  it('$regex, with options', async () => {
    expect(await ids({ s: /^apple/ })).toEqual([1, 5]);
    expect(await ids({ s: { $regex: '^ap', $options: 'i' } })).toEqual([1, 3, 5]);
    expect(await ids({ s: /an/ })).toEqual([2]);
  });

  it('$or, $and, $nor, $not', async () => {
    expect(await ids({ $or: [{ n: 5 }, { s: 'cherry' }] })).toEqual([1, 4]);
    expect(await ids({ $and: [{ n: { $gt: 1 } }, { n: { $lt: 8 } }] })).toEqual([1, 5]);
    expect(await ids({ $nor: [{ n: 5 }, { n: null }] })).toEqual([2, 5]);
    expect(await ids({ n: { $not: { $gt: 5 } } })).toEqual([1, 3, 4]);
  });

  it('$expr compares fields of the same document', async () => {
    const d = await coll([
      { _id: 1, g: 1, a: 1, b: 2 },
      { _id: 2, g: 1, a: 3, b: 2 },
    ]);
    const r = await d.find({ g: 1, $expr: { $gt: ['$a', '$b'] } }).toArray();
    expect(r.map((x) => x._id)).toEqual([2]);
  });

  it('an unknown query operator → 2 BadValue', async () => {
    await expectCode(c.find({ g: 1, n: { $bogus: 1 } }).toArray(), 2, 'BadValue', /unknown operator: \$bogus/);
  });
});
