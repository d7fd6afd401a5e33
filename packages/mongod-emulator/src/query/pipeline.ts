// Aggregation pipelines. Stages that only move or filter documents are ours so typed
// values pass through untouched; expression evaluation and the long tail of stages go
// through mingo on converted copies.
import { Int32, Long } from 'bson';
import { compareValues } from '../bson/compare';
import { isNumeric, isPlainObject, toDouble, type Doc } from '../bson/types';
import { err, MongoServerError, unsupported } from '../errors';
import type { Catalog } from '../storage/catalog';
import { countQuery, executeQuery, queryPlan } from './executor';
import { compileFilter, isOperatorObject } from './matcher';
import { evalExpressions, runMingoPipeline } from './mingoBridge';
import { collectValues, getPath, MISSING } from './path';
import { compileProjection } from './projection';
import { makeComparator, parseSort } from './sort';
import { deepClone } from './update';

export interface PipelineEnv {
  catalog?: Catalog;
  db: string;
  notablescan: boolean;
  vars: Doc;
}

const REFUSED: Record<string, string> = {
  $merge: '$merge',
  $changeStream: 'change streams ($changeStream)',
  $geoNear: 'geospatial queries ($geoNear)',
  $search: 'Atlas Search ($search)',
  $searchMeta: 'Atlas Search ($searchMeta)',
  $vectorSearch: 'Atlas Vector Search',
  $graphLookup: '$graphLookup',
  $collStats: '$collStats',
  $indexStats: '$indexStats',
  $currentOp: '$currentOp',
  $listSessions: '$listSessions',
  $listLocalSessions: '$listLocalSessions',
  $planCacheStats: '$planCacheStats',
  $out: '$out anywhere but the last stage',
};

const MINGO_STAGES = new Set([
  '$group',
  '$bucket',
  '$bucketAuto',
  '$densify',
  '$fill',
  '$setWindowFields',
  '$redact',
  '$sample',
  '$sortByCount',
]);

export function stageName(stage: unknown): string {
  if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
    throw err(40323, 'A pipeline stage specification object must contain exactly one field.');
  }
  return Object.keys(stage)[0] as string;
}

/** Expression results set onto a deep copy of each document (for $addFields / $set). */
function addFields(docs: Doc[], spec: Doc, env: PipelineEnv): Doc[] {
  const values = evalExpressions(spec, docs, env.vars);
  return docs.map((d, i) => {
    const out = deepClone(d);
    const vals = values[i] as Doc;
    for (const path of Object.keys(spec)) {
      const v = Object.hasOwn(vals, path) ? vals[path] : MISSING;
      setPathValue(out, path.split('.'), v);
    }
    return out;
  });
}

function setPathValue(doc: Doc, parts: string[], v: unknown): void {
  const [head, ...rest] = parts as [string, ...string[]];
  if (rest.length === 0) {
    if (v === MISSING) delete doc[head];
    else doc[head] = v;
    return;
  }
  const child = doc[head];
  if (Array.isArray(child)) {
    for (const e of child) if (isPlainObject(e)) setPathValue(e, rest, v);
    return;
  }
  if (!isPlainObject(child)) {
    if (v === MISSING) return;
    doc[head] = {};
  }
  setPathValue(doc[head] as Doc, rest, v);
}

function unwind(docs: Doc[], arg: unknown): Doc[] {
  const spec = typeof arg === 'string' ? { path: arg } : (arg as Doc);
  if (!isPlainObject(spec) || typeof spec.path !== 'string' || !spec.path.startsWith('$')) {
    throw err(28818, "path option to $unwind stage should be prefixed with a '$'");
  }
  const path = spec.path.slice(1);
  const parts = path.split('.');
  const keepEmpty = spec.preserveNullAndEmptyArrays === true;
  const idxField = typeof spec.includeArrayIndex === 'string' ? spec.includeArrayIndex : undefined;
  const out: Doc[] = [];
  for (const d of docs) {
    const v = getPath(d, parts);
    if (Array.isArray(v) && v.length > 0) {
      v.forEach((e, i) => {
        const c = deepClone(d);
        setPathValue(c, parts, e);
        if (idxField) setPathValue(c, idxField.split('.'), new Int32(i) as unknown);
        out.push(c);
      });
    } else if (v !== MISSING && v !== null && !Array.isArray(v)) {
      const c = deepClone(d);
      if (idxField) setPathValue(c, idxField.split('.'), null);
      out.push(c);
    } else if (keepEmpty) {
      const c = deepClone(d);
      if (Array.isArray(v)) setPathValue(c, parts, MISSING);
      if (idxField) setPathValue(c, idxField.split('.'), null);
      out.push(c);
    }
  }
  return out;
}

/** Values a $lookup localField denotes; arrays contribute their elements; missing means null. */
function lookupKeys(doc: Doc, path: string): unknown[] {
  const vals: unknown[] = [];
  for (const v of collectValues(doc, path.split('.'))) {
    if (Array.isArray(v)) vals.push(...v);
    else vals.push(v === MISSING ? null : v);
  }
  return vals.length ? vals : [null];
}

/** A leading `$match: {$expr: {$eq: ['$f', '$$v']}}` planned as `{f: value}` so an index on f is usable. */
function exprEqualityHints(filter: Doc, vars: Doc): Doc {
  const out: Doc = {};
  const e = filter.$expr;
  const eqs: unknown[] = [];
  if (isPlainObject(e) && Array.isArray(e.$eq)) eqs.push(e.$eq);
  if (isPlainObject(e) && Array.isArray(e.$and))
    for (const s of e.$and) if (isPlainObject(s) && Array.isArray(s.$eq)) eqs.push(s.$eq);
  for (const pair of eqs) {
    const [a, b] = pair as unknown[];
    const field =
      typeof a === 'string' && a.startsWith('$') && !a.startsWith('$$')
        ? a.slice(1)
        : typeof b === 'string' && b.startsWith('$') && !b.startsWith('$$')
          ? b.slice(1)
          : undefined;
    const other = field === (typeof a === 'string' ? a.slice(1) : undefined) ? b : a;
    if (!field) continue;
    if (typeof other === 'string' && other.startsWith('$$')) {
      const name = other.slice(2).split('.')[0] as string;
      if (Object.hasOwn(vars, name)) out[field] = getPath(vars, other.slice(2));
    } else if (!(typeof other === 'string' && other.startsWith('$')) && !isPlainObject(other)) out[field] = other;
  }
  return out;
}

function lookup(docs: Doc[], spec: Doc, env: PipelineEnv): Doc[] {
  const { from, localField, foreignField, as } = spec;
  if (typeof as !== 'string') throw err(40321, "must specify 'as' field for a $lookup");
  let fromDb = env.db;
  let fromColl: string;
  if (typeof from === 'string') fromColl = from;
  else if (isPlainObject(from) && typeof from.coll === 'string') {
    fromColl = from.coll;
    if (typeof from.db === 'string') fromDb = from.db;
  } else throw err(40321, "must specify 'from' field for a $lookup");
  const foreign = env.catalog?.getCollection(fromDb, fromColl);
  const hasPipeline = Array.isArray(spec.pipeline);
  if (!hasPipeline && (typeof localField !== 'string' || typeof foreignField !== 'string')) {
    throw err(4570, "$lookup requires both or neither of 'localField' and 'foreignField' to be specified");
  }
  const letSpec = isPlainObject(spec.let) ? spec.let : {};
  const letValues =
    hasPipeline && Object.keys(letSpec).length ? evalExpressions(letSpec, docs, env.vars) : docs.map(() => ({}));
  return docs.map((d, i) => {
    let matched: Doc[];
    const baseFilter: Doc =
      typeof localField === 'string' && typeof foreignField === 'string'
        ? { [foreignField]: { $in: lookupKeys(d, localField) } }
        : {};
    if (!hasPipeline) {
      matched = [...executeQuery(foreign, { filter: baseFilter, notablescan: env.notablescan })].map((m) => m.doc);
    } else {
      const vars = { ...env.vars, ...(letValues[i] as Doc) };
      const stages = spec.pipeline as Doc[];
      matched = runOnCollection(foreign, fromDb, stages, { ...env, db: fromDb, vars }, baseFilter);
    }
    const out = deepClone(d);
    setPathValue(out, as.split('.'), matched.map(deepClone));
    return out;
  });
}

/**
 * Runs a pipeline against a collection, pushing a leading $match (plus `extraFilter`) and
 * $sort into the query planner the way mongod does, so notablescan applies to them only.
 */
export function runOnCollection(
  coll: ReturnType<Catalog['getCollection']>,
  _db: string,
  stages: Doc[],
  env: PipelineEnv,
  extraFilter: Doc = {},
): Doc[] {
  let i = 0;
  const filters: Doc[] = Object.keys(extraFilter).length ? [extraFilter] : [];
  const planningHints: Doc[] = [];
  while (i < stages.length && stageName(stages[i]) === '$match') {
    const f = (stages[i] as Doc).$match;
    if (!isPlainObject(f)) throw err(15959, 'the match filter must be an expression in an object');
    filters.push(f);
    const hints = exprEqualityHints(f, env.vars);
    if (Object.keys(hints).length) planningHints.push(hints);
    i++;
  }
  let sortSpec: Doc | undefined;
  if (i < stages.length && stageName(stages[i]) === '$sort') {
    sortSpec = (stages[i] as Doc).$sort as Doc;
    i++;
  }
  const filter: Doc = filters.length === 0 ? {} : filters.length === 1 ? (filters[0] as Doc) : { $and: filters };
  const sort = sortSpec ? parseSort(sortSpec) : undefined;
  const matcher = compileFilter(filter, env.vars);
  // Plan with equalities derived from $expr where possible; match with the real filter.
  const planFilter = planningHints.length ? { $and: [...planningHints, ...filters] } : filter;
  // $skip / $limit right after the match (and sort) go into the query, so it stops early.
  let skip = 0;
  let limit: number | undefined;
  for (; i < stages.length; i++) {
    const name = stageName(stages[i]);
    const arg = (stages[i] as Doc)[name];
    if (name === '$limit' && isNumeric(arg) && toDouble(arg) > 0) {
      limit = Math.min(limit ?? Infinity, toDouble(arg));
    } else if (name === '$skip' && isNumeric(arg) && toDouble(arg) >= 0) {
      const n = toDouble(arg);
      skip += n;
      if (limit !== undefined) limit = Math.max(0, limit - n);
    } else break;
  }
  const query = { filter: planFilter, sort, notablescan: env.notablescan, matcher, skip, limit };
  const counter = i < stages.length ? countStage(stages[i] as Doc) : undefined;
  if (counter) {
    // countDocuments' {$group: {_id: <constant>, n: {$sum: 1}}} (or $count): count, don't materialise.
    const n = limit === 0 ? 0 : countQuery(coll, query);
    return runPipeline(n > 0 ? [counter(n)] : [], stages.slice(i + 1), env);
  }
  let docs: Doc[] = [];
  if (limit === 0)
    queryPlan(coll, query); // nothing to return, but planning errors still apply
  else docs = [...executeQuery(coll, query)].map((x) => x.doc);
  return runPipeline(docs, stages.slice(i), env);
}

/** The result document maker for a stage that only counts its input, else undefined. */
function countStage(stage: Doc): ((n: number) => Doc) | undefined {
  const name = stageName(stage);
  const arg = stage[name];
  const count = (n: number): unknown => (n <= 0x7fffffff ? new Int32(n) : Long.fromNumber(n));
  if (name === '$count') {
    if (typeof arg !== 'string' || arg === '' || arg.startsWith('$') || arg.includes('.')) return undefined;
    return (n) => ({ [arg]: count(n) });
  }
  if (name !== '$group' || !isPlainObject(arg)) return undefined;
  const keys = Object.keys(arg);
  if (keys.length !== 2 || keys[0] !== '_id') return undefined;
  const id = arg._id;
  // A constant group key: a number, boolean, null or a string that is not a field path.
  const constant =
    id === null || typeof id === 'boolean' || isNumeric(id) || (typeof id === 'string' && !id.startsWith('$'));
  const field = keys[1] as string;
  const acc = arg[field];
  if (!constant || field.startsWith('$') || field.includes('.') || !isPlainObject(acc) || Object.keys(acc).length !== 1)
    return undefined;
  const one = acc.$sum;
  if (!((one instanceof Int32 && one.value === 1) || one === 1)) return undefined;
  return (n) => ({ _id: id, [field]: count(n) });
}

export function runPipeline(input: Doc[], stages: Doc[], env: PipelineEnv): Doc[] {
  let docs = input;
  for (let s = 0; s < stages.length; s++) {
    const stage = stages[s] as Doc;
    const name = stageName(stage);
    const arg = stage[name];
    switch (name) {
      case '$match': {
        if (!isPlainObject(arg)) throw err(15959, 'the match filter must be an expression in an object');
        const m = compileFilter(arg, env.vars);
        docs = docs.filter((d) => m(d));
        break;
      }
      case '$sort': {
        const spec = parseSort(arg);
        if (!spec) throw err(15976, '$sort stage must have at least one sort key');
        docs = [...docs].sort(makeComparator(spec));
        break;
      }
      case '$limit': {
        if (!isNumeric(arg) || toDouble(arg) <= 0) throw err(15958, 'the limit must be positive');
        docs = docs.slice(0, toDouble(arg));
        break;
      }
      case '$skip': {
        if (!isNumeric(arg) || toDouble(arg) < 0) throw err(15956, 'Argument to $skip cannot be negative');
        docs = docs.slice(toDouble(arg));
        break;
      }
      case '$project': {
        if (!isPlainObject(arg) || Object.keys(arg).length === 0)
          throw err(51272, '$project requires at least one output field');
        docs = (compileProjection(arg) as NonNullable<ReturnType<typeof compileProjection>>).apply(docs);
        break;
      }
      case '$unset': {
        const fields = typeof arg === 'string' ? [arg] : Array.isArray(arg) ? arg : undefined;
        if (!fields || fields.some((f) => typeof f !== 'string'))
          throw err(31002, '$unset specification must be a string or an array containing only string values');
        docs = (
          compileProjection(Object.fromEntries(fields.map((f) => [f, 0]))) as NonNullable<
            ReturnType<typeof compileProjection>
          >
        ).apply(docs);
        break;
      }
      case '$addFields':
      case '$set': {
        if (!isPlainObject(arg)) throw err(40272, `${name} specification stage must be an object`);
        docs = addFields(docs, arg, env);
        break;
      }
      case '$replaceRoot':
      case '$replaceWith': {
        const expr = name === '$replaceRoot' ? (arg as Doc)?.newRoot : arg;
        const vals = evalExpressions({ r: expr }, docs, env.vars);
        docs = vals.map((v) => {
          if (!isPlainObject(v.r)) {
            throw err(
              40228,
              `'newRoot' expression must evaluate to an object, but resulting value was: ${v.r === undefined ? 'MISSING' : JSON.stringify(v.r)}. Type of resulting value: '${v.r === undefined ? 'missing' : typeof v.r}'.`,
            );
          }
          return v.r;
        });
        break;
      }
      case '$count': {
        if (typeof arg !== 'string' || arg === '' || arg.startsWith('$') || arg.includes('.'))
          throw err(40156, 'the count field must be a non-empty string');
        docs = docs.length ? [{ [arg]: new Int32(docs.length) }] : [];
        break;
      }
      case '$unwind':
        docs = unwind(docs, arg);
        break;
      case '$lookup':
        if (!isPlainObject(arg)) throw err(40319, 'the $lookup specification must be an Object');
        docs = lookup(docs, arg, env);
        break;
      case '$unionWith': {
        const spec = typeof arg === 'string' ? { coll: arg } : (arg as Doc);
        const other = env.catalog?.getCollection(env.db, spec.coll as string);
        const extra = runOnCollection(other, env.db, (spec.pipeline as Doc[]) ?? [], env);
        docs = [...docs, ...extra];
        break;
      }
      case '$facet': {
        if (!isPlainObject(arg)) throw err(15947, "a facet's fields must be specified in an object");
        const out: Doc = {};
        for (const k of Object.keys(arg)) out[k] = runPipeline(docs, arg[k] as Doc[], env);
        docs = [out];
        break;
      }
      case '$documents':
        docs = runMingoPipeline([{ $documents: arg }], [], env.vars);
        break;
      case '$out':
        if (s !== stages.length - 1) throw err(40601, '$out can only be the final stage in the pipeline');
        // Handled by the aggregate command, which owns the catalog write.
        break;
      default:
        if (name === '$changeStream') throw err(40573, 'The $changeStream stage is only supported on replica sets');
        if (REFUSED[name]) throw unsupported(REFUSED[name] as string);
        if (name === '$group' && !(isPlainObject(arg) && Object.hasOwn(arg, '_id'))) {
          throw err(15955, 'a group specification must include an _id');
        }
        if (MINGO_STAGES.has(name)) {
          docs = runMingoPipeline([stage], docs, env.vars);
          break;
        }
        throw new MongoServerError(40324, `Unrecognized pipeline stage name: '${name}'`);
    }
  }
  return docs;
}

export const sameValue = (a: unknown, b: unknown): boolean => compareValues(a, b) === 0;
export { isOperatorObject };
