// find / count / update / delete all read documents through here: plan, filter, sort,
// skip, limit. Lazy when the plan already yields sorted output, so `limit` stops early.
import type { Doc } from '../bson/types';
import type { Collection } from '../storage/collection';
import { compileFilter, type Matcher } from './matcher';
import { plan, type Plan, type PlanRequest } from './planner';
import { makeComparator, type SortSpec } from './sort';

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
  const p = chosen ?? plan(coll, { filter: opts.filter, sort: opts.sort, hint: opts.hint, notablescan: opts.notablescan, describe: opts.describe });
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
  const all: Match[] = [];
  for (const rid of p.rids()) {
    const doc = coll.records.get(rid);
    if (doc && matcher(doc)) all.push({ rid, doc });
  }
  const cmp = makeComparator(opts.sort);
  all.sort((a, b) => cmp(a.doc, b.doc));
  const end = limit === Infinity ? all.length : skip + limit;
  for (let i = skip; i < Math.min(end, all.length); i++) yield all[i] as Match;
}

/**
 * How many documents match (after skip, at most limit): no sorting, no copies, no result
 * array, and it stops at skip + limit. Multikey hits are deduplicated by the plan.
 */
export function countQuery(coll: Collection | undefined, opts: QueryOptions): number {
  const matcher = opts.matcher ?? compileFilter(opts.filter);
  const p = plan(coll, { filter: opts.filter, sort: opts.sort, hint: opts.hint, notablescan: opts.notablescan, describe: opts.describe });
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
  plan(coll, { filter: opts.filter, sort: opts.sort, hint: opts.hint, notablescan: opts.notablescan, describe: opts.describe });

export type { SortSpec };
