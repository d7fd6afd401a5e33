// Index bounds for one field from the query conditions on it, following the shapes
// mongod's planner can build (points, type-bracketed ranges, regex prefixes, full scans).
import { BSONRegExp, MaxKey, MinKey } from 'bson';
import { compareValues } from '../bson/compare';
import { canonicalType, isPlainObject, type Doc } from '../bson/types';
import { MAX_BOUND, MIN_BOUND, compareToBound, type Bound, type Interval } from '../storage/sortedEntries';
import { isOperatorObject } from './matcher';
import { anchoredPrefix } from './regex';

export interface FieldBounds {
  intervals: Interval[];
  /** All intervals are single points (equality / $in). */
  points: boolean;
  /** The bounds exclude documents where the field is missing (sparse indexes need this). */
  excludesMissing: boolean;
  /** The whole index must be scanned (e.g. $ne): usable but unselective. */
  full: boolean;
}

const point = (v: unknown): Interval => ({ lo: { value: v }, loInc: true, hi: { value: v }, hiInc: true });
const FULL: Interval = { lo: MIN_BOUND, loInc: true, hi: MAX_BOUND, hiInc: true };

function bracketMin(v: unknown): Bound {
  return { bracket: canonicalType(v), edge: 'min' };
}
function bracketMax(v: unknown): Bound {
  return { bracket: canonicalType(v), edge: 'max' };
}

function regexIntervals(pattern: string, options: string): { intervals: Interval[]; exactPrefix: boolean } {
  const ap = anchoredPrefix(pattern, options);
  const regexPoint: Interval = {
    lo: { bracket: 50, edge: 'min' },
    loInc: true,
    hi: { bracket: 50, edge: 'max' },
    hiInc: true,
  };
  if (ap && ap.prefix.length > 0) {
    const last = ap.prefix.codePointAt(ap.prefix.length - 1) as number;
    const upper = ap.prefix.slice(0, -1) + String.fromCodePoint(last + 1);
    return {
      intervals: [{ lo: { value: ap.prefix }, loInc: true, hi: { value: upper }, hiInc: false }, regexPoint],
      exactPrefix: true,
    };
  }
  return {
    intervals: [
      { lo: { bracket: 15, edge: 'min' }, loInc: true, hi: { bracket: 15, edge: 'max' }, hiInc: true },
      regexPoint,
    ],
    exactPrefix: false,
  };
}

function equalityIntervals(v: unknown): Interval[] {
  if (Array.isArray(v)) return [point(v.length ? v[0] : undefined), point(v)];
  if (v === null) return [point(null), point(undefined)];
  return [point(v)];
}

/** Bounds for one condition object (the value a field maps to in a filter), or undefined if not indexable. */
export function boundsFor(cond: unknown): FieldBounds | undefined {
  if (cond instanceof BSONRegExp || cond instanceof RegExp) {
    const r =
      cond instanceof BSONRegExp ? regexIntervals(cond.pattern, cond.options) : regexIntervals(cond.source, cond.flags);
    return { intervals: r.intervals, points: false, excludesMissing: true, full: false };
  }
  if (!isOperatorObject(cond)) {
    return { intervals: equalityIntervals(cond), points: true, excludesMissing: cond !== null, full: false };
  }
  let result: FieldBounds | undefined;
  const intersect = (b: FieldBounds): void => {
    if (!result || result.full) {
      result = b.full && result ? result : b;
      return;
    }
    if (b.full) return;
    result = intersectBounds(result, b);
  };
  const ops = cond as Doc;
  for (const op of Object.keys(ops)) {
    const arg = ops[op];
    switch (op) {
      case '$eq':
        intersect({ intervals: equalityIntervals(arg), points: true, excludesMissing: arg !== null, full: false });
        break;
      case '$in': {
        if (!Array.isArray(arg)) return undefined;
        const ivs: Interval[] = [];
        let pts = true;
        let hasNull = false;
        for (const v of arg) {
          if (v instanceof BSONRegExp || v instanceof RegExp) {
            pts = false;
            ivs.push(
              ...(v instanceof BSONRegExp ? regexIntervals(v.pattern, v.options) : regexIntervals(v.source, v.flags))
                .intervals,
            );
          } else {
            if (v === null) hasNull = true;
            ivs.push(...equalityIntervals(v));
          }
        }
        intersect({ intervals: normalize(ivs), points: pts, excludesMissing: !hasNull, full: false });
        break;
      }
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        if (arg instanceof MinKey || arg instanceof MaxKey || arg === null || arg === undefined) {
          intersect({ intervals: [FULL], points: false, excludesMissing: arg !== null, full: true });
          break;
        }
        const iv: Interval =
          op === '$gt' || op === '$gte'
            ? { lo: { value: arg }, loInc: op === '$gte', hi: bracketMax(arg), hiInc: true }
            : { lo: bracketMin(arg), loInc: true, hi: { value: arg }, hiInc: op === '$lte' };
        intersect({ intervals: [iv], points: false, excludesMissing: true, full: false });
        break;
      }
      case '$regex': {
        const options = typeof ops.$options === 'string' ? ops.$options : arg instanceof BSONRegExp ? arg.options : '';
        const pattern = typeof arg === 'string' ? arg : arg instanceof BSONRegExp ? arg.pattern : undefined;
        if (pattern === undefined) return undefined;
        intersect({
          intervals: regexIntervals(pattern, options).intervals,
          points: false,
          excludesMissing: true,
          full: false,
        });
        break;
      }
      case '$elemMatch': {
        if (isPlainObject(arg) && isOperatorObject(arg)) {
          const inner = boundsFor(arg);
          if (inner) intersect(inner);
        }
        break;
      }
      case '$all': {
        if (Array.isArray(arg) && arg.length > 0 && !isPlainObject(arg[0])) {
          intersect({ intervals: equalityIntervals(arg[0]), points: true, excludesMissing: true, full: false });
        }
        break;
      }
      case '$exists':
        // {$exists: true} scans the whole index; {$exists: false} looks for null keys.
        if (arg === false) intersect({ intervals: [point(null)], points: true, excludesMissing: false, full: false });
        else intersect({ intervals: [FULL], points: false, excludesMissing: true, full: true });
        break;
      case '$ne':
      case '$nin':
      case '$not':
      case '$type':
      case '$mod':
        intersect({ intervals: [FULL], points: false, excludesMissing: op === '$type' || op === '$mod', full: true });
        break;
      case '$options':
      case '$comment':
        break;
      default:
        // $size, $expr-ish, geo and friends: no bounds from this operator.
        break;
    }
  }
  return result;
}

function normalize(ivs: Interval[]): Interval[] {
  const sorted = [...ivs].sort((a, b) => cmpBound(a.lo, b.lo));
  const out: Interval[] = [];
  for (const iv of sorted) {
    const prev = out[out.length - 1];
    if (
      prev &&
      'value' in iv.lo &&
      'value' in prev.hi &&
      compareValues(iv.lo.value, prev.hi.value) === 0 &&
      'value' in prev.lo &&
      'value' in iv.hi &&
      compareValues(prev.lo.value, iv.hi.value) === 0
    ) {
      continue;
    }
    out.push(iv);
  }
  return out;
}

function cmpBound(a: Bound, b: Bound): number {
  if ('value' in a) return compareToBound(a.value, b);
  if ('value' in b) return -compareToBound(b.value, a);
  if (a.bracket !== b.bracket) return a.bracket < b.bracket ? -1 : 1;
  return a.edge === b.edge ? 0 : a.edge === 'min' ? -1 : 1;
}

/** Intersection of two single-range bounds; for anything fancier keep the more selective one. */
function intersectBounds(a: FieldBounds, b: FieldBounds): FieldBounds {
  if (a.intervals.length === 1 && b.intervals.length === 1 && !a.points && !b.points) {
    const x = a.intervals[0] as Interval;
    const y = b.intervals[0] as Interval;
    const lc = cmpBound(x.lo, y.lo);
    const hc = cmpBound(x.hi, y.hi);
    const lo = lc > 0 ? x : lc < 0 ? y : { lo: x.lo, loInc: x.loInc && y.loInc };
    const hi = hc < 0 ? x : hc > 0 ? y : { hi: x.hi, hiInc: x.hiInc && y.hiInc };
    return {
      intervals: [{ lo: lo.lo, loInc: lo.loInc, hi: hi.hi, hiInc: hi.hiInc }],
      points: false,
      excludesMissing: true,
      full: false,
    };
  }
  if (a.points && !b.points) return a;
  if (b.points && !a.points) return b;
  return a.intervals.length <= b.intervals.length ? a : b;
}
