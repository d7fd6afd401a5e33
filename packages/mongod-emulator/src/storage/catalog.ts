// Databases and their collections, all in memory.
import { err } from '../errors';
import { Collection } from './collection';
import type { Doc } from '../bson/types';

export class Database {
  readonly collections = new Map<string, Collection>();
  constructor(readonly name: string) {}
}

export function validateDbName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) throw err(73, `Invalid database name: '${String(name)}'`);
  if (/[/\\. "$\0]/.test(name) || name.length >= 64) throw err(73, `Invalid database name: '${name}'`);
  return name;
}

export function validateCollName(db: string, name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) throw err(73, `Invalid namespace specified '${db}.'`);
  if (name.includes('$') || name.includes('\0') || name.startsWith('.'))
    throw err(73, `Invalid collection name: ${name}`);
  return name;
}

export class Catalog {
  readonly dbs = new Map<string, Database>();

  getCollection(db: string, coll: string): Collection | undefined {
    return this.dbs.get(db)?.collections.get(coll);
  }

  /** Implicit creation, as inserts / createIndexes / upserts do. */
  ensureCollection(db: string, coll: string, options: Doc = {}): Collection {
    validateDbName(db);
    validateCollName(db, coll);
    let d = this.dbs.get(db);
    if (!d) {
      d = new Database(db);
      this.dbs.set(db, d);
    }
    let c = d.collections.get(coll);
    if (!c) {
      c = new Collection(db, coll, options);
      d.collections.set(coll, c);
    }
    return c;
  }

  dropCollection(db: string, coll: string): boolean {
    const d = this.dbs.get(db);
    if (!d) return false;
    const ok = d.collections.delete(coll);
    if (d.collections.size === 0) this.dbs.delete(db);
    return ok;
  }

  dropDatabase(db: string): void {
    this.dbs.delete(db);
  }
}
