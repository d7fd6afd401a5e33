// find / count / update / delete all read documents through here: plan, filter, sort,
// skip, limit. Lazy when the plan already yields sorted output, so `limit` stops early.
import type { Doc } from '../bson/types';
import type { Collection } from '../storage/collection';
import { compileFilter, type Matcher } from './matcher';
import { plan, type Plan, type PlanRequest } from './planner';
import { sortKey, type SortSpec } from './sort';
import { compareValues } from '../bson/compare';

export interface QueryOptions {
  filter: Doc;
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  hint?: unknown;
  notablescan: boolean;
  describe?: PlanRequest['describe'];
  /** Overrides matching by `filter` (e.g. when $expr needs $$variables). */
  matcher?: Matcher;
}

export interface Match {
  rid: number;
  doc: Doc;
}

export function* executeQuery(coll: Collection | undefined, opts: QueryOptions, chosen?: Plan): Generator<Match> {
  // Parse errors (bad operators, $text…) come before planning errors, as in mongod.
  const matcher = opts.matcher ?? compileFilter(opts.filter);
  const p =
    chosen ??
    plan(coll, {
      filter: opts.filter,
      sort: opts.sort,
      hint: opts.hint,
      notablescan: opts.notablescan,
      describe: opts.describe,
    });
  if (!coll) return;
  const skip = opts.skip ?? 0;
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
  if (!opts.sort || p.providesSort) {
    let skipped = 0;
    let n = 0;
    for (const rid of p.rids()) {
      const doc = coll.records.get(rid);
      if (!doc || !matcher(doc)) continue;
      if (skipped < skip) {
        skipped++;
        continue;
      }
      if (n >= limit) return;
      n++;
      yield { rid, doc };
    }
    return;
  }
  // Blocking sort: each document's sort key is computed once; with a small skip + limit only
  // the best skip + limit are kept (ties keep plan order, as the full stable sort would).
  const spec = opts.sort;
  const keyOf = (doc: Doc): unknown[] => spec.map(([parts, dir]) => sortKey(doc, parts, dir));
  const cmp = (a: Sorting, b: Sorting): number => {
    for (let i = 0; i < spec.length; i++) {
      const c = compareValues(a.key[i], b.key[i]);
      if (c !== 0) return c * (spec[i] as [string[], 1 | -1])[1];
    }
    return 0;
  };
  const want = skip + limit;
  const bounded = want <= TOP_K_MAX;
  const top: Sorting[] = [];
  for (const rid of p.rids()) {
    const doc = coll.records.get(rid);
    if (!doc || !matcher(doc)) continue;
    const s: Sorting = { key: keyOf(doc), rid, doc };
    if (!bounded) {
      top.push(s);
      continue;
    }
    if (top.length >= want && cmp(s, top[top.length - 1] as Sorting) >= 0) continue;
    // Insert after every entry that sorts before or equal to it.
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(top[mid] as Sorting, s) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, s);
    if (top.length > want) top.pop();
  }
  if (!bounded) top.sort(cmp);
  const end = Math.min(want, top.length);
  for (let i = skip; i < end; i++) {
    const s = top[i] as Sorting;
    yield { rid: s.rid, doc: s.doc };
  }
}

/** Largest skip + limit kept by insertion into a bounded list rather than a full sort. */
const TOP_K_MAX = 2000;

interface Sorting {
  key: unknown[];
  rid: number;
  doc: Doc;
}

/**
 * How many documents match (after skip, at most limit): no sorting, no copies, no result
 * array, and it stops at skip + limit. Multikey hits are deduplicated by the plan.
 */
export function countQuery(coll: Collection | undefined, opts: QueryOptions): number {
  const matcher = opts.matcher ?? compileFilter(opts.filter);
  const p = plan(coll, {
    filter: opts.filter,
    sort: opts.sort,
    hint: opts.hint,
    notablescan: opts.notablescan,
    describe: opts.describe,
  });
  if (!coll) return 0;
  const skip = opts.skip ?? 0;
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
  const want = skip + limit;
  let n = 0;
  if (Object.keys(opts.filter).length === 0 && !opts.matcher && p.kind === 'COLLSCAN') {
    n = Math.min(coll.size, want);
  } else {
    const records = coll.records;
    for (const rid of p.rids()) {
      const doc = records.get(rid);
      if (doc === undefined || !matcher(doc)) continue;
      if (++n >= want) break;
    }
  }
  return Math.max(0, Math.min(n - skip, limit));
}

export const queryPlan = (coll: Collection | undefined, opts: QueryOptions): Plan =>
  plan(coll, {
    filter: opts.filter,
    sort: opts.sort,
    hint: opts.hint,
    notablescan: opts.notablescan,
    describe: opts.describe,
  });

export type { SortSpec };
