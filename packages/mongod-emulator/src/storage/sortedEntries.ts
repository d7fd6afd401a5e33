// An ordered multiset of (key tuple, record id) kept as a list of small sorted chunks:
// O(log n) lookups and cheap inserts/deletes without a full B-tree.
import { compareValues } from '../bson/compare';
import { canonicalType } from '../bson/types';

export interface Entry {
  key: unknown[];
  rid: number;
}

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

export class SortedEntries {
  private chunks: Entry[][] = [];
  private count = 0;
  constructor(private readonly dirs: Array<1 | -1>) {}

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

  private compare(a: Entry, b: Entry): number {
    return this.compareKeys(a.key, b.key) || a.rid - b.rid;
  }

  /** Position of the first entry for which `before` is false (before must be monotone). */
  private lowerBound(before: (e: Entry) => boolean): [number, number] {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.chunks[mid] as Entry[];
      if (before(c[c.length - 1] as Entry)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.chunks.length) return [lo, 0];
    const c = this.chunks[lo] as Entry[];
    let a = 0;
    let b = c.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (before(c[mid] as Entry)) a = mid + 1;
      else b = mid;
    }
    return [lo, a];
  }

  insert(e: Entry): void {
    if (this.chunks.length === 0) {
      this.chunks.push([e]);
      this.count = 1;
      return;
    }
    let [ci, i] = this.lowerBound((x) => this.compare(x, e) < 0);
    if (ci === this.chunks.length) {
      ci = this.chunks.length - 1;
      i = (this.chunks[ci] as Entry[]).length;
    }
    const c = this.chunks[ci] as Entry[];
    c.splice(i, 0, e);
    this.count++;
    if (c.length > CHUNK * 2) this.chunks.splice(ci, 1, c.slice(0, CHUNK), c.slice(CHUNK));
  }

  remove(e: Entry): boolean {
    const [ci, i] = this.lowerBound((x) => this.compare(x, e) < 0);
    const c = this.chunks[ci];
    if (!c) return false;
    const hit = c[i];
    if (!hit || hit.rid !== e.rid || this.compareKeys(hit.key, e.key) !== 0) return false;
    c.splice(i, 1);
    this.count--;
    if (c.length === 0) this.chunks.splice(ci, 1);
    return true;
  }

  /** Entries with exactly this key (any record). */
  *equal(key: unknown[]): Generator<Entry> {
    yield* this.scanWhile(
      (x) => this.compareKeys(x.key, key) < 0,
      (x) => this.compareKeys(x.key, key) === 0,
    );
  }

  *all(reverse = false): Generator<Entry> {
    if (!reverse) {
      for (const c of this.chunks) yield* c;
      return;
    }
    for (let ci = this.chunks.length - 1; ci >= 0; ci--) {
      const c = this.chunks[ci] as Entry[];
      for (let i = c.length - 1; i >= 0; i--) yield c[i] as Entry;
    }
  }

  private *scanWhile(before: (e: Entry) => boolean, inRange: (e: Entry) => boolean): Generator<Entry> {
    let [ci, i] = this.lowerBound(before);
    // Copy-free iteration; callers must not mutate the index while iterating.
    while (ci < this.chunks.length) {
      const c = this.chunks[ci] as Entry[];
      for (; i < c.length; i++) {
        const e = c[i] as Entry;
        if (!inRange(e)) return;
        yield e;
      }
      ci++;
      i = 0;
    }
  }

  /**
   * Entries whose first `points.length` key fields equal `points` and whose next field (if
   * `range` is given) lies in `range`, in index order.
   */
  *scan(points: unknown[], range?: Interval): Generator<Entry> {
    const k = points.length;
    const dirs = this.dirs;
    const prefixCmp = (e: Entry): number => {
      for (let f = 0; f < k; f++) {
        const c = compareValues(e.key[f], points[f]);
        if (c !== 0) return c * (dirs[f] as number);
      }
      return 0;
    };
    const d = range ? (dirs[k] as number) : 1;
    const before = (e: Entry): boolean => {
      const p = prefixCmp(e);
      if (p !== 0) return p < 0;
      if (!range) return false;
      const v = e.key[k];
      if (d === 1) {
        const c = compareToBound(v, range.lo);
        return c < 0 || (c === 0 && !range.loInc);
      }
      const c = compareToBound(v, range.hi);
      return c > 0 || (c === 0 && !range.hiInc);
    };
    const inRange = (e: Entry): boolean => {
      const p = prefixCmp(e);
      if (p !== 0) return false;
      if (!range) return true;
      const v = e.key[k];
      if (d === 1) {
        const c = compareToBound(v, range.hi);
        return c < 0 || (c === 0 && range.hiInc);
      }
      const c = compareToBound(v, range.lo);
      return c > 0 || (c === 0 && range.loInc);
    };
    yield* this.scanWhile(before, inRange);
  }

  clear(): void {
    this.chunks = [];
    this.count = 0;
  }
}
