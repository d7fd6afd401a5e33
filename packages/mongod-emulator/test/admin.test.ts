/**
 * Administrative and diagnostic commands: hello / isMaster, ping, buildInfo, getParameter,
 * serverStatus, listDatabases, listCollections, create, drop, dropDatabase, dbStats,
 * collStats, endSessions and the CommandNotFound reply for anything else.
 * Shapes and codes are mongod 7.0's (error_codes.yml, the command reply IDL).
 */
import { Binary, Long, MongoClient, ObjectId, type Db } from 'mongodb';
import { expectCode, openDb, target } from './support/env';

const DB = 'emu_admin';
let client: MongoClient;
let db: Db;
let admin: Db;
const L = { useBigInt64: true } as const;

beforeAll(async () => {
  ({ client, db } = await openDb(DB));
  admin = client.db('admin');
});
afterAll(async () => {
  await db.dropDatabase().catch(() => undefined);
  await client.close();
});

const isV70 = () => /^7\.0\./.test(process.env.MONGOD_EMU_VERSION ?? '');

describe('hello / isMaster', () => {
  it('hello answers like a standalone mongod 7.0', async () => {
    const r = await admin.command({ hello: 1 }, L);
    expect(r).toMatchObject({
      isWritablePrimary: true,
      maxBsonObjectSize: 16777216,
      maxMessageSizeBytes: 48000000,
      maxWriteBatchSize: 100000,
      logicalSessionTimeoutMinutes: 30,
      minWireVersion: 0,
      readOnly: false,
      ok: 1,
    });
    expect(r.localTime).toBeInstanceOf(Date);
    expect(typeof r.connectionId).toBe('number');
    expect(r.topologyVersion.processId).toBeInstanceOf(ObjectId);
    expect(typeof r.topologyVersion.counter).toBe('bigint');
    if (isV70()) expect(r.maxWireVersion).toBe(21);
    else expect(r.maxWireVersion).toBeGreaterThanOrEqual(21);
    // A standalone: no replica-set or mongos fields, no legacy field name.
    for (const f of ['setName', 'hosts', 'primary', 'secondary', 'msg', 'ismaster']) expect(r).not.toHaveProperty(f);
  });

  it('isMaster and ismaster use the legacy field name and echo helloOk', async () => {
    for (const name of ['isMaster', 'ismaster']) {
      const r = await admin.command({ [name]: 1, helloOk: true });
      expect(r.ismaster).toBe(true);
      expect(r.helloOk).toBe(true);
      expect(r).not.toHaveProperty('isWritablePrimary');
      expect(r.ok).toBe(1);
    }
  });

  it('hello is answered on any database', async () => {
    expect((await db.command({ hello: 1 })).isWritablePrimary).toBe(true);
  });

  it('connectionId differs between connections', async () => {
    const a = await admin.command({ hello: 1 });
    const other = new MongoClient(target.uri, { maxPoolSize: 1 });
    try {
      const b = await other.db('admin').command({ hello: 1 });
      expect(b.connectionId).not.toBe(a.connectionId);
    } finally {
      await other.close();
    }
  });
});

describe('ping, buildInfo, getParameter, serverStatus', () => {
  it('ping → { ok: 1 }', async () => {
    expect(await admin.command({ ping: 1 })).toEqual({ ok: 1 });
    expect(await db.command({ ping: 1 })).toEqual({ ok: 1 });
  });

  it('buildInfo reports the version consistently', async () => {
    const r = await admin.command({ buildInfo: 1 });
    expect(r.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.version).toBe(process.env.MONGOD_EMU_VERSION);
    const nums = String(r.version).split(/[.-]/).slice(0, 3).map(Number);
    expect(r.versionArray.slice(0, 3)).toEqual(nums);
    expect(r.versionArray).toHaveLength(4);
    expect(typeof r.gitVersion).toBe('string');
    expect(r.bits).toBe(64);
    expect(r.maxBsonObjectSize).toBe(16777216);
    expect(Array.isArray(r.storageEngines)).toBe(true);
    expect(Array.isArray(r.modules)).toBe(true);
    expect(r.ok).toBe(1);
    if (target.isEmulator) expect(r.version).toMatch(/^7\.0\.\d+$/);
    // The lower-case spelling is the same command.
    expect((await db.command({ buildinfo: 1 })).version).toBe(r.version);
  });

  it('getParameter returns featureCompatibilityVersion and notablescan', async () => {
    const fcv = await admin.command({ getParameter: 1, featureCompatibilityVersion: 1 });
    expect(fcv.featureCompatibilityVersion.version).toBe(
      String(process.env.MONGOD_EMU_VERSION).split('.').slice(0, 2).join('.'),
    );
    expect(fcv.ok).toBe(1);
    const nts = await admin.command({ getParameter: 1, notablescan: 1 });
    expect(nts.notablescan).toBe(target.notablescan);
  });

  it('getParameter with an unknown name → 72 InvalidOptions', async () => {
    await expectCode(
      admin.command({ getParameter: 1, noSuchParameterAnywhere: 1 }),
      72,
      'InvalidOptions',
      /no option found to get/,
    );
  });

  it('getParameter outside admin → 13 Unauthorized', async () => {
    await expectCode(
      db.command({ getParameter: 1, notablescan: 1 }),
      13,
      'Unauthorized',
      /only be run against the admin database/,
    );
  });

  it('serverStatus has the basic sections', async () => {
    const r = await admin.command({ serverStatus: 1 });
    expect(r.process).toBe('mongod');
    expect(r.version).toBe(process.env.MONGOD_EMU_VERSION);
    expect(typeof r.host).toBe('string');
    expect(typeof r.uptime).toBe('number');
    expect(r.localTime).toBeInstanceOf(Date);
    expect(r.connections.current).toBeGreaterThanOrEqual(1);
    expect(typeof r.connections.available).toBe('number');
    expect(r.ok).toBe(1);
  });
});

describe('databases and collections', () => {
  it('listDatabases lists a database once it has data', async () => {
    await db.collection('ld').insertOne({ x: 1 });
    const r = await admin.command({ listDatabases: 1 });
    const entry = r.databases.find((d: { name: string }) => d.name === DB);
    expect(entry).toMatchObject({ name: DB, empty: false });
    expect(typeof entry.sizeOnDisk).toBe('number');
    expect(typeof r.totalSize).toBe('number');
    expect(r.ok).toBe(1);
    const names = await admin.command({ listDatabases: 1, nameOnly: true });
    expect(names.databases.find((d: { name: string }) => d.name === DB)).toEqual({ name: DB });
    const filtered = await admin.command({ listDatabases: 1, nameOnly: true, filter: { name: DB } });
    expect(filtered.databases).toEqual([{ name: DB }]);
  });

  it('listDatabases outside admin → 13 Unauthorized', async () => {
    await expectCode(
      db.command({ listDatabases: 1 }),
      13,
      'Unauthorized',
      /listDatabases may only be run against the admin database/,
    );
  });

  it('listCollections returns mongod’s cursor and entry shape', async () => {
    await db.createCollection('lc1');
    const r = await db.command({ listCollections: 1, filter: { name: 'lc1' } }, L);
    expect(r.cursor.id).toBe(0n);
    expect(r.cursor.ns).toBe(`${DB}.$cmd.listCollections`);
    expect(r.cursor.firstBatch).toHaveLength(1);
    const [c] = r.cursor.firstBatch;
    expect(c).toMatchObject({ name: 'lc1', type: 'collection', options: {}, info: { readOnly: false } });
    expect(c.info.uuid).toBeInstanceOf(Binary);
    expect(c.info.uuid.sub_type).toBe(4);
    expect(c.idIndex).toEqual({ v: 2, key: { _id: 1 }, name: '_id_' });
    const names = await db.command({ listCollections: 1, nameOnly: true, filter: { name: 'lc1' } });
    expect(names.cursor.firstBatch).toEqual([{ name: 'lc1', type: 'collection' }]);
  });

  it('create makes an empty collection; creating it again → 48 NamespaceExists', async () => {
    expect(await db.command({ create: 'made' })).toEqual({ ok: 1 });
    expect(await db.collection('made').countDocuments()).toBe(0);
    const listed = await db.listCollections({ name: 'made' }).toArray();
    expect(listed).toHaveLength(1);
    await expectCode(
      db.command({ create: 'made' }),
      48,
      'NamespaceExists',
      new RegExp(`Collection ${DB}\\.made already exists`),
    );
  });

  it('an insert creates the collection implicitly', async () => {
    await db.collection('implicit').insertOne({ a: 1 });
    expect(await db.listCollections({ name: 'implicit' }).toArray()).toHaveLength(1);
  });

  it('drop removes the collection and its indexes', async () => {
    await db.collection('todrop').insertOne({ a: 1 });
    await db.collection('todrop').createIndex({ a: 1 });
    const r = await db.command({ drop: 'todrop' });
    expect(r).toMatchObject({ nIndexesWas: 2, ns: `${DB}.todrop`, ok: 1 });
    expect(await db.listCollections({ name: 'todrop' }).toArray()).toHaveLength(0);
    // The driver treats dropping a missing collection as success.
    await expect(db.collection('never_existed').drop()).resolves.toBe(true);
  });

  it('dropDatabase removes every collection', async () => {
    const other = client.db(`${DB}_drop`);
    await other.collection('a').insertOne({ a: 1 });
    await other.collection('b').insertOne({ b: 1 });
    const r = await other.command({ dropDatabase: 1 });
    expect(r.ok).toBe(1);
    expect(await other.listCollections().toArray()).toHaveLength(0);
    const dbs = await admin.command({ listDatabases: 1, nameOnly: true });
    expect(dbs.databases.map((d: { name: string }) => d.name)).not.toContain(`${DB}_drop`);
  });

  it('dbStats and collStats report counts', async () => {
    const c = db.collection('stats');
    await c.insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
    await c.createIndex({ a: 1 });
    const s = await db.command({ dbStats: 1 });
    expect(s.db).toBe(DB);
    expect(s.collections).toBeGreaterThanOrEqual(1);
    expect(s.objects).toBeGreaterThanOrEqual(3);
    expect(s.indexes).toBeGreaterThanOrEqual(2);
    expect(typeof s.dataSize).toBe('number');
    expect(s.ok).toBe(1);
    const cs = await db.command({ collStats: 'stats' });
    expect(cs).toMatchObject({ ns: `${DB}.stats`, count: 3, nindexes: 2, ok: 1 });
    expect(cs.size).toBeGreaterThan(0);
    expect(Object.keys(cs.indexSizes).sort()).toEqual(['_id_', 'a_1']);
  });
});

describe('sessions and unknown commands', () => {
  it('endSessions → ok', async () => {
    const r = await admin.command({ endSessions: [{ id: new Binary(Buffer.alloc(16, 7), 4) }] });
    expect(r.ok).toBe(1);
  });

  it('an explicit session works for ordinary reads and writes', async () => {
    const session = client.startSession();
    try {
      await db.collection('sess').insertOne({ _id: 1 } as never, { session });
      expect(await db.collection('sess').findOne({ _id: 1 } as never, { session })).toEqual({ _id: 1 });
    } finally {
      await session.endSession();
    }
  });

  it('replSetGetStatus on a standalone → 76 NoReplicationEnabled', async () => {
    await expectCode(admin.command({ replSetGetStatus: 1 }), 76, 'NoReplicationEnabled', /not running with --replSet/);
  });

  it('an unknown command → 59 CommandNotFound', async () => {
    const e = await expectCode(
      db.command({ noSuchCommandHere: 1 }),
      59,
      'CommandNotFound',
      /no such command: 'noSuchCommandHere'/,
    );
    expect(e.errorResponse.ok).toBe(0);
  });

  it('int64 command values are accepted where a number is expected', async () => {
    const r = await db.command({ find: 'stats', filter: {}, batchSize: Long.fromNumber(1) }, L);
    expect(r.cursor.firstBatch).toHaveLength(1);
  });
});
