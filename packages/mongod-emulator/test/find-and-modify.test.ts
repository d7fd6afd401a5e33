/**
 * findAndModify: raw reply shape (lastErrorObject, value), new, upsert, fields, sort,
 * remove, replacement and pipeline updates, arrayFilters; and the driver's findOneAnd* helpers.
 */
import type { Collection, Db, Document, MongoClient } from 'mongodb';
import { openDb, indexedCollection } from './support/env';

const DB = 'emu_fam';
let client: MongoClient;
let db: Db;
let seq = 0;

const coll = (docs: Document[] = []): Promise<Collection> => indexedCollection(db, `f${++seq}`, docs);

beforeAll(async () => {
  ({ client, db } = await openDb(DB));
});
afterAll(async () => {
  await db.dropDatabase().catch(() => undefined);
  await client.close();
});

describe('findAndModify (raw)', () => {
  it('update returns the pre-image by default', async () => {
    const c = await coll([{ _id: 1, g: 1, v: 1 }]);
    const r = await db.command({ findAndModify: c.collectionName, query: { _id: 1 }, update: { $inc: { v: 1 } } });
    expect(r).toEqual({ lastErrorObject: { n: 1, updatedExisting: true }, value: { _id: 1, g: 1, v: 1 }, ok: 1 });
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, g: 1, v: 2 });
  });

  it('new: true returns the post-image; fields projects it', async () => {
    const c = await coll([{ _id: 1, g: 1, v: 1, big: 'x' }]);
    const r = await db.command({
      findAndModify: c.collectionName,
      query: { _id: 1 },
      update: { $set: { v: 5 } },
      new: true,
      fields: { big: 0 },
    });
    expect(r.value).toEqual({ _id: 1, g: 1, v: 5 });
  });

  it('no match → value null, n: 0', async () => {
    const c = await coll([{ _id: 1, g: 1 }]);
    const r = await db.command({ findAndModify: c.collectionName, query: { _id: 2 }, update: { $set: { v: 1 } } });
    expect(r).toEqual({ lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 });
  });

  it('upsert: lastErrorObject.upserted; value is null unless new: true', async () => {
    const c = await coll([]);
    const r1 = await db.command({
      findAndModify: c.collectionName,
      query: { _id: 7 },
      update: { $set: { v: 1 } },
      upsert: true,
    });
    expect(r1).toEqual({ lastErrorObject: { n: 1, updatedExisting: false, upserted: 7 }, value: null, ok: 1 });
    const r2 = await db.command({
      findAndModify: c.collectionName,
      query: { _id: 8, g: 3 },
      update: { $set: { v: 2 }, $setOnInsert: { created: true } },
      upsert: true,
      new: true,
    });
    expect(r2.lastErrorObject).toEqual({ n: 1, updatedExisting: false, upserted: 8 });
    expect(r2.value).toEqual({ _id: 8, g: 3, v: 2, created: true });
  });

  it('sort decides which document is modified', async () => {
    const c = await coll([
      { _id: 1, g: 1, v: 3 },
      { _id: 2, g: 1, v: 9 },
      { _id: 3, g: 1, v: 5 },
    ]);
    const hi = await db.command({
      findAndModify: c.collectionName,
      query: { g: 1 },
      sort: { v: -1 },
      update: { $set: { picked: true } },
      new: true,
    });
    expect(hi.value).toEqual({ _id: 2, g: 1, v: 9, picked: true });
    const lo = await db.command({ findAndModify: c.collectionName, query: { g: 1 }, sort: { v: 1 }, remove: true });
    expect(lo).toEqual({ lastErrorObject: { n: 1 }, value: { _id: 1, g: 1, v: 3 }, ok: 1 });
    expect(await c.countDocuments({ g: 1 })).toBe(2);
  });

  it('remove with no match → n: 0, value null', async () => {
    const c = await coll([{ _id: 1, g: 1 }]);
    const r = await db.command({ findAndModify: c.collectionName, query: { _id: 9 }, remove: true });
    expect(r).toEqual({ lastErrorObject: { n: 0 }, value: null, ok: 1 });
  });

  it('replacement and pipeline updates, arrayFilters', async () => {
    const c = await coll([{ _id: 1, g: 1, a: 1, arr: [1, 5, 9] }]);
    const rep = await db.command({
      findAndModify: c.collectionName,
      query: { _id: 1 },
      update: { g: 1, only: 'this', arr: [1, 5, 9] },
      new: true,
    });
    expect(rep.value).toEqual({ _id: 1, g: 1, only: 'this', arr: [1, 5, 9] });
    const pipe = await db.command({
      findAndModify: c.collectionName,
      query: { _id: 1 },
      update: [{ $set: { n: { $size: '$arr' } } }],
      new: true,
    });
    expect(pipe.value.n).toBe(3);
    const af = await db.command({
      findAndModify: c.collectionName,
      query: { _id: 1 },
      update: { $set: { 'arr.$[big]': 0 } },
      arrayFilters: [{ big: { $gt: 4 } }],
      new: true,
    });
    expect(af.value.arr).toEqual([1, 0, 0]);
  });
});

describe('driver helpers', () => {
  it('findOneAndUpdate / findOneAndReplace / findOneAndDelete', async () => {
    const c = await coll([
      { _id: 1, g: 1, v: 1 },
      { _id: 2, g: 1, v: 2 },
    ]);
    expect(await c.findOneAndUpdate({ _id: 1 } as never, { $inc: { v: 10 } }, { returnDocument: 'after' })).toEqual({
      _id: 1,
      g: 1,
      v: 11,
    });
    expect(
      await c.findOneAndUpdate(
        { _id: 1 } as never,
        { $inc: { v: 10 } },
        { returnDocument: 'before', projection: { v: 1 } },
      ),
    ).toEqual({ _id: 1, v: 11 });
    expect(await c.findOneAndReplace({ _id: 2 } as never, { g: 2, r: true }, { returnDocument: 'after' })).toEqual({
      _id: 2,
      g: 2,
      r: true,
    });
    expect(await c.findOneAndDelete({ g: 2 })).toEqual({ _id: 2, g: 2, r: true });
    expect(await c.findOneAndDelete({ g: 2 })).toBeNull();
    const meta = await c.findOneAndUpdate(
      { _id: 3 } as never,
      { $set: { v: 3 } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );
    expect(meta.value).toEqual({ _id: 3, v: 3 });
    expect(meta.lastErrorObject).toEqual({ n: 1, updatedExisting: false, upserted: 3 });
    expect(meta.ok).toBe(1);
  });
});
