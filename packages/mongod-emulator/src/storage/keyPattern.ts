// Index key generation: one key tuple per document, or several for a multikey index
// (one array field expanded into its elements, like mongod's BtreeKeyGenerator).
import { formatValue } from '../bson/format';
import { canonicalType, isNumeric, isPlainObject, toDouble, type Doc } from '../bson/types';
import { err } from '../errors';
import { MISSING } from '../query/path';

export type KeyPattern = Array<[string, 1 | -1]>;
export type KeyTuple = unknown[];

/** Values one field contributes; arrays along the path are expanded. `hitArray` tells multikey. */
function fieldValues(
  doc: unknown,
  parts: string[],
  i: number,
  out: unknown[],
  state: { hitArray: string | undefined },
): void {
  if (i === parts.length) {
    if (Array.isArray(doc)) {
      state.hitArray = parts.slice(0, i).join('.');
      // mongod indexes [] as undefined, and each element otherwise (nested arrays stay whole).
      if (doc.length === 0) out.push(undefined);
      else for (const e of doc) out.push(e);
    } else out.push(doc);
    return;
  }
  const key = parts[i] as string;
  if (Array.isArray(doc)) {
    state.hitArray = parts.slice(0, i).join('.');
    if (/^\d+$/.test(key) && Number(key) < doc.length) {
      // Positional path into an array, e.g. "tags.0".
      fieldValues(doc[Number(key)], parts, i + 1, out, state);
      return;
    }
    if (doc.length === 0) {
      out.push(undefined);
      return;
    }
    let any = false;
    for (const e of doc) {
      if (isPlainObject(e)) {
        any = true;
        fieldValues(Object.hasOwn(e, key) ? e[key] : MISSING, parts, i + 1, out, state);
      } else {
        any = true;
        out.push(null);
      }
    }
    if (!any) out.push(null);
    return;
  }
  if (doc === MISSING || !isPlainObject(doc)) {
    out.push(MISSING);
    return;
  }
  fieldValues(Object.hasOwn(doc, key) ? doc[key] : MISSING, parts, i + 1, out, state);
}

export interface GeneratedKeys {
  keys: KeyTuple[];
  multikey: boolean;
  /** True when every indexed field is absent (sparse indexes skip such documents). */
  allMissing: boolean;
}

export function generateKeys(doc: Doc, pattern: KeyPattern, splitFields: string[][]): GeneratedKeys {
  const perField: unknown[][] = [];
  let multikey = false;
  let arrayPath: string | undefined;
  let allMissing = true;
  for (let f = 0; f < pattern.length; f++) {
    const out: unknown[] = [];
    const state = { hitArray: undefined as string | undefined };
    fieldValues(doc, splitFields[f] as string[], 0, out, state);
    const vals = out.map((v) => (v === MISSING ? null : v));
    if (out.some((v) => v !== MISSING)) allMissing = false;
    if (state.hitArray !== undefined) {
      if (arrayPath !== undefined && arrayPath !== state.hitArray) {
        throw err(171, `cannot index parallel arrays [${state.hitArray}] [${arrayPath}]`);
      }
      arrayPath = state.hitArray;
      multikey = true;
    }
    perField.push(dedupe(vals));
  }
  let keys: KeyTuple[] = [[]];
  for (const vals of perField) {
    const next: KeyTuple[] = [];
    for (const k of keys) for (const v of vals) next.push([...k, v]);
    keys = next;
  }
  return { keys, multikey, allMissing };
}

/** Equal keys (1 and 1.0 included) collapse to one, as mongod's KeyString set does. */
function dedupe(vals: unknown[]): unknown[] {
  if (vals.length < 2) return vals;
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const v of vals) {
    const k = `${canonicalType(v)}:${isNumeric(v) ? toDouble(v) : formatValue(v)}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}
