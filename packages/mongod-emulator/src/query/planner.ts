// Chooses how to find candidate documents: an index scan when the filter (or the sort)
// allows one, else a collection scan, which notablescan forbids as mongod does.
import { formatDoc, formatValue } from '../bson/format';
import { isPlainObject, type Doc } from '../bson/types';
import { err, MongoServerError } from '../errors';
import type { Collection } from '../storage/collection';
import type { Index } from '../storage/index';
import type { Interval } from '../storage/sortedEntries';
import { boundsFor, type FieldBounds } from './bounds';
import { compileFilter, isOperatorObject } from './matcher';
import type { SortSpec } from './sort';

export interface PlanRequest {
  filter: Doc;
  sort?: SortSpec;
  hint?: unknown;
  notablescan: boolean;
  /** For mongod-shaped error messages. */
  describe?: { limit?: number; skip?: number; batchSize?: number; sort?: Doc; projection?: Doc };
}

export interface Plan {
  kind: 'EOF' | 'COLLSCAN' | 'IXSCAN' | 'OR';
  indexNames: string[];
  /** Candidate record ids in output order (may include non-matching docs; never misses one). */
  rids(): Iterable<number>;
  /** True when rids() already yields documents in the requested sort order. */
  providesSort: boolean;
}

const INTERNAL_DBS = new Set(['admin', 'local', 'config']);

/** mongod's exemptions: empty filter, system.* collections, and the internal databases. */
export function tableScanAllowed(coll: { db: string; name: string }, filter: Doc, notablescan: boolean): boolean {
  if (!notablescan) return true;
  return Object.keys(filter).length === 0 || coll.name.startsWith('system.') || INTERNAL_DBS.has(coll.db);
}

type Conds = Map<string, unknown[]>;

function gatherConjuncts(filter: Doc, out: Conds = new Map()): Conds {
  for (const k of Object.keys(filter)) {
    const v = filter[k];
    if (k === '$and' && Array.isArray(v)) {
      for (const s of v) if (isPlainObject(s)) gatherConjuncts(s, out);
      continue;
    }
    if (k.startsWith('$')) continue;
    push(out, k, v);
    // {a: {$elemMatch: {b: 1}}} constrains a.b too.
    if (isOperatorObject(v) && isPlainObject(v.$elemMatch) && !isOperatorObject(v.$elemMatch)) {
      const inner = gatherConjuncts(v.$elemMatch as Doc);
      for (const [p, cs] of inner) for (const c of cs) push(out, `${k}.${p}`, c);
    }
  }
  return out;
}

function push(m: Conds, k: string, v: unknown): void {
  const arr = m.get(k);
  if (arr) arr.push(v);
  else m.set(k, [v]);
}

function fieldBounds(conds: unknown[] | undefined): FieldBounds | undefined {
  if (!conds) return undefined;
  let best: FieldBounds | undefined;
  for (const c of conds) {
    const b = boundsFor(c);
    if (!b) continue;
    if (!best || (b.points && !best.points) || (best.full && !b.full)) best = b;
  }
  return best;
}

interface Candidate {
  index: Index;
  /** Point lists for leading equality fields. */
  points: unknown[][];
  /** Intervals for the field after the points (if any). */
  range?: Interval[];
  score: number;
}

function usable(ix: Index, b: FieldBounds | undefined, filter: Doc): boolean {
  if (!b) return false;
  if (ix.sparse && !b.excludesMissing) return false;
  if (ix.spec.partialFilterExpression && !impliesPartial(filter, ix.spec.partialFilterExpression as Doc)) return false;
  return true;
}

/** Conservative check that the query only asks for documents the partial index holds. */
function impliesPartial(filter: Doc, pfe: Doc): boolean {
  const conds = gatherConjuncts(filter);
  return Object.keys(pfe).every((k) => {
    if (k === '$and' && Array.isArray(pfe.$and))
      return pfe.$and.every((s) => isPlainObject(s) && impliesPartial(filter, s));
    const want = pfe[k];
    const have = conds.get(k) ?? [];
    return have.some((h) => {
      if (formatValue(h) === formatValue(want)) return true;
      if (isOperatorObject(want) && Object.keys(want).length === 1) {
        const op = Object.keys(want)[0] as string;
        // {$exists: true} is implied by any equality on a non-null value; ranges by equalities inside them.
        if (op === '$exists' && want.$exists === true)
          return h !== null && !(isOperatorObject(h) && ('$exists' in h || '$ne' in h || '$nin' in h || '$not' in h));
        if (op === '$type') return false;
        if (['$gt', '$gte', '$lt', '$lte', '$eq'].includes(op) && !isOperatorObject(h)) {
          return compileFilter({ v: want })({ v: h });
        }
      }
      return false;
    });
  });
}

function candidateFor(ix: Index, conds: Conds, filter: Doc): Candidate | undefined {
  const points: unknown[][] = [];
  let range: Interval[] | undefined;
  let score = 0;
  let fullFirst = false;
  for (let i = 0; i < ix.pattern.length; i++) {
    const [field] = ix.pattern[i] as [string, number];
    const b = fieldBounds(conds.get(field));
    if (i === 0 && !usable(ix, b, filter)) return undefined;
    if (!b || (ix.sparse && !b.excludesMissing)) break;
    if (b.points) {
      points.push(b.intervals.map((iv) => (iv.lo as { value: unknown }).value));
      score += 10;
      continue;
    }
    if (b.full) {
      if (i === 0) fullFirst = true;
      break;
    }
    range = b.intervals;
    score += 5;
    break;
  }
  if (fullFirst) return { index: ix, points: [], range: undefined, score: 1 };
  if (ix.unique && points.length === ix.pattern.length) score += 100;
  if (ix.isId && points.length === 1) score += 200;
  // Prefer indexes with fewer fields left unconstrained (cheaper to scan).
  score -= (ix.pattern.length - points.length - (range ? 1 : 0)) * 0.1;
  return { index: ix, points, range, score };
}

function* cartesian(lists: unknown[][], max = 100_000): Generator<unknown[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  let count = 1;
  for (const l of lists) count *= l.length;
  if (count > max) throw err(2, 'too many index bounds combinations');
  const idx = lists.map(() => 0);
  while (true) {
    yield lists.map((l, i) => l[idx[i] as number]);
    let i = lists.length - 1;
    while (i >= 0) {
      idx[i] = (idx[i] as number) + 1;
      if ((idx[i] as number) < (lists[i] as unknown[]).length) break;
      idx[i] = 0;
      i--;
    }
    if (i < 0) return;
  }
}

function scanRids(c: Candidate): Iterable<number> {
  const ix = c.index;
  const dedupe = ix.multikey || c.points.some((p) => p.length > 1) || (c.range?.length ?? 0) > 1;
  return {
    *[Symbol.iterator]() {
      const seen = dedupe ? new Set<number>() : undefined;
      for (const pts of cartesian(c.points)) {
        const ranges = c.range ?? [undefined];
        for (const r of ranges) {
          for (const rid of ix.entries.scan(pts, r)) {
            if (seen) {
              if (seen.has(rid)) continue;
              seen.add(rid);
            }
            yield rid;
          }
        }
      }
    },
  };
}

function sortMatchesIndex(ix: Index, sort: SortSpec, equalityPrefix: number): 1 | -1 | 0 {
  if (ix.multikey || ix.sparse || ix.spec.partialFilterExpression) return 0;
  // Sort fields must continue the index pattern after the equality prefix, all same or all reversed direction.
  let dir: 1 | -1 | 0 = 0;
  for (let i = 0; i < sort.length; i++) {
    const p = ix.pattern[equalityPrefix + i];
    const [parts, sdir] = sort[i] as [string[], 1 | -1];
    if (!p || p[0] !== parts.join('.')) return 0;
    const d = (p[1] === sdir ? 1 : -1) as 1 | -1;
    if (dir === 0) dir = d;
    else if (dir !== d) return 0;
  }
  return dir;
}

function fullIndexRids(ix: Index, reverse: boolean): Iterable<number> {
  return {
    *[Symbol.iterator]() {
      yield* ix.entries.all(reverse);
    },
  };
}

export function noPlanError(ns: string, req: PlanRequest): MongoServerError {
  const d = req.describe ?? {};
  let s = `ns=${ns}`;
  if (d.batchSize !== undefined) s += ` batchSize=${d.batchSize}`;
  if (d.limit) s += ` limit=${d.limit}`;
  if (d.skip) s += ` skip=${d.skip}`;
  s += `Tree: ${debugTree(req.filter, 0)}`;
  s += `Sort: ${formatDoc(d.sort ?? {})}\nProj: ${formatDoc(d.projection ?? {})}\n`;
  return new MongoServerError(
    291,
    `error processing query: ${s} planner returned error :: caused by :: No indexed plans available, and running with 'notablescan'`,
  );
}

function debugTree(filter: Doc, depth: number): string {
  const pad = '    '.repeat(depth);
  const parts: string[] = [];
  for (const k of Object.keys(filter)) {
    const v = filter[k];
    if ((k === '$and' || k === '$or' || k === '$nor') && Array.isArray(v)) {
      parts.push(`${pad}${k}\n${v.map((s) => debugTree(s as Doc, depth + 1)).join('')}`);
    } else if (isOperatorObject(v)) {
      for (const op of Object.keys(v)) parts.push(`${pad}${k} ${op} ${formatValue(v[op])}\n`);
    } else parts.push(`${pad}${k} $eq ${formatValue(v)}\n`);
  }
  if (parts.length > 1 && depth === 0) return `$and\n${parts.map((p) => '    ' + p).join('')}`;
  return parts.join('');
}

function bestCandidate(coll: Collection, filter: Doc): Candidate | undefined {
  const conds = gatherConjuncts(filter);
  let best: Candidate | undefined;
  for (const ix of coll.indexes) {
    if (ix.spec.hidden === true) continue;
    const c = candidateFor(ix, conds, filter);
    if (c && (!best || c.score > best.score)) best = c;
  }
  return best;
}

function orPlan(coll: Collection, filter: Doc): Candidate[] | undefined {
  const branches = filter.$or;
  if (!Array.isArray(branches)) return undefined;
  const out: Candidate[] = [];
  for (const b of branches) {
    if (!isPlainObject(b)) return undefined;
    const c = bestCandidate(coll, b);
    if (!c) return undefined;
    out.push(c);
  }
  return out;
}

export function plan(coll: Collection | undefined, req: PlanRequest): Plan {
  if (!coll) return { kind: 'EOF', indexNames: [], rids: () => [], providesSort: true };
  const filter = req.filter;
  const collscan = (): Plan => {
    if (!tableScanAllowed(coll, filter, req.notablescan)) throw noPlanError(coll.ns, req);
    return { kind: 'COLLSCAN', indexNames: [], rids: () => coll.records.keys(), providesSort: !req.sort };
  };

  if (req.hint !== undefined && !(isPlainObject(req.hint) && Object.keys(req.hint).length === 0) && req.hint !== '') {
    if (isPlainObject(req.hint) && '$natural' in req.hint) return collscan();
    const ix = coll.findIndex(req.hint);
    if (!ix)
      throw err(
        2,
        'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index',
      );
    const c = candidateFor(ix, gatherConjuncts(filter), filter) ?? { index: ix, points: [], score: 0 };
    return indexPlan(c, req.sort);
  }

  const best = bestCandidate(coll, filter);
  if (best && best.score > 1) return indexPlan(best, req.sort);

  const ors = orPlan(coll, filter);
  if (ors && !(best && best.score > 1)) {
    return {
      kind: 'OR',
      indexNames: ors.map((c) => c.index.name),
      providesSort: !req.sort,
      rids: () => ({
        *[Symbol.iterator]() {
          const seen = new Set<number>();
          for (const c of ors) {
            for (const rid of scanRids(c)) {
              if (!seen.has(rid)) {
                seen.add(rid);
                yield rid;
              }
            }
          }
        },
      }),
    };
  }

  // An index that provides the sort also counts as an indexed plan, even if the filter can't use it.
  if (req.sort) {
    for (const ix of coll.indexes) {
      const dir = sortMatchesIndex(ix, req.sort, 0);
      if (dir !== 0)
        return { kind: 'IXSCAN', indexNames: [ix.name], rids: () => fullIndexRids(ix, dir === -1), providesSort: true };
    }
  }
  if (best) return indexPlan(best, req.sort);
  return collscan();
}

function indexPlan(c: Candidate, sort: SortSpec | undefined): Plan {
  let providesSort = !sort;
  let reverse = false;
  if (sort) {
    const singleCombo = c.points.every((p) => p.length === 1) && (c.range?.length ?? 0) <= 1;
    if (singleCombo) {
      const dir = sortMatchesIndex(c.index, sort, c.points.length);
      if (dir !== 0) {
        providesSort = true;
        reverse = dir === -1;
      } else if (c.points.length > 0) {
        // Sorting on fields that are all fixed by equality is trivially satisfied.
        const fixed = new Set(c.index.pattern.slice(0, c.points.length).map(([f]) => f));
        if (sort.every(([p]) => fixed.has(p.join('.')))) providesSort = true;
      }
    }
  }
  const rids = (): Iterable<number> => {
    if (!reverse) return scanRids(c);
    return [...scanRids(c)].reverse();
  };
  return { kind: 'IXSCAN', indexNames: [c.index.name], rids, providesSort };
}
