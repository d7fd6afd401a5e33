// Splits a TCP byte stream into whole wire-protocol messages.
import { HEADER_SIZE, MAX_MESSAGE_SIZE } from './opcodes';
import { ProtocolError } from './protocolError';

export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Feed bytes; returns the complete messages (header included) now available. */
  push(data: Buffer): Buffer[] {
    this.chunks.push(data);
    this.buffered += data.length;
    const out: Buffer[] = [];
    while (this.buffered >= 4) {
      const head = this.peek(4);
      const len = head.readInt32LE(0);
      if (len < HEADER_SIZE || len > MAX_MESSAGE_SIZE) {
        throw new ProtocolError(`invalid message length ${len}`);
      }
      if (this.buffered < len) break;
      out.push(this.take(len));
    }
    return out;
  }

  private peek(n: number): Buffer {
    if ((this.chunks[0] as Buffer).length >= n) return (this.chunks[0] as Buffer).subarray(0, n);
    const all = Buffer.concat(this.chunks);
    this.chunks = [all];
    return all.subarray(0, n);
  }

  private take(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    let msg: Buffer;
    if (first.length >= n) {
      msg = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const all = Buffer.concat(this.chunks);
      msg = all.subarray(0, n);
      this.chunks = all.length > n ? [all.subarray(n)] : [];
    }
    this.buffered -= n;
    return msg;
  }
}
