import { Int32 } from 'bson';
import { isPlainObject, type Doc } from '../bson/types';
import { err } from '../errors';
import { collectionArg, requiredArray } from './args';
import type { CommandHandler } from './context';

export const createIndexes: CommandHandler = async (req) => {
  const name = collectionArg(req);
  const specs = requiredArray(req.body, 'indexes', 'createIndexes');
  if (specs.length === 0) throw err(2, 'Must specify at least one index to create');
  const existed = req.state.catalog.getCollection(req.db, name) !== undefined;
  const coll = req.state.catalog.ensureCollection(req.db, name);
  const before = coll.indexes.length;
  // All-or-nothing, like mongod; a long build lets other connections in while it runs.
  const created = await coll.buildIndexes(specs as Doc[]);
  const reply: Doc = { numIndexesBefore: new Int32(before), numIndexesAfter: new Int32(coll.indexes.length) };
  if (created === 0) reply.note = 'all indexes already exist';
  else reply.createdCollectionAutomatically = !existed;
  reply.ok = 1;
  return reply;
};

export const listIndexes: CommandHandler = (req) => {
  const name = collectionArg(req);
  const coll = req.state.catalog.getCollection(req.db, name);
  if (!coll) throw err(26, `ns does not exist: ${req.db}.${name}`);
  const cursor = isPlainObject(req.body.cursor) ? req.body.cursor : {};
  const batchSize = typeof cursor.batchSize === 'number' ? cursor.batchSize : undefined;
  return req.state.cursors.firstBatch(
    `${req.db}.${name}`,
    coll.indexes.map((i) => i.describe()),
    batchSize,
  );
};

export const dropIndexes: CommandHandler = (req) => {
  const name = collectionArg(req);
  const coll = req.state.catalog.getCollection(req.db, name);
  if (!coll) throw err(26, `ns not found ${req.db}.${name}`);
  const was = coll.indexes.length;
  const target = req.body.index;
  if (target === '*') {
    coll.indexes.splice(1);
  } else {
    const names = Array.isArray(target) ? target : [target];
    const found = names.map((t) => {
      const ix = coll.findIndex(t);
      if (!ix) {
        if (isPlainObject(t)) throw err(27, `can't find index with key: ${JSON.stringify(t)}`);
        throw err(27, `index not found with name [${String(t)}]`);
      }
      if (ix.isId) throw err(72, 'cannot drop _id index');
      return ix;
    });
    for (const ix of found) coll.dropIndex(ix);
  }
  return { nIndexesWas: new Int32(was), ok: 1 };
};

/** collMod: only the index options that are safe to change in memory (TTL, hidden). */
export const collMod: CommandHandler = (req) => {
  const name = collectionArg(req);
  const coll = req.state.catalog.getCollection(req.db, name);
  if (!coll) throw err(26, `ns does not exist: ${req.db}.${name}`);
  const reply: Doc = {};
  for (const k of Object.keys(req.body)) {
    if (k === 'collMod' || GENERIC.has(k)) continue;
    if (k !== 'index') throw err(115, `mongod-emulator does not support collMod option '${k}'`);
    const spec = req.body.index;
    if (!isPlainObject(spec)) throw err(14, "BSON field 'collMod.index' is the wrong type, expected type 'object'");
    const ix = coll.findIndex(spec.name ?? spec.keyPattern);
    if (!ix) throw err(27, 'cannot find index ' + JSON.stringify(spec.name ?? spec.keyPattern) + ' for ns ' + coll.ns);
    for (const opt of ['expireAfterSeconds', 'hidden'] as const) {
      if (spec[opt] === undefined) continue;
      reply[`${opt}_old`] = ix.spec[opt] ?? (opt === 'hidden' ? false : undefined);
      reply[`${opt}_new`] = spec[opt];
      ix.spec[opt] = spec[opt];
      if (opt === 'hidden' && spec[opt] === false) delete ix.spec.hidden;
    }
    for (const opt of Object.keys(spec)) {
      if (!['name', 'keyPattern', 'expireAfterSeconds', 'hidden'].includes(opt))
        throw err(115, `mongod-emulator does not support collMod index option '${opt}'`);
    }
  }
  for (const k of Object.keys(reply)) if (reply[k] === undefined) delete reply[k];
  reply.ok = 1;
  return reply;
};

const GENERIC = new Set([
  '$db',
  'lsid',
  '$clusterTime',
  'writeConcern',
  '$readPreference',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);
