import { isPlainObject, type Doc } from '../bson/types';
import { err, unsupported } from '../errors';
import { runOnCollection, runPipeline, stageName } from '../query/pipeline';
import { Collection } from '../storage/collection';
import { validateCollName } from '../storage/catalog';
import { checkCollation, optionalInt } from './args';
import type { CommandHandler, CommandRequest } from './context';

function outTarget(req: CommandRequest, arg: unknown): { db: string; coll: string } {
  if (typeof arg === 'string') return { db: req.db, coll: arg };
  if (isPlainObject(arg) && typeof arg.coll === 'string')
    return { db: typeof arg.db === 'string' ? arg.db : req.db, coll: arg.coll };
  throw err(16990, '$out only supports a string or object argument, but found ' + typeof arg);
}

/** $out replaces the target atomically: build a new collection with the target's indexes, then swap. */
function writeOut(req: CommandRequest, target: { db: string; coll: string }, docs: Doc[]): void {
  validateCollName(target.db, target.coll);
  const catalog = req.state.catalog;
  const existing = catalog.getCollection(target.db, target.coll);
  const fresh = new Collection(target.db, target.coll, existing?.options ?? {});
  for (const ix of existing?.indexes.slice(1) ?? []) fresh.createIndex(ix.spec);
  for (const d of docs) fresh.insert(fresh.prepareInsert(d));
  catalog.ensureCollection(target.db, target.coll);
  (catalog.dbs.get(target.db) as NonNullable<ReturnType<typeof catalog.dbs.get>>).collections.set(target.coll, fresh);
}

export const aggregate: CommandHandler = (req) => {
  const { body, state } = req;
  const pipeline = body.pipeline;
  if (!Array.isArray(pipeline))
    throw err(14, "BSON field 'aggregate.pipeline' is the wrong type, expected type 'array'");
  if (body.explain === true) throw unsupported('explain for aggregate');
  checkCollation(body);
  const cursorOpt = body.cursor;
  if (!isPlainObject(cursorOpt))
    throw err(9, "The 'cursor' option is required, except for aggregate with the explain argument");
  const batchSize = optionalInt(cursorOpt, 'batchSize');
  const stages = pipeline as Doc[];
  stages.forEach((s) => stageName(s));
  const env = {
    catalog: state.catalog,
    db: req.db,
    notablescan: state.params.notablescan,
    vars: isPlainObject(body.let) ? body.let : {},
  };
  const last = stages[stages.length - 1];
  const outStage = last && stageName(last) === '$out' ? last.$out : undefined;
  state.opcounters.command = (state.opcounters.command ?? 0) + 1;
  let docs: Doc[];
  let ns: string;
  if (body.aggregate === 1 || typeof body.aggregate === 'number' || isPlainObject(body.aggregate)) {
    const first = stages[0] ? stageName(stages[0]) : undefined;
    if (first !== '$documents') throw unsupported(`collection-less aggregate starting with ${first ?? 'nothing'}`);
    docs = runPipeline([], stages, env);
    ns = `${req.db}.$cmd.aggregate`;
  } else {
    if (typeof body.aggregate !== 'string') throw err(73, 'aggregate requires a collection name');
    const name = validateCollName(req.db, body.aggregate);
    docs = runOnCollection(state.catalog.getCollection(req.db, name), req.db, stages, env);
    ns = `${req.db}.${name}`;
  }
  if (outStage !== undefined) {
    writeOut(req, outTarget(req, outStage), docs);
    return state.cursors.firstBatch(ns, [], batchSize);
  }
  return state.cursors.firstBatch(ns, docs, batchSize);
};
