import { Int32 } from 'bson';
import { isPlainObject, type Doc } from '../bson/types';
import { err } from '../errors';
import { executeQuery } from '../query/executor';
import { collectionArg, checkCollation, requiredArray } from './args';
import type { CommandHandler, CommandRequest } from './context';
import { buildUpsert, computeUpdate, sameBytes, validateUpdateSpec } from './writeHelpers';
import { rethrowIfFatal, writeError } from './writeErrors';

interface Outcome {
  n: number;
  nModified: number;
  upsertedId?: unknown;
}

function runOne(req: CommandRequest, collName: string, spec: Doc): Outcome {
  const { catalog, params } = req.state;
  if (!isPlainObject(spec)) throw err(14, 'update statement must be an object');
  const q = spec.q ?? {};
  if (!isPlainObject(q)) throw err(14, "BSON field 'update.updates.q' is the wrong type, expected type 'object'");
  if (spec.u === undefined) throw err(40414, "BSON field 'update.updates.u' is missing but a required field");
  const u = validateUpdateSpec(spec.u);
  checkCollation(spec);
  const multi = spec.multi === true;
  const upsert = spec.upsert === true;
  const arrayFilters = Array.isArray(spec.arrayFilters) ? (spec.arrayFilters as Doc[]) : undefined;
  if (multi && !Array.isArray(u) && !Object.keys(u).some((k) => k.startsWith('$'))) {
    throw err(9, 'multi update is not supported for replacement-style update');
  }
  const env = { catalog, db: req.db, notablescan: params.notablescan, vars: isPlainObject(spec.c) ? spec.c : {} };
  let coll = catalog.getCollection(req.db, collName);
  const matches = [
    ...executeQuery(coll, {
      filter: q,
      hint: spec.hint,
      limit: multi ? undefined : 1,
      notablescan: params.notablescan,
    }),
  ];
  if (matches.length === 0) {
    if (!upsert) return { n: 0, nModified: 0 };
    coll = catalog.ensureCollection(req.db, collName);
    const doc = buildUpsert(coll, q, u, arrayFilters, env);
    coll.insert(doc);
    return { n: 1, nModified: 0, upsertedId: doc._id };
  }
  // Compute every new version first so a failure part-way through a multi-update is per-document, like mongod.
  let nModified = 0;
  for (const m of matches) {
    const next = computeUpdate(m.doc, u, q, arrayFilters, env);
    if (sameBytes(next, m.doc)) continue;
    (coll as NonNullable<typeof coll>).replace(m.rid, next);
    nModified++;
  }
  return { n: matches.length, nModified };
}

export const update: CommandHandler = (req) => {
  const name = collectionArg(req);
  const updates = requiredArray(req.body, 'updates', 'update');
  if (updates.length === 0) throw err(16, 'Write batch sizes must be between 1 and 100000. Got 0 operations.');
  const ordered = req.body.ordered !== false;
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors: Doc[] = [];
  for (let i = 0; i < updates.length; i++) {
    try {
      const r = runOne(req, name, updates[i] as Doc);
      n += r.n;
      nModified += r.nModified;
      if (r.upsertedId !== undefined) upserted.push({ index: new Int32(i), _id: r.upsertedId });
      req.state.opcounters.update = (req.state.opcounters.update ?? 0) + 1;
    } catch (e) {
      rethrowIfFatal(e);
      writeErrors.push(writeError(i, e));
      if (ordered) break;
    }
  }
  const reply: Doc = { n: new Int32(n) };
  if (upserted.length) reply.upserted = upserted;
  if (writeErrors.length) reply.writeErrors = writeErrors;
  reply.nModified = new Int32(nModified);
  reply.ok = 1;
  return reply;
};
