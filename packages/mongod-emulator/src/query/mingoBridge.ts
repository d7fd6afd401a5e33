// mingo evaluates aggregation expressions well but only understands plain JS values.
// We hand it converted copies and convert its results back, so typed values that merely
// pass through our own stages are never touched by the conversion.
import { BSONRegExp, Decimal128, Double, Int32, Long } from 'bson';
import { Aggregator } from 'mingo';
import { isPlainObject, type Doc } from '../bson/types';
import { MongoServerError } from '../errors';

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
    const agg = new Aggregator(toMingo(pipeline) as Doc[], { variables: toMingo(variables) as Doc });
    return (agg.run(docs.map((d) => toMingo(d) as Doc)) as Doc[]).map((d) => fromMingo(d) as Doc);
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
