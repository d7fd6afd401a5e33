// Sort keys follow mongod: an array contributes its smallest element to an ascending
// sort and its largest to a descending one; missing sorts as null; [] sorts below null.
import { compareValues } from '../bson/compare';
import { isNumeric, isPlainObject, toDouble, type Doc } from '../bson/types';
import { err, unsupported } from '../errors';
import { collectValues, MISSING } from './path';

export type SortSpec = Array<[string[], 1 | -1]>;

export function parseSort(spec: unknown): SortSpec | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (!isPlainObject(spec)) throw err(2, 'sort must be an object');
  const out: SortSpec = [];
  for (const k of Object.keys(spec)) {
    const v = spec[k];
    if (isPlainObject(v)) throw unsupported(`$meta sort on ${k}`);
    if (!isNumeric(v) || (toDouble(v) !== 1 && toDouble(v) !== -1)) {
      throw err(15975, `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    }
    out.push([k.split('.'), toDouble(v) === 1 ? 1 : -1]);
  }
  return out.length ? out : undefined;
}

export function sortKey(doc: Doc, parts: string[], dir: 1 | -1): unknown {
  const raw = collectValues(doc, parts);
  let best: unknown = MISSING;
  let sawArray = false;
  for (const v of raw) {
    const items = Array.isArray(v) ? v : [v];
    if (Array.isArray(v)) {
      sawArray = true;
      if (v.length === 0) continue;
    }
    for (const e of items) {
      const x = e === MISSING ? null : e;
      if (best === MISSING || (dir === 1 ? compareValues(x, best) < 0 : compareValues(x, best) > 0)) best = x;
    }
  }
  if (best === MISSING) return sawArray ? undefined : null;
  return best;
}

export function makeComparator(spec: SortSpec): (a: Doc, b: Doc) => number {
  const cache = new WeakMap<Doc, unknown[]>();
  const keys = (d: Doc): unknown[] => {
    let k = cache.get(d);
    if (!k) {
      k = spec.map(([p, dir]) => sortKey(d, p, dir));
      cache.set(d, k);
    }
    return k;
  };
  return (a, b) => {
    const ka = keys(a);
    const kb = keys(b);
    for (let i = 0; i < spec.length; i++) {
      const c = compareValues(ka[i], kb[i]);
      if (c !== 0) return c * (spec[i] as [string[], 1 | -1])[1];
    }
    return 0;
  };
}

/** Stable sort keeping only `limit` documents when given (a bounded top-k would be nicer, this is fine for test data). */
export function sortDocs(docs: Doc[], spec: SortSpec): Doc[] {
  return docs.sort(makeComparator(spec));
}
