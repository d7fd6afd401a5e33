// mingo evaluates aggregation expressions well but only understands plain JS values.
// We hand it converted copies and convert its results back, so typed values that merely
// pass through our own stages are never touched by the conversion.
import { createRequire } from 'node:module';
import { BSONRegExp, Decimal128, Double, Int32, Long } from 'bson';
import type { Aggregator as AggregatorType, Context as ContextType } from 'mingo';
import { bsonTypeName, isPlainObject, type Doc } from '../bson/types';
import { MongoServerError } from '../errors';
import { getPath, MISSING } from './path';

// mingo's subpath modules are only reachable through package "exports", which this
// project's node10 module resolution can't see at type level; load them at runtime.
const load = createRequire(__filename);
type OpFn = (obj: Doc, expr: unknown, options: unknown) => unknown;
const { Aggregator } = load('mingo/aggregator') as { Aggregator: typeof AggregatorType };
const { Context, evalExpr } = load('mingo/core') as { Context: typeof ContextType; evalExpr: OpFn };
const expressionOps = load('mingo/operators/expression') as Record<string, OpFn>;

/** Converted document → the typed original, so `$type` can see Int32 vs Double. */
const originals = new WeakMap<object, Doc>();

/** `$type` must name the stored BSON type, which the converted copy has lost. */
const $type: OpFn = (obj, expr, options) => {
  if (typeof expr === 'string' && expr.startsWith('$') && !expr.startsWith('$$')) {
    const orig = originals.get(obj);
    if (orig) {
      const v = getPath(orig, expr.slice(1));
      return v === MISSING ? 'missing' : bsonTypeName(v);
    }
  }
  const v = evalExpr(obj, Array.isArray(expr) && expr.length === 1 ? expr[0] : expr, options);
  if (v === undefined) return 'missing';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= 2147483647 ? 'int' : 'double';
  return bsonTypeName(fromMingo(v));
};

const CONTEXT = Context.init({
  accumulator: load('mingo/operators/accumulator'),
  expression: { ...expressionOps, $type },
  pipeline: load('mingo/operators/pipeline'),
  projection: load('mingo/operators/projection'),
  query: load('mingo/operators/query'),
  window: load('mingo/operators/window'),
} as never);

export function toMingo(v: unknown): unknown {
  if (v instanceof Int32 || v instanceof Double) return v.value;
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Decimal128) return Number(v.toString());
  if (v instanceof BSONRegExp) return new RegExp(v.pattern, v.options.replace(/[^imsu]/g, ''));
  if (Array.isArray(v)) return v.map(toMingo);
  if (isPlainObject(v)) {
    const o: Doc = {};
    for (const k of Object.keys(v)) o[k] = toMingo(v[k]);
    return o;
  }
  return v;
}

export function fromMingo(v: unknown): unknown {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 && !Object.is(v, -0)) return new Int32(v);
    return new Double(v);
  }
  if (typeof v === 'bigint') return Long.fromBigInt(v);
  if (v instanceof RegExp) return new BSONRegExp(v.source, v.flags.replace(/[^imsux]/g, ''));
  if (Array.isArray(v)) return v.map(fromMingo);
  if (isPlainObject(v)) {
    const o: Doc = {};
    for (const k of Object.keys(v)) o[k] = fromMingo(v[k]);
    return o;
  }
  return v;
}

function wrapMingoError(e: unknown): MongoServerError {
  if (e instanceof MongoServerError) return e;
  const msg = (e as Error)?.message ?? String(e);
  if (/operator|not supported|unknown|invalid/i.test(msg) && /\$[a-zA-Z]+/.test(msg)) {
    return new MongoServerError(168, `mongod-emulator (mingo): ${msg}`, {}, 'InvalidPipelineOperator');
  }
  return new MongoServerError(2, msg);
}

/** Run a pipeline through mingo on converted documents; results converted back. */
export function runMingoPipeline(pipeline: Doc[], docs: Doc[], variables: Doc = {}): Doc[] {
  try {
    const agg = new Aggregator(toMingo(pipeline) as Doc[], { variables: toMingo(variables) as Doc, context: CONTEXT });
    const input = docs.map((d) => {
      const m = toMingo(d) as Doc;
      originals.set(m, d);
      return m;
    });
    return (agg.run(input) as Doc[]).map((d) => fromMingo(d) as Doc);
  } catch (e) {
    throw wrapMingoError(e);
  }
}

/**
 * Evaluate aggregation expressions for many documents in one mingo pass.
 * Returns, per document, the values of each named expression (MISSING-like `undefined` when absent).
 */
export function evalExpressions(exprs: Doc, docs: Doc[], variables: Doc = {}): Array<Doc> {
  if (docs.length === 0) return [];
  const spec: Doc = {};
  const names = Object.keys(exprs);
  names.forEach((n, i) => {
    spec[`e${i}`] = exprs[n];
  });
  // An expression object (unlike `$project`) reads `{ e0: 1 }` as the literal 1 and
  // drops fields that evaluate to missing, which is exactly what callers want.
  const out = runMingoPipeline([{ $replaceRoot: { newRoot: spec } }], docs, variables);
  return out.map((o) => {
    const r: Doc = {};
    names.forEach((n, i) => {
      if (Object.hasOwn(o, `e${i}`)) r[n] = o[`e${i}`];
    });
    return r;
  });
}

export function evalExpression(expr: unknown, doc: Doc, variables: Doc = {}): unknown {
  const [r] = evalExpressions({ v: expr }, [doc], variables);
  return r?.v;
}
