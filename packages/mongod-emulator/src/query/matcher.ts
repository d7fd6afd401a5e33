// Query filter evaluation with mongod's semantics (type brackets, array traversal,
// null-matches-missing, BSON type names). mingo is only used for `$expr`.
import { BSONRegExp, MaxKey, MinKey } from 'bson';
import { compareValues } from '../bson/compare';
import { bsonTypeName, canonicalType, isNumeric, isPlainObject, toDouble, TYPE_NUMBERS, type Doc } from '../bson/types';
import { err, MongoServerError, unsupported } from '../errors';
import { evalExpression } from './mingoBridge';
import { collectValues, MISSING, splitPath } from './path';
import { regexOf } from './regex';

export type Matcher = (doc: Doc) => boolean;
type ValuePred = (v: unknown) => boolean;

const GEO_OPS = new Set([
  '$near',
  '$nearSphere',
  '$geoWithin',
  '$geoIntersects',
  '$within',
  '$box',
  '$center',
  '$centerSphere',
  '$polygon',
  '$maxDistance',
  '$minDistance',
  '$geometry',
]);
const UNSUPPORTED_OPS = new Set([
  '$where',
  '$jsonSchema',
  '$bitsAllSet',
  '$bitsAnySet',
  '$bitsAllClear',
  '$bitsAnyClear',
  '$sampleRate',
]);

export const isOperatorObject = (v: unknown): v is Doc => {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && (keys[0] as string).startsWith('$');
};

const isNullish = (v: unknown): boolean => v === MISSING || v === null || v === undefined;

/** `$eq` on one candidate value (elements of leaf arrays are tried by the caller). */
function equals(candidate: unknown, target: unknown): boolean {
  if (target === null) return candidate === null || candidate === undefined || candidate === MISSING;
  if (candidate === MISSING) return false;
  if (canonicalType(candidate) !== canonicalType(target)) return false;
  return compareValues(candidate, target) === 0;
}

function rangePred(op: string, target: unknown): ValuePred {
  // MinKey / MaxKey compare across all brackets; everything else only within its bracket.
  const crossBracket = target instanceof MinKey || target instanceof MaxKey;
  const inclusiveNull = target === null && (op === '$gte' || op === '$lte');
  return (c) => {
    if (c === MISSING) return inclusiveNull;
    if (!crossBracket && canonicalType(c) !== canonicalType(target)) return false;
    if (typeof target === 'number' || isNumeric(target)) {
      if (Number.isNaN(toDouble(target)) || Number.isNaN(toDouble(c))) {
        return (op === '$gte' || op === '$lte') && Number.isNaN(toDouble(target)) && Number.isNaN(toDouble(c));
      }
    }
    const r = compareValues(c, target);
    switch (op) {
      case '$gt':
        return r > 0;
      case '$gte':
        return r >= 0;
      case '$lt':
        return r < 0;
      default:
        return r <= 0;
    }
  };
}

function regexPred(re: RegExp, source: unknown): ValuePred {
  return (c) => {
    if (typeof c === 'string') {
      re.lastIndex = 0;
      return re.test(c);
    }
    if (c instanceof BSONRegExp && source instanceof BSONRegExp)
      return c.pattern === source.pattern && c.options === source.options;
    return false;
  };
}

function inPred(list: unknown): ValuePred {
  if (!Array.isArray(list)) throw err(2, '$in needs an array');
  const preds = list.map((t) => {
    if (isOperatorObject(t)) throw err(2, 'cannot nest $ under $in');
    const re = regexOf(t);
    return re ? regexPred(re, t) : (c: unknown) => equals(c, t);
  });
  return (c) => preds.some((p) => p(c));
}

function typePred(spec: unknown): ValuePred {
  const specs = Array.isArray(spec) ? spec : [spec];
  if (specs.length === 0) throw err(2, '$type must match at least one type');
  const names = specs.map((s) => {
    if (typeof s === 'string') {
      if (s === 'number') return s;
      if (!(s in TYPE_NUMBERS)) throw err(2, `Unknown type name alias: ${s}`);
      return s;
    }
    if (isNumeric(s)) {
      const n = toDouble(s);
      const name = Object.keys(TYPE_NUMBERS).find((k) => TYPE_NUMBERS[k] === n);
      if (!name) throw err(2, `Invalid numerical type code: ${n}`);
      return name;
    }
    throw err(14, 'type must be represented as a number or a string');
  });
  return (c) => {
    if (c === MISSING) return false;
    const t = bsonTypeName(c);
    return names.some((n) => n === t || (n === 'number' && isNumeric(c)));
  };
}

/** Applies a per-value predicate to every candidate at the path, including leaf array elements. */
function anyCandidate(parts: string[], pred: ValuePred, expandLeafArrays = true): Matcher {
  return (doc) => {
    for (const v of collectValues(doc, parts)) {
      if (pred(v)) return true;
      if (expandLeafArrays && Array.isArray(v)) {
        for (const e of v) if (pred(e)) return true;
      }
    }
    return false;
  };
}

function compileOperators(path: string, parts: string[], ops: Doc): Matcher[] {
  const out: Matcher[] = [];
  for (const op of Object.keys(ops)) {
    const arg = ops[op];
    switch (op) {
      case '$eq':
        out.push(anyCandidate(parts, (c) => equals(c, arg)));
        break;
      case '$ne': {
        const m = anyCandidate(parts, (c) => equals(c, arg));
        out.push((d) => !m(d));
        break;
      }
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        if (isRegexValue(arg)) throw err(2, `Can't have RegEx as arg to predicate over field '${path}'.`);
        out.push(anyCandidate(parts, rangePred(op, arg)));
        break;
      case '$in':
        out.push(anyCandidate(parts, inPred(arg)));
        break;
      case '$nin': {
        const m = anyCandidate(parts, inPred(arg));
        out.push((d) => !m(d));
        break;
      }
      case '$exists': {
        const want = truthy(arg);
        out.push((d) => collectValues(d, parts).some((v) => v !== MISSING) === want);
        break;
      }
      case '$type':
        out.push(anyCandidate(parts, typePred(arg)));
        break;
      case '$regex': {
        const options = typeof ops.$options === 'string' ? ops.$options : arg instanceof BSONRegExp ? arg.options : '';
        const pattern =
          typeof arg === 'string'
            ? arg
            : arg instanceof BSONRegExp
              ? arg.pattern
              : arg instanceof RegExp
                ? arg.source
                : undefined;
        if (pattern === undefined) throw err(2, '$regex has to be a string');
        const src = new BSONRegExp(pattern, options);
        out.push(anyCandidate(parts, regexPred(regexOf(src) as RegExp, src)));
        break;
      }
      case '$options':
        if (!('$regex' in ops)) throw err(2, '$options needs a $regex');
        break;
      case '$not': {
        let m: Matcher;
        const re = regexOf(arg);
        if (re) m = anyCandidate(parts, regexPred(re, arg));
        else if (isOperatorObject(arg)) {
          const ms = compileOperators(path, parts, arg);
          m = (d) => ms.every((x) => x(d));
        } else throw err(2, '$not needs a regex or a document');
        out.push((d) => !m(d));
        break;
      }
      case '$elemMatch': {
        if (!isPlainObject(arg)) throw err(2, '$elemMatch needs an Object');
        let elemPred: ValuePred;
        if (isOperatorObject(arg) && !['$and', '$or', '$nor', '$expr'].includes(Object.keys(arg)[0] as string)) {
          const ms = compileOperators(path, [], arg);
          elemPred = (e) => ms.every((m) => m(e as Doc));
        } else {
          const m = compileFilter(arg);
          elemPred = (e) => isPlainObject(e) && m(e);
        }
        out.push(anyCandidate(parts, (c) => Array.isArray(c) && c.some(elemPred), false));
        break;
      }
      case '$size': {
        if (!isNumeric(arg)) throw err(2, '$size needs a number');
        const n = toDouble(arg);
        out.push(anyCandidate(parts, (c) => Array.isArray(c) && c.length === n, false));
        break;
      }
      case '$all': {
        if (!Array.isArray(arg)) throw err(2, '$all needs an array');
        if (arg.length === 0) {
          out.push(() => false);
          break;
        }
        const ms = arg.map((t) => {
          if (isPlainObject(t) && isPlainObject(t.$elemMatch)) return compileOperators(path, parts, t)[0] as Matcher;
          const re = regexOf(t);
          return anyCandidate(parts, re ? regexPred(re, t) : (c) => equals(c, t));
        });
        out.push((d) => ms.every((m) => m(d)));
        break;
      }
      case '$mod': {
        if (!Array.isArray(arg) || arg.length !== 2) throw err(2, 'malformed mod, needs to be an array of 2 elements');
        const div = Math.trunc(toDouble(arg[0]));
        const rem = Math.trunc(toDouble(arg[1]));
        if (div === 0) throw err(2, 'divisor cannot be 0');
        out.push(anyCandidate(parts, (c) => isNumeric(c) && Math.trunc(toDouble(c)) % div === rem));
        break;
      }
      case '$comment':
        break;
      default:
        if (GEO_OPS.has(op)) throw unsupported(`geospatial query operator ${op}`);
        if (UNSUPPORTED_OPS.has(op)) throw unsupported(`query operator ${op}`);
        throw err(2, `unknown operator: ${op}`);
    }
  }
  return out;
}

const truthy = (v: unknown): boolean =>
  !(v === false || v === null || v === undefined || (isNumeric(v) && toDouble(v) === 0));

function isRegexValue(v: unknown): boolean {
  return v instanceof BSONRegExp || v instanceof RegExp;
}

function compileField(path: string, cond: unknown): Matcher[] {
  const parts = splitPath(path);
  if (isOperatorObject(cond)) return compileOperators(path, parts, cond);
  const re = regexOf(cond);
  if (re) return [anyCandidate(parts, regexPred(re, cond))];
  return [anyCandidate(parts, (c) => equals(c, cond))];
}

/** `vars` are the `$$` variables visible to `$expr` (e.g. a $lookup's `let`). */
export function compileFilter(filter: Doc, vars?: Doc): Matcher {
  if (!isPlainObject(filter)) throw err(2, 'filter must be an object');
  const ms: Matcher[] = [];
  for (const key of Object.keys(filter)) {
    const cond = filter[key];
    if (key.startsWith('$')) {
      switch (key) {
        case '$and':
        case '$or':
        case '$nor': {
          if (!Array.isArray(cond) || cond.length === 0) throw err(2, `${key} must be a nonempty array`);
          const subs = cond.map((c) => {
            if (!isPlainObject(c)) throw err(2, `$or/$and/$nor entries need to be full objects`);
            return compileFilter(c, vars);
          });
          if (key === '$and') ms.push((d) => subs.every((m) => m(d)));
          else if (key === '$or') ms.push((d) => subs.some((m) => m(d)));
          else ms.push((d) => !subs.some((m) => m(d)));
          break;
        }
        case '$expr':
          ms.push((d) => truthy(evalExpression(cond, d, vars)));
          break;
        case '$comment':
          break;
        case '$text':
          throw new MongoServerError(
            27,
            'text index required for $text query (mongod-emulator does not support text indexes)',
          );
        case '$alwaysTrue':
          ms.push(() => true);
          break;
        case '$alwaysFalse':
          ms.push(() => false);
          break;
        default:
          if (UNSUPPORTED_OPS.has(key)) throw unsupported(`query operator ${key}`);
          throw err(
            2,
            `unknown top level operator: ${key}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.`,
          );
      }
    } else {
      ms.push(...compileField(key, cond));
    }
  }
  if (ms.length === 0) return () => true;
  if (ms.length === 1) return ms[0] as Matcher;
  return (d) => {
    for (const m of ms) if (!m(d)) return false;
    return true;
  };
}

export { isNullish };
