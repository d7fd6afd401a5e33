import { Double, Int32 } from 'bson';
import { isPlainObject, type Doc } from '../bson/types';
import { err, unsupported } from '../errors';
import { compileFilter } from '../query/matcher';
import { validateCollName } from '../storage/catalog';
import type { Collection } from '../storage/collection';
import { collectionArg, checkCollation } from './args';
import type { CommandHandler } from './context';

const REFUSED_CREATE: Record<string, string> = {
  viewOn: 'views',
  pipeline: 'views',
  timeseries: 'time-series collections',
  clusteredIndex: 'clustered collections',
  capped: 'capped collections',
  validator: 'collection validators',
  changeStreamPreAndPostImages: 'change streams',
  encryptedFields: 'queryable encryption',
};
const IGNORED_CREATE = new Set([
  'create',
  '$db',
  'lsid',
  '$clusterTime',
  'writeConcern',
  '$readPreference',
  'comment',
  'validationLevel',
  'validationAction',
  'storageEngine',
  'indexOptionDefaults',
  'autoIndexId',
  'idIndex',
  'collation',
  'size',
  'max',
  'flags',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
]);

export const create: CommandHandler = (req) => {
  const name = collectionArg(req);
  checkCollation(req.body);
  for (const [k, what] of Object.entries(REFUSED_CREATE)) {
    const v = req.body[k];
    if (v !== undefined && v !== false && !(isPlainObject(v) && Object.keys(v).length === 0)) throw unsupported(what);
  }
  for (const k of Object.keys(req.body)) {
    if (!IGNORED_CREATE.has(k) && !(k in REFUSED_CREATE))
      throw err(40415, `BSON field 'create.${k}' is an unknown field.`);
  }
  if (req.state.catalog.getCollection(req.db, name)) {
    throw err(48, `Collection ${req.db}.${name} already exists.`);
  }
  req.state.catalog.ensureCollection(req.db, name);
  return { ok: 1 };
};

export const drop: CommandHandler = (req) => {
  const name = collectionArg(req);
  const coll = req.state.catalog.getCollection(req.db, name);
  if (!coll) {
    // mongod 7.0 treats dropping a missing collection as success.
    return { ok: 1 };
  }
  const n = coll.indexes.length;
  req.state.catalog.dropCollection(req.db, name);
  return { nIndexesWas: new Int32(n), ns: `${req.db}.${name}`, ok: 1 };
};

export function collectionInfo(c: Collection, nameOnly: boolean): Doc {
  if (nameOnly) return { name: c.name, type: 'collection' };
  return {
    name: c.name,
    type: 'collection',
    options: {},
    info: { readOnly: false, uuid: c.uuid },
    idIndex: { v: new Int32(2), key: { _id: new Int32(1) }, name: '_id_' },
  };
}

export const listCollections: CommandHandler = (req) => {
  const { body, state } = req;
  const nameOnly = body.nameOnly === true;
  const filter = isPlainObject(body.filter) ? body.filter : {};
  const m = compileFilter(filter);
  const db = state.catalog.dbs.get(req.db);
  const docs = [...(db?.collections.values() ?? [])].map((c) => collectionInfo(c, false)).filter((d) => m(d));
  const out = nameOnly ? docs.map((d) => ({ name: d.name, type: d.type })) : docs;
  const cursor = isPlainObject(body.cursor) ? body.cursor : {};
  const batchSize = typeof cursor.batchSize === 'number' ? cursor.batchSize : undefined;
  return state.cursors.firstBatch(`${req.db}.$cmd.listCollections`, out, batchSize);
};

function scaleOf(body: Doc): number {
  const s = body.scale;
  return typeof s === 'number' && s > 0 ? s : s instanceof Int32 || s instanceof Double ? s.value || 1 : 1;
}

export function collStatsFor(c: Collection, scale: number): Doc {
  const size = c.dataSize();
  const count = c.size;
  const indexSizes: Doc = {};
  let totalIndexSize = 0;
  for (const ix of c.indexes) {
    const s = ix.entries.size * 32;
    indexSizes[ix.name] = new Int32(Math.floor(s / scale));
    totalIndexSize += s;
  }
  return {
    ns: c.ns,
    size: new Int32(Math.floor(size / scale)),
    count: new Int32(count),
    avgObjSize: new Int32(count ? Math.floor(size / count) : 0),
    storageSize: new Int32(Math.floor(size / scale)),
    freeStorageSize: new Int32(0),
    capped: false,
    nindexes: new Int32(c.indexes.length),
    indexBuilds: [],
    totalIndexSize: new Int32(Math.floor(totalIndexSize / scale)),
    totalSize: new Int32(Math.floor((size + totalIndexSize) / scale)),
    indexSizes,
    scaleFactor: new Int32(scale),
    ok: 1,
  };
}

export const collStats: CommandHandler = (req) => {
  const name = collectionArg(req);
  const c = req.state.catalog.getCollection(req.db, name);
  if (!c) throw err(26, `Collection [${req.db}.${name}] not found.`);
  return collStatsFor(c, scaleOf(req.body));
};

export const renameCollection: CommandHandler = (req) => {
  const { body, state } = req;
  if (req.db !== 'admin') throw err(13, 'renameCollection may only be run against the admin database.');
  const from = body.renameCollection;
  const to = body.to;
  if (typeof from !== 'string' || typeof to !== 'string')
    throw err(2, 'renameCollection requires source and target namespaces');
  const [fdb, ...fc] = from.split('.');
  const [tdb, ...tc] = to.split('.');
  const src = state.catalog.getCollection(fdb as string, fc.join('.'));
  if (!src) throw err(26, 'Source collection ' + from + ' does not exist');
  validateCollName(tdb as string, tc.join('.'));
  if (state.catalog.getCollection(tdb as string, tc.join('.'))) {
    if (body.dropTarget !== true) throw err(48, 'target namespace exists');
    state.catalog.dropCollection(tdb as string, tc.join('.'));
  }
  const target = state.catalog.ensureCollection(tdb as string, tc.join('.'));
  for (const ix of src.indexes.slice(1)) target.createIndex(ix.spec);
  for (const d of src.records.values()) target.insert(d);
  state.catalog.dropCollection(fdb as string, fc.join('.'));
  return { ok: 1 };
};
