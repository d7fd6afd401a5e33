// One client connection: frames messages, dispatches them in order, and writes replies.
// Any protocol violation closes just this connection.
import type { Socket } from 'node:net';
import { Long } from 'bson';
import { isPlainObject, toDouble, type Doc } from './bson/types';
import type { ConnectionInfo, ServerState } from './commands/context';
import { runCommand } from './commands/registry';
import { log } from './log';
import { compress, decompress } from './wire/compression';
import { MessageFramer } from './wire/framer';
import { buildOpMsg, buildOpReply, parseOpMsg, parseOpQuery, readHeader } from './wire/messages';
import { HEADER_SIZE, MSG_MORE_TO_COME, OP_COMPRESSED, OP_MSG, OP_QUERY } from './wire/opcodes';
import { ProtocolError } from './wire/protocolError';

let nextRequestId = 1;
const newRequestId = (): number => {
  nextRequestId = (nextRequestId % 0x7fffffff) + 1;
  return nextRequestId;
};

export interface ConnectionHooks {
  onShutdownCommand: () => void;
}

export class Connection {
  readonly info: ConnectionInfo;
  private readonly framer = new MessageFramer();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly socket: Socket,
    id: number,
    private readonly state: ServerState,
    private readonly hooks: ConnectionHooks,
  ) {
    this.info = { id, remote: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`, compressors: [] };
    socket.setNoDelay(true);
    socket.on('data', (d) => this.onData(d));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  private onData(data: Buffer): void {
    if (this.closed) return;
    let messages: Buffer[];
    try {
      messages = this.framer.push(data);
    } catch (e) {
      this.fail(e);
      return;
    }
    for (const m of messages) {
      this.queue = this.queue.then(() => this.handle(m)).catch((e) => this.fail(e));
    }
  }

  private fail(e: unknown): void {
    if (this.closed) return;
    const error = e instanceof ProtocolError ? e.message : ((e as Error)?.stack ?? String(e));
    log(
      'E',
      'NETWORK',
      22988,
      `conn${this.info.id}`,
      'Error receiving request from client. Ending connection from remote',
      {
        error: { code: 17132, codeName: 'Location17132', errmsg: error },
        remote: this.info.remote,
        connectionId: this.info.id,
      },
    );
    this.socket.destroy();
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    for (const w of this.wakers) w();
    this.timers.clear();
    this.socket.destroy();
  }

  /** Wakes streaming hellos early (used at shutdown). */
  wake(): void {
    for (const w of this.wakers) w();
  }

  private send(buf: Buffer, compressorId: number | undefined): void {
    if (this.closed) return;
    this.socket.write(compressorId !== undefined ? compress(buf, compressorId) : buf);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        this.timers.delete(t);
        this.wakers.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.timers.add(t);
      this.wakers.add(done);
    });
  }

  private async handle(raw: Buffer): Promise<void> {
    if (this.closed) return;
    const header = readHeader(raw);
    let opCode = header.opCode;
    let body = raw.subarray(HEADER_SIZE);
    let compressorId: number | undefined;
    if (opCode === OP_COMPRESSED) {
      const d = decompress(body);
      opCode = d.opCode;
      body = d.body;
      compressorId = d.compressorId;
    }
    if (opCode === OP_MSG) return this.handleOpMsg(header.requestID, body, compressorId);
    if (opCode === OP_QUERY) return this.handleOpQuery(header.requestID, body, compressorId);
    throw new ProtocolError(`unsupported opcode ${opCode}`);
  }

  private async handleOpQuery(requestID: number, body: Buffer, compressorId: number | undefined): Promise<void> {
    const q = parseOpQuery(body);
    const [db, coll] = [
      q.fullCollectionName.split('.')[0] as string,
      q.fullCollectionName.split('.').slice(1).join('.'),
    ];
    let cmd: Doc = isPlainObject(q.query.$query) ? q.query.$query : q.query;
    const name = Object.keys(cmd)[0] ?? '';
    let reply: Doc;
    if (coll !== '$cmd') {
      reply = { $err: 'OP_QUERY is no longer supported; use OP_MSG', code: 5739101, ok: 0 };
    } else if (!['isMaster', 'ismaster', 'hello'].includes(name)) {
      // mongod ≥ 6.0 only accepts the handshake over OP_QUERY.
      reply = {
        ok: 0,
        errmsg: `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade. For more details see https://dochub.mongodb.org/core/legacy-opcode-removal`,
        code: 352,
        codeName: 'UnsupportedOpQueryCommand',
      };
    } else {
      cmd = { ...cmd, $db: db };
      reply = await runCommand({ db, body: cmd, state: this.state, conn: this.info });
    }
    this.send(buildOpReply(newRequestId(), requestID, [reply]), compressorId);
  }

  private async handleOpMsg(requestID: number, body: Buffer, compressorId: number | undefined): Promise<void> {
    const msg = parseOpMsg(body);
    const cmd = msg.command;
    const db = cmd.$db;
    const name = Object.keys(cmd)[0] ?? '';
    if (typeof db !== 'string') {
      const reply = { ok: 0, errmsg: 'OP_MSG requests require a $db argument', code: 40571, codeName: 'Location40571' };
      if (!msg.moreToCome) this.send(buildOpMsg(newRequestId(), requestID, reply), compressorId);
      return;
    }
    const isHello = name === 'hello' || name === 'isMaster' || name === 'ismaster';
    if (isHello && isPlainObject(cmd.topologyVersion) && cmd.maxAwaitTimeMS !== undefined) {
      // Awaitable hello: don't block the queue; a monitoring connection sends nothing else meanwhile.
      void this.streamHello(requestID, cmd, db, msg.exhaustAllowed, compressorId).catch((e) => this.fail(e));
      return;
    }
    if (name === 'getMore' && msg.exhaustAllowed && !msg.moreToCome)
      return this.exhaustGetMore(requestID, cmd, db, compressorId);
    const reply = await runCommand({ db, body: cmd, state: this.state, conn: this.info });
    if (reply.$shutdown === true) {
      // mongod closes the connection instead of answering `shutdown`.
      this.close();
      this.hooks.onShutdownCommand();
      return;
    }
    if (msg.moreToCome) return;
    this.send(buildOpMsg(newRequestId(), requestID, reply), compressorId);
  }

  /** Exhaust cursors: keep answering the same getMore, each reply chained to the previous one. */
  private async exhaustGetMore(
    requestID: number,
    cmd: Doc,
    db: string,
    compressorId: number | undefined,
  ): Promise<void> {
    let responseTo = requestID;
    while (!this.closed) {
      const reply = await runCommand({ db, body: cmd, state: this.state, conn: this.info });
      const cursor = reply.cursor as Doc | undefined;
      const more = reply.ok === 1 && cursor !== undefined && !(cursor.id as Long).isZero();
      const id = newRequestId();
      this.send(buildOpMsg(id, responseTo, reply, more ? MSG_MORE_TO_COME : 0), compressorId);
      if (!more) return;
      responseTo = id;
      // Let the socket drain between batches.
      await new Promise((r) => setImmediate(r));
    }
  }

  private async streamHello(
    requestID: number,
    cmd: Doc,
    db: string,
    exhaust: boolean,
    compressorId: number | undefined,
  ): Promise<void> {
    const wait = Math.max(0, toDouble(cmd.maxAwaitTimeMS));
    const tv = cmd.topologyVersion as Doc;
    const ours = this.state.topologyVersion;
    const sameTopology =
      String(tv.processId) === ours.processId.toHexString() && Long.fromValue(tv.counter as Long).equals(ours.counter);
    if (sameTopology) await this.sleep(wait);
    let responseTo = requestID;
    while (!this.closed) {
      const reply = await runCommand({ db, body: cmd, state: this.state, conn: this.info });
      const id = newRequestId();
      this.send(buildOpMsg(id, responseTo, reply, exhaust ? MSG_MORE_TO_COME : 0), compressorId);
      if (!exhaust) return;
      responseTo = id;
      await this.sleep(wait);
    }
  }
}
