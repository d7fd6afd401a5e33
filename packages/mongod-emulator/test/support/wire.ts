/**
 * A tiny raw wire-protocol client, for what the driver hides: OP_QUERY / OP_REPLY, OP_MSG
 * flags and section kinds, OP_COMPRESSED framing, and deliberately malformed frames.
 */
import net from 'node:net';
import zlib from 'node:zlib';
import { BSON, type Document } from 'mongodb';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const MSG_CHECKSUM_PRESENT = 1 << 0;
export const MSG_MORE_TO_COME = 1 << 1;
export const MSG_EXHAUST_ALLOWED = 1 << 16;

const ser = (d: Document): Buffer => Buffer.from(BSON.serialize(d));

let nextRequestId = 1000;
export const newRequestId = (): number => nextRequestId++;

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

export function frame(opCode: number, body: Buffer, requestId = newRequestId(), responseTo = 0): Buffer {
  return Buffer.concat([header(16 + body.length, requestId, responseTo, opCode), body]);
}

export interface Sequence {
  identifier: string;
  documents: Document[];
}

export function opMsg(
  body: Document,
  opts: { flags?: number; sequences?: Sequence[]; requestId?: number } = {},
): Buffer {
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE(opts.flags ?? 0, 0);
  const parts: Buffer[] = [flags, Buffer.from([0]), ser(body)];
  for (const seq of opts.sequences ?? []) {
    const id = Buffer.from(`${seq.identifier}\0`, 'utf8');
    const docs = Buffer.concat(seq.documents.map(ser));
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + id.length + docs.length, 0);
    parts.push(Buffer.from([1]), size, id, docs);
  }
  return frame(OP_MSG, Buffer.concat(parts), opts.requestId);
}

export function opQuery(
  ns: string,
  query: Document,
  opts: { numberToReturn?: number; requestId?: number } = {},
): Buffer {
  const fixed = Buffer.alloc(4);
  fixed.writeInt32LE(0, 0); // flags
  const nsBuf = Buffer.from(`${ns}\0`, 'utf8');
  const counts = Buffer.alloc(8);
  counts.writeInt32LE(0, 0); // numberToSkip
  counts.writeInt32LE(opts.numberToReturn ?? -1, 4);
  return frame(OP_QUERY, Buffer.concat([fixed, nsBuf, counts, ser(query)]), opts.requestId);
}

/** Wraps a complete message (header included) into OP_COMPRESSED with zlib (compressor id 2). */
export function compressZlib(message: Buffer): Buffer {
  const requestId = message.readInt32LE(4);
  const responseTo = message.readInt32LE(8);
  const originalOpcode = message.readInt32LE(12);
  const payload = message.subarray(16);
  const meta = Buffer.alloc(9);
  meta.writeInt32LE(originalOpcode, 0);
  meta.writeInt32LE(payload.length, 4);
  meta.writeUInt8(2, 8);
  return frame(OP_COMPRESSED, Buffer.concat([meta, zlib.deflateSync(payload)]), requestId, responseTo);
}

export interface Reply {
  requestId: number;
  responseTo: number;
  /** The opcode on the wire (OP_COMPRESSED when compressed). */
  wireOpCode: number;
  /** The opcode of the (decompressed) message. */
  opCode: number;
  compressorId?: number;
  flags: number;
  /** OP_MSG: the kind-0 body; OP_REPLY: the first document. */
  body: Document;
  /** OP_REPLY: all documents; OP_MSG: kind-1 sequences. */
  documents: Document[];
  sequences: Sequence[];
  cursorId?: bigint;
}

function readDocs(buf: Buffer): Document[] {
  const docs: Document[] = [];
  let off = 0;
  while (off < buf.length) {
    const len = buf.readInt32LE(off);
    docs.push(BSON.deserialize(buf.subarray(off, off + len), { useBigInt64: true }));
    off += len;
  }
  return docs;
}

export function parseMessage(msg: Buffer): Reply {
  const requestId = msg.readInt32LE(4);
  const responseTo = msg.readInt32LE(8);
  const wireOpCode = msg.readInt32LE(12);
  let opCode = wireOpCode;
  let payload = msg.subarray(16);
  let compressorId: number | undefined;
  if (wireOpCode === OP_COMPRESSED) {
    opCode = payload.readInt32LE(0);
    const size = payload.readInt32LE(4);
    compressorId = payload.readUInt8(8);
    const data = payload.subarray(9);
    if (compressorId === 2) payload = zlib.inflateSync(data);
    else if (compressorId === 0) payload = data;
    else throw new Error(`unexpected compressor id ${compressorId}`);
    if (payload.length !== size) throw new Error(`uncompressedSize ${size} != ${payload.length}`);
  }
  if (opCode === OP_REPLY) {
    const flags = payload.readInt32LE(0);
    const cursorId = payload.readBigInt64LE(4);
    const documents = readDocs(payload.subarray(20));
    return {
      requestId,
      responseTo,
      wireOpCode,
      opCode,
      compressorId,
      flags,
      cursorId,
      body: documents[0] ?? {},
      documents,
      sequences: [],
    };
  }
  if (opCode === OP_MSG) {
    const flags = payload.readUInt32LE(0);
    let off = 4;
    const end = flags & MSG_CHECKSUM_PRESENT ? payload.length - 4 : payload.length;
    let body: Document = {};
    const sequences: Sequence[] = [];
    while (off < end) {
      const kind = payload.readUInt8(off);
      off += 1;
      if (kind === 0) {
        const len = payload.readInt32LE(off);
        body = BSON.deserialize(payload.subarray(off, off + len), { useBigInt64: true });
        off += len;
      } else if (kind === 1) {
        const size = payload.readInt32LE(off);
        const zero = payload.indexOf(0, off + 4);
        const identifier = payload.subarray(off + 4, zero).toString('utf8');
        sequences.push({ identifier, documents: readDocs(payload.subarray(zero + 1, off + size)) });
        off += size;
      } else {
        throw new Error(`unknown OP_MSG section kind ${kind}`);
      }
    }
    return { requestId, responseTo, wireOpCode, opCode, compressorId, flags, body, documents: [body], sequences };
  }
  throw new Error(`unexpected reply opcode ${opCode}`);
}

/** One raw TCP connection: send frames, read whole messages, observe the close. */
export class RawConnection {
  private buf = Buffer.alloc(0);
  private readonly queue: Buffer[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<void>;
  isClosed = false;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      while (this.buf.length >= 4) {
        const len = this.buf.readInt32LE(0);
        if (this.buf.length < len) break;
        this.queue.push(this.buf.subarray(0, len));
        this.buf = this.buf.subarray(len);
      }
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.isClosed = true;
        this.wake();
        resolve();
      });
    });
    socket.on('error', () => undefined);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host }, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  send(data: Buffer): void {
    this.socket.write(data);
  }

  /** The next whole message; rejects on timeout or when the server closes the connection. */
  async next(timeoutMs = 5000): Promise<Reply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.queue.shift();
      if (m) return parseMessage(m);
      if (this.isClosed) throw new Error('connection closed by the server');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no reply within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Sends an OP_MSG command and returns its reply body. */
  async command(body: Document, flags = 0): Promise<Reply> {
    const requestId = newRequestId();
    this.send(opMsg(body, { flags, requestId }));
    const r = await this.next();
    expect(r.responseTo).toBe(requestId);
    return r;
  }

  /** Resolves true if the server closes the connection within the time limit. */
  async closedWithin(ms: number): Promise<boolean> {
    if (this.isClosed) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
    try {
      return await Promise.race([this.closed.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

/** host and port of a mongodb:// URI with a single host. */
export function hostPort(uri: string): { host: string; port: number } {
  const m = /^mongodb:\/\/(?:[^@/]*@)?([^:/,?]+)(?::(\d+))?/.exec(uri);
  if (!m) throw new Error(`cannot parse host from ${uri}`);
  return { host: m[1] ?? '127.0.0.1', port: Number(m[2] ?? 27017) };
}
