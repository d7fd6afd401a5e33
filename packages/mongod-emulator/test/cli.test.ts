/**
 * The executable: mongod's flags, `--version` output, the JSON "Waiting for connections"
 * log line, exit code 0 on SIGINT / SIGTERM / the shutdown command, exit code 2 on an
 * unknown option, a logged error when a connection sends garbage, and 200 concurrent
 * connections. Each test spawns its own server (skipped when only MONGODB_TEST_URI is given).
 */
import { spawnSync } from 'node:child_process';
import { MongoClient } from 'mongodb';
import { target } from './support/env';
import { describeWithBinary, startMongod, type MongodProcess } from './support/process';
import { RawConnection } from './support/wire';

interface LogLine {
  t: { $date: string };
  s: string;
  c: string;
  id: number;
  ctx: string;
  msg: string;
  attr?: Record<string, unknown>;
}
const parseLog = (l: string): LogLine | undefined => {
  try {
    const j = JSON.parse(l) as LogLine;
    return typeof j === 'object' && j && 'msg' in j ? j : undefined;
  } catch {
    return undefined;
  }
};

describeWithBinary('mongod --version', () => {
  it('prints "db version vX.Y.Z" and a Build Info JSON, exit 0', () => {
    const r = spawnSync(target.binary, ['--version'], { encoding: 'utf8', timeout: 20000 });
    expect(r.status).toBe(0);
    const [first, ...rest] = r.stdout.split('\n');
    expect(first).toMatch(/^db version v\d+\.\d+\.\d+/);
    if (target.isEmulator) expect(first).toMatch(/^db version v7\.0\.\d+$/);
    const text = rest.join('\n');
    expect(text.startsWith('Build Info: ')).toBe(true);
    const info = JSON.parse(text.slice('Build Info: '.length)) as Record<string, unknown>;
    expect(info.version).toBe(first?.replace('db version v', ''));
    expect(typeof info.gitVersion).toBe('string');
    expect(Array.isArray(info.modules)).toBe(true);
    expect(typeof info.allocator).toBe('string');
    expect(info.environment).toEqual(
      expect.objectContaining({ distarch: expect.any(String), target_arch: expect.any(String) }),
    );
  });

  it('an unknown option exits with code 2 (BadOptions)', () => {
    const r = spawnSync(target.binary, ['--noSuchOptionAtAll'], { encoding: 'utf8', timeout: 20000 });
    expect(r.status).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toMatch(/unrecognised option '--noSuchOptionAtAll'/);
  });
});

describeWithBinary('a running server', () => {
  let srv: MongodProcess;
  beforeAll(async () => {
    srv = await startMongod(['--storageEngine', 'wiredTiger', '--setParameter', 'notablescan=1']);
  }, 30000);
  afterAll(async () => {
    await srv?.stop();
  });

  it('accepts --port/--dbpath/--bind_ip/--noauth/--storageEngine/--setParameter and serves on the port', async () => {
    const client = new MongoClient(srv.uri, { serverSelectionTimeoutMS: 5000 });
    try {
      expect(await client.db('admin').command({ ping: 1 })).toEqual({ ok: 1 });
      expect((await client.db('admin').command({ getParameter: 1, notablescan: 1 })).notablescan).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('logs mongod’s structured "Waiting for connections" line on stdout', () => {
    const entries = srv.stdout.map(parseLog).filter((x): x is LogLine => !!x);
    const w = entries.find((e) => e.msg === 'Waiting for connections');
    expect(w).toBeDefined();
    expect(w).toMatchObject({ s: 'I', c: 'NETWORK', id: 23016, ctx: 'listener', attr: { port: srv.port, ssl: 'off' } });
    expect(Number.isNaN(Date.parse(w?.t.$date ?? ''))).toBe(false);
    // Every stdout line is a JSON log entry, as with mongod 4.4+.
    for (const l of srv.stdout.filter((x) => x.trim())) {
      const e = parseLog(l);
      expect(e).toBeDefined();
      expect(e).toEqual(
        expect.objectContaining({
          t: expect.any(Object),
          s: expect.any(String),
          c: expect.any(String),
          id: expect.any(Number),
          ctx: expect.any(String),
        }),
      );
    }
  });

  it('the emulator says on start that data is kept in memory only', () => {
    if (!target.isEmulator) return;
    expect(srv.stdout.join('\n')).toMatch(/in[- ]memory/i);
  });

  it('garbage on one connection is logged and closes only that connection', async () => {
    const good = await RawConnection.connect(srv.port);
    const bad = await RawConnection.connect(srv.port);
    const before = srv.stdout.length;
    const b = Buffer.alloc(16);
    b.writeInt32LE(3, 0);
    bad.send(b);
    expect(await bad.closedWithin(5000)).toBe(true);
    const deadline = Date.now() + 3000;
    while (!srv.stdout.slice(before).some((l) => /error/i.test(l)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(srv.stdout.slice(before).some((l) => /error/i.test(l))).toBe(true);
    expect((await good.command({ ping: 1, $db: 'admin' })).body).toEqual({ ok: 1 });
    good.close();
  });

  it('200 concurrent connections are served', async () => {
    const conns = await Promise.all(Array.from({ length: 200 }, () => RawConnection.connect(srv.port)));
    try {
      const replies = await Promise.all(conns.map((c) => c.command({ hello: 1, $db: 'admin' })));
      expect(replies.every((r) => r.body.ok === 1)).toBe(true);
      const ids = new Set(replies.map((r) => r.body.connectionId));
      expect(ids.size).toBe(200);
      const pings = await Promise.all(
        conns.map((c, i) => c.command({ insert: 'conc', documents: [{ _id: i }], $db: 'emu_cli' })),
      );
      expect(pings.every((r) => r.body.n === 1)).toBe(true);
      const status = await conns[0]!.command({ serverStatus: 1, $db: 'admin' });
      expect(status.body.connections.current).toBeGreaterThanOrEqual(200);
      const count = await conns[1]!.command({ count: 'conc', $db: 'emu_cli' });
      expect(count.body.n).toBe(200);
    } finally {
      for (const c of conns) c.close();
    }
  });

  it('200 concurrent driver operations through one pool', async () => {
    const client = new MongoClient(srv.uri, { maxPoolSize: 200, serverSelectionTimeoutMS: 5000 });
    try {
      const c = client.db('emu_cli').collection<{ _id: string; n: number }>('pool');
      await Promise.all(Array.from({ length: 200 }, (_, i) => c.insertOne({ _id: `p${i}`, n: i })));
      const found = await Promise.all(Array.from({ length: 200 }, (_, i) => c.findOne({ _id: `p${i}` })));
      expect(found.every((d, i) => d?.n === i)).toBe(true);
    } finally {
      await client.close();
    }
  });
});

describeWithBinary('shutting down', () => {
  it('SIGINT → exit code 0', async () => {
    const srv = await startMongod();
    expect(await srv.stop('SIGINT')).toEqual({ code: 0, signal: null });
  });

  it('SIGTERM → exit code 0', async () => {
    const srv = await startMongod();
    expect(await srv.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('the shutdown command → exit code 0', async () => {
    const srv = await startMongod();
    const client = new MongoClient(srv.uri, { serverSelectionTimeoutMS: 5000 });
    try {
      await client.connect();
      await client
        .db('admin')
        .command({ shutdown: 1 })
        .catch(() => undefined); // the server hangs up on the way out
    } finally {
      await client.close().catch(() => undefined);
    }
    const killer = setTimeout(() => srv.proc.kill('SIGKILL'), 10000);
    const r = await srv.exited;
    clearTimeout(killer);
    expect(r).toEqual({ code: 0, signal: null });
  });

  it('shutdown outside admin → 13 Unauthorized, server keeps running', async () => {
    const srv = await startMongod();
    const client = new MongoClient(srv.uri, { serverSelectionTimeoutMS: 5000 });
    try {
      const e = await client
        .db('test')
        .command({ shutdown: 1 })
        .catch((x: { code: number }) => x);
      expect((e as { code: number }).code).toBe(13);
      expect(await client.db('admin').command({ ping: 1 })).toEqual({ ok: 1 });
    } finally {
      await client.close();
      await srv.stop();
    }
  });
});
