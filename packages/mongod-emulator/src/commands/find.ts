import { Int32, Long } from 'bson';
import { isNumeric, toDouble } from '../bson/types';
import { err } from '../errors';
import { countQuery, executeQuery } from '../query/executor';
import { compileProjection } from '../query/projection';
import { parseSort } from '../query/sort';
import { checkCollation, collectionArg, optionalDoc, optionalInt } from './args';
import type { CommandHandler } from './context';

const REFUSED_FIND_OPTIONS: Record<string, string> = {
  tailable: 'tailable cursors',
  awaitData: 'tailable cursors',
  min: 'find with min',
  max: 'find with max',
  returnKey: 'returnKey',
  showRecordId: 'showRecordId',
};

export const find: CommandHandler = (req) => {
  const { body, state } = req;
  const name = collectionArg(req);
  const filter = optionalDoc(body, 'filter') ?? {};
  const sortDoc = optionalDoc(body, 'sort');
  const projDoc = optionalDoc(body, 'projection');
  const skip = optionalInt(body, 'skip');
  let limit = optionalInt(body, 'limit');
  const batchSize = optionalInt(body, 'batchSize');
  checkCollation(body);
  for (const k of Object.keys(REFUSED_FIND_OPTIONS)) {
    if (body[k] !== undefined && body[k] !== false)
      throw err(115, `mongod-emulator does not support ${REFUSED_FIND_OPTIONS[k]}`);
  }
  const singleBatch = body.singleBatch === true;
  if (limit === 0) limit = undefined;
  const sort = parseSort(sortDoc);
  const projection = compileProjection(projDoc);
  const coll = state.catalog.getCollection(req.db, name);
  state.opcounters.query = (state.opcounters.query ?? 0) + 1;
  const matches = [
    ...executeQuery(coll, {
      filter,
      sort,
      skip,
      limit,
      hint: body.hint,
      notablescan: state.params.notablescan,
      describe: { limit, skip, batchSize, sort: sortDoc, projection: projDoc },
    }),
  ].map((m) => m.doc);
  const docs = projection ? projection.apply(matches, filter) : matches;
  return state.cursors.firstBatch(`${req.db}.${name}`, docs, batchSize, singleBatch);
};

export const getMore: CommandHandler = (req) => {
  const { body, state } = req;
  const id = body.getMore;
  if (!(id instanceof Long) && !isNumeric(id))
    throw err(14, "BSON field 'getMore.getMore' is the wrong type, expected type 'long'");
  const coll = body.collection;
  if (typeof coll !== 'string') throw err(40414, "BSON field 'getMore.collection' is missing but a required field");
  const batchSize = optionalInt(body, 'batchSize');
  state.opcounters.getmore = (state.opcounters.getmore ?? 0) + 1;
  const big = id instanceof Long ? id.toBigInt() : BigInt(Math.trunc(toDouble(id)));
  return state.cursors.getMore(big, `${req.db}.${coll}`, batchSize);
};

export const killCursors: CommandHandler = (req) => {
  const { body, state } = req;
  const ids = body.cursors;
  if (!Array.isArray(ids)) throw err(40414, "BSON field 'killCursors.cursors' is missing but a required field");
  const killed: Long[] = [];
  const notFound: Long[] = [];
  for (const id of ids) {
    const big = id instanceof Long ? id.toBigInt() : BigInt(Math.trunc(toDouble(id)));
    (state.cursors.kill(big) ? killed : notFound).push(Long.fromBigInt(big));
  }
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

export const count: CommandHandler = (req) => {
  const { body, state } = req;
  const name = collectionArg(req);
  const query = optionalDoc(body, 'query') ?? {};
  const skip = optionalInt(body, 'skip');
  let limit = body.limit === undefined ? undefined : Math.abs(Math.trunc(toDouble(body.limit)));
  if (limit === 0) limit = undefined;
  checkCollation(body);
  const coll = state.catalog.getCollection(req.db, name);
  let n: number;
  if (Object.keys(query).length === 0 && coll && body.hint === undefined) {
    // mongod answers an unfiltered count from collection metadata, no scan involved.
    n = Math.max(0, Math.min(coll.size - (skip ?? 0), limit ?? Infinity));
  } else {
    n = countQuery(coll, {
      filter: query,
      skip,
      limit,
      hint: body.hint,
      notablescan: state.params.notablescan,
      describe: { limit, skip },
    });
  }
  return { n: new Int32(n), ok: 1 };
};
