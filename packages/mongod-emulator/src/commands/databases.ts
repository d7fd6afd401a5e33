import { Double, Int32, Long } from 'bson';
import { isPlainObject, type Doc } from '../bson/types';
import { compileFilter } from '../query/matcher';
import type { CommandHandler } from './context';

/** A fresh mongod already has these; listing them keeps tools that look for them happy. */
const BUILTIN_DBS: Array<[string, number]> = [
  ['admin', 40960],
  ['config', 61440],
  ['local', 73728],
];

export const listDatabases: CommandHandler = (req) => {
  const { body, state } = req;
  const nameOnly = body.nameOnly === true;
  const rows = new Map<string, Doc>();
  for (const [name, size] of BUILTIN_DBS) rows.set(name, { name, sizeOnDisk: Long.fromNumber(size), empty: false });
  for (const db of state.catalog.dbs.values()) {
    if (db.collections.size === 0) continue;
    let size = 0;
    for (const c of db.collections.values()) size += c.dataSize() + 4096;
    rows.set(db.name, { name: db.name, sizeOnDisk: Long.fromNumber(Math.max(size, 8192)), empty: false });
  }
  let list = [...rows.values()].sort((a, b) => String(a.name).localeCompare(String(b.name)));
  if (isPlainObject(body.filter)) {
    const m = compileFilter(body.filter);
    list = list.filter((d) => m(d));
  }
  if (nameOnly) return { databases: list.map((d) => ({ name: d.name })), ok: 1 };
  const total = list.reduce((n, d) => n + (d.sizeOnDisk as Long).toNumber(), 0);
  return {
    databases: list,
    totalSize: Long.fromNumber(total),
    totalSizeMb: Long.fromNumber(Math.floor(total / 2 ** 20)),
    ok: 1,
  };
};

export const dropDatabase: CommandHandler = (req) => {
  req.state.catalog.dropDatabase(req.db);
  return { ok: 1 };
};

export const dbStats: CommandHandler = (req) => {
  const db = req.state.catalog.dbs.get(req.db);
  const scale = typeof req.body.scale === 'number' && req.body.scale > 0 ? req.body.scale : 1;
  let objects = 0;
  let dataSize = 0;
  let indexes = 0;
  let indexSize = 0;
  for (const c of db?.collections.values() ?? []) {
    objects += c.size;
    dataSize += c.dataSize();
    indexes += c.indexes.length;
    for (const ix of c.indexes) indexSize += ix.entries.size * 32;
  }
  return {
    db: req.db,
    collections: new Int32(db?.collections.size ?? 0),
    views: new Int32(0),
    objects: new Int32(objects),
    avgObjSize: new Double(objects ? dataSize / objects : 0),
    dataSize: new Double(dataSize / scale),
    storageSize: new Double(dataSize / scale),
    indexes: new Int32(indexes),
    indexSize: new Double(indexSize / scale),
    totalSize: new Double((dataSize + indexSize) / scale),
    scaleFactor: new Int32(scale),
    fsUsedSize: new Double(0),
    fsTotalSize: new Double(0),
    ok: 1,
  };
};
