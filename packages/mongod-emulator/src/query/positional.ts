// Which array element "matched" the query, for the positional `$` (update and projection).
// mongod records this while matching; we recompute it by re-running the query's
// conditions on that array against one element at a time.
import { isPlainObject, type Doc } from '../bson/types';
import { compileFilter } from './matcher';
import { getPath } from './path';

function conditionsUnder(filter: Doc, arrayPath: string): Doc[] {
  const out: Doc[] = [];
  for (const k of Object.keys(filter)) {
    if (k === '$and' && Array.isArray(filter.$and)) {
      for (const sub of filter.$and) if (isPlainObject(sub)) out.push(...conditionsUnder(sub, arrayPath));
    } else if (k === arrayPath || k.startsWith(arrayPath + '.')) out.push({ [k]: filter[k] });
  }
  return out;
}

export function firstMatchingIndex(doc: Doc, arrayPath: string, filter: Doc): number | undefined {
  const arr = getPath(doc, arrayPath);
  if (!Array.isArray(arr)) return undefined;
  const conds = conditionsUnder(filter, arrayPath);
  if (conds.length === 0) return undefined;
  const m = compileFilter({ $and: conds });
  const parts = arrayPath.split('.');
  for (let i = 0; i < arr.length; i++) {
    // A shallow copy with the array replaced by its i-th element alone.
    const probe = replaceAt(doc, parts, [arr[i]]);
    if (m(probe)) return i;
  }
  return undefined;
}

function replaceAt(doc: Doc, parts: string[], value: unknown): Doc {
  const [head, ...rest] = parts as [string, ...string[]];
  const copy: Doc = { ...doc };
  if (rest.length === 0) copy[head] = value;
  else copy[head] = isPlainObject(doc[head]) ? replaceAt(doc[head] as Doc, rest, value) : doc[head];
  return copy;
}
