// OP_COMPRESSED wraps another opcode. We speak zlib (and noop); snappy / zstd would
// need native modules, and we never advertise them in `hello.compression`, so a
// well-behaved driver never sends them.
import { deflateSync, inflateSync } from 'node:zlib';
import { COMPRESSOR_NOOP, COMPRESSOR_ZLIB, HEADER_SIZE, OP_COMPRESSED } from './opcodes';
import { ProtocolError } from './protocolError';

export const SUPPORTED_COMPRESSORS = ['zlib'];

export interface Decompressed {
  opCode: number;
  body: Buffer;
  compressorId: number;
}

/** `body` is the message after its 16-byte header. */
export function decompress(body: Buffer): Decompressed {
  if (body.length < 9) throw new ProtocolError('OP_COMPRESSED message too short');
  const opCode = body.readInt32LE(0);
  const uncompressedSize = body.readInt32LE(4);
  const compressorId = body.readUInt8(8);
  const payload = body.subarray(9);
  let out: Buffer;
  if (compressorId === COMPRESSOR_NOOP) out = payload;
  else if (compressorId === COMPRESSOR_ZLIB) {
    try {
      out = inflateSync(payload);
    } catch (e) {
      throw new ProtocolError(`zlib decompression failed: ${(e as Error).message}`);
    }
  } else throw new ProtocolError(`unsupported compressor id ${compressorId}`);
  if (out.length !== uncompressedSize) throw new ProtocolError('OP_COMPRESSED uncompressedSize mismatch');
  return { opCode, body: out, compressorId };
}

/** Wraps an already-built message (with header) into OP_COMPRESSED using the same compressor. */
export function compress(message: Buffer, compressorId: number): Buffer {
  const originalOpCode = message.readInt32LE(12);
  const inner = message.subarray(HEADER_SIZE);
  const payload = compressorId === COMPRESSOR_ZLIB ? deflateSync(inner) : inner;
  const out = Buffer.alloc(HEADER_SIZE + 9 + payload.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(message.readInt32LE(4), 4);
  out.writeInt32LE(message.readInt32LE(8), 8);
  out.writeInt32LE(OP_COMPRESSED, 12);
  out.writeInt32LE(originalOpCode, 16);
  out.writeInt32LE(inner.length, 20);
  out.writeUInt8(compressorId, 24);
  payload.copy(out, 25);
  return out;
}
