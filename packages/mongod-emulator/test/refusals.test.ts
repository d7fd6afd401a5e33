/**
 * "Never silently wrong". Two kinds of test live here:
 *  - what a standalone mongod itself refuses, with mongod's code: transactions / txnNumber
 *    (20 IllegalOperation), $changeStream (40573), $text without a text index (27), documents
 *    over 16 MB (10334 BSONObjectTooLarge);
 *  - what mongod does but the emulator deliberately refuses (text search, geo, $merge,
 *    collations that change equality): against the emulator it must fail with a clear error
 *    naming the feature; against a real mongod the same test checks that it works.
 */
import { Long, type Db, type MongoClient } from 'mongodb';
import { expectCode, openDb, refusedByEmulator, serverError, target } from './support/env';

const DB = 'emu_refuse';
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  ({ client, db } = await openDb(DB));
  await db.collection('docs').insertMany([
    { _id: 1, name: 'Anna', body: 'the quick brown fox', loc: { type: 'Point', coordinates: [10, 10] } },
    { _id: 2, name: 'anna', body: 'lazy dogs sleep', loc: { type: 'Point', coordinates: [50, 50] } },
  ] as never[]);
  await db.collection('docs').createIndex({ name: 1 });
});
afterAll(async () => {
  await db.dropDatabase().catch(() => undefined);
  await client.close();
});

describe('refused by a standalone mongod too', () => {
  it('a txnNumber → 20 IllegalOperation', async () => {
    const session = client.startSession();
    try {
      await expectCode(
        db.command({ find: 'docs', filter: {}, txnNumber: Long.fromNumber(1) }, { session }),
        20,
        'IllegalOperation',
        /Transaction numbers are only allowed on a replica set member or mongos/,
      );
    } finally {
      await session.endSession();
    }
  });

  it('a driver transaction → 20 IllegalOperation, nothing written', async () => {
    const session = client.startSession();
    try {
      const e = await serverError(
        session.withTransaction(async () => {
          await db.collection('tx').insertOne({ _id: 1 } as never, { session });
        }),
      );
      // The driver rewrites mongod's answer (20 "Transaction numbers are only allowed on a
      // replica set member or mongos") into a hint, keeping the server's error as originalError.
      expect(e.message).toMatch(/This MongoDB deployment does not support retryable writes/);
      const original = e.errorResponse.originalError as { code?: number; codeName?: string; message?: string };
      expect(original.code).toBe(20);
      expect(original.codeName).toBe('IllegalOperation');
      expect(original.message).toMatch(/Transaction numbers are only allowed on a replica set member or mongos/);
    } finally {
      await session.endSession();
    }
    expect(await db.collection('tx').countDocuments()).toBe(0);
  });

  it('$changeStream → 40573', async () => {
    await expectCode(
      db.command({ aggregate: 'docs', pipeline: [{ $changeStream: {} }], cursor: {} }),
      40573,
      'Location40573',
      /The \$changeStream stage is only supported on replica sets/,
    );
    const stream = db.collection('docs').watch();
    await expect(stream.tryNext()).rejects.toMatchObject({ code: 40573 });
    await stream.close();
  });

  it('$text without a text index → 27 IndexNotFound', async () => {
    await expectCode(
      db
        .collection('docs')
        .find({ $text: { $search: 'fox' } })
        .toArray(),
      27,
      'IndexNotFound',
      /text index required for \$text query/,
    );
  });

  it('a document over 16 MB → 10334 BSONObjectTooLarge, nothing stored', async () => {
    // Over mongod's 16 MB + 16 KB message-body limit, under the driver's 17 MB serializer buffer.
    const big = 'x'.repeat(16.5 * 1024 * 1024);
    const e = await expectCode(db.collection('big').insertOne({ _id: 1, big } as never), 10334, 'BSONObjectTooLarge');
    expect(e.message).toMatch(
      /BSONObj size: \d+ \(0x[0-9a-f]+\) is invalid\. Size must be between 0 and 16793600\(16MB\)/i,
    );
    expect(await db.collection('big').countDocuments()).toBe(0);
  });

  it('an update that would grow a document past 16 MB → 10334, document unchanged', async () => {
    const nine = 'y'.repeat(9 * 1024 * 1024);
    const c = db.collection('grow');
    await c.insertOne({ _id: 1, a: nine } as never);
    const e = await serverError(c.updateOne({ _id: 1 } as never, { $set: { b: nine } }));
    expect(e.code).toBe(10334);
    expect(e.message).toMatch(/BSONObj size: \d+ .*is invalid/);
    const back = await c.findOne({ _id: 1 } as never, { projection: { a: 0 } });
    expect(back).toEqual({ _id: 1 });
  });
});

describe('what the emulator refuses rather than approximates', () => {
  it('text indexes / $text search', async () => {
    await refusedByEmulator(
      async () => {
        await db.collection('docs').createIndex({ body: 'text' });
        return db
          .collection('docs')
          .find({ $text: { $search: 'fox' } })
          .toArray();
      },
      /text/i,
      (r) => expect((r as Array<{ _id: number }>).map((d) => d._id)).toEqual([1]),
    );
  });

  it('$near with a 2dsphere index', async () => {
    await refusedByEmulator(
      async () => {
        await db.collection('docs').createIndex({ loc: '2dsphere' });
        return db
          .collection('docs')
          .find({ loc: { $near: { $geometry: { type: 'Point', coordinates: [49, 49] } } } })
          .toArray();
      },
      /2dsphere|near|geo/i,
      (r) => expect((r as Array<{ _id: number }>).map((d) => d._id)).toEqual([2, 1]),
    );
  });

  it('$geoWithin (no index needed on mongod)', async () => {
    await refusedByEmulator(
      () =>
        db
          .collection('docs')
          .find({ name: { $in: ['Anna', 'anna'] }, loc: { $geoWithin: { $centerSphere: [[10, 10], 0.01] } } })
          .toArray(),
      /geo/i,
      (r) => expect((r as Array<{ _id: number }>).map((d) => d._id)).toEqual([1]),
    );
  });

  it('$merge', async () => {
    await refusedByEmulator(
      () =>
        db
          .collection('docs')
          .aggregate([{ $project: { name: 1 } }, { $merge: { into: 'merged' } }])
          .toArray(),
      /\$merge/,
      async () => expect(await db.collection('merged').countDocuments()).toBe(2),
    );
  });

  it('a case-insensitive collation on a query', async () => {
    await refusedByEmulator(
      // _id keeps the query index-served under notablescan: the simple-collation name index
      // cannot serve a string predicate under another collation.
      () =>
        db
          .collection('docs')
          .find({ _id: { $in: [1, 2] }, name: 'ANNA' } as never, { collation: { locale: 'en', strength: 2 } })
          .toArray(),
      /collation/i,
      (r) => expect((r as unknown[]).length).toBe(2),
    );
  });

  it('a unique index with a case-insensitive collation', async () => {
    const c = db.collection('ci');
    await refusedByEmulator(
      async () => {
        await c.createIndex({ email: 1 }, { unique: true, collation: { locale: 'en', strength: 2 } });
        await c.insertOne({ email: 'A@x' });
        return c.insertOne({ email: 'a@x' }).then(
          () => 'inserted',
          (e: { code: number }) => e.code,
        );
      },
      /collation/i,
      (r) => expect(r).toBe(11000),
    );
  });

  it('the simple collation is binary comparison, which the emulator does itself', async () => {
    const r = await db
      .collection('docs')
      .find({ name: 'Anna' }, { collation: { locale: 'simple' } })
      .toArray();
    expect(r.map((d) => d._id)).toEqual([1]);
  });

  it('the emulator’s refusals carry a code and a codeName', async () => {
    if (!target.isEmulator) return;
    const e = await serverError(
      db
        .collection('docs')
        .aggregate([{ $merge: { into: 'm2' } }])
        .toArray(),
    );
    expect(e.code).toBeGreaterThan(0);
    expect(typeof e.codeName).toBe('string');
    expect(e.codeName?.length).toBeGreaterThan(0);
  });
});
