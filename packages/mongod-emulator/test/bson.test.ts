/**
 * BSON type fidelity: Int32 / Double / Long / Decimal128 survive a round trip as the same
 * type; $type with BSON type names, aliases and numbers; numeric equality across types;
 * $inc type promotion (int + int = int, int overflow → long, int + double = double);
 * ObjectId, Date, Decimal128 and Long comparison and sorting; mongod's cross-type sort
 * order; binary string comparison; other types round-trip unchanged.
 */
import {
  Binary,
  BSONRegExp,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
  UUID,
  type Collection,
  type Db,
  type Document,
  type MongoClient,
} from 'mongodb';
import { openDb, indexedCollection } from './support/env';

const DB = 'emu_bson';
let client: MongoClient;
let db: Db;
let seq = 0;
const RAW = { promoteValues: false, promoteLongs: false } as const;

const coll = (docs: Document[] = []): Promise<Collection> => indexedCollection(db, `b${++seq}`, docs);

beforeAll(async () => {
  ({ client, db } = await openDb(DB));
});
afterAll(async () => {
  await db.dropDatabase().catch(() => undefined);
  await client.close();
});

describe('numeric types survive a round trip', () => {
  it('Int32 stays Int32, Double stays Double (even when integral), Long and Decimal128 too', async () => {
    const c = await coll([
      {
        _id: 1,
        i: new Int32(5),
        d: new Double(5),
        f: new Double(2.5),
        l: Long.fromString('5'),
        m: Decimal128.fromString('5.0'),
      },
    ]);
    const d = await c.findOne({ _id: 1 } as never, RAW);
    expect(d?.i).toBeInstanceOf(Int32);
    expect(d?.d).toBeInstanceOf(Double);
    expect(d?.f).toBeInstanceOf(Double);
    expect(d?.l).toBeInstanceOf(Long);
    expect(d?.m).toBeInstanceOf(Decimal128);
    expect((d?.i as Int32).value).toBe(5);
    expect((d?.d as Double).value).toBe(5);
    expect(String(d?.l)).toBe('5');
    expect(d?.m.toString()).toBe('5.0'); // Decimal128 keeps its trailing zero
  });

  it('a Long beyond 2^53 is exact', async () => {
    const big = 9007199254740993n;
    const c = await coll([{ _id: 1, l: big }]);
    const d = await c.findOne({ _id: 1 } as never, { useBigInt64: true });
    expect(d?.l).toBe(big);
    expect(await c.countDocuments({ g: null, l: big })).toBe(1);
    expect(await c.countDocuments({ g: null, l: big + 1n })).toBe(0);
  });

  it('updates keep the stored type: $set of a Double, aggregation output', async () => {
    const c = await coll([{ _id: 1, g: 1, x: new Int32(1) }]);
    await c.updateOne({ _id: 1 } as never, { $set: { y: new Double(3) } });
    const d = await c.findOne({ _id: 1 } as never, RAW);
    expect(d?.x).toBeInstanceOf(Int32);
    expect(d?.y).toBeInstanceOf(Double);
    const [a] = await c.aggregate([{ $match: { g: 1 } }, { $project: { x: 1, y: 1 } }], RAW).toArray();
    expect(a?.x).toBeInstanceOf(Int32);
    expect(a?.y).toBeInstanceOf(Double);
  });

  it('$inc follows mongod’s promotion rules', async () => {
    const c = await coll([
      { _id: 1, a: new Int32(1), b: new Int32(2147483647), c: new Int32(1), d: Long.fromNumber(1), e: new Double(1) },
    ]);
    await c.updateOne({ _id: 1 } as never, {
      $inc: { a: new Int32(1), b: new Int32(1), c: new Double(0.5), d: new Int32(1), e: new Int32(1) },
    });
    const d = await c.findOne({ _id: 1 } as never, RAW);
    expect(d?.a).toBeInstanceOf(Int32); // int + int = int
    expect((d?.a as Int32).value).toBe(2);
    expect(d?.b).toBeInstanceOf(Long); // int overflow = long
    expect(String(d?.b)).toBe('2147483648');
    expect(d?.c).toBeInstanceOf(Double); // int + double = double
    expect((d?.c as Double).value).toBe(1.5);
    expect(d?.d).toBeInstanceOf(Long); // long + int = long
    expect(d?.e).toBeInstanceOf(Double); // double + int = double
  });

  it('numbers of different types are equal when their values are', async () => {
    const c = await coll([
      { _id: 1, g: 1, n: new Int32(7) },
      { _id: 2, g: 1, n: Long.fromNumber(7) },
      { _id: 3, g: 1, n: new Double(7) },
      { _id: 4, g: 1, n: Decimal128.fromString('7.00') },
      { _id: 5, g: 1, n: new Double(7.5) },
      { _id: 6, g: 1, n: '7' },
    ]);
    const ids = async (f: Document) =>
      (
        await c
          .find({ g: 1, ...f })
          .sort({ _id: 1 })
          .toArray()
      ).map((d) => d._id);
    expect(await ids({ n: 7 })).toEqual([1, 2, 3, 4]);
    expect(await ids({ n: Decimal128.fromString('7') })).toEqual([1, 2, 3, 4]);
    expect(await ids({ n: { $gt: Long.fromNumber(7) } })).toEqual([5]);
    expect(await ids({ n: { $lt: Decimal128.fromString('7.1') } })).toEqual([1, 2, 3, 4]);
  });
});

describe('$type', () => {
  let c: Collection;
  const ids = async (t: unknown) =>
    (
      await c
        .find({ g: 1, v: { $type: t } } as Document)
        .sort({ _id: 1 })
        .toArray()
    ).map((d) => d._id);

  beforeAll(async () => {
    c = await coll([
      { _id: 1, g: 1, v: new Double(1) },
      { _id: 2, g: 1, v: 'str' },
      { _id: 3, g: 1, v: { o: 1 } },
      { _id: 4, g: 1, v: [new Int32(1), 'x'] },
      { _id: 5, g: 1, v: new Binary(Buffer.from('ab')) },
      { _id: 6, g: 1, v: new ObjectId() },
      { _id: 7, g: 1, v: true },
      { _id: 8, g: 1, v: new Date(0) },
      { _id: 9, g: 1, v: null },
      { _id: 10, g: 1, v: new BSONRegExp('a', 'i') },
      { _id: 11, g: 1, v: new Int32(3) },
      { _id: 12, g: 1, v: new Timestamp({ t: 1, i: 1 }) },
      { _id: 13, g: 1, v: Long.fromNumber(3) },
      { _id: 14, g: 1, v: Decimal128.fromString('1.5') },
      { _id: 15, g: 1, v: new MinKey() },
      { _id: 16, g: 1, v: new MaxKey() },
      { _id: 17, g: 1 },
    ]);
  });

  it('by name', async () => {
    expect(await ids('double')).toEqual([1]);
    expect(await ids('string')).toEqual([2, 4]); // an array matches by its elements too
    expect(await ids('object')).toEqual([3]);
    expect(await ids('array')).toEqual([4]);
    expect(await ids('binData')).toEqual([5]);
    expect(await ids('objectId')).toEqual([6]);
    expect(await ids('bool')).toEqual([7]);
    expect(await ids('date')).toEqual([8]);
    expect(await ids('null')).toEqual([9]);
    expect(await ids('regex')).toEqual([10]);
    expect(await ids('int')).toEqual([4, 11]);
    expect(await ids('timestamp')).toEqual([12]);
    expect(await ids('long')).toEqual([13]);
    expect(await ids('decimal')).toEqual([14]);
    expect(await ids('minKey')).toEqual([15]);
    expect(await ids('maxKey')).toEqual([16]);
  });

  it('the number alias, numeric codes and lists', async () => {
    expect(await ids('number')).toEqual([1, 4, 11, 13, 14]);
    expect(await ids(16)).toEqual([4, 11]);
    expect(await ids(18)).toEqual([13]);
    expect(await ids(2)).toEqual([2, 4]);
    expect(await ids(['bool', 'date'])).toEqual([7, 8]);
  });

  it('an unknown type name → 2 BadValue', async () => {
    const e = await c
      .find({ g: 1, v: { $type: 'integer' } })
      .toArray()
      .catch((x: { code: number }) => x);
    expect((e as { code: number }).code).toBe(2);
  });

  it('$type in aggregation names the stored type', async () => {
    const r = await c
      .aggregate([{ $match: { g: 1 } }, { $sort: { _id: 1 } }, { $project: { _id: 0, t: { $type: '$v' } } }])
      .toArray();
    expect(r.map((d) => d.t)).toEqual([
      'double',
      'string',
      'object',
      'array',
      'binData',
      'objectId',
      'bool',
      'date',
      'null',
      'regex',
      'int',
      'timestamp',
      'long',
      'decimal',
      'minKey',
      'maxKey',
      'missing',
    ]);
  });
});

describe('ordering', () => {
  it('ObjectIds order by their bytes (creation time first)', async () => {
    const a = ObjectId.createFromTime(1000);
    const b = ObjectId.createFromTime(2000);
    const z = ObjectId.createFromTime(3000);
    const c = await coll([{ _id: z }, { _id: a }, { _id: b }]);
    expect((await c.find({}).sort({ _id: 1 }).toArray()).map((d) => d._id.toHexString())).toEqual(
      [a, b, z].map((o) => o.toHexString()),
    );
    expect(await c.countDocuments({ _id: { $gt: a } })).toBe(2);
    expect(await c.countDocuments({ _id: { $lte: b } })).toBe(2);
  });

  it('Dates order chronologically, including before 1970', async () => {
    const c = await coll([
      { _id: 1, g: 1, d: new Date('2020-01-01') },
      { _id: 2, g: 1, d: new Date('1960-06-01') },
      { _id: 3, g: 1, d: new Date('1999-12-31') },
    ]);
    expect((await c.find({ g: 1 }).sort({ d: 1 }).toArray()).map((d) => d._id)).toEqual([2, 3, 1]);
    expect(
      (
        await c
          .find({ g: 1, d: { $gte: new Date('1970-01-01') } })
          .sort({ _id: 1 })
          .toArray()
      ).map((d) => d._id),
    ).toEqual([1, 3]);
  });

  it('Long, Int32, Double and Decimal128 sort by value together', async () => {
    const c = await coll([
      { _id: 1, n: Long.fromString('9007199254740993') },
      { _id: 2, n: new Double(2.4) },
      { _id: 3, n: Decimal128.fromString('2.5') },
      { _id: 4, n: new Int32(-3) },
      { _id: 5, n: Long.fromNumber(3) },
      { _id: 6, n: Decimal128.fromString('-1E+2') },
      { _id: 7, n: new Double(9007199254740992) },
    ]);
    expect((await c.find({}).sort({ n: 1 }).toArray()).map((d) => d._id)).toEqual([6, 4, 2, 3, 5, 7, 1]);
    expect((await c.find({}).sort({ n: -1 }).toArray()).map((d) => d._id)).toEqual([1, 7, 5, 3, 2, 4, 6]);
  });

  it('mixed types sort in mongod’s BSON order', async () => {
    const c = await coll([
      { _id: 'maxkey', v: new MaxKey() },
      { _id: 'regex', v: new BSONRegExp('x') },
      { _id: 'timestamp', v: new Timestamp({ t: 5, i: 0 }) },
      { _id: 'date', v: new Date(0) },
      { _id: 'bool', v: false },
      { _id: 'objectid', v: new ObjectId('000000000000000000000000') },
      { _id: 'bindata', v: new Binary(Buffer.from([1])) },
      { _id: 'object', v: { a: 1 } },
      { _id: 'string', v: 'a' },
      { _id: 'number', v: 1 },
      { _id: 'null', v: null },
      { _id: 'minkey', v: new MinKey() },
    ]);
    const order = [
      'minkey',
      'null',
      'number',
      'string',
      'object',
      'bindata',
      'objectid',
      'bool',
      'date',
      'timestamp',
      'regex',
      'maxkey',
    ];
    expect((await c.find({}).sort({ v: 1 }).toArray()).map((d) => d._id)).toEqual(order);
    expect((await c.find({}).sort({ v: -1 }).toArray()).map((d) => d._id)).toEqual([...order].reverse());
  });

  it('comparison operators do not cross type brackets', async () => {
    const c = await coll([
      { _id: 1, g: 1, v: 5 },
      { _id: 2, g: 1, v: '5' },
      { _id: 3, g: 1, v: new Date(5) },
      { _id: 4, g: 1, v: true },
    ]);
    expect((await c.find({ g: 1, v: { $gt: 0 } }).toArray()).map((d) => d._id)).toEqual([1]);
    expect((await c.find({ g: 1, v: { $gt: '' } }).toArray()).map((d) => d._id)).toEqual([2]);
    expect((await c.find({ g: 1, v: { $lt: new Date(10) } }).toArray()).map((d) => d._id)).toEqual([3]);
  });

  it('strings compare by UTF-8 bytes (no collation)', async () => {
    const c = await coll([
      { _id: 1, s: 'b' },
      { _id: 2, s: 'B' },
      { _id: 3, s: 'a' },
      { _id: 4, s: 'é' },
      { _id: 5, s: 'ab' },
      { _id: 6, s: 'Z' },
    ]);
    expect((await c.find({}).sort({ s: 1 }).toArray()).map((d) => d.s)).toEqual(['B', 'Z', 'a', 'ab', 'b', 'é']);
  });

  it('embedded documents compare field by field, names before values', async () => {
    const c = await coll([
      { _id: 1, o: { b: 0 } },
      { _id: 2, o: { a: 2 } },
      { _id: 3, o: { a: 1, b: 1 } },
      { _id: 4, o: { a: 1 } },
    ]);
    expect((await c.find({}).sort({ o: 1 }).toArray()).map((d) => d._id)).toEqual([4, 3, 2, 1]);
  });
});

describe('other types round-trip unchanged', () => {
  it('Binary subtypes, UUID, Timestamp, regex, MinKey/MaxKey, nested arrays, field order', async () => {
    const uuid = new UUID();
    const doc = {
      _id: 1,
      z: 1,
      bin: new Binary(Buffer.from([0, 1, 2, 255]), 0),
      uuid,
      ts: new Timestamp({ t: 123, i: 4 }),
      re: new BSONRegExp('^a.c$', 'im'),
      min: new MinKey(),
      max: new MaxKey(),
      nested: [[1, [2, { x: [3] }]], []],
      a: { y: 1, x: 2 },
      empty: {},
      nul: null,
    };
    const c = await coll([doc]);
    const back = await c.findOne({ _id: 1 } as never, { bsonRegExp: true });
    expect(Object.keys(back ?? {})).toEqual(Object.keys(doc));
    expect(Object.keys(back?.a ?? {})).toEqual(['y', 'x']);
    expect((back?.bin as Binary).buffer).toEqual(new Uint8Array([0, 1, 2, 255]));
    expect((back?.uuid as Binary).sub_type).toBe(4);
    expect((back?.uuid as Binary).toUUID().toHexString()).toBe(uuid.toHexString());
    expect(back?.ts).toEqual(doc.ts);
    expect(back?.re).toEqual(doc.re);
    expect(back?.min).toBeInstanceOf(MinKey);
    expect(back?.max).toBeInstanceOf(MaxKey);
    expect(back?.nested).toEqual(doc.nested);
    expect(back?.empty).toEqual({});
    expect(back?.nul).toBeNull();
  });
});
