// Dotted-path reads with mongod's implicit array traversal ("a.b" reaches into every
// element of an array `a`), used by the matcher, index key generation and sort keys.
import { isPlainObject, type Doc } from '../bson/types';

export const MISSING: unique symbol = Symbol('missing');
export type Maybe = unknown | typeof MISSING;

const isIndex = (s: string): boolean => /^(0|[1-9][0-9]*)$/.test(s);

const isTraversable = (v: unknown): v is Doc =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && isPlainObject(v);

/**
 * Every value the path can denote. Leaf arrays are returned as-is (callers decide whether
 * to also look at the elements); a missing field yields MISSING.
 */
export function collectValues(value: unknown, parts: readonly string[], i = 0, out: unknown[] = []): unknown[] {
  if (i === parts.length) {
    out.push(value);
    return out;
  }
  const key = parts[i] as string;
  if (Array.isArray(value)) {
    if (isIndex(key)) {
      const idx = Number(key);
      if (idx < value.length) collectValues(value[idx], parts, i + 1, out);
    }
    for (const e of value) {
      if (isTraversable(e)) collectValues(Object.hasOwn(e, key) ? e[key] : MISSING, parts, i + 1, out);
    }
    return out;
  }
  if (isTraversable(value)) {
    collectValues(Object.hasOwn(value, key) ? value[key] : MISSING, parts, i + 1, out);
    return out;
  }
  out.push(MISSING);
  return out;
}

/** Plain (non-traversing) lookup, as `$`-less update paths and projections see it. */
export function getPath(doc: unknown, path: string | readonly string[]): unknown {
  const parts = typeof path === 'string' ? path.split('.') : path;
  let cur: unknown = doc;
  for (const p of parts) {
    if (Array.isArray(cur)) {
      if (!isIndex(p)) return MISSING;
      cur = Number(p) < cur.length ? cur[Number(p)] : MISSING;
    } else if (isTraversable(cur)) {
      cur = Object.hasOwn(cur, p) ? cur[p] : MISSING;
    } else return MISSING;
    if (cur === MISSING) return MISSING;
  }
  return cur;
}

export const splitPath = (p: string): string[] => p.split('.');
