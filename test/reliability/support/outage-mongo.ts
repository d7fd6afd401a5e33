/**
 * A MongoDB this test file owns and can take away: the bundled emulator as a child process (stopped with
 * SIGKILL, restarted on the same port), behind a small TCP gate the app connects through.
 *
 * Why the gate: the emulator keeps data in memory only, so a restarted one is empty, whereas a real mongod comes
 * back with its data and indexes. restart() therefore reloads what the database held when it was stopped
 * (documents and indexes, read just before the kill while no request was running) before it lets the app in
 * again — the gate stays shut until then, so the app never sees the empty server. A request the app acknowledged
 * as saved after that snapshot is in the restored database only if the app really wrote it after the restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, type Document } from 'mongodb';
import { emulatorBinaryPath } from '../../../src/db/embedded-mongo';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Snapshot {
  collections: { name: string; docs: Document[]; indexes: Document[] }[];
}

export class OutageMongo {
  /** The app's side: the gate's port (stays the same across restarts). */
  readonly port: number;
  private child?: ChildProcess;
  private open = true;
  private readonly sockets = new Set<Socket>();
  private snapshot?: Snapshot;

  private constructor(
    private readonly gate: Server,
    port: number,
    /** The emulator's own port, the same after every restart. */
    readonly mongoPort: number,
    private readonly dbPath: string,
    readonly dbName: string,
  ) {
    this.port = port;
  }

  static async start(dbName: string): Promise<OutageMongo> {
    const mongoPort = await freePort();
    const dbPath = mkdtempSync(path.join(tmpdir(), 'kontakt-outage-'));
    const gate = createServer();
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', () => resolve()));
    const mongo = new OutageMongo(gate, (gate.address() as { port: number }).port, mongoPort, dbPath, dbName);
    gate.on('connection', (client) => mongo.pipe(client));
    await mongo.launch();
    return mongo;
  }

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/${this.dbName}`;
  }

  private pipe(client: Socket): void {
    if (!this.open) return void client.destroy();
    const server = connect(this.mongoPort, '127.0.0.1');
    this.sockets.add(client).add(server);
    const close = () => {
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    client.on('error', close).on('close', close);
    server.on('error', close).on('close', close);
    client.pipe(server).pipe(client);
  }

  private async launch(): Promise<void> {
    const child = spawn(
      process.execPath,
      [
        emulatorBinaryPath(),
        '--port',
        String(this.mongoPort),
        '--dbpath',
        this.dbPath,
        '--bind_ip',
        '127.0.0.1',
        '--setParameter',
        'notablescan=1',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`emulator did not start: ${out.slice(-500)}`)), 15_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Waiting for connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`emulator exited with ${code}: ${out.slice(-500)}`));
      });
    });
    child.stdout!.resume();
    child.removeAllListeners('exit');
  }

  private async direct<T>(work: (client: MongoClient) => Promise<T>): Promise<T> {
    const client = await MongoClient.connect(`mongodb://127.0.0.1:${this.mongoPort}/?directConnection=true`, {
      serverSelectionTimeoutMS: 5_000,
    });
    try {
      return await work(client);
    } finally {
      await client.close();
    }
  }

  /** Reads every collection (documents and index definitions) of the app's database. */
  async takeSnapshot(): Promise<void> {
    this.snapshot = await this.direct(async (client) => {
      const db = client.db(this.dbName);
      const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
      return {
        collections: await Promise.all(
          names.map(async (name) => ({
            name,
            docs: await db.collection(name).find({}).toArray(),
            indexes: await db.collection(name).listIndexes().toArray(),
          })),
        ),
      };
    });
  }

  /** SIGKILL: no goodbye to open connections, as when a database host dies. */
  async kill(): Promise<void> {
    this.open = false;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    for (const socket of this.sockets) socket.destroy();
  }

  /** Starts the emulator again on the same port, reloads the snapshot, then opens the gate. */
  async restart(): Promise<void> {
    await this.launch();
    const snapshot = this.snapshot;
    if (snapshot) {
      await this.direct(async (client) => {
        const db = client.db(this.dbName);
        for (const { name, docs, indexes } of snapshot.collections) {
          await db.createCollection(name).catch(() => undefined);
          const specs = indexes
            .filter((index) => index.name !== '_id_')
            .map(({ v: _v, ns: _ns, ...spec }) => spec as { key: Record<string, 1 | -1>; name: string });
          if (specs.length > 0) await db.collection(name).createIndexes(specs);
          if (docs.length > 0) await db.collection(name).insertMany(docs);
        }
      });
    }
    this.open = true;
  }

  async stop(): Promise<void> {
    await this.kill();
    await new Promise<void>((resolve) => this.gate.close(() => resolve()));
    rmSync(this.dbPath, { recursive: true, force: true });
  }
}
