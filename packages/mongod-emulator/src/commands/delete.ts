import { Int32 } from 'bson';
import { isNumeric, isPlainObject, toDouble, type Doc } from '../bson/types';
import { err } from '../errors';
import { executeQuery } from '../query/executor';
import { checkCollation, collectionArg, requiredArray } from './args';
import type { CommandHandler } from './context';
import { rethrowIfFatal, writeError } from './writeErrors';

export const del: CommandHandler = (req) => {
  const name = collectionArg(req);
  const deletes = requiredArray(req.body, 'deletes', 'delete');
  if (deletes.length === 0) throw err(16, 'Write batch sizes must be between 1 and 100000. Got 0 operations.');
  const ordered = req.body.ordered !== false;
  const coll = req.state.catalog.getCollection(req.db, name);
  let n = 0;
  const writeErrors: Doc[] = [];
  for (let i = 0; i < deletes.length; i++) {
    try {
      const spec = deletes[i] as Doc;
      if (!isPlainObject(spec)) throw err(14, 'delete statement must be an object');
      const q = spec.q;
      if (!isPlainObject(q)) throw err(40414, "BSON field 'delete.deletes.q' is missing but a required field");
      if (!isNumeric(spec.limit) || ![0, 1].includes(toDouble(spec.limit)))
        throw err(9, 'The limit field in delete objects must be 0 or 1. Got ' + String(spec.limit));
      checkCollation(spec);
      const limit = toDouble(spec.limit) === 1 ? 1 : undefined;
      const matches = [
        ...executeQuery(coll, { filter: q, hint: spec.hint, limit, notablescan: req.state.params.notablescan }),
      ];
      for (const m of matches) coll?.remove(m.rid);
      n += matches.length;
      req.state.opcounters.delete = (req.state.opcounters.delete ?? 0) + 1;
    } catch (e) {
      rethrowIfFatal(e);
      writeErrors.push(writeError(i, e));
      if (ordered) break;
    }
  }
  const reply: Doc = { n: new Int32(n) };
  if (writeErrors.length) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
};
