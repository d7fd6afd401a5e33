// An ordered multiset of (key tuple, record id) kept as a list of small sorted chunks:
// O(log n) lookups and cheap inserts/deletes without a full B-tree.
//
// Memory matters here: a multikey index over 100k documents holds millions of entries, and
// an object plus an array per entry cost ~110 bytes each (and kept the garbage collector
// busy). A chunk therefore stores its keys flattened into one array (`stride` values per
// entry) and its record ids in a parallel array: ~8 bytes per key field plus 8 per entry.
import { compareValues } from '../bson/compare';
import { canonicalType } from '../bson/types';

const CHUNK = 512;

/** Interval bound: a concrete value, or the lowest / highest point of a type bracket. */
export type Bound = { value: unknown } | { bracket: number; edge: 'min' | 'max' };
export interface Interval {
  lo: Bound;
  loInc: boolean;
  hi: Bound;
  hiInc: boolean;
}

export const MIN_BOUND: Bound = { bracket: -Infinity, edge: 'min' };
export const MAX_BOUND: Bound = { bracket: Infinity, edge: 'max' };

export function compareToBound(v: unknown, b: Bound): number {
  if ('value' in b) return compareValues(v, b.value);
  const t = canonicalType(v);
  if (t !== b.bracket) return t < b.bracket ? -1 : 1;
  return b.edge === 'min' ? 1 : -1;
}

interface Chunk {
  /** Entry i's key fields are keys[i * stride] … keys[i * stride + stride - 1]. */
  keys: unknown[];
  rids: number[];
}

/** A predicate over the entry at position i of a chunk (must be monotone in index order). */
type EntryTest = (c: Chunk, i: number) => boolean;

export class SortedEntries {
  private chunks: Chunk[] = [];
  private count = 0;
  private readonly stride: number;
  constructor(private readonly dirs: Array<1 | -1>) {
    this.stride = dirs.length;
  }

  get size(): number {
    return this.count;
  }

  compareKeys(a: unknown[], b: unknown[]): number {
    for (let i = 0; i < this.dirs.length; i++) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c * (this.dirs[i] as number);
    }
    return 0;
  }

  /** Index order of the entry at (c, i) relative to `key`. */
  private compareAt(c: Chunk, i: number, key: unknown[]): number {
    const k = this.stride;
    const keys = c.keys;
    const base = i * k;
    for (let f = 0; f < k; f++) {
      const r = compareValues(keys[base + f], key[f]);
      if (r !== 0) return (this.dirs[f] as number) === 1 ? r : -r;
    }
    return 0;
  }

  /** Position of the first entry for which `before` is false. */
  private lowerBound(before: EntryTest): [number, number] {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.chunks[mid] as Chunk;
      if (before(c, c.rids.length - 1)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.chunks.length) return [lo, 0];
    const c = this.chunks[lo] as Chunk;
    let a = 0;
    let b = c.rids.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (before(c, mid)) a = mid + 1;
      else b = mid;
    }
    return [lo, a];
  }

  /** Where (key, rid) is or would go: entries ordered by key, then record id. */
  private position(key: unknown[], rid: number): [number, number] {
    return this.lowerBound((c, i) => {
      const r = this.compareAt(c, i, key);
      return r < 0 || (r === 0 && (c.rids[i] as number) < rid);
    });
  }

  insert(key: unknown[], rid: number): void {
    const k = this.stride;
    if (this.chunks.length === 0) {
      this.chunks.push({ keys: key.slice(0, k), rids: [rid] });
      this.count = 1;
      return;
    }
    let [ci, i] = this.position(key, rid);
    if (ci === this.chunks.length) {
      ci = this.chunks.length - 1;
      i = (this.chunks[ci] as Chunk).rids.length;
    }
    const c = this.chunks[ci] as Chunk;
    if (i === c.rids.length) {
      c.rids.push(rid);
      for (let f = 0; f < k; f++) c.keys.push(key[f]);
    } else {
      c.rids.splice(i, 0, rid);
      if (k === 1) c.keys.splice(i, 0, key[0]);
      else c.keys.splice(i * k, 0, ...key.slice(0, k));
    }
    this.count++;
    if (c.rids.length > CHUNK * 2) {
      this.chunks.splice(
        ci,
        1,
        { keys: c.keys.slice(0, CHUNK * k), rids: c.rids.slice(0, CHUNK) },
        { keys: c.keys.slice(CHUNK * k), rids: c.rids.slice(CHUNK) },
      );
    }
  }

  remove(key: unknown[], rid: number): boolean {
    const [ci, i] = this.position(key, rid);
    const c = this.chunks[ci];
    if (!c || i >= c.rids.length) return false;
    if (c.rids[i] !== rid || this.compareAt(c, i, key) !== 0) return false;
    c.rids.splice(i, 1);
    c.keys.splice(i * this.stride, this.stride);
    this.count--;
    if (c.rids.length === 0) this.chunks.splice(ci, 1);
    return true;
  }

  /** Record ids of the entries with exactly this key. */
  *equal(key: unknown[]): Generator<number> {
    yield* this.scanWhile(
      (c, i) => this.compareAt(c, i, key) < 0,
      (c, i) => this.compareAt(c, i, key) === 0,
    );
  }

  /** Record ids of all entries, in index order (or reversed). */
  *all(reverse = false): Generator<number> {
    if (!reverse) {
      for (const c of this.chunks) yield* c.rids;
      return;
    }
    for (let ci = this.chunks.length - 1; ci >= 0; ci--) {
      const rids = (this.chunks[ci] as Chunk).rids;
      for (let i = rids.length - 1; i >= 0; i--) yield rids[i] as number;
    }
  }

  private *scanWhile(before: EntryTest, inRange: EntryTest): Generator<number> {
    let [ci, i] = this.lowerBound(before);
    // Copy-free iteration; callers must not mutate the index while iterating.
    while (ci < this.chunks.length) {
      const c = this.chunks[ci] as Chunk;
      const n = c.rids.length;
      for (; i < n; i++) {
        if (!inRange(c, i)) return;
        yield c.rids[i] as number;
      }
      ci++;
      i = 0;
    }
  }

  /**
   * Record ids of the entries whose first `points.length` key fields equal `points` and whose
   * next field (if `range` is given) lies in `range`, in index order.
   */
  scan(points: unknown[], range?: Interval): Generator<number> {
    const k = points.length;
    const stride = this.stride;
    const dirs = this.dirs;
    const prefixCmp = (c: Chunk, i: number): number => {
      const base = i * stride;
      for (let f = 0; f < k; f++) {
        const r = compareValues(c.keys[base + f], points[f]);
        if (r !== 0) return r * (dirs[f] as number);
      }
      return 0;
    };
    const d = range ? (dirs[k] as number) : 1;
    const before = (c: Chunk, i: number): boolean => {
      const p = prefixCmp(c, i);
      if (p !== 0) return p < 0;
      if (!range) return false;
      const v = c.keys[i * stride + k];
      if (d === 1) {
        const r = compareToBound(v, range.lo);
        return r < 0 || (r === 0 && !range.loInc);
      }
      const r = compareToBound(v, range.hi);
      return r > 0 || (r === 0 && !range.hiInc);
    };
    const inRange = (c: Chunk, i: number): boolean => {
      const p = prefixCmp(c, i);
      if (p !== 0) return false;
      if (!range) return true;
      const v = c.keys[i * stride + k];
      if (d === 1) {
        const r = compareToBound(v, range.hi);
        return r < 0 || (r === 0 && range.hiInc);
      }
      const r = compareToBound(v, range.lo);
      return r > 0 || (r === 0 && range.loInc);
    };
    return this.scanWhile(before, inRange);
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
  }
}
