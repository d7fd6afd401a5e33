/**
 * End to end through mongoose (as the app uses it): schema indexes and syncIndexes,
 * create / find / update / upsert / populate / aggregate / bulkWrite, lean reads, and a unique
 * violation surfacing as MongoServerError 11000 with keyValue. Every query is index-served,
 * so this also runs under notablescan, as the app's tests do.
 */
import mongoose, { Schema, type Connection } from 'mongoose';

// mongoose ships its own copy of the driver: its errors are that copy's classes.
const { MongoServerError } = mongoose.mongo;
type MongoServerError = InstanceType<typeof MongoServerError>;
import { target } from './support/env';

const DB = 'emu_mongoose';
let conn: Connection;

const companySchema = new Schema({
  name: { type: String, required: true, unique: true },
  domain: { type: String, index: true },
  size: Number,
});
const personSchema = new Schema(
  {
    email: { type: String, required: true, unique: true },
    name: String,
    company: { type: Schema.Types.ObjectId, ref: 'Company', index: true },
    tags: { type: [String], index: true },
    visits: { type: Number, default: 0 },
    score: Schema.Types.Decimal128,
    lastSeen: Date,
  },
  { timestamps: true },
);
personSchema.index({ company: 1, name: 1 });

type CompanyDoc = mongoose.InferSchemaType<typeof companySchema>;
type PersonDoc = mongoose.InferSchemaType<typeof personSchema>;
let Company: mongoose.Model<CompanyDoc>;
let Person: mongoose.Model<PersonDoc>;

beforeAll(async () => {
  conn = mongoose.createConnection(target.uri, {
    dbName: DB,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: 10000,
  });
  await conn.asPromise();
  await conn.dropDatabase();
  Company = conn.model('Company', companySchema);
  Person = conn.model('Person', personSchema);
  await Company.syncIndexes();
  await Person.syncIndexes();
});
afterAll(async () => {
  await conn.dropDatabase().catch(() => undefined);
  await conn.close();
});

describe('indexes', () => {
  it('syncIndexes creates the schema’s indexes', async () => {
    const idx = await Person.collection.indexes();
    const byName = Object.fromEntries(idx.map((i) => [i.name, i]));
    expect(Object.keys(byName).sort()).toEqual(['_id_', 'company_1', 'company_1_name_1', 'email_1', 'tags_1']);
    expect(byName.email_1?.unique).toBe(true);
    expect(byName.company_1_name_1?.key).toEqual({ company: 1, name: 1 });
  });

  it('syncIndexes again is a no-op, and drops indexes the schema no longer declares', async () => {
    expect(await Person.syncIndexes()).toEqual([]);
    await Person.collection.createIndex({ visits: 1 });
    const dropped = await Person.syncIndexes();
    expect(dropped).toEqual(['visits_1']);
    expect((await Person.collection.indexes()).map((i) => i.name)).not.toContain('visits_1');
  });

  it('diffIndexes reports nothing to do', async () => {
    expect(await Company.diffIndexes()).toEqual({ toDrop: [], toCreate: [] });
  });
});

describe('documents', () => {
  it('create, find, populate, lean', async () => {
    const acme = await Company.create({ name: 'Acme', domain: 'acme.test', size: 10 });
    await Person.create([
      { email: 'ann@acme.test', name: 'Ann', company: acme._id, tags: ['lead', 'vip'], score: '12.50' },
      { email: 'bob@acme.test', name: 'Bob', company: acme._id, tags: ['lead'] },
    ]);
    const people = await Person.find({ company: acme._id }).sort({ name: 1 }).populate('company').lean();
    expect(people.map((p) => p.name)).toEqual(['Ann', 'Bob']);
    expect((people[0]?.company as unknown as { name: string }).name).toBe('Acme');
    expect(people[0]?.visits).toBe(0);
    expect(people[0]?.createdAt).toBeInstanceOf(Date);
    expect(people[0]?.score?.toString()).toBe('12.50');
    expect(await Person.countDocuments({ tags: 'lead' })).toBe(2);
    expect((await Person.findOne({ email: 'bob@acme.test' }))?.name).toBe('Bob');
  });

  it('updateOne / $inc / findOneAndUpdate with upsert and $setOnInsert', async () => {
    await Person.updateOne(
      { email: 'ann@acme.test' },
      { $inc: { visits: 2 }, $set: { lastSeen: new Date('2024-05-01') } },
    );
    const ann = await Person.findOne({ email: 'ann@acme.test' }).lean();
    expect(ann?.visits).toBe(2);
    expect(ann?.lastSeen?.toISOString()).toBe('2024-05-01T00:00:00.000Z');
    const created = await Person.findOneAndUpdate(
      { email: 'cid@new.test' },
      { $set: { name: 'Cid' }, $setOnInsert: { tags: ['new'] } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(created).toMatchObject({ email: 'cid@new.test', name: 'Cid', tags: ['new'] });
    const again = await Person.findOneAndUpdate(
      { email: 'cid@new.test' },
      { $set: { name: 'Cid2' }, $setOnInsert: { tags: ['other'] } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(again?.tags).toEqual(['new']);
    expect(again?._id.toString()).toBe(created?._id.toString());
  });

  it('a unique violation is a MongoServerError 11000 with keyValue', async () => {
    let err: unknown;
    try {
      await Person.create({ email: 'ann@acme.test', name: 'Dup' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MongoServerError);
    const e = err as MongoServerError;
    expect(e.code).toBe(11000);
    expect(e.keyValue).toEqual({ email: 'ann@acme.test' });
    expect(e.message).toBe(
      `E11000 duplicate key error collection: ${DB}.people index: email_1 dup key: { email: "ann@acme.test" }`,
    );
    const dupCompany = await Company.create({ name: 'Acme' }).catch((x: MongoServerError) => x);
    expect((dupCompany as MongoServerError).code).toBe(11000);
  });

  it('aggregate with $lookup across models', async () => {
    const acme = await Company.findOne({ name: 'Acme' }).lean();
    const rows = await Person.aggregate<{ _id: string; n: number; company: string }>([
      { $match: { company: acme?._id } },
      { $lookup: { from: 'companies', localField: 'company', foreignField: '_id', as: 'c' } },
      { $unwind: '$c' },
      { $group: { _id: '$c.name', n: { $sum: 1 }, visits: { $sum: '$visits' } } },
    ]);
    expect(rows).toEqual([{ _id: 'Acme', n: 2, visits: 2 }]);
  });

  it('bulkWrite and deleteMany', async () => {
    const r = await Person.bulkWrite([
      { insertOne: { document: { email: 'x1@bulk.test', tags: ['bulk'] } } },
      { insertOne: { document: { email: 'x2@bulk.test', tags: ['bulk'] } } },
      { updateOne: { filter: { email: 'x1@bulk.test' }, update: { $set: { name: 'X1' } } } },
      { deleteOne: { filter: { email: 'x2@bulk.test' } } },
    ]);
    expect(r.insertedCount).toBe(2);
    expect(r.modifiedCount).toBe(1);
    expect(r.deletedCount).toBe(1);
    expect((await Person.deleteMany({ tags: 'bulk' })).deletedCount).toBe(1);
  });

  it('a mongoose transaction on a standalone → 20 IllegalOperation', async () => {
    const e = await conn
      .transaction(async (session) => {
        await Person.create([{ email: 'tx@t.test' }], { session });
      })
      .catch((x: MongoServerError) => x);
    // The driver turns mongod's 20 IllegalOperation into a retryable-writes hint (see refusals.test.ts).
    expect(e).toBeInstanceOf(MongoServerError);
    expect(((e as MongoServerError).errorResponse.originalError as { code?: number }).code).toBe(20);
    expect(await Person.countDocuments({ email: 'tx@t.test' })).toBe(0);
  });
});
