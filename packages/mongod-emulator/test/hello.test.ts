/**
 * The handshake and server monitoring: awaitable (streaming) hello with topologyVersion and
 * maxAwaitTimeMS over the exhaust protocol, on a raw socket and through the driver's
 * streaming monitor (serverMonitoringMode 'stream', low heartbeatFrequencyMS).
 */
import { MongoClient, ObjectId, type ServerHeartbeatSucceededEvent } from 'mongodb';
import { target } from './support/env';
import { MSG_EXHAUST_ALLOWED, MSG_MORE_TO_COME, RawConnection, hostPort, newRequestId, opMsg } from './support/wire';

let host: string;
let port: number;
const open: RawConnection[] = [];
async function conn(): Promise<RawConnection> {
  const c = await RawConnection.connect(port, host);
  open.push(c);
  return c;
}

beforeAll(() => {
  ({ host, port } = hostPort(target.uri));
});
afterAll(() => {
  for (const c of open) c.close();
});

describe('awaitable hello (raw)', () => {
  it('topologyVersion is stable between hellos on one server', async () => {
    const c = await conn();
    const a = (await c.command({ hello: 1, $db: 'admin' })).body;
    const b = (await c.command({ hello: 1, $db: 'admin' })).body;
    expect(a.topologyVersion.processId).toBeInstanceOf(ObjectId);
    expect(typeof a.topologyVersion.counter).toBe('bigint');
    expect(b.topologyVersion).toEqual(a.topologyVersion);
  });

  it('with the current topologyVersion, hello waits maxAwaitTimeMS before answering', async () => {
    const c = await conn();
    const tv = (await c.command({ hello: 1, $db: 'admin' })).body.topologyVersion;
    const t0 = Date.now();
    const r = await c.command({ hello: 1, topologyVersion: tv, maxAwaitTimeMS: 400, $db: 'admin' });
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(3000);
    expect(r.flags & MSG_MORE_TO_COME).toBe(0);
    expect(r.body.isWritablePrimary).toBe(true);
    expect(r.body.topologyVersion).toEqual(tv);
  });

  it('with another processId, hello answers at once', async () => {
    const c = await conn();
    const tv = (await c.command({ hello: 1, $db: 'admin' })).body.topologyVersion;
    const t0 = Date.now();
    const r = await c.command({
      hello: 1,
      topologyVersion: { processId: new ObjectId(), counter: 0n },
      maxAwaitTimeMS: 2000,
      $db: 'admin',
    });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r.body.topologyVersion).toEqual(tv);
  });

  it('with exhaustAllowed, the server streams a hello every maxAwaitTimeMS with moreToCome', async () => {
    const c = await conn();
    const tv = (await c.command({ hello: 1, $db: 'admin' })).body.topologyVersion;
    const requestId = newRequestId();
    const t0 = Date.now();
    c.send(
      opMsg(
        { hello: 1, topologyVersion: tv, maxAwaitTimeMS: 250, $db: 'admin' },
        { requestId, flags: MSG_EXHAUST_ALLOWED },
      ),
    );
    let prev = requestId;
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await c.next(3000);
      times.push(Date.now() - t0);
      expect(r.responseTo).toBe(prev);
      prev = r.requestId;
      expect(r.flags & MSG_MORE_TO_COME).toBe(MSG_MORE_TO_COME);
      expect(r.body.isWritablePrimary).toBe(true);
      expect(r.body.topologyVersion).toEqual(tv);
    }
    // Three replies, each after roughly one maxAwaitTimeMS.
    expect(times[0]).toBeGreaterThanOrEqual(150);
    expect(times[2]).toBeGreaterThanOrEqual(600);
    c.close();
  });
});

describe('the driver’s monitoring', () => {
  it("serverMonitoringMode 'stream' receives awaited heartbeats carrying topologyVersion", async () => {
    const client = new MongoClient(target.uri, {
      heartbeatFrequencyMS: 500,
      serverMonitoringMode: 'stream',
      serverSelectionTimeoutMS: 5000,
    });
    const beats: ServerHeartbeatSucceededEvent[] = [];
    client.on('serverHeartbeatSucceeded', (e) => beats.push(e));
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      const deadline = Date.now() + 6000;
      while (beats.filter((b) => b.awaited).length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.close();
    }
    const awaited = beats.filter((b) => b.awaited);
    expect(awaited.length).toBeGreaterThanOrEqual(2);
    for (const b of awaited) {
      expect(b.reply.topologyVersion).toBeDefined();
      expect(b.reply.isWritablePrimary).toBe(true);
    }
  });

  it("serverMonitoringMode 'poll' uses plain hellos", async () => {
    const client = new MongoClient(target.uri, {
      heartbeatFrequencyMS: 500,
      serverMonitoringMode: 'poll',
      serverSelectionTimeoutMS: 5000,
    });
    const beats: ServerHeartbeatSucceededEvent[] = [];
    client.on('serverHeartbeatSucceeded', (e) => beats.push(e));
    try {
      await client.connect();
      await new Promise((r) => setTimeout(r, 1300));
    } finally {
      await client.close();
    }
    expect(beats.length).toBeGreaterThanOrEqual(2);
    expect(beats.every((b) => !b.awaited)).toBe(true);
  });
});
