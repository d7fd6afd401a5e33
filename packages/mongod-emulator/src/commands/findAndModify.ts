import { Int32 } from 'bson';
import { isPlainObject, type Doc } from '../bson/types';
import { err } from '../errors';
import { executeQuery } from '../query/executor';
import { compileProjection } from '../query/projection';
import { parseSort } from '../query/sort';
import { checkCollation, collectionArg, optionalDoc, truthy } from './args';
import type { CommandHandler } from './context';
import { buildUpsert, computeUpdate, sameBytes, validateUpdateSpec } from './writeHelpers';

export const findAndModify: CommandHandler = (req) => {
  const { body, state } = req;
  const name = collectionArg(req);
  const query = optionalDoc(body, 'query') ?? {};
  const sortDoc = optionalDoc(body, 'sort');
  const fields = optionalDoc(body, 'fields');
  const remove = truthy(body.remove);
  const returnNew = truthy(body.new);
  const upsert = truthy(body.upsert);
  const arrayFilters = Array.isArray(body.arrayFilters) ? (body.arrayFilters as Doc[]) : undefined;
  checkCollation(body);
  if (remove && body.update !== undefined) throw err(9, 'Cannot specify both an update and remove=true');
  if (!remove && body.update === undefined) throw err(9, 'Either an update or remove=true must be specified');
  if (remove && returnNew)
    throw err(9, "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
  if (remove && upsert) throw err(9, 'Cannot specify both upsert=true and remove=true');
  const sort = parseSort(sortDoc);
  const projection = compileProjection(fields);
  const env = {
    catalog: state.catalog,
    db: req.db,
    notablescan: state.params.notablescan,
    vars: isPlainObject(body.let) ? body.let : {},
  };
  let coll = state.catalog.getCollection(req.db, name);
  const [hit] = [
    ...executeQuery(coll, {
      filter: query,
      sort,
      limit: 1,
      hint: body.hint,
      notablescan: state.params.notablescan,
      describe: { limit: 1, sort: sortDoc, projection: fields },
    }),
  ];
  const project = (d: Doc | undefined): Doc | null =>
    d ? (projection ? (projection.apply([d], query)[0] as Doc) : d) : null;
  state.opcounters.command = (state.opcounters.command ?? 0) + 1;

  if (remove) {
    if (hit) coll?.remove(hit.rid);
    return { lastErrorObject: { n: new Int32(hit ? 1 : 0) }, value: project(hit?.doc), ok: 1 };
  }
  const u = validateUpdateSpec(body.update);
  if (!hit) {
    if (!upsert) return { lastErrorObject: { n: new Int32(0), updatedExisting: false }, value: null, ok: 1 };
    coll = state.catalog.ensureCollection(req.db, name);
    const doc = buildUpsert(coll, query, u, arrayFilters, env);
    coll.insert(doc);
    return {
      lastErrorObject: { n: new Int32(1), updatedExisting: false, upserted: doc._id },
      value: returnNew ? project(doc) : null,
      ok: 1,
    };
  }
  const next = computeUpdate(hit.doc, u, query, arrayFilters, env);
  if (!sameBytes(next, hit.doc)) (coll as NonNullable<typeof coll>).replace(hit.rid, next);
  return {
    lastErrorObject: { n: new Int32(1), updatedExisting: true },
    value: project(returnNew ? next : hit.doc),
    ok: 1,
  };
};
