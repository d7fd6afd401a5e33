/**
 * Update operators and their error codes: $set/$unset/$inc/$mul/$min/$max/$rename/
 * $currentDate, array operators, upsert (+ $setOnInsert only on insert), multi,
 * arrayFilters, positional `$` and `$[]`, pipeline updates, replacement; and mongod's codes:
 * 14 TypeMismatch, 66 ImmutableField, 40 ConflictingUpdateOperators, 28 PathNotViable,
 * 2 BadValue, 9 FailedToParse. Filters are by _id (always index-served).
 */
import type { Collection, Db, Document, MongoClient } from 'mongodb';
import { expectCode, openDb } from './support/env';

const DB = 'emu_update';
let client: MongoClient;
let db: Db;
let seq = 0;

async function withDoc(doc: Document): Promise<{ c: Collection; get: () => Promise<Document | null> }> {
  const c = db.collection(`u${++seq}`);
  await c.insertOne({ _id: 1, ...doc } as never);
  return { c, get: () => c.findOne({ _id: 1 } as never) };
}
const one = { _id: 1 } as never;

beforeAll(async () => {
  ({ client, db } = await openDb(DB));
});
afterAll(async () => {
  await db.dropDatabase().catch(() => undefined);
  await client.close();
});

describe('field operators', () => {
  it('$set creates nested paths; new fields are appended in lexicographic order; $unset removes', async () => {
    const { c, get } = await withDoc({ a: 1, b: 2 });
    await c.updateOne(one, { $set: { a: 10, 'x.y.z': 1, c: 3 } });
    const d = await get();
    expect(d).toEqual({ _id: 1, a: 10, b: 2, x: { y: { z: 1 } }, c: 3 });
    // mongod (5.0+) applies update paths in lexicographic order, so 'c' lands before 'x'.
    expect(Object.keys(d ?? {})).toEqual(['_id', 'a', 'b', 'c', 'x']);
    await c.updateOne(one, { $unset: { b: '', 'x.y': '', missing: '' } });
    expect(await get()).toEqual({ _id: 1, a: 10, x: {}, c: 3 });
  });

  it('$set on an array index path', async () => {
    const { c, get } = await withDoc({ arr: [1, 2, 3] });
    await c.updateOne(one, { $set: { 'arr.1': 20, 'arr.5': 6 } });
    expect((await get())?.arr).toEqual([1, 20, 3, null, null, 6]);
  });

  it('$inc, $mul, $min, $max', async () => {
    const { c, get } = await withDoc({ n: 5, m: 3, lo: 5, hi: 5 });
    await c.updateOne(one, { $inc: { n: 2, fresh: 1 }, $mul: { m: 4, mfresh: 2 }, $min: { lo: 3 }, $max: { hi: 9 } });
    expect(await get()).toEqual({ _id: 1, n: 7, m: 12, lo: 3, hi: 9, fresh: 1, mfresh: 0 });
    await c.updateOne(one, { $min: { lo: 10 }, $max: { hi: 1 } });
    expect(await get()).toMatchObject({ lo: 3, hi: 9 });
  });

  it('$rename and $currentDate', async () => {
    const { c, get } = await withDoc({ old: 'v', sub: { a: 1 } });
    const before = Date.now();
    await c.updateOne(one, { $rename: { old: 'renamed', 'sub.a': 'sub.b' }, $currentDate: { at: true } });
    const d = await get();
    expect(d).toMatchObject({ renamed: 'v', sub: { b: 1 } });
    expect(d).not.toHaveProperty('old');
    expect(d?.at).toBeInstanceOf(Date);
    expect((d?.at as Date).getTime()).toBeGreaterThanOrEqual(before - 5000);
  });

  it('nModified is 0 when nothing changes', async () => {
    const { c } = await withDoc({ a: 1 });
    const r = await c.updateOne(one, { $set: { a: 1 } });
    expect(r.matchedCount).toBe(1);
    expect(r.modifiedCount).toBe(0);
  });
});

describe('array operators', () => {
  it('$push with $each, $position, $sort, $slice', async () => {
    const { c, get } = await withDoc({ a: [3, 1] });
    await c.updateOne(one, { $push: { a: 2 } } as never);
    expect((await get())?.a).toEqual([3, 1, 2]);
    await c.updateOne(one, { $push: { a: { $each: [0], $position: 0 } } } as never);
    expect((await get())?.a).toEqual([0, 3, 1, 2]);
    await c.updateOne(one, { $push: { a: { $each: [5, 4], $sort: 1, $slice: 3 } } } as never);
    expect((await get())?.a).toEqual([0, 1, 2]);
    await c.updateOne(one, { $push: { fresh: 'x' } } as never);
    expect((await get())?.fresh).toEqual(['x']);
  });

  it('$addToSet, $pull, $pullAll, $pop', async () => {
    const { c, get } = await withDoc({ s: ['a'], n: [1, 2, 3, 4, 5], o: [{ k: 1 }, { k: 2 }] });
    await c.updateOne(one, { $addToSet: { s: { $each: ['a', 'b', 'b'] } } });
    expect((await get())?.s).toEqual(['a', 'b']);
    await c.updateOne(one, { $pull: { n: { $gte: 4 }, o: { k: 2 } } } as never);
    expect(await get()).toMatchObject({ n: [1, 2, 3], o: [{ k: 1 }] });
    await c.updateOne(one, { $pullAll: { n: [1, 3] } } as never);
    expect((await get())?.n).toEqual([2]);
    await c.updateOne(one, { $pop: { s: -1 } });
    expect((await get())?.s).toEqual(['b']);
  });

  it('$push onto a non-array → 2 BadValue', async () => {
    const { c } = await withDoc({ a: 'str' });
    await expectCode(
      c.updateOne(one, { $push: { a: 1 } } as never),
      2,
      'BadValue',
      /The field 'a' must be an array but is of type string in document \{_id: 1\}/,
    );
  });
});

describe('positional operators and arrayFilters', () => {
  it('positional $ updates the first element the query matched', async () => {
    const { c, get } = await withDoc({
      items: [
        { k: 'a', v: 1 },
        { k: 'b', v: 2 },
        { k: 'b', v: 3 },
      ],
    });
    await c.updateOne({ _id: 1, 'items.k': 'b' } as never, { $set: { 'items.$.v': 20 } });
    expect((await get())?.items).toEqual([
      { k: 'a', v: 1 },
      { k: 'b', v: 20 },
      { k: 'b', v: 3 },
    ]);
    const scores = await withDoc({ scores: [5, 8, 9] });
    await scores.c.updateOne({ _id: 1, scores: { $gte: 8 } } as never, { $inc: { 'scores.$': 100 } });
    expect((await scores.get())?.scores).toEqual([5, 108, 9]);
  });

  it('positional $ without a matching array in the query → 2 BadValue', async () => {
    const { c } = await withDoc({ items: [{ k: 'a' }] });
    await expectCode(
      c.updateOne(one, { $set: { 'items.$.k': 'z' } }),
      2,
      'BadValue',
      /The positional operator did not find the match needed from the query/,
    );
  });

  it('$[] updates every element', async () => {
    const { c, get } = await withDoc({ a: [1, 2, 3], o: [{ n: 1 }, { n: 2 }] });
    await c.updateOne(one, { $inc: { 'a.$[]': 10, 'o.$[].n': 1 } });
    expect(await get()).toMatchObject({ a: [11, 12, 13], o: [{ n: 2 }, { n: 3 }] });
  });

  it('$[id] with arrayFilters, nested', async () => {
    const { c, get } = await withDoc({
      grades: [80, 95, 100],
      students: [
        { name: 'x', marks: [{ s: 1 }, { s: 9 }] },
        { name: 'y', marks: [{ s: 9 }] },
      ],
    });
    await c.updateOne(one, { $set: { 'grades.$[g]': 0 } }, { arrayFilters: [{ g: { $gte: 95 } }] });
    expect((await get())?.grades).toEqual([80, 0, 0]);
    await c.updateOne(
      one,
      { $set: { 'students.$[st].marks.$[m].s': 10 } },
      { arrayFilters: [{ 'st.name': 'x' }, { 'm.s': { $gt: 5 } }] },
    );
    expect((await get())?.students).toEqual([
      { name: 'x', marks: [{ s: 1 }, { s: 10 }] },
      { name: 'y', marks: [{ s: 9 }] },
    ]);
  });

  it('an identifier without an array filter → 2 BadValue', async () => {
    const { c } = await withDoc({ a: [1] });
    await expectCode(
      c.updateOne(one, { $set: { 'a.$[x]': 1 } }),
      2,
      'BadValue',
      /No array filter found for identifier 'x' in path 'a\.\$\[x\]'/,
    );
  });
});

describe('upsert, multi, replacement, pipeline', () => {
  it('upsert builds the new document from the query equalities; $setOnInsert applies', async () => {
    const c = db.collection(`u${++seq}`);
    const r = await c.updateOne(
      { _id: 5, kind: 'k', 'sub.x': 1, n: { $gt: 3 } } as never,
      { $set: { v: 1 }, $setOnInsert: { created: 'now' } },
      { upsert: true },
    );
    expect(r.upsertedId).toBe(5);
    expect(r.upsertedCount).toBe(1);
    expect(await c.findOne({ _id: 5 } as never)).toEqual({ _id: 5, kind: 'k', sub: { x: 1 }, v: 1, created: 'now' });
  });

  it('$setOnInsert is ignored when the upsert matches an existing document', async () => {
    const { c, get } = await withDoc({ v: 0 });
    const r = await c.updateOne(one, { $set: { v: 1 }, $setOnInsert: { created: 'now' } }, { upsert: true });
    expect(r.upsertedCount).toBe(0);
    expect(await get()).toEqual({ _id: 1, v: 1 });
  });

  it('upsert without _id in the query generates an ObjectId', async () => {
    const c = db.collection(`u${++seq}`);
    await c.createIndex({ key: 1 });
    const r = await c.updateOne({ key: 'k1' }, { $inc: { n: 1 } }, { upsert: true });
    expect(r.upsertedId?.constructor.name).toBe('ObjectId');
    await c.updateOne({ key: 'k1' }, { $inc: { n: 1 } }, { upsert: true });
    expect(await c.find({ key: 'k1' }, { projection: { _id: 0 } }).toArray()).toEqual([{ key: 'k1', n: 2 }]);
  });

  it('replacement keeps _id; replaceOne with upsert', async () => {
    const { c, get } = await withDoc({ a: 1, b: 2 });
    await c.replaceOne(one, { z: 1 });
    expect(await get()).toEqual({ _id: 1, z: 1 });
    await c.replaceOne({ _id: 2 } as never, { y: 1 }, { upsert: true });
    expect(await c.findOne({ _id: 2 } as never)).toEqual({ _id: 2, y: 1 });
  });

  it('multi: true updates every match, multi: false one', async () => {
    const c = db.collection(`u${++seq}`);
    await c.createIndex({ g: 1 });
    await c.insertMany([
      { _id: 1, g: 1 },
      { _id: 2, g: 1 },
      { _id: 3, g: 2 },
    ] as never[]);
    expect((await c.updateMany({ g: 1 }, { $set: { t: 1 } })).modifiedCount).toBe(2);
    expect((await c.updateOne({ g: 1 }, { $set: { u: 1 } })).modifiedCount).toBe(1);
    expect(await c.countDocuments({ g: 1, t: 1 })).toBe(2);
  });

  it('pipeline update: $set with expressions, $unset', async () => {
    const { c, get } = await withDoc({ a: 2, b: 3, tmp: 1 });
    await c.updateOne(one, [
      { $set: { total: { $add: ['$a', '$b'] }, label: { $concat: ['n', { $toString: '$a' }] } } },
      { $unset: 'tmp' },
    ]);
    expect(await get()).toEqual({ _id: 1, a: 2, b: 3, total: 5, label: 'n2' });
  });
});

describe('errors', () => {
  it('$inc on a non-number → 14 TypeMismatch', async () => {
    const { c, get } = await withDoc({ a: 'x' });
    await expectCode(
      c.updateOne(one, { $inc: { a: 1 } }),
      14,
      'TypeMismatch',
      /Cannot apply \$inc to a value of non-numeric type\. \{_id: 1\} has the field 'a' of non-numeric type string/,
    );
    expect(await get()).toEqual({ _id: 1, a: 'x' });
  });

  it('$mul on a non-number → 14 TypeMismatch', async () => {
    const { c } = await withDoc({ a: [1] });
    await expectCode(
      c.updateOne(one, { $mul: { a: 2 } }),
      14,
      'TypeMismatch',
      /Cannot apply \$mul to a value of non-numeric type/,
    );
  });

  it('$inc by a non-number → 14 TypeMismatch', async () => {
    const { c } = await withDoc({ a: 1 });
    await expectCode(
      c.updateOne(one, { $inc: { a: 'one' } } as never),
      14,
      'TypeMismatch',
      /Cannot increment with non-numeric argument/,
    );
  });

  it('changing _id with $set → 66 ImmutableField', async () => {
    const { c, get } = await withDoc({ a: 1 });
    await expectCode(
      c.updateOne(one, { $set: { _id: 2 } }),
      66,
      'ImmutableField',
      /Performing an update on the path '_id' would modify the immutable field '_id'/,
    );
    expect(await get()).toEqual({ _id: 1, a: 1 });
    // Setting it to the value it already has is allowed.
    await c.updateOne(one, { $set: { _id: 1, a: 2 } });
    expect(await get()).toEqual({ _id: 1, a: 2 });
  });

  it('changing _id by replacement → 66 ImmutableField', async () => {
    const { c } = await withDoc({ a: 1 });
    await expectCode(
      c.replaceOne(one, { _id: 2, a: 1 }),
      66,
      'ImmutableField',
      /After applying the update, the \(immutable\) field '_id' was found to have been altered to _id: 2/,
    );
  });

  it('two operators on one path → 40 ConflictingUpdateOperators', async () => {
    const { c } = await withDoc({ a: 1 });
    await expectCode(
      c.updateOne(one, { $set: { a: 2 }, $inc: { a: 1 } }),
      40,
      'ConflictingUpdateOperators',
      /Updating the path 'a' would create a conflict at 'a'/,
    );
  });

  it('a path through a scalar → 28 PathNotViable', async () => {
    const { c } = await withDoc({ a: 5 });
    await expectCode(
      c.updateOne(one, { $set: { 'a.b': 1 } }),
      28,
      'PathNotViable',
      /Cannot create field 'b' in element \{a: 5\}/,
    );
  });

  it('an unknown update operator → 9 FailedToParse', async () => {
    const { c } = await withDoc({ a: 1 });
    await expectCode(c.updateOne(one, { $bogus: { a: 1 } } as never), 9, 'FailedToParse', /Unknown modifier: \$bogus/);
  });

  it('the raw update reply carries the error as a writeError', async () => {
    const { c } = await withDoc({ a: 'x' });
    const r = await db.command({ update: c.collectionName, updates: [{ q: { _id: 1 }, u: { $inc: { a: 1 } } }] });
    expect(r.ok).toBe(1);
    expect(r.n).toBe(0);
    expect(r.nModified).toBe(0);
    expect(r.writeErrors).toHaveLength(1);
    expect(r.writeErrors[0]).toMatchObject({ index: 0, code: 14 });
  });
});
