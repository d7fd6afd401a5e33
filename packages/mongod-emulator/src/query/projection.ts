// find()-style projections: inclusion / exclusion trees, $slice, $elemMatch, the
// positional `field.$`, and aggregation expressions (evaluated through mingo).
import { isNumeric, isPlainObject, toDouble, type Doc } from '../bson/types';
import { err, unsupported } from '../errors';
import { compileFilter } from './matcher';
import { evalExpressions } from './mingoBridge';
import { firstMatchingIndex } from './positional';

type Node =
  | { kind: 'include' }
  | { kind: 'exclude' }
  | { kind: 'tree'; children: Map<string, Node> }
  | { kind: 'expr'; expr: unknown }
  | { kind: 'slice'; skip: number; limit: number | undefined }
  | { kind: 'elemMatch'; filter: Doc }
  | { kind: 'positional' };

export interface Projection {
  apply(docs: Doc[], filter?: Doc): Doc[];
}

const isLiteralFlag = (v: unknown): boolean => typeof v === 'boolean' || isNumeric(v);

function setNode(root: Map<string, Node>, parts: string[], node: Node, fullPath: string): void {
  let cur = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i] as string;
    let n = cur.get(p);
    if (!n) {
      n = { kind: 'tree', children: new Map() };
      cur.set(p, n);
    } else if (n.kind !== 'tree') throw err(31250, `Path collision at ${fullPath}`);
    cur = n.children;
  }
  const last = parts[parts.length - 1] as string;
  if (cur.has(last)) throw err(31250, `Path collision at ${fullPath}`);
  cur.set(last, node);
}

export function compileProjection(spec: unknown): Projection | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (!isPlainObject(spec)) throw err(2, 'projection must be an object');
  const keys = Object.keys(spec);
  if (keys.length === 0) return undefined;
  const root = new Map<string, Node>();
  let mode: 'include' | 'exclude' | undefined;
  let idFlag: boolean | undefined;
  let hasExpr = false;
  const walk = (obj: Doc, prefix: string[]): void => {
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const parts = [...prefix, ...k.split('.')];
      const full = parts.join('.');
      if (k.endsWith('.$')) {
        if (mode === 'exclude') throw err(31395, 'positional projection cannot be used with exclusion');
        mode = 'include';
        setNode(root, parts.slice(0, -1), { kind: 'positional' }, full);
        continue;
      }
      if (isLiteralFlag(v)) {
        const inc = typeof v === 'boolean' ? v : toDouble(v) !== 0;
        if (full === '_id') {
          idFlag = inc;
          continue;
        }
        const m = inc ? 'include' : 'exclude';
        if (mode && mode !== m) {
          throw err(
            inc ? 31253 : 31254,
            inc
              ? `Cannot do inclusion on field ${full} in exclusion projection`
              : `Cannot do exclusion on field ${full} in inclusion projection`,
          );
        }
        mode = m;
        setNode(root, parts, { kind: m }, full);
      } else if (isPlainObject(v) && Object.keys(v).length === 1 && '$slice' in v) {
        const s = v.$slice;
        if (Array.isArray(s)) {
          if (s.length !== 2 || !isNumeric(s[0]) || !isNumeric(s[1]))
            throw err(28724, 'First argument to $slice must be an array');
          if (toDouble(s[1]) <= 0) throw err(28724, '$slice limit must be positive');
          setNode(root, parts, { kind: 'slice', skip: toDouble(s[0]), limit: toDouble(s[1]) }, full);
        } else if (isNumeric(s)) setNode(root, parts, { kind: 'slice', skip: toDouble(s), limit: undefined }, full);
        else throw err(2, '$slice only supports numbers and [skip, limit] arrays');
      } else if (isPlainObject(v) && Object.keys(v).length === 1 && '$elemMatch' in v) {
        if (!isPlainObject(v.$elemMatch)) throw err(2, '$elemMatch needs an object');
        setNode(root, parts, { kind: 'elemMatch', filter: v.$elemMatch }, full);
      } else if (isPlainObject(v) && Object.keys(v).length === 1 && '$meta' in v) {
        throw unsupported(`$meta projection`);
      } else if (isPlainObject(v) && !Object.keys(v)[0]?.startsWith('$')) {
        walk(v, parts);
      } else {
        if (mode === 'exclude') throw err(31254, `Cannot do exclusion on field ${full} in inclusion projection`);
        mode = 'include';
        hasExpr = true;
        setNode(root, parts, { kind: 'expr', expr: v }, full);
      }
    }
  };
  walk(spec, []);
  // `{_id: 1}` alone is an inclusion projection; `{_id: 0}` alone an exclusion one.
  if (mode === undefined && idFlag === true) mode = 'include';
  const inclusion = mode === 'include';
  const keepId = idFlag ?? true;
  return {
    apply(docs, filter) {
      let exprValues: Doc[] = [];
      if (hasExpr) {
        const exprs: Doc = {};
        collectExprs(root, [], exprs);
        exprValues = evalExpressions(exprs, docs);
      }
      const filterMatcherCache = filter;
      return docs.map((doc, i) => {
        const ctx: Ctx = { filter: filterMatcherCache, root: doc, exprs: exprValues[i] ?? {} };
        let out: Doc;
        if (inclusion) {
          out = {};
          if (keepId && Object.hasOwn(doc, '_id')) out._id = doc._id;
          Object.assign(out, applyInclusion(doc, root, [], ctx));
        } else {
          out = applyExclusion(doc, root, [], ctx);
          if (!keepId) delete out._id;
        }
        return out;
      });
    },
  };
}

interface Ctx {
  filter?: Doc;
  root: Doc;
  exprs: Doc;
}

function collectExprs(tree: Map<string, Node>, prefix: string[], out: Doc): void {
  for (const [k, n] of tree) {
    if (n.kind === 'expr') out[[...prefix, k].join('.')] = n.expr;
    else if (n.kind === 'tree') collectExprs(n.children, [...prefix, k], out);
  }
}

function sliceArray(arr: unknown[], skip: number, limit: number | undefined): unknown[] {
  if (limit === undefined) return skip >= 0 ? arr.slice(0, skip) : arr.slice(Math.max(arr.length + skip, 0));
  const start = skip >= 0 ? skip : Math.max(arr.length + skip, 0);
  return arr.slice(start, start + limit);
}

function special(value: unknown, node: Node, path: string[], ctx: Ctx): { set: boolean; value?: unknown } {
  if (node.kind === 'slice')
    return { set: true, value: Array.isArray(value) ? sliceArray(value, node.skip, node.limit) : value };
  if (node.kind === 'elemMatch') {
    if (!Array.isArray(value)) return { set: false };
    const m = compileFilter(node.filter);
    const hit = value.find((e) => isPlainObject(e) && m(e));
    return hit === undefined ? { set: false } : { set: true, value: [hit] };
  }
  if (node.kind === 'positional') {
    if (!Array.isArray(value)) return { set: true, value };
    const idx = ctx.filter ? firstMatchingIndex(ctx.root, path.join('.'), ctx.filter) : undefined;
    if (idx === undefined)
      throw err(
        51246,
        "Executor error during find command :: caused by :: positional operator '.$' couldn't find a matching element in the array",
      );
    return { set: true, value: [value[idx]] };
  }
  return { set: false };
}

function applyInclusion(doc: Doc, tree: Map<string, Node>, path: string[], ctx: Ctx): Doc {
  const out: Doc = {};
  for (const k of Object.keys(doc)) {
    const node = tree.get(k);
    if (!node || node.kind === 'expr') continue;
    const v = doc[k];
    const p = [...path, k];
    if (node.kind === 'include') out[k] = v;
    else if (node.kind === 'tree') {
      if (isPlainObject(v)) out[k] = applyInclusion(v, node.children, p, ctx);
      else if (Array.isArray(v)) out[k] = projectArrayInclusion(v, node.children, p, ctx);
    } else {
      const s = special(v, node, p, ctx);
      if (s.set) out[k] = s.value;
    }
  }
  for (const [k, node] of tree) {
    const p = [...path, k].join('.');
    if (node.kind === 'expr' && Object.hasOwn(ctx.exprs, p)) out[k] = ctx.exprs[p];
    else if (node.kind === 'tree' && hasExprs(node.children) && !Object.hasOwn(doc, k)) {
      const sub = applyInclusion({}, node.children, [...path, k], ctx);
      if (Object.keys(sub).length) out[k] = sub;
    }
  }
  return out;
}

const hasExprs = (t: Map<string, Node>): boolean =>
  [...t.values()].some((n) => n.kind === 'expr' || (n.kind === 'tree' && hasExprs(n.children)));

function projectArrayInclusion(arr: unknown[], tree: Map<string, Node>, path: string[], ctx: Ctx): unknown[] {
  const out: unknown[] = [];
  for (const e of arr) {
    if (isPlainObject(e)) out.push(applyInclusion(e, tree, path, ctx));
    else if (Array.isArray(e)) out.push(projectArrayInclusion(e, tree, path, ctx));
  }
  return out;
}

function applyExclusion(doc: Doc, tree: Map<string, Node>, path: string[], ctx: Ctx): Doc {
  const out: Doc = {};
  for (const k of Object.keys(doc)) {
    const node = tree.get(k);
    const v = doc[k];
    if (!node) out[k] = v;
    else if (node.kind === 'exclude') continue;
    else if (node.kind === 'tree') {
      if (isPlainObject(v)) out[k] = applyExclusion(v, node.children, [...path, k], ctx);
      else if (Array.isArray(v))
        out[k] = v.map((e) => (isPlainObject(e) ? applyExclusion(e, node.children, [...path, k], ctx) : e));
      else out[k] = v;
    } else {
      const s = special(v, node, [...path, k], ctx);
      if (s.set) out[k] = s.value;
    }
  }
  return out;
}
