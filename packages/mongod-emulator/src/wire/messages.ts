// Parsing and building the three message shapes a modern driver uses.
import { deserialize, serialize } from 'bson';
import type { Doc } from '../bson/types';
import {
  HEADER_SIZE,
  MSG_CHECKSUM_PRESENT,
  MSG_EXHAUST_ALLOWED,
  MSG_MORE_TO_COME,
  MessageHeader,
  OP_MSG,
  OP_QUERY,
  OP_REPLY,
} from './opcodes';
import { ProtocolError } from './protocolError';

/** Keep wire types (Int32 vs Double, Long, BSONRegExp) so they survive a round trip unchanged. */
export const DESERIALIZE_OPTIONS = {
  promoteValues: false,
  promoteLongs: false,
  promoteBuffers: false,
  bsonRegExp: true,
} as const;

export function readHeader(msg: Buffer): MessageHeader {
  return {
    messageLength: msg.readInt32LE(0),
    requestID: msg.readInt32LE(4),
    responseTo: msg.readInt32LE(8),
    opCode: msg.readInt32LE(12),
  };
}

function readDoc(buf: Buffer, offset: number): { doc: Doc; end: number } {
  if (offset + 5 > buf.length) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > buf.length) throw new ProtocolError(`invalid BSON document size ${size}`);
  try {
    const doc = deserialize(buf.subarray(offset, offset + size), DESERIALIZE_OPTIONS) as Doc;
    return { doc, end: offset + size };
  } catch (e) {
    throw new ProtocolError(`invalid BSON: ${(e as Error).message}`);
  }
}

function readCString(buf: Buffer, offset: number): { value: string; end: number } {
  const zero = buf.indexOf(0, offset);
  if (zero < 0) throw new ProtocolError('unterminated cstring');
  return { value: buf.toString('utf8', offset, zero), end: zero + 1 };
}

export interface OpMsgRequest {
  flags: number;
  moreToCome: boolean;
  exhaustAllowed: boolean;
  /** Section kind 0 with kind-1 document sequences merged in as arrays, as mongod does. */
  command: Doc;
}

/** `body` is everything after the header. */
export function parseOpMsg(body: Buffer): OpMsgRequest {
  if (body.length < 5) throw new ProtocolError('OP_MSG too short');
  const flags = body.readUInt32LE(0);
  // Bits 0-15 are "required": a flag we don't know must fail the message.
  if (flags & 0xffff & ~(MSG_CHECKSUM_PRESENT | MSG_MORE_TO_COME))
    throw new ProtocolError(`unknown required OP_MSG flag bits ${flags}`);
  const end = flags & MSG_CHECKSUM_PRESENT ? body.length - 4 : body.length;
  let pos = 4;
  let command: Doc | undefined;
  const sequences: Array<[string, Doc[]]> = [];
  while (pos < end) {
    const kind = body.readUInt8(pos++);
    if (kind === 0) {
      if (command) throw new ProtocolError('OP_MSG has more than one body section');
      const r = readDoc(body, pos);
      command = r.doc;
      pos = r.end;
    } else if (kind === 1) {
      if (pos + 4 > end) throw new ProtocolError('truncated document sequence');
      const size = body.readInt32LE(pos);
      const seqEnd = pos + size;
      if (size < 5 || seqEnd > end) throw new ProtocolError('invalid document sequence size');
      const id = readCString(body, pos + 4);
      let p = id.end;
      const docs: Doc[] = [];
      while (p < seqEnd) {
        const r = readDoc(body, p);
        if (r.end > seqEnd) throw new ProtocolError('document overruns its sequence');
        docs.push(r.doc);
        p = r.end;
      }
      sequences.push([id.value, docs]);
      pos = seqEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!command) throw new ProtocolError('OP_MSG without a body section');
  for (const [id, docs] of sequences) {
    if (id in command) throw new ProtocolError(`duplicate field ${id} in OP_MSG body and document sequence`);
    command[id] = docs;
  }
  return {
    flags,
    moreToCome: (flags & MSG_MORE_TO_COME) !== 0,
    exhaustAllowed: (flags & MSG_EXHAUST_ALLOWED) !== 0,
    command,
  };
}

export interface OpQueryRequest {
  flags: number;
  fullCollectionName: string;
  numberToSkip: number;
  numberToReturn: number;
  query: Doc;
}

export function parseOpQuery(body: Buffer): OpQueryRequest {
  if (body.length < 4) throw new ProtocolError('OP_QUERY too short');
  const flags = body.readInt32LE(0);
  const ns = readCString(body, 4);
  if (ns.end + 8 > body.length) throw new ProtocolError('OP_QUERY truncated');
  const numberToSkip = body.readInt32LE(ns.end);
  const numberToReturn = body.readInt32LE(ns.end + 4);
  const { doc } = readDoc(body, ns.end + 8);
  return { flags, fullCollectionName: ns.value, numberToSkip, numberToReturn, query: doc };
}

export function buildOpMsg(requestID: number, responseTo: number, doc: Doc, flags = 0): Buffer {
  const bson = serialize(doc);
  const out = Buffer.alloc(HEADER_SIZE + 4 + 1 + bson.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(requestID, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_MSG, 12);
  out.writeUInt32LE(flags >>> 0, 16);
  out.writeUInt8(0, 20);
  out.set(bson, 21);
  return out;
}

export function buildOpReply(requestID: number, responseTo: number, docs: Doc[], responseFlags = 0): Buffer {
  const bsons = docs.map((d) => serialize(d));
  const total = HEADER_SIZE + 20 + bsons.reduce((n, b) => n + b.length, 0);
  const out = Buffer.alloc(total);
  out.writeInt32LE(total, 0);
  out.writeInt32LE(requestID, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_REPLY, 12);
  out.writeInt32LE(responseFlags, 16);
  out.writeBigInt64LE(0n, 20); // cursorID
  out.writeInt32LE(0, 28); // startingFrom
  out.writeInt32LE(docs.length, 32);
  let p = 36;
  for (const b of bsons) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}

export const isOpQuery = (op: number): boolean => op === OP_QUERY;
