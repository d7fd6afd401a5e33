/**
 * createIndexes / listIndexes / dropIndexes shapes, index kinds (single, compound, unique,
 * sparse, partial, multikey), mongod's E11000 duplicate-key shape on every write path, and the
 * 85 / 86 conflicts. Index *use* is checked in notablescan.test.ts and by the benchmark.
 */
import {
  Double,
  MongoBulkWriteError,
  ObjectId,
  type Collection,
  type Db,
  type Document,
  type MongoClient,
} from 'mongodb';
import { expectCode, openDb, serverError } from './support/env';

const DB = 'emu_indexes';
let client: MongoClient;
let db: Db;
const L = { useBigInt64: true } as const;
let seq = 0;
const fresh = (): Collection => db.collection(`x${++seq}`);
const dupMsg = (coll: string, index: string, key: string): string =>
  `E11000 duplicate key error collection: ${DB}.${coll} index: ${index} dup key: { ${key} }`;

beforeAll(async () => {
  ({ client, db } = await openDb(DB));
});
afterAll(async () => {
  await db.dropDatabase().catch(() => undefined);
  await client.close();
});

describe('createIndexes / listIndexes / dropIndexes', () => {
  it('createIndexes reply; a repeat is a no-op with a note', async () => {
    const c = fresh();
    const r = await db.command({ createIndexes: c.collectionName, indexes: [{ key: { a: 1 }, name: 'a_1' }] });
    expect(r).toEqual({ numIndexesBefore: 1, numIndexesAfter: 2, createdCollectionAutomatically: true, ok: 1 });
    const again = await db.command({ createIndexes: c.collectionName, indexes: [{ key: { a: 1 }, name: 'a_1' }] });
    expect(again).toEqual({ numIndexesBefore: 2, numIndexesAfter: 2, note: 'all indexes already exist', ok: 1 });
    const two = await db.command({
      createIndexes: c.collectionName,
      indexes: [
        { key: { b: -1 }, name: 'b_-1' },
        { key: { c: 1, d: 1 }, name: 'c_1_d_1' },
      ],
    });
    expect(two).toEqual({ numIndexesBefore: 2, numIndexesAfter: 4, createdCollectionAutomatically: false, ok: 1 });
  });

  it('the driver names indexes like mongod: field_direction joined by _', async () => {
    const c = fresh();
    expect(await c.createIndex({ a: 1, 'b.c': -1 })).toBe('a_1_b.c_-1');
  });

  it('listIndexes returns { v, key, name } plus the options given', async () => {
    const c = fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.createIndex({ s: 1 }, { sparse: true, name: 'sparse_s' });
    await c.createIndex({ p: 1 }, { partialFilterExpression: { active: true } });
    const r = await db.command({ listIndexes: c.collectionName }, L);
    expect(r.cursor.id).toBe(0n);
    expect(r.cursor.ns).toBe(`${DB}.${c.collectionName}`);
    expect(r.cursor.firstBatch).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { email: 1 }, name: 'email_1', unique: true },
      { v: 2, key: { s: 1 }, name: 'sparse_s', sparse: true },
      { v: 2, key: { p: 1 }, name: 'p_1', partialFilterExpression: { active: true } },
    ]);
  });

  it('listIndexes on a missing collection → 26 NamespaceNotFound', async () => {
    await expectCode(
      db.command({ listIndexes: 'nope' }),
      26,
      'NamespaceNotFound',
      new RegExp(`ns does not exist: ${DB}\\.nope`),
    );
  });

  it('dropIndexes by name, by key, and "*"; errors for unknown and _id_', async () => {
    const c = fresh();
    await c.createIndexes([{ key: { a: 1 } }, { key: { b: 1 } }, { key: { c: 1 } }]);
    expect(await db.command({ dropIndexes: c.collectionName, index: 'a_1' })).toMatchObject({ nIndexesWas: 4, ok: 1 });
    expect(await db.command({ dropIndexes: c.collectionName, index: { b: 1 } })).toMatchObject({
      nIndexesWas: 3,
      ok: 1,
    });
    await expectCode(
      db.command({ dropIndexes: c.collectionName, index: 'nope_1' }),
      27,
      'IndexNotFound',
      /index not found with name \[nope_1\]/,
    );
    await expectCode(
      db.command({ dropIndexes: c.collectionName, index: '_id_' }),
      72,
      'InvalidOptions',
      /cannot drop _id index/,
    );
    expect(await db.command({ dropIndexes: c.collectionName, index: '*' })).toMatchObject({ nIndexesWas: 2, ok: 1 });
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('a dropped unique index no longer rejects duplicates', async () => {
    const c = fresh();
    await c.createIndex({ u: 1 }, { unique: true });
    await c.insertOne({ u: 1 });
    await expectCode(c.insertOne({ u: 1 }), 11000, 'DuplicateKey');
    await c.dropIndex('u_1');
    await c.insertOne({ u: 1 });
    expect(await c.countDocuments()).toBe(2);
  });

  it('an invalid key pattern → 67 CannotCreateIndex', async () => {
    const c = fresh();
    await expectCode(
      db.command({ createIndexes: c.collectionName, indexes: [{ key: { a: 'bogus' }, name: 'a_bogus' }] }),
      67,
      'CannotCreateIndex',
      /Unknown index plugin 'bogus'/,
    );
    await expectCode(
      db.command({ createIndexes: c.collectionName, indexes: [{ key: {}, name: 'empty' }] }),
      67,
      'CannotCreateIndex',
      /Index keys cannot be empty/,
    );
  });

  it('conflicting definitions: same key, other name → 85 IndexOptionsConflict', async () => {
    const c = fresh();
    await c.createIndex({ a: 1 });
    await expectCode(
      c.createIndex({ a: 1 }, { name: 'other' }),
      85,
      'IndexOptionsConflict',
      /Index already exists with a different name: a_1/,
    );
  });

  it('conflicting definitions: same name and key, other options → 85 IndexOptionsConflict', async () => {
    const c = fresh();
    await c.createIndex({ a: 1 });
    await expectCode(
      c.createIndex({ a: 1 }, { unique: true }),
      85,
      'IndexOptionsConflict',
      /An equivalent index already exists with the same name but different options/,
    );
  });

  it('conflicting definitions: same name, other key → 86 IndexKeySpecsConflict', async () => {
    const c = fresh();
    await c.createIndex({ a: 1 }, { name: 'idx' });
    await expectCode(
      c.createIndex({ b: 1 }, { name: 'idx' }),
      86,
      'IndexKeySpecsConflict',
      /An existing index has the same name as the requested index/,
    );
  });
});

describe('E11000 duplicate key errors', () => {
  it('insert: writeErrors carry keyPattern, keyValue and the exact errmsg', async () => {
    const c = fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@example.com' });
    const r = await db.command({
      insert: c.collectionName,
      documents: [{ email: 'b@example.com' }, { email: 'a@example.com' }],
    });
    expect(r.n).toBe(1);
    expect(r.writeErrors).toHaveLength(1);
    const [we] = r.writeErrors;
    expect(we).toMatchObject({ index: 1, code: 11000, keyPattern: { email: 1 }, keyValue: { email: 'a@example.com' } });
    expect(we.errmsg).toBe(dupMsg(c.collectionName, 'email_1', 'email: "a@example.com"'));
  });

  it('compound unique: every key field in the message, keyPattern and keyValue', async () => {
    const c = fresh();
    await c.createIndex({ team: 1, handle: -1 }, { unique: true });
    await c.insertOne({ team: 'T1', handle: 'bob' });
    await c.insertOne({ team: 'T2', handle: 'bob' });
    const e = await expectCode(c.insertOne({ team: 'T1', handle: 'bob' }), 11000, 'DuplicateKey');
    expect(e.keyPattern).toEqual({ team: 1, handle: -1 });
    expect(e.keyValue).toEqual({ team: 'T1', handle: 'bob' });
    expect(e.message).toBe(dupMsg(c.collectionName, 'team_1_handle_-1', 'team: "T1", handle: "bob"'));
  });

  it('a missing field is indexed as null: two documents without it collide', async () => {
    const c = fresh();
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ name: 'a' });
    const e = await expectCode(c.insertOne({ name: 'b' }), 11000, 'DuplicateKey');
    expect(e.keyValue).toEqual({ email: null });
    expect(e.message).toBe(dupMsg(c.collectionName, 'email_1', 'email: null'));
  });

  it('sparse unique: documents without the field do not collide', async () => {
    const c = fresh();
    await c.createIndex({ email: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ name: 'a' }, { name: 'b' }, { email: 'x' }]);
    await expectCode(c.insertOne({ email: 'x' }), 11000, 'DuplicateKey');
  });

  it('partial unique: only documents matching the filter are constrained', async () => {
    const c = fresh();
    await c.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await c.insertMany([
      { email: 'x', active: false },
      { email: 'x', active: false },
      { email: 'x', active: true },
    ]);
    await expectCode(c.insertOne({ email: 'x', active: true }), 11000, 'DuplicateKey');
  });

  it('multikey unique: array elements are keys; repeats inside one document are fine', async () => {
    const c = fresh();
    await c.createIndex({ tags: 1 }, { unique: true });
    await c.insertOne({ tags: ['a', 'b', 'b'] });
    const e = await expectCode(c.insertOne({ tags: ['c', 'b'] }), 11000, 'DuplicateKey');
    expect(e.keyValue).toEqual({ tags: 'b' });
    await c.insertOne({ tags: ['c'] });
  });

  it('numeric types are one key: 1, 1.0 and Long 1 collide', async () => {
    const c = fresh();
    await c.createIndex({ n: 1 }, { unique: true });
    await c.insertOne({ n: 1 });
    await expectCode(c.insertOne({ n: new Double(1) }), 11000, 'DuplicateKey');
    const r = await db.command({ insert: c.collectionName, documents: [{ n: BigInt(1) }] });
    expect(r.writeErrors?.[0]?.code).toBe(11000);
  });

  it('update: a write error in the update reply, document unchanged', async () => {
    const c = fresh();
    await c.createIndex({ u: 1 }, { unique: true });
    await c.insertMany([
      { _id: 1, u: 'a' },
      { _id: 2, u: 'b' },
    ] as never[]);
    const r = await db.command({ update: c.collectionName, updates: [{ q: { _id: 2 }, u: { $set: { u: 'a' } } }] });
    expect(r.ok).toBe(1);
    expect(r.n).toBe(0);
    expect(r.nModified).toBe(0);
    expect(r.writeErrors[0]).toMatchObject({ index: 0, code: 11000, keyPattern: { u: 1 }, keyValue: { u: 'a' } });
    expect(r.writeErrors[0].errmsg).toBe(dupMsg(c.collectionName, 'u_1', 'u: "a"'));
    expect(await c.findOne({ _id: 2 } as never)).toEqual({ _id: 2, u: 'b' });
    await expectCode(c.updateOne({ _id: 2 } as never, { $set: { u: 'a' } }), 11000, 'DuplicateKey');
  });

  it('upsert that inserts a duplicate → 11000', async () => {
    const c = fresh();
    await c.createIndex({ u: 1 }, { unique: true });
    await c.insertOne({ _id: 1, u: 'a' } as never);
    const e = await expectCode(
      c.updateOne({ _id: 2 } as never, { $set: { u: 'a' } }, { upsert: true }),
      11000,
      'DuplicateKey',
    );
    expect(e.keyValue).toEqual({ u: 'a' });
    expect(await c.countDocuments()).toBe(1);
  });

  it('findAndModify: command error with keyPattern / keyValue', async () => {
    const c = fresh();
    await c.createIndex({ u: 1 }, { unique: true });
    await c.insertMany([
      { _id: 1, u: 'a' },
      { _id: 2, u: 'b' },
    ] as never[]);
    const e = await serverError(
      db.command({ findAndModify: c.collectionName, query: { _id: 2 }, update: { $set: { u: 'a' } } }),
    );
    expect(e.code).toBe(11000);
    expect(e.codeName).toBe('DuplicateKey');
    expect(e.errorResponse.keyPattern).toEqual({ u: 1 });
    expect(e.errorResponse.keyValue).toEqual({ u: 'a' });
    expect(e.message).toBe(dupMsg(c.collectionName, 'u_1', 'u: "a"'));
    await expectCode(c.findOneAndUpdate({ _id: 2 } as never, { $set: { u: 'a' } }), 11000, 'DuplicateKey');
  });

  it('insertMany surfaces MongoBulkWriteError with the E11000 write error', async () => {
    const c = fresh();
    await c.createIndex({ u: 1 }, { unique: true });
    const err = await c.insertMany([{ u: 1 }, { u: 2 }, { u: 1 }]).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const bw = err as MongoBulkWriteError;
    expect(bw.code).toBe(11000);
    expect(bw.insertedCount).toBe(2);
    expect(bw.writeErrors).toHaveLength(1);
  });

  it('createIndexes over existing duplicates fails with 11000 and builds nothing', async () => {
    const c = fresh();
    await c.insertMany([{ a: 1 }, { a: 1 }, { a: 2 }]);
    const e = await expectCode(c.createIndex({ a: 1 }, { unique: true }), 11000, 'DuplicateKey');
    expect(e.message).toContain(dupMsg(c.collectionName, 'a_1', 'a: 1'));
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it("an ObjectId key is shown as ObjectId('…') in the message, kept as ObjectId in keyValue", async () => {
    const c = fresh();
    const id = new ObjectId();
    await c.insertOne({ _id: id });
    const e = await expectCode(c.insertOne({ _id: id }), 11000, 'DuplicateKey');
    expect(e.message).toBe(dupMsg(c.collectionName, '_id_', `_id: ObjectId('${id.toHexString()}')`));
    expect(e.keyValue?._id).toBeInstanceOf(ObjectId);
    expect((e.keyValue?._id as ObjectId).equals(id)).toBe(true);
  });

  it('_id duplicates name the _id_ index', async () => {
    const c = fresh();
    await c.insertOne({ _id: 'k' } as never);
    const e = await expectCode(c.insertOne({ _id: 'k' } as never), 11000, 'DuplicateKey');
    expect(e.message).toBe(dupMsg(c.collectionName, '_id_', '_id: "k"'));
    expect(e.keyPattern).toEqual({ _id: 1 });
  });
});

describe('a long index build', () => {
  it('keeps answering other connections and takes in the writes made meanwhile', async () => {
    const c = db.collection<{ _id: number | string; tags?: string[]; n: number }>(`x${++seq}`);
    const N = 40_000;
    const docs = Array.from({ length: N }, (_, i) => ({ _id: i, tags: [`t${i % 100}`, `u${i % 7}`], n: i }));
    for (let i = 0; i < N; i += 10_000) await c.insertMany(docs.slice(i, i + 10_000), { ordered: false });
    let finished = false;
    const build = c
      .createIndexes([
        { key: { tags: 1 }, name: 'tags_1' },
        { key: { n: 1 }, name: 'n_1', unique: true },
      ])
      .finally(() => {
        finished = true;
      });
    const pings: number[] = [];
    let added = 0;
    while (!finished || added === 0) {
      const t = Date.now();
      await db.command({ ping: 1 });
      pings.push(Date.now() - t);
      await c.insertOne({ _id: N + added, tags: ['new'], n: N + added });
      added++;
      if (added === 1) {
        await c.updateMany({ _id: { $lt: 50 } }, { $set: { tags: ['moved'] } });
        await c.deleteMany({ _id: { $gte: N - 10, $lt: N } });
      }
    }
    expect(await build).toEqual(['tags_1', 'n_1']);
    expect(Math.max(...pings)).toBeLessThan(2_000);
    const count = (filter: Document, hint: string): Promise<number> => c.countDocuments(filter, { hint });
    expect(await count({ tags: 'moved' }, 'tags_1')).toBe(50);
    expect(await count({ tags: 'new' }, 'tags_1')).toBe(added);
    expect(await count({ tags: 't1' }, 'tags_1')).toBe(
      docs.filter((d) => d._id >= 50 && d._id < N - 10 && d.n % 100 === 1).length,
    );
    expect(await count({ n: { $gte: N - 20 } }, 'n_1')).toBe(10 + added);
    await expect(c.insertOne({ _id: 'dup', n: 5 })).rejects.toThrow(/E11000/);
  }, 60_000);
});

describe('index kinds answer queries correctly', () => {
  it('multikey, compound and dotted indexes return every matching document', async () => {
    const c = fresh();
    await c.createIndex({ tags: 1 });
    await c.createIndex({ a: 1, b: 1 });
    await c.createIndex({ 'p.q': 1 });
    await c.insertMany([
      { _id: 1, tags: ['x', 'y'], a: 1, b: 1, p: { q: 1 } },
      { _id: 2, tags: ['y'], a: 1, b: 2, p: [{ q: 1 }, { q: 2 }] },
      { _id: 3, tags: 'x', a: 2, b: 1, p: { q: 3 } },
    ] as never[]);
    const ids = async (f: Document) => (await c.find(f).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ tags: 'x' })).toEqual([1, 3]);
    expect(await ids({ tags: { $in: ['y'] } })).toEqual([1, 2]);
    expect(await ids({ a: 1 })).toEqual([1, 2]);
    expect(await ids({ a: 1, b: 2 })).toEqual([2]);
    expect(await ids({ a: { $gte: 1 }, b: 1 })).toEqual([1, 3]);
    expect(await ids({ 'p.q': 1 })).toEqual([1, 2]);
    expect(await ids({ 'p.q': 2 })).toEqual([2]);
  });

  it('updates keep indexes current', async () => {
    const c = fresh();
    await c.createIndex({ k: 1 });
    await c.insertOne({ _id: 1, k: 'old' } as never);
    await c.updateOne({ _id: 1 } as never, { $set: { k: 'new' } });
    expect(await c.find({ k: 'old' }).toArray()).toEqual([]);
    expect(await c.find({ k: 'new' }).toArray()).toEqual([{ _id: 1, k: 'new' }]);
    await c.deleteOne({ _id: 1 } as never);
    expect(await c.find({ k: 'new' }).toArray()).toEqual([]);
  });

  it('a sparse index does not hide documents from a query it cannot answer', async () => {
    const c = fresh();
    await c.createIndex({ s: 1 }, { sparse: true });
    await c.createIndex({ g: 1 });
    await c.insertMany([
      { _id: 1, g: 1, s: 1 },
      { _id: 2, g: 1 },
    ] as never[]);
    expect((await c.find({ g: 1, s: null }).toArray()).map((d) => d._id)).toEqual([2]);
    expect((await c.find({ s: 1 }).toArray()).map((d) => d._id)).toEqual([1]);
  });
});
