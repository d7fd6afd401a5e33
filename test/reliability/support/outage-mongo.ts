/**
 * A MongoDB this test file owns and can take away: the bundled emulator as a child process behind a small TCP gate
 * the app connects through. Two ways to fail it:
 *
 * - stall(): the gate keeps every connection open and keeps delivering the app's requests, but holds back the
 *   server's answers (a hung or overloaded database, a black-holed network path: the common real-world failure,
 *   which a socket timeout alone notices). unstall() delivers what was held and lets answers flow again.
 *   stallWhenSent(marker) starts the stall with the request that carries `marker`: that write is applied, but its
 *   answer is the first one lost (the app cannot know it succeeded).
 * - kill(): SIGKILL, no goodbye to open connections, as when a database host dies — also with requests in flight.
 *
 * Why the gate: the emulator keeps data in memory only, so a restarted one is empty, whereas a real mongod comes
 * back with what it had written. kill() therefore first freezes the gate (nothing passes either way), reads what
 * the server holds at that instant (documents and indexes, over a direct connection), then kills it; restart()
 * reloads that before it lets the app in again, so the app never sees an empty server. Everything the server had
 * acknowledged to the app was in the server before the freeze, so it survives, as on a real mongod.
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

/** One connection through the gate: the app's socket, the server's, and the answers held back while stalled. */
interface Link {
  client: Socket;
  server: Socket;
  held: Buffer[];
}

export class OutageMongo {
  /** The app's side: the gate's port (stays the same across restarts). */
  readonly port: number;
  private child?: ChildProcess;
  private open = true;
  /** Answers from the server are held back (stall). */
  private answersHeld = false;
  /** Nothing passes either way (the instant before a kill). */
  private frozen = false;
  private readonly links = new Set<Link>();
  private snapshot?: Snapshot;
  /** stallWhenSent: the bytes whose passage starts the stall. */
  private stallMarker?: Buffer;

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
    const link: Link = { client, server: connect(this.mongoPort, '127.0.0.1'), held: [] };
    this.links.add(link);
    const close = () => {
      client.destroy();
      link.server.destroy();
      this.links.delete(link);
    };
    client.on('error', close).on('close', close);
    link.server.on('error', close).on('close', close);
    client.on('data', (chunk: Buffer) => {
      if (this.frozen) return;
      if (this.stallMarker && chunk.includes(this.stallMarker)) {
        this.stallMarker = undefined;
        this.stall();
      }
      link.server.write(chunk);
    });
    link.server.on('data', (chunk: Buffer) => {
      if (this.frozen) return;
      if (this.answersHeld) link.held.push(chunk);
      else client.write(chunk);
    });
  }

  /** The database stops answering: connections stay open, requests still arrive, no answer comes back. */
  stall(): void {
    this.answersHeld = true;
  }

  /** Stalls as the request carrying `marker` passes to the server: it is applied, its answer is held back. */
  stallWhenSent(marker: string): void {
    this.stallMarker = Buffer.from(marker, 'utf8');
  }

  get stalled(): boolean {
    return this.answersHeld;
  }

  /** Answers flow again, starting with those held back (to connections the app has not given up on). */
  unstall(): void {
    this.answersHeld = false;
    for (const link of this.links) for (const chunk of link.held.splice(0)) link.client.write(chunk);
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
  private async takeSnapshot(): Promise<void> {
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

  /**
   * The gate stops passing anything and refuses new connections: requests the app sends from now on are in flight
   * until kill() cuts them off. Call kill() soon after (the app's socket timeouts keep running).
   */
  freeze(): void {
    this.open = false;
    this.frozen = true;
  }

  /** Freezes the gate (if not yet), keeps what the server holds at that instant for restart(), then SIGKILL. */
  async kill(): Promise<void> {
    this.freeze();
    if (this.child?.exitCode !== null) return;
    await this.takeSnapshot();
    await this.sigkill();
  }

  private async sigkill(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    }
    for (const link of this.links) {
      link.client.destroy();
      link.server.destroy();
    }
    this.links.clear();
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
    this.frozen = false;
    this.answersHeld = false;
    this.open = true;
  }

  async stop(): Promise<void> {
    this.freeze();
    await this.sigkill();
    await new Promise<void>((resolve) => this.gate.close(() => resolve()));
    rmSync(this.dbPath, { recursive: true, force: true });
  }
}
