/**
 * aggregate: the cursor reply, batching with getMore, the common stages and accumulators,
 * $lookup across collections (localField/foreignField and pipeline/let), $out, and mongod's
 * error codes for a missing cursor option, unknown stages and a $group without _id.
 */
import type { Db, Document, MongoClient } from 'mongodb';
import { expectCode, openDb } from './support/env';

const DB = 'emu_agg';
let client: MongoClient;
let db: Db;
const L = { useBigInt64: true } as const;

const orders = [
  {
    _id: 1,
    cust: 'c1',
    item: 'apple',
    qty: 2,
    price: 1.5,
    tags: ['fruit', 'red'],
    day: new Date('2024-01-01T10:00:00Z'),
  },
  { _id: 2, cust: 'c1', item: 'pear', qty: 1, price: 2, tags: ['fruit'], day: new Date('2024-01-02T10:00:00Z') },
  { _id: 3, cust: 'c2', item: 'apple', qty: 5, price: 1.5, tags: [], day: new Date('2024-01-02T12:00:00Z') },
  { _id: 4, cust: 'c3', item: 'kiwi', qty: 3, price: 3, day: new Date('2024-01-03T10:00:00Z') },
];
const customers = [
  { _id: 'c1', name: 'Ann', city: 'Oslo' },
  { _id: 'c2', name: 'Bob', city: 'Rome' },
];
const run = (pipeline: Document[], coll = 'orders') => db.collection(coll).aggregate(pipeline).toArray();

beforeAll(async () => {
  ({ client, db } = await openDb(DB));
  await db.collection('orders').insertMany(orders as never[]);
  await db.collection('orders').createIndex({ cust: 1 });
  await db.collection('customers').insertMany(customers as never[]);
  await db.collection('customers').createIndex({ city: 1 });
});
afterAll(async () => {
  await db.dropDatabase().catch(() => undefined);
  await client.close();
});

describe('reply shape and batching', () => {
  it('→ cursor { firstBatch, id, ns }', async () => {
    const r = await db.command(
      { aggregate: 'orders', pipeline: [{ $match: { cust: 'c1' } }, { $project: { _id: 1 } }], cursor: {} },
      L,
    );
    expect(r).toEqual({ cursor: { firstBatch: [{ _id: 1 }, { _id: 2 }], id: 0n, ns: `${DB}.orders` }, ok: 1 });
  });

  it('cursor.batchSize and getMore', async () => {
    const r = await db.command({ aggregate: 'orders', pipeline: [{ $sort: { _id: 1 } }], cursor: { batchSize: 3 } }, L);
    expect(r.cursor.firstBatch).toHaveLength(3);
    expect(r.cursor.id).not.toBe(0n);
    const more = await db.command({ getMore: r.cursor.id, collection: 'orders' }, L);
    expect(more.cursor.nextBatch.map((d: Document) => d._id)).toEqual([4]);
    expect(more.cursor.id).toBe(0n);
  });

  it('missing cursor option → 9 FailedToParse', async () => {
    await expectCode(
      db.command({ aggregate: 'orders', pipeline: [] }),
      9,
      'FailedToParse',
      /The 'cursor' option is required/,
    );
  });

  it('unknown stage → 40324', async () => {
    await expectCode(run([{ $bogus: {} }]), 40324, 'Location40324', /Unrecognized pipeline stage name: '\$bogus'/);
  });

  it('$group without _id → 15955', async () => {
    await expectCode(
      run([{ $group: { n: { $sum: 1 } } }]),
      15955,
      'Location15955',
      /a group specification must include an _id/,
    );
  });

  it('aggregate on a missing collection → empty', async () => {
    expect(await run([{ $match: { x: 1 } }], 'nothing')).toEqual([]);
  });
});

describe('stages', () => {
  it('$group with accumulators, $sort', async () => {
    const r = await run([
      {
        $group: {
          _id: '$cust',
          n: { $sum: 1 },
          qty: { $sum: '$qty' },
          avg: { $avg: '$qty' },
          min: { $min: '$qty' },
          max: { $max: '$qty' },
          items: { $push: '$item' },
          uniq: { $addToSet: '$item' },
          first: { $first: '$_id' },
        },
      },
      { $sort: { _id: 1 } },
    ]);
    expect(r).toEqual([
      {
        _id: 'c1',
        n: 2,
        qty: 3,
        avg: 1.5,
        min: 1,
        max: 2,
        items: ['apple', 'pear'],
        uniq: expect.arrayContaining(['apple', 'pear']),
        first: 1,
      },
      { _id: 'c2', n: 1, qty: 5, avg: 5, min: 5, max: 5, items: ['apple'], uniq: ['apple'], first: 3 },
      { _id: 'c3', n: 1, qty: 3, avg: 3, min: 3, max: 3, items: ['kiwi'], uniq: ['kiwi'], first: 4 },
    ]);
  });

  it('$group by null and by compound key; $count', async () => {
    expect(await run([{ $group: { _id: null, total: { $sum: { $multiply: ['$qty', '$price'] } } } }])).toEqual([
      { _id: null, total: 21.5 },
    ]);
    const byItem = await run([
      { $group: { _id: { i: '$item', p: '$price' }, n: { $sum: 1 } } },
      { $sort: { n: -1, '_id.i': 1 } },
      { $limit: 1 },
    ]);
    expect(byItem).toEqual([{ _id: { i: 'apple', p: 1.5 }, n: 2 }]);
    expect(await run([{ $match: { cust: 'c1' } }, { $count: 'n' }])).toEqual([{ n: 2 }]);
  });

  it('countDocuments shapes ($match, $skip, $limit, constant $group / $count) count without materialising', async () => {
    const orders = db.collection('orders');
    expect(await orders.countDocuments({ cust: 'c1' })).toBe(2);
    expect(await orders.countDocuments({ cust: { $in: ['c1', 'c2'] } }, { limit: 2 })).toBe(2);
    expect(await orders.countDocuments({ cust: { $in: ['c1', 'c2'] } }, { skip: 2 })).toBe(1);
    expect(await orders.countDocuments({ cust: { $in: ['c1', 'c2'] } }, { skip: 3 })).toBe(0);
    expect(await orders.countDocuments({ cust: 'nobody' })).toBe(0);
    expect(await orders.countDocuments({ cust: /^c[12]/ })).toBe(3);
    expect(await run([{ $match: { cust: 'c1' } }, { $group: { _id: 1, n: { $sum: 1 } } }])).toEqual([{ _id: 1, n: 2 }]);
    expect(
      await run([{ $match: { cust: 'c1' } }, { $group: { _id: null, n: { $sum: 1 } } }, { $project: { _id: 0 } }]),
    ).toEqual([{ n: 2 }]);
    expect(await run([{ $match: { cust: 'nobody' } }, { $group: { _id: null, n: { $sum: 1 } } }])).toEqual([]);
    expect(await run([{ $match: { cust: { $gte: 'c' } } }, { $skip: 1 }, { $limit: 2 }, { $count: 'n' }])).toEqual([
      { n: 2 },
    ]);
    expect(await run([{ $match: { cust: { $gte: 'c' } } }, { $limit: 2 }, { $skip: 2 }, { $count: 'n' }])).toEqual([]);
    expect(
      await run([
        { $match: { cust: { $gte: 'c' } } },
        { $sort: { _id: -1 } },
        { $skip: 1 },
        { $limit: 2 },
        { $project: { _id: 1 } },
      ]),
    ).toEqual([{ _id: 3 }, { _id: 2 }]);
    await expectCode(
      run([{ $match: { cust: 'c1' } }, { $limit: 0 }, { $count: 'n' }]),
      15958,
      'Location15958',
      /the limit must be positive/,
    );
  });

  it('$project / $addFields / $set / $unset with expressions', async () => {
    const r = await run([
      { $match: { cust: 'c1' } },
      { $sort: { _id: 1 } },
      { $addFields: { total: { $multiply: ['$qty', '$price'] } } },
      { $set: { big: { $cond: [{ $gte: ['$total', 3] }, 'yes', 'no'] }, up: { $toUpper: '$item' } } },
      { $project: { _id: 0, item: 1, total: 1, big: 1, up: 1, ntags: { $size: { $ifNull: ['$tags', []] } } } },
    ]);
    expect(r).toEqual([
      { item: 'apple', total: 3, big: 'yes', up: 'APPLE', ntags: 2 },
      { item: 'pear', total: 2, big: 'no', up: 'PEAR', ntags: 1 },
    ]);
    const u = await run([{ $match: { cust: 'c3' } }, { $unset: ['day', 'price', 'qty'] }]);
    expect(u).toEqual([{ _id: 4, cust: 'c3', item: 'kiwi' }]);
  });

  it('$unwind, with preserveNullAndEmptyArrays and includeArrayIndex', async () => {
    const plain = await run([{ $unwind: '$tags' }, { $project: { tags: 1 } }, { $sort: { _id: 1, tags: 1 } }]);
    expect(plain).toEqual([
      { _id: 1, tags: 'fruit' },
      { _id: 1, tags: 'red' },
      { _id: 2, tags: 'fruit' },
    ]);
    const kept = await run([
      { $unwind: { path: '$tags', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i' } },
      { $project: { tags: 1, i: 1 } },
      { $sort: { _id: 1, i: 1 } },
    ]);
    expect(kept).toEqual([
      { _id: 1, tags: 'fruit', i: 0 },
      { _id: 1, tags: 'red', i: 1 },
      { _id: 2, tags: 'fruit', i: 0 },
      { _id: 3, i: null },
      { _id: 4, i: null },
    ]);
  });

  it('$skip, $limit, $replaceRoot, $facet, $sortByCount', async () => {
    expect((await run([{ $sort: { _id: -1 } }, { $skip: 1 }, { $limit: 2 }])).map((d) => d._id)).toEqual([3, 2]);
    expect(await run([{ $match: { cust: 'c3' } }, { $replaceRoot: { newRoot: { x: '$item' } } }])).toEqual([
      { x: 'kiwi' },
    ]);
    const f = await run([
      { $facet: { n: [{ $count: 'n' }], items: [{ $group: { _id: '$item' } }, { $sort: { _id: 1 } }] } },
    ]);
    expect(f).toEqual([{ n: [{ n: 4 }], items: [{ _id: 'apple' }, { _id: 'kiwi' }, { _id: 'pear' }] }]);
    const s = await run([{ $sortByCount: '$item' }, { $limit: 1 }]);
    expect(s).toEqual([{ _id: 'apple', count: 2 }]);
  });

  it('date expressions', async () => {
    const r = await run([
      { $match: { cust: 'c2' } },
      {
        $project: {
          _id: 0,
          d: { $dateToString: { format: '%Y-%m-%d', date: '$day' } },
          h: { $hour: '$day' },
          y: { $year: '$day' },
        },
      },
    ]);
    expect(r).toEqual([{ d: '2024-01-02', h: 12, y: 2024 }]);
  });
});

describe('$lookup', () => {
  it('localField / foreignField joins another collection', async () => {
    const r = await run([
      { $sort: { _id: 1 } },
      { $lookup: { from: 'customers', localField: 'cust', foreignField: '_id', as: 'customer' } },
      { $project: { cust: 1, 'customer.name': 1 } },
    ]);
    expect(r).toEqual([
      { _id: 1, cust: 'c1', customer: [{ name: 'Ann' }] },
      { _id: 2, cust: 'c1', customer: [{ name: 'Ann' }] },
      { _id: 3, cust: 'c2', customer: [{ name: 'Bob' }] },
      { _id: 4, cust: 'c3', customer: [] },
    ]);
  });

  it('the reverse direction matches array-valued and multiple documents', async () => {
    const r = await run(
      [
        { $sort: { _id: 1 } },
        { $lookup: { from: 'orders', localField: '_id', foreignField: 'cust', as: 'o' } },
        { $project: { n: { $size: '$o' } } },
      ],
      'customers',
    );
    expect(r).toEqual([
      { _id: 'c1', n: 2 },
      { _id: 'c2', n: 1 },
    ]);
  });

  it('pipeline form with let', async () => {
    const r = await run(
      [
        { $match: { city: 'Oslo' } },
        {
          $lookup: {
            from: 'orders',
            let: { c: '$_id' },
            pipeline: [
              { $match: { $expr: { $eq: ['$cust', '$$c'] } } },
              { $sort: { qty: -1 } },
              { $project: { _id: 0, item: 1 } },
            ],
            as: 'orders',
          },
        },
      ],
      'customers',
    );
    expect(r).toEqual([{ _id: 'c1', name: 'Ann', city: 'Oslo', orders: [{ item: 'apple' }, { item: 'pear' }] }]);
  });

  it('a missing foreign collection yields empty arrays', async () => {
    const r = await run([
      { $match: { cust: 'c3' } },
      { $lookup: { from: 'nope', localField: 'cust', foreignField: 'x', as: 'j' } },
      { $project: { j: 1 } },
    ]);
    expect(r).toEqual([{ _id: 4, j: [] }]);
  });
});

describe('$out', () => {
  it('writes the results to a collection, replacing it, and returns an empty batch', async () => {
    await db.collection('summary').insertOne({ stale: true });
    const r = await db.command(
      {
        aggregate: 'orders',
        pipeline: [{ $group: { _id: '$cust', qty: { $sum: '$qty' } } }, { $out: 'summary' }],
        cursor: {},
      },
      L,
    );
    expect(r.cursor.firstBatch).toEqual([]);
    expect(r.cursor.id).toBe(0n);
    expect(await db.collection('summary').find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'c1', qty: 3 },
      { _id: 'c2', qty: 5 },
      { _id: 'c3', qty: 3 },
    ]);
  });

  it('$out must be the last stage', async () => {
    const e = await db
      .command({ aggregate: 'orders', pipeline: [{ $out: 'x' }, { $limit: 1 }], cursor: {} })
      .catch((x: { code: number }) => x);
    expect(e.code).toBe(40601);
  });
});
