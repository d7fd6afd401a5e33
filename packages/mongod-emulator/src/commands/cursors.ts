// Open cursors: materialized result sets handed out batch by batch via getMore.
import { calculateObjectSize, Long } from 'bson';
import type { Doc } from '../bson/types';
import { err } from '../errors';
import { MAX_BSON_SIZE } from '../wire/opcodes';

interface Cursor {
  id: bigint;
  ns: string;
  docs: Doc[];
  pos: number;
  lastUsed: number;
}

/** mongod's cursorTimeoutMillis: idle cursors are reaped after 10 minutes. */
const CURSOR_TIMEOUT_MS = 10 * 60 * 1000;

/** First batches default to 101 documents, like mongod; every batch stops near 16 MB. */
export const DEFAULT_FIRST_BATCH = 101;

export class CursorManager {
  private cursors = new Map<bigint, Cursor>();

  private newId(): bigint {
    let id: bigint;
    do {
      // Positive 63-bit ids; drivers treat 0 as "exhausted".
      id =
        BigInt.asUintN(
          62,
          BigInt(Math.floor(Math.random() * 2 ** 31)) * 2n ** 31n + BigInt(Math.floor(Math.random() * 2 ** 31)),
        ) + 1n;
    } while (this.cursors.has(id));
    return id;
  }

  /** Reply body for find/aggregate/listX: takes the first batch, opens a cursor for the rest. */
  firstBatch(ns: string, docs: Doc[], batchSize: number | undefined, singleBatch = false): Doc {
    this.reap();
    const { batch, next } = takeBatch(docs, 0, batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0n;
    if (next < docs.length && !singleBatch) {
      id = this.newId();
      this.cursors.set(id, { id, ns, docs, pos: next, lastUsed: Date.now() });
    }
    return { cursor: { firstBatch: batch, id: Long.fromBigInt(id), ns }, ok: 1 };
  }

  getMore(id: bigint, ns: string, batchSize: number | undefined): Doc {
    const c = this.cursors.get(id);
    if (!c) throw err(43, `cursor id ${id} not found`);
    if (c.ns !== ns) {
      throw err(13, `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${c.ns}`);
    }
    const { batch, next } = takeBatch(c.docs, c.pos, batchSize && batchSize > 0 ? batchSize : Infinity);
    c.pos = next;
    c.lastUsed = Date.now();
    let outId = id;
    if (next >= c.docs.length) {
      this.cursors.delete(id);
      outId = 0n;
    }
    return { cursor: { nextBatch: batch, id: Long.fromBigInt(outId), ns }, ok: 1 };
  }

  private reap(): void {
    const cutoff = Date.now() - CURSOR_TIMEOUT_MS;
    for (const [id, c] of this.cursors) if (c.lastUsed < cutoff) this.cursors.delete(id);
  }

  kill(id: bigint): boolean {
    return this.cursors.delete(id);
  }

  has(id: bigint): boolean {
    return this.cursors.has(id);
  }

  killAll(): void {
    this.cursors.clear();
  }

  get openCount(): number {
    return this.cursors.size;
  }
}

function takeBatch(docs: Doc[], from: number, max: number): { batch: Doc[]; next: number } {
  const batch: Doc[] = [];
  let bytes = 0;
  let i = from;
  while (i < docs.length && batch.length < max) {
    const d = docs[i] as Doc;
    const size = calculateObjectSize(d);
    if (batch.length > 0 && bytes + size > MAX_BSON_SIZE) break;
    bytes += size;
    batch.push(d);
    i++;
  }
  return { batch, next: i };
}
