import { compareValues } from '../bson/compare';
import { type Doc } from '../bson/types';
import { err } from '../errors';
import { executeQuery } from '../query/executor';
import { collectValues, MISSING } from '../query/path';
import { checkCollation, collectionArg, optionalDoc } from './args';
import type { CommandHandler } from './context';

export const distinct: CommandHandler = (req) => {
  const { body, state } = req;
  const name = collectionArg(req);
  const key = body.key;
  if (typeof key !== 'string') throw err(40414, "BSON field 'distinct.key' is missing but a required field");
  const query = optionalDoc(body, 'query') ?? {};
  checkCollation(body);
  const coll = state.catalog.getCollection(req.db, name);
  const parts = key.split('.');
  const values: unknown[] = [];
  for (const m of executeQuery(coll, { filter: query, hint: body.hint, notablescan: state.params.notablescan })) {
    for (const v of collectValues(m.doc, parts)) {
      if (v === MISSING) continue;
      if (Array.isArray(v)) values.push(...v);
      else values.push(v);
    }
  }
  // Distinct values in BSON order (what mongod's DISTINCT_SCAN over an index yields).
  values.sort(compareValues);
  const out: unknown[] = [];
  for (const v of values) if (out.length === 0 || compareValues(out[out.length - 1], v) !== 0) out.push(v);
  return { values: out, ok: 1 } as Doc;
};
