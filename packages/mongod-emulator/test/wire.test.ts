/**
 * The wire protocol on raw sockets: legacy OP_QUERY → OP_REPLY for the handshake, OP_MSG
 * section kinds 0 and 1, the moreToCome and exhaustAllowed flags, OP_COMPRESSED with zlib
 * (raw, and the driver's `compressors: ['zlib']` seen through a recording proxy), and
 * malformed frames, which must cost only the offending connection.
 */
import { MongoClient } from 'mongodb';
import { openDb, target } from './support/env';
import { startProxy } from './support/proxy';
import {
  MSG_EXHAUST_ALLOWED,
  MSG_MORE_TO_COME,
  OP_COMPRESSED,
  OP_MSG,
  OP_REPLY,
  RawConnection,
  compressZlib,
  frame,
  hostPort,
  newRequestId,
  opMsg,
  opQuery,
} from './support/wire';

const DB = 'emu_wire';
let host: string;
let port: number;
const open: RawConnection[] = [];

async function conn(): Promise<RawConnection> {
  const c = await RawConnection.connect(port, host);
  open.push(c);
  return c;
}

beforeAll(async () => {
  ({ host, port } = hostPort(target.uri));
  const { client, db } = await openDb(DB);
  await db.collection('seed').createIndex({ k: 1 });
  await client.close();
});
afterAll(() => {
  for (const c of open) c.close();
});

describe('OP_QUERY (legacy handshake)', () => {
  it('isMaster on admin.$cmd → OP_REPLY with one document', async () => {
    const c = await conn();
    const requestId = newRequestId();
    c.send(
      opQuery(
        'admin.$cmd',
        { isMaster: 1, helloOk: true, client: { driver: { name: 'raw', version: '0' } } },
        { requestId },
      ),
    );
    const r = await c.next();
    expect(r.opCode).toBe(OP_REPLY);
    expect(r.responseTo).toBe(requestId);
    expect(r.cursorId).toBe(0n);
    expect(r.documents).toHaveLength(1);
    expect(r.body).toMatchObject({
      ismaster: true,
      helloOk: true,
      ok: 1,
      maxBsonObjectSize: 16777216,
      minWireVersion: 0,
    });
    expect(r.body.maxWireVersion).toBeGreaterThanOrEqual(21);
  });

  it('hello over OP_QUERY is allowed too', async () => {
    const c = await conn();
    c.send(opQuery('admin.$cmd', { hello: 1 }));
    const r = await c.next();
    expect(r.opCode).toBe(OP_REPLY);
    expect(r.body).toMatchObject({ isWritablePrimary: true, ok: 1 });
  });

  it('any other command over OP_QUERY → 352 UnsupportedOpQueryCommand', async () => {
    const c = await conn();
    c.send(opQuery(`${DB}.$cmd`, { ping: 1 }));
    const r = await c.next();
    expect(r.opCode).toBe(OP_REPLY);
    expect(r.body).toMatchObject({ ok: 0, code: 352, codeName: 'UnsupportedOpQueryCommand' });
    expect(r.body.errmsg).toMatch(/^Unsupported OP_QUERY command: ping\. The client driver may require an upgrade/);
    // The connection stays usable for OP_MSG.
    expect((await c.command({ ping: 1, $db: 'admin' })).body).toEqual({ ok: 1 });
  });
});

describe('OP_MSG', () => {
  it('kind 0 body: reply is OP_MSG, flags 0, responseTo = requestId', async () => {
    const c = await conn();
    const r = await c.command({ ping: 1, $db: 'admin' });
    expect(r.opCode).toBe(OP_MSG);
    expect(r.wireOpCode).toBe(OP_MSG);
    expect(r.flags).toBe(0);
    expect(r.body).toEqual({ ok: 1 });
  });

  it('a command without $db is rejected', async () => {
    const c = await conn();
    const r = await c.command({ ping: 1 });
    expect(r.body.ok).toBe(0);
    expect(r.body.code).toBe(40571);
  });

  it('kind 1 document sequence: insert documents, update updates, delete deletes', async () => {
    const c = await conn();
    const ins = await c.command({ insert: 'seq', $db: DB }, 0);
    expect(ins.body.ok).toBe(0); // no documents at all
    const requestId = newRequestId();
    c.send(
      opMsg(
        { insert: 'seq', $db: DB },
        {
          requestId,
          sequences: [
            {
              identifier: 'documents',
              documents: [
                { _id: 1, k: 'a' },
                { _id: 2, k: 'b' },
                { _id: 3, k: 'c' },
              ],
            },
          ],
        },
      ),
    );
    const r = await c.next();
    expect(r.responseTo).toBe(requestId);
    expect(r.body).toEqual({ n: 3, ok: 1 });

    c.send(
      opMsg(
        { update: 'seq', $db: DB },
        { sequences: [{ identifier: 'updates', documents: [{ q: { _id: 1 }, u: { $set: { k: 'A' } } }] }] },
      ),
    );
    expect((await c.next()).body).toEqual({ n: 1, nModified: 1, ok: 1 });

    c.send(
      opMsg(
        { delete: 'seq', $db: DB },
        { sequences: [{ identifier: 'deletes', documents: [{ q: { _id: 3 }, limit: 1 }] }] },
      ),
    );
    expect((await c.next()).body).toEqual({ n: 1, ok: 1 });

    const f = await c.command({ find: 'seq', filter: {}, sort: { _id: 1 }, $db: DB });
    expect(f.body.cursor.firstBatch).toEqual([
      { _id: 1, k: 'A' },
      { _id: 2, k: 'b' },
    ]);
  });

  it('moreToCome: the server sends no reply, and the write is applied', async () => {
    const c = await conn();
    c.send(
      opMsg(
        { insert: 'mtc', documents: [{ _id: 'quiet' }], writeConcern: { w: 0 }, $db: DB },
        { flags: MSG_MORE_TO_COME },
      ),
    );
    const ping = newRequestId();
    c.send(opMsg({ ping: 1, $db: 'admin' }, { requestId: ping }));
    const r = await c.next();
    expect(r.responseTo).toBe(ping); // the first reply on the socket answers the ping
    const f = await c.command({ find: 'mtc', filter: { _id: 'quiet' }, $db: DB });
    expect(f.body.cursor.firstBatch).toEqual([{ _id: 'quiet' }]);
    await expect(c.next(300)).rejects.toThrow(/no reply/);
  });

  it('exhaustAllowed on getMore: the server streams batches with moreToCome until the cursor ends', async () => {
    const c = await conn();
    const docs = Array.from({ length: 7 }, (_, i) => ({ _id: i }));
    await c.command({ insert: 'exh', documents: docs, $db: DB });
    const f = await c.command({ find: 'exh', filter: {}, sort: { _id: 1 }, batchSize: 2, $db: DB });
    const id = f.body.cursor.id as bigint;
    expect(id).not.toBe(0n);
    const requestId = newRequestId();
    c.send(opMsg({ getMore: id, collection: 'exh', batchSize: 2, $db: DB }, { requestId, flags: MSG_EXHAUST_ALLOWED }));
    const got: unknown[] = [];
    let prev = requestId;
    let replies = 0;
    for (;;) {
      const r = await c.next();
      replies++;
      expect(r.responseTo).toBe(prev);
      prev = r.requestId;
      got.push(...(r.body.cursor.nextBatch as Array<{ _id: number }>).map((d) => d._id));
      if (r.body.cursor.id === 0n) {
        expect(r.flags & MSG_MORE_TO_COME).toBe(0);
        break;
      }
      expect(r.flags & MSG_MORE_TO_COME).toBe(MSG_MORE_TO_COME);
      if (replies > 10) throw new Error('exhaust stream did not end');
    }
    expect(got).toEqual([2, 3, 4, 5, 6]);
    expect(replies).toBeGreaterThanOrEqual(2);
    // After the stream the connection takes ordinary requests again.
    expect((await c.command({ ping: 1, $db: 'admin' })).body).toEqual({ ok: 1 });
  });

  it('without exhaustAllowed, getMore answers once', async () => {
    const c = await conn();
    await c.command({ insert: 'noexh', documents: [{ _id: 1 }, { _id: 2 }, { _id: 3 }, { _id: 4 }], $db: DB });
    const f = await c.command({ find: 'noexh', filter: {}, batchSize: 1, $db: DB });
    const r = await c.command({ getMore: f.body.cursor.id, collection: 'noexh', batchSize: 1, $db: DB });
    expect(r.flags & MSG_MORE_TO_COME).toBe(0);
    expect(r.body.cursor.nextBatch).toHaveLength(1);
    await expect(c.next(300)).rejects.toThrow(/no reply/);
  });
});

describe('OP_COMPRESSED', () => {
  it('hello negotiates zlib; a zlib-compressed request gets a zlib-compressed reply', async () => {
    const c = await conn();
    const h = await c.command({ hello: 1, compression: ['zlib'], $db: 'admin' });
    expect(h.body.compression).toEqual(['zlib']);
    const requestId = newRequestId();
    c.send(compressZlib(opMsg({ ping: 1, $db: 'admin' }, { requestId })));
    const r = await c.next();
    expect(r.responseTo).toBe(requestId);
    expect(r.wireOpCode).toBe(OP_COMPRESSED);
    expect(r.compressorId).toBe(2);
    expect(r.opCode).toBe(OP_MSG);
    expect(r.body).toEqual({ ok: 1 });
    // With a kind-1 section inside.
    c.send(
      compressZlib(
        opMsg(
          { insert: 'zl', $db: DB },
          { sequences: [{ identifier: 'documents', documents: [{ _id: 1, z: 'x'.repeat(1000) }] }] },
        ),
      ),
    );
    expect((await c.next()).body).toEqual({ n: 1, ok: 1 });
  });

  it('hello without a compression list gets none back', async () => {
    const c = await conn();
    const h = await c.command({ hello: 1, $db: 'admin' });
    expect(h.body).not.toHaveProperty('compression');
  });

  it("the driver with compressors: ['zlib'] really compresses both ways", async () => {
    const proxy = await startProxy(host, port);
    const client = new MongoClient(`mongodb://127.0.0.1:${proxy.port}/?directConnection=true`, {
      compressors: ['zlib'],
      serverSelectionTimeoutMS: 5000,
    });
    try {
      const c = client.db(DB).collection<{ _id: number; text: string }>('zdriver');
      await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i, text: 'compress me '.repeat(50) })));
      const back = await c.find({}).sort({ _id: 1 }).toArray();
      expect(back).toHaveLength(50);
      expect(back[49]?.text).toBe('compress me '.repeat(50));
    } finally {
      await client.close();
      await proxy.close();
    }
    const compressed = proxy.seen.filter((s) => s.opCode === OP_COMPRESSED);
    expect(compressed.some((s) => s.dir === 'toServer' && s.originalOpcode === OP_MSG && s.compressorId === 2)).toBe(
      true,
    );
    expect(compressed.some((s) => s.dir === 'toClient' && s.originalOpcode === OP_MSG && s.compressorId === 2)).toBe(
      true,
    );
  });
});

describe('malformed input closes only the offending connection', () => {
  async function stillServing(): Promise<void> {
    const c = await conn();
    expect((await c.command({ ping: 1, $db: 'admin' })).body).toEqual({ ok: 1 });
  }

  async function expectDropped(bytes: Buffer, allowErrorReply: boolean): Promise<void> {
    const bystander = await conn();
    expect((await bystander.command({ ping: 1, $db: 'admin' })).body).toEqual({ ok: 1 });
    const c = await conn();
    c.send(bytes);
    if (allowErrorReply) {
      // mongod may answer some malformed messages with an error instead of hanging up.
      const outcome = await Promise.race([
        c.closed.then(() => 'closed' as const),
        c.next(5000).then(
          (r) => (r.body.ok === 0 ? ('error-reply' as const) : ('ok-reply' as const)),
          () => 'closed' as const,
        ),
      ]);
      expect(['closed', 'error-reply']).toContain(outcome);
    } else {
      expect(await c.closedWithin(5000)).toBe(true);
    }
    // The other connection, opened before, still works, and so do new ones.
    expect((await bystander.command({ ping: 1, $db: 'admin' })).body).toEqual({ ok: 1 });
    await stillServing();
  }

  it('a message length below the header size', async () => {
    const b = Buffer.alloc(16);
    b.writeInt32LE(8, 0);
    b.writeInt32LE(1, 4);
    b.writeInt32LE(OP_MSG, 12);
    await expectDropped(b, false);
  });

  it('a message length above maxMessageSizeBytes', async () => {
    const b = Buffer.alloc(16);
    b.writeInt32LE(0x7fffffff, 0);
    b.writeInt32LE(1, 4);
    b.writeInt32LE(OP_MSG, 12);
    await expectDropped(b, false);
  });

  it('an unknown opcode', async () => {
    await expectDropped(frame(4242, Buffer.alloc(8)), !target.isEmulator);
  });

  it('truncated BSON inside an OP_MSG', async () => {
    const good = opMsg({ ping: 1, $db: 'admin' });
    const body = Buffer.from(good.subarray(16));
    body.writeInt32LE(500, 5); // the body document claims 500 bytes
    await expectDropped(frame(OP_MSG, body), !target.isEmulator);
  });

  it('an unknown OP_MSG section kind', async () => {
    const good = opMsg({ ping: 1, $db: 'admin' });
    const body = Buffer.concat([good.subarray(16), Buffer.from([7, 1, 2, 3, 4])]);
    await expectDropped(frame(OP_MSG, body), !target.isEmulator);
  });
});
