// Update operators ($set … $bit), positional paths ($, $[], $[id]) and replacement
// updates, written against typed BSON values so Int32 / Double / Long survive.
import { Int32, Long, Timestamp } from 'bson';
import { add, multiply, zeroLike } from '../bson/arith';
import { compareValues } from '../bson/compare';
import { formatValue } from '../bson/format';
import { bsonTypeName, isNumeric, isPlainObject, toDouble, type Doc } from '../bson/types';
import { err, MongoServerError } from '../errors';
import { compileFilter, isOperatorObject, type Matcher } from './matcher';
import { MISSING } from './path';
import { firstMatchingIndex } from './positional';
import { makeComparator, parseSort } from './sort';

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$addToSet',
  '$pop',
  '$pull',
  '$pullAll',
  '$currentDate',
  '$setOnInsert',
  '$bit',
]);

export const isOperatorUpdate = (u: Doc): boolean => Object.keys(u).some((k) => k.startsWith('$'));

export function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepClone) as T;
  if (isPlainObject(v)) {
    const o: Doc = {};
    for (const k of Object.keys(v)) o[k] = deepClone(v[k]);
    return o as T;
  }
  return v;
}

export interface UpdateContext {
  query: Doc;
  arrayFilters?: Doc[];
  isInsert: boolean;
}

interface Op {
  op: string;
  path: string;
  arg: unknown;
}

export function validateUpdateDoc(u: Doc): void {
  for (const k of Object.keys(u)) {
    if (!k.startsWith('$'))
      throw err(
        9,
        `Unknown modifier: ${k}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    if (!OPERATORS.has(k))
      throw err(
        9,
        `Unknown modifier: ${k}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    if (!isPlainObject(u[k]))
      throw err(
        9,
        `Modifiers operate on fields but we found type ${bsonTypeName(u[k])} instead. For example: {$mod: {<field>: ...}} not {${k}: ${formatValue(u[k])}}`,
      );
  }
}

/** Replacement-style update: keep `_id`, refuse to change it. */
export function applyReplacement(oldDoc: Doc, replacement: Doc): Doc {
  for (const k of Object.keys(replacement)) {
    if (k.startsWith('$'))
      throw err(
        2,
        `The dollar ($) prefixed field '${k}' in '${k}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
      );
  }
  const out: Doc = { _id: oldDoc._id };
  if (
    Object.hasOwn(replacement, '_id') &&
    oldDoc._id !== undefined &&
    compareValues(replacement._id, oldDoc._id) !== 0
  ) {
    throw err(
      66,
      `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(replacement._id)}`,
    );
  }
  for (const k of Object.keys(replacement)) if (k !== '_id') out[k] = deepClone(replacement[k]);
  if (out._id === undefined) delete out._id;
  return out;
}

function comparePaths(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

export function applyOperators(oldDoc: Doc, update: Doc, ctx: UpdateContext): Doc {
  validateUpdateDoc(update);
  const ops: Op[] = [];
  for (const op of Object.keys(update)) {
    if (op === '$setOnInsert' && !ctx.isInsert) continue;
    const spec = update[op] as Doc;
    for (const path of Object.keys(spec)) {
      if (path === '') throw err(56, 'An empty update path is not valid.');
      ops.push({ op: op === '$setOnInsert' ? '$set' : op, path, arg: spec[path] });
      if (op === '$rename') {
        if (typeof spec[path] !== 'string')
          throw err(2, `The 'to' field for $rename must be a string: ${path}: ${formatValue(spec[path])}`);
        ops.push({ op: '$renameTarget', path: spec[path] as string, arg: path });
      }
    }
  }
  checkConflicts(ops);
  const doc = deepClone(oldDoc);
  const filters = compileArrayFilters(ctx.arrayFilters, ops);
  let positional: number | undefined | null = null;
  const getPositional = (arrayPath: string): number => {
    if (positional === null) positional = firstMatchingIndex(oldDoc, arrayPath, ctx.query);
    if (positional === undefined) throw err(2, 'The positional operator did not find the match needed from the query.');
    return positional;
  };
  ops.sort((a, b) => comparePaths(a.path, b.path));
  const renames = new Map<string, unknown>();
  for (const o of ops) if (o.op === '$rename') renames.set(o.path, readForRename(doc, o.path));
  for (const o of ops) {
    if (o.op === '$renameTarget') {
      const v = renames.get(o.arg as string);
      if (v !== MISSING)
        applyAt(doc, o.path.split('.'), 0, '', { op: '$set', path: o.path, arg: v }, getPositional, filters, doc);
      continue;
    }
    applyAt(doc, o.path.split('.'), 0, '', o, getPositional, filters, doc);
  }
  if (
    oldDoc._id !== undefined &&
    (doc._id === undefined ||
      compareValues(doc._id, oldDoc._id) !== 0 ||
      bsonTypeName(doc._id) !== bsonTypeName(oldDoc._id))
  ) {
    throw err(66, `Performing an update on the path '_id' would modify the immutable field '_id'`);
  }
  return doc;
}

function readForRename(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const p of path.split('.')) {
    if (Array.isArray(cur))
      throw err(
        2,
        `The source field cannot be an array element, '${path}' in doc with _id: ${formatValue(doc._id)} has an array field called '${p}'`,
      );
    if (!isPlainObject(cur) || !Object.hasOwn(cur, p)) return MISSING;
    cur = cur[p];
  }
  return cur;
}

function checkConflicts(ops: Op[]): void {
  for (let i = 0; i < ops.length; i++) {
    for (let j = i + 1; j < ops.length; j++) {
      const a = ops[i]?.path as string;
      const b = ops[j]?.path as string;
      if (a === b || b.startsWith(a + '.') || a.startsWith(b + '.')) {
        const [first, second] = a.length <= b.length ? [a, b] : [b, a];
        throw err(40, `Updating the path '${second}' would create a conflict at '${first}'`);
      }
    }
  }
}

function compileArrayFilters(arrayFilters: Doc[] | undefined, ops: Op[]): Map<string, Matcher> {
  const out = new Map<string, Matcher>();
  const used = new Map<string, string>();
  for (const o of ops)
    for (const m of o.path.matchAll(/\$\[([^\]]+)\]/g)) if (!used.has(m[1] as string)) used.set(m[1] as string, o.path);
  for (const f of arrayFilters ?? []) {
    if (!isPlainObject(f)) throw err(2, 'arrayFilters must be objects');
    const keys = Object.keys(f);
    const id = keys[0]?.split('.')[0];
    if (!id) throw err(2, 'Cannot use an expression without a top-level field name in arrayFilters');
    if (out.has(id)) throw err(9, `Found multiple array filters with the same top-level field name ${id}`);
    for (const k of keys)
      if (k.split('.')[0] !== id)
        throw err(
          9,
          "Error parsing array filter :: caused by :: Expected a single top-level field name, found '" +
            id +
            "' and '" +
            k.split('.')[0] +
            "'",
        );
    // Wrap the element as { id: element } so "id.field" paths and bare "id" both work.
    const m = compileFilter(f);
    out.set(id, (e) => m({ [id]: e }));
  }
  for (const [id, path] of used)
    if (!out.has(id)) throw err(2, `No array filter found for identifier '${id}' in path '${path}'`);
  for (const id of out.keys())
    if (!used.has(id)) throw err(9, `The array filter for identifier '${id}' was not used in the update ${'{}'}`);
  return out;
}

const CREATING = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$currentDate', '$bit']);

function applyAt(
  container: unknown,
  parts: string[],
  i: number,
  prefix: string,
  o: Op,
  pos: (p: string) => number,
  filters: Map<string, Matcher>,
  root: Doc,
): void {
  const raw = parts[i] as string;
  const last = i === parts.length - 1;
  const here = prefix ? `${prefix}.${raw}` : raw;
  let keys: Array<string | number>;
  if (raw === '$' || raw === '$[]' || raw.startsWith('$[')) {
    if (!Array.isArray(container)) {
      throw err(2, `The path '${prefix}' must exist in the document in order to apply array updates.`);
    }
    if (raw === '$') keys = [pos(prefix)];
    else if (raw === '$[]') keys = container.map((_, j) => j);
    else {
      const m = filters.get(raw.slice(2, -1)) as Matcher;
      keys = container.flatMap((e, j) => (m(e as Doc) ? [j] : []));
    }
  } else keys = [raw];
  for (const key of keys) {
    if (Array.isArray(container)) {
      if (typeof key === 'string' && !/^\d+$/.test(key)) {
        if (!CREATING.has(o.op)) return;
        throw err(
          28,
          `Cannot create field '${key}' in element {${prefix.split('.').pop()}: ${formatValue(container)}}`,
        );
      }
    } else if (!isPlainObject(container)) return;
    const c = container as Record<string | number, unknown>;
    const has = Array.isArray(container) ? Number(key) < container.length : Object.hasOwn(c, key);
    if (last) {
      applyLeaf(c, key, has, o, here, root);
      continue;
    }
    let child = has ? c[key] : MISSING;
    if (child === MISSING) {
      if (!CREATING.has(o.op)) continue;
      child = {};
      setKey(c, key, child);
    }
    if (!isPlainObject(child) && !Array.isArray(child)) {
      if (!CREATING.has(o.op)) continue;
      throw err(28, `Cannot create field '${parts[i + 1]}' in element {${key}: ${formatValue(child)}}`);
    }
    applyAt(child, parts, i + 1, here, o, pos, filters, root);
  }
}

function setKey(c: Record<string | number, unknown>, key: string | number, v: unknown): void {
  if (Array.isArray(c)) {
    const idx = Number(key);
    while (c.length < idx) c.push(null);
    c[idx] = v;
  } else c[key] = v;
}

/** mongod writes `{_id: 1}` here (the _id element's toString inside bare braces). */
function idOf(root: Doc): string {
  return root._id === undefined ? '{no id}' : `{_id: ${formatValue(root._id)}}`;
}

function applyLeaf(
  c: Record<string | number, unknown>,
  key: string | number,
  has: boolean,
  o: Op,
  path: string,
  root: Doc,
): void {
  const cur = has ? c[key] : MISSING;
  const arg = o.arg;
  switch (o.op) {
    case '$set':
      setKey(c, key, deepClone(arg));
      return;
    case '$unset':
    case '$rename':
      if (!has) return;
      if (Array.isArray(c)) c[Number(key)] = null;
      else delete c[key];
      return;
    case '$inc':
    case '$mul': {
      if (!isNumeric(arg))
        throw err(
          14,
          `Cannot ${o.op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${formatValue(arg)}}`,
        );
      if (cur === MISSING) {
        setKey(c, key, o.op === '$inc' ? arg : zeroLike(arg));
        return;
      }
      if (!isNumeric(cur)) {
        throw err(
          14,
          `Cannot apply ${o.op} to a value of non-numeric type. ${idOf(root)} has the field '${key}' of non-numeric type ${bsonTypeName(cur)}`,
        );
      }
      setKey(c, key, o.op === '$inc' ? add(cur, arg) : multiply(cur, arg));
      return;
    }
    case '$min':
    case '$max': {
      if (cur === MISSING) return setKey(c, key, deepClone(arg));
      const r = compareValues(arg, cur);
      if ((o.op === '$min' && r < 0) || (o.op === '$max' && r > 0)) setKey(c, key, deepClone(arg));
      return;
    }
    case '$currentDate': {
      const asTs = isPlainObject(arg) && arg.$type === 'timestamp';
      if (isPlainObject(arg) && arg.$type !== 'timestamp' && arg.$type !== 'date')
        throw err(2, "The '$type' string field is required to be 'date' or 'timestamp'");
      setKey(c, key, asTs ? Timestamp.fromNumber(Math.floor(Date.now() / 1000) * 2 ** 32) : new Date());
      return;
    }
    case '$push':
    case '$addToSet': {
      if (cur !== MISSING && !Array.isArray(cur)) {
        throw err(
          2,
          `The field '${key}' must be an array but is of type ${bsonTypeName(cur)} in document ${idOf(root)}`,
        );
      }
      const arr = cur === MISSING ? [] : (cur as unknown[]);
      const hasEach = isPlainObject(arg) && Object.hasOwn(arg, '$each');
      const items = hasEach ? (arg as Doc).$each : [arg];
      if (!Array.isArray(items))
        throw err(2, `The argument to $each in ${o.op} must be an array but it was of type: ${bsonTypeName(items)}`);
      if (o.op === '$addToSet') {
        for (const it of items) if (!arr.some((e) => compareValues(e, it) === 0)) arr.push(deepClone(it));
      } else {
        const mods = hasEach ? (arg as Doc) : {};
        for (const m of Object.keys(mods))
          if (!['$each', '$slice', '$sort', '$position'].includes(m))
            throw err(2, `Unrecognized clause in $push: ${m}`);
        let position = arr.length;
        if (mods.$position !== undefined) {
          const p = toDouble(mods.$position);
          position = p < 0 ? Math.max(arr.length + p, 0) : Math.min(p, arr.length);
        }
        arr.splice(position, 0, ...items.map(deepClone));
        if (mods.$sort !== undefined) {
          const s = mods.$sort;
          if (isPlainObject(s)) {
            const spec = parseSort(s);
            if (spec) arr.sort((a, b) => makeComparator(spec)(isPlainObject(a) ? a : {}, isPlainObject(b) ? b : {}));
          } else {
            const dir = toDouble(s);
            if (dir !== 1 && dir !== -1) throw err(2, 'The $sort element value must be either 1 or -1');
            arr.sort((a, b) => compareValues(a, b) * dir);
          }
        }
        if (mods.$slice !== undefined) {
          const n = toDouble(mods.$slice);
          const sliced = n >= 0 ? arr.slice(0, n) : arr.slice(Math.max(arr.length + n, 0));
          arr.length = 0;
          arr.push(...sliced);
        }
      }
      setKey(c, key, arr);
      return;
    }
    case '$pop': {
      if (cur === MISSING) return;
      if (!Array.isArray(cur))
        throw err(14, `Path '${path}' contains an element of non-array type '${bsonTypeName(cur)}'`);
      if (toDouble(arg) === -1) cur.shift();
      else cur.pop();
      return;
    }
    case '$pull':
    case '$pullAll': {
      if (cur === MISSING) return;
      if (!Array.isArray(cur)) throw err(2, `Cannot apply $pull to a non-array value`);
      let test: (e: unknown) => boolean;
      if (o.op === '$pullAll') {
        if (!Array.isArray(arg))
          throw err(2, '$pullAll requires an array argument but was given a ' + bsonTypeName(arg));
        test = (e) => arg.some((a) => compareValues(a, e) === 0);
      } else if (isOperatorObject(arg)) {
        const m = compileFilter({ v: arg });
        test = (e) => m({ v: e });
      } else if (isPlainObject(arg)) {
        const m = compileFilter(arg);
        test = (e) => isPlainObject(e) && m(e);
      } else test = (e) => compareValues(e, arg) === 0 && bsonBracketEqual(e, arg);
      const kept = cur.filter((e) => !test(e));
      cur.length = 0;
      cur.push(...kept);
      return;
    }
    case '$bit': {
      if (!isPlainObject(arg)) throw err(2, '$bit needs an object');
      let v = cur === MISSING ? new Int32(0) : cur;
      if (!isNumeric(v)) throw err(2, `Cannot apply $bit to a value of non-integral type`);
      for (const k of Object.keys(arg)) {
        const operand = arg[k];
        const isLong = v instanceof Long || operand instanceof Long;
        const a = v instanceof Long ? v.toBigInt() : BigInt(Math.trunc(toDouble(v)));
        const b = operand instanceof Long ? operand.toBigInt() : BigInt(Math.trunc(toDouble(operand)));
        const r = k === 'and' ? a & b : k === 'or' ? a | b : k === 'xor' ? a ^ b : undefined;
        if (r === undefined) throw err(2, `The $bit modifier only supports 'and', 'or', and 'xor', not '${k}'`);
        v = isLong ? Long.fromBigInt(BigInt.asIntN(64, r)) : new Int32(Number(BigInt.asIntN(32, r)));
      }
      setKey(c, key, v);
      return;
    }
    default:
      throw new MongoServerError(9, `Unknown modifier: ${o.op}`);
  }
}

const bsonBracketEqual = (a: unknown, b: unknown): boolean => isNumeric(a) === isNumeric(b);

/** Fields an upsert seeds from the query's equality conditions. */
export function upsertSeed(query: Doc): Doc {
  const seed: Doc = {};
  const visit = (q: Doc): void => {
    for (const k of Object.keys(q)) {
      const v = q[k];
      if (k === '$and' && Array.isArray(v)) {
        for (const s of v) if (isPlainObject(s)) visit(s);
        continue;
      }
      if (k.startsWith('$')) continue;
      let value: unknown = MISSING;
      if (isOperatorObject(v)) {
        if (Object.hasOwn(v, '$eq')) value = v.$eq;
        else if (Array.isArray(v.$in) && v.$in.length === 1) value = v.$in[0];
      } else if (!(v instanceof RegExp) && bsonTypeName(v) !== 'regex') value = v;
      if (value === MISSING) continue;
      setDotted(seed, k, deepClone(value));
    }
  };
  visit(query);
  return seed;
}

function setDotted(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i] as string;
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Doc;
  }
  cur[parts[parts.length - 1] as string] = value;
}
