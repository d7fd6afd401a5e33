// A collection: records by id plus the indexes kept in step with them. Every write
// validates all unique indexes before touching anything, so a failed write leaves no trace.
import { calculateObjectSize, ObjectId, UUID } from 'bson';
import { compareValues } from '../bson/compare';
import { formatDoc, formatValue } from '../bson/format';
import { bsonTypeName, isPlainObject, type Doc } from '../bson/types';
import { err, MongoServerError } from '../errors';
import { MAX_BSON_SIZE } from '../wire/opcodes';
import { Index, normalizeIndexSpec, sameKey, sameOptions } from './index';
import type { KeyTuple } from './keyPattern';

export class Collection {
  readonly records = new Map<number, Doc>();
  readonly indexes: Index[] = [];
  readonly uuid = new UUID();
  private nextRid = 1;
  /** Index builds in progress (createIndexes over a large collection yields to other clients). */
  private readonly builds: IndexBuild[] = [];

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
  ) {
    this.indexes.push(new Index({ v: 2, key: { _id: 1 }, name: '_id_' }, true));
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get idIndex(): Index {
    return this.indexes[0] as Index;
  }

  get size(): number {
    return this.records.size;
  }

  dataSize(): number {
    let n = 0;
    for (const d of this.records.values()) n += calculateObjectSize(d);
    return n;
  }

  /** Prepares a document for storage: `_id` first (generated if absent), size and _id checks. */
  prepareInsert(input: Doc): Doc {
    let doc = input;
    if (!Object.hasOwn(doc, '_id')) doc = { _id: new ObjectId(), ...doc };
    else if (Object.keys(doc)[0] !== '_id') {
      const { _id, ...rest } = doc;
      doc = { _id, ...rest };
    }
    checkIdValue(doc._id);
    for (const k of Object.keys(doc)) {
      if (k.startsWith('$')) throw err(2, `Document can't have $ prefixed field names: ${k}`);
    }
    checkSize(doc, true);
    return doc;
  }

  private computeKeys(doc: Doc): KeyTuple[][] {
    return this.indexes.map((ix) => ix.keysFor(doc));
  }

  private checkUnique(keys: KeyTuple[][], selfRid?: number): void {
    this.indexes.forEach((ix, i) => {
      if (!ix.unique) return;
      for (const k of keys[i] as KeyTuple[]) {
        for (const other of ix.entries.equal(k)) {
          if (other !== selfRid) throw ix.duplicateError(this.ns, k);
        }
      }
    });
  }

  insert(doc: Doc): number {
    internStrings(doc);
    const keys = this.computeKeys(doc);
    this.checkUnique(keys);
    const rid = this.nextRid++;
    this.records.set(rid, doc);
    this.indexes.forEach((ix, i) => {
      for (const k of keys[i] as KeyTuple[]) ix.entries.insert(k, rid);
    });
    if (this.builds.length) this.sideWrite(rid, undefined, doc);
    return rid;
  }

  replace(rid: number, newDoc: Doc): void {
    const old = this.records.get(rid);
    if (!old) throw new MongoServerError(1, 'record vanished during update');
    checkSize(newDoc, false);
    internStrings(newDoc);
    const newKeys = this.computeKeys(newDoc);
    this.checkUnique(newKeys, rid);
    this.indexes.forEach((ix, i) => {
      for (const k of ix.keysFor(old)) ix.entries.remove(k, rid);
      for (const k of newKeys[i] as KeyTuple[]) ix.entries.insert(k, rid);
    });
    this.records.set(rid, newDoc);
    if (this.builds.length) this.sideWrite(rid, old, newDoc);
  }

  remove(rid: number): void {
    const old = this.records.get(rid);
    if (!old) return;
    for (const ix of this.indexes) for (const k of ix.keysFor(old)) ix.entries.remove(k, rid);
    this.records.delete(rid);
    if (this.builds.length) this.sideWrite(rid, old, undefined);
  }

  /**
   * Keeps in-progress index builds in step with a write. A record the build's scan has not reached
   * yet is left to the scan; problems (duplicates, parallel arrays) fail the build, not the write,
   * as in mongod's hybrid builds.
   */
  private sideWrite(rid: number, old: Doc | undefined, doc: Doc | undefined): void {
    for (const b of this.builds) {
      if (b.error !== undefined || (rid > b.scannedUpTo && rid <= b.snapshotMax)) continue;
      try {
        if (old) for (const k of b.index.keysFor(old)) b.index.entries.remove(k, rid);
        if (doc) this.addToBuild(b.index, rid, doc);
      } catch (e) {
        b.error = e;
      }
    }
  }

  /** Adds a record's keys to an index being built, checking uniqueness against what it holds. */
  private addToBuild(ix: Index, rid: number, doc: Doc): void {
    for (const k of ix.keysFor(doc)) {
      if (ix.unique) {
        for (const other of ix.entries.equal(k)) {
          if (other !== rid) {
            const dup = ix.duplicateError(this.ns, k);
            throw new MongoServerError(
              11000,
              `Index build failed: ${this.uuid.toHexString()}: Collection ${this.ns} ( ${this.uuid.toHexString()} ) :: caused by :: ${dup.message}`,
              dup.extra,
            );
          }
        }
      }
      ix.entries.insert(k, rid);
    }
  }

  findIndex(nameOrKey: unknown): Index | undefined {
    if (typeof nameOrKey === 'string') return this.indexes.find((i) => i.name === nameOrKey);
    if (isPlainObject(nameOrKey)) return this.indexes.find((i) => sameKey(i.key, nameOrKey));
    return undefined;
  }

  /**
   * Checks a spec against the existing indexes (and `mine`, builds of the same command): the
   * Index to build, false when an identical one exists, or a promise to wait for when another
   * command is building an index of that name.
   */
  private prepareIndex(rawSpec: Doc, mine: IndexBuild[]): Index | false | Promise<unknown> {
    const spec = normalizeIndexSpec(rawSpec);
    // Builds of other commands count once they finish: wait for one of that name or key, then look again.
    const pending = this.builds.find(
      (b) => (b.index.name === spec.name || sameKey(b.index.key, spec.key as Doc)) && !mine.includes(b),
    );
    if (pending) return pending.done;
    const known = [...this.indexes, ...mine.map((b) => b.index)];
    const byName = known.find((i) => i.name === spec.name);
    const byKey = known.filter((i) => sameKey(i.key, spec.key as Doc));
    if (byName) {
      if (sameKey(byName.key, spec.key as Doc) && sameOptions(byName.spec, spec)) return false;
      if (sameKey(byName.key, spec.key as Doc)) {
        throw err(
          85,
          `An equivalent index already exists with the same name but different options. Requested index: ${describe(spec)}, existing index: ${describe(byName.describe())}`,
        );
      }
      throw err(
        86,
        `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${describe(spec)}, existing index: ${describe(byName.describe())}`,
      );
    }
    for (const ix of byKey) {
      if (sameOptions(ix.spec, spec)) {
        throw err(85, `Index already exists with a different name: ${ix.name}`);
      }
      // Same key, different options: allowed only when the two differ in partialFilterExpression-defined identity (mongod 7.0 allows distinct partial filters / collations).
      if (compareValues(ix.spec.partialFilterExpression ?? null, spec.partialFilterExpression ?? null) === 0) {
        throw err(
          85,
          `An equivalent index already exists with the same name but different options. Requested index: ${describe(spec)}, existing index: ${describe(ix.describe())}`,
        );
      }
    }
    return new Index(spec);
  }

  private startBuild(ix: Index): IndexBuild {
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const b: IndexBuild = { index: ix, scannedUpTo: 0, snapshotMax: this.nextRid - 1, done, finish };
    this.builds.push(b);
    return b;
  }

  private endBuilds(mine: IndexBuild[], commit: boolean): void {
    for (const b of mine) {
      const i = this.builds.indexOf(b);
      if (i >= 0) this.builds.splice(i, 1);
    }
    if (commit) for (const b of mine) this.indexes.push(b.index);
    for (const b of mine) b.finish();
  }

  /** Returns false when an identical index already exists. Builds synchronously. */
  createIndex(rawSpec: Doc): boolean {
    const ix = this.prepareIndex(rawSpec, []);
    if (ix === false) return false;
    if (!(ix instanceof Index)) throw new MongoServerError(1, 'an index build of that name is in progress');
    for (const [rid, doc] of this.records) this.addToBuild(ix, rid, doc);
    this.indexes.push(ix);
    return true;
  }

  /**
   * createIndexes: builds all the specs in one pass over the records and adds them together (all or
   * nothing). A long build gives the event loop back every few milliseconds so other connections
   * (the driver's heartbeats among them) are served; writes meanwhile go to the builds as side writes.
   * Returns how many indexes were created.
   */
  async buildIndexes(specs: Doc[]): Promise<number> {
    const mine: IndexBuild[] = [];
    try {
      for (const spec of specs) {
        let r = this.prepareIndex(spec, mine);
        while (r instanceof Promise) {
          await r;
          r = this.prepareIndex(spec, mine);
        }
        if (r) mine.push(this.startBuild(r));
      }
      if (mine.length === 0) return 0;
      const rids = Array.from(this.records.keys());
      let sliceStart = performance.now();
      for (let j = 0; j < rids.length; j++) {
        const rid = rids[j] as number;
        const doc = this.records.get(rid);
        for (const b of mine) {
          if (doc) this.addToBuild(b.index, rid, doc);
          b.scannedUpTo = rid;
        }
        if ((j & 63) === 63 && performance.now() - sliceStart > BUILD_SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          for (const b of mine) if (b.error !== undefined) throw b.error;
          sliceStart = performance.now();
        }
      }
      for (const b of mine) {
        b.scannedUpTo = Infinity;
        if (b.error !== undefined) throw b.error;
      }
    } catch (e) {
      this.endBuilds(mine, false);
      throw e;
    }
    this.endBuilds(mine, true);
    return mine.length;
  }

  dropIndex(ix: Index): void {
    const i = this.indexes.indexOf(ix);
    if (i > 0) this.indexes.splice(i, 1);
  }
}

const describe = (spec: Doc): string => formatDoc(spec);

/**
 * Short strings repeat across documents (workspace ids, names, cities, search terms and
 * fuzzy keys): stored documents share one copy of each instead of one per document, which
 * more than halves the heap a seeded contacts collection takes. Replacing a string by an
 * equal one changes nothing a reader can see. The pool is bounded: when full it starts over.
 */
const POOL_MAX = 250_000;
const POOL_MAX_LENGTH = 48;
let pool = new Map<string, string>();

function intern(s: string): string {
  if (s.length > POOL_MAX_LENGTH) return s;
  const hit = pool.get(s);
  if (hit !== undefined) return hit;
  if (pool.size >= POOL_MAX) pool = new Map();
  pool.set(s, s);
  return s;
}

export function internStrings(v: Doc | unknown[]): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const e = v[i];
      if (typeof e === 'string') v[i] = intern(e);
      else if (Array.isArray(e) || isPlainObject(e)) internStrings(e);
    }
    return;
  }
  for (const k of Object.keys(v)) {
    const e = v[k];
    if (typeof e === 'string') v[k] = intern(e);
    else if (Array.isArray(e) || isPlainObject(e)) internStrings(e);
  }
}

/** How long an index build keeps the event loop before letting other clients in. */
const BUILD_SLICE_MS = 20;

interface IndexBuild {
  index: Index;
  /** Records up to this id (in the scan's order, which is id order) are in the index. */
  scannedUpTo: number;
  /** The highest id when the build started; later records reach the index as side writes. */
  snapshotMax: number;
  /** First problem a side write ran into; fails the build. */
  error?: unknown;
  done: Promise<void>;
  finish: () => void;
}

export function checkIdValue(id: unknown): void {
  const t = bsonTypeName(id);
  if (t === 'array') throw err(53, `The '_id' value cannot be of type array`);
  if (t === 'regex') throw err(53, `The '_id' value cannot be of type regex`);
  if (t === 'undefined') throw err(53, `The '_id' value cannot be of type undefined`);
}

/** mongod's internal limit: user max (16 MiB) plus 16 KiB of headroom for commands. */
export const MAX_INTERNAL_BSON_SIZE = 16793600;

export function tooLargeError(doc: Doc, size: number): MongoServerError {
  const first = Object.keys(doc)[0];
  const firstElem = first === undefined ? '' : ` First element: ${first}: ${formatValue(doc[first])}`;
  return err(
    10334,
    `BSONObj size: ${size} (0x${size.toString(16).toUpperCase()}) is invalid. Size must be between 0 and ${MAX_INTERNAL_BSON_SIZE}(16MB)${firstElem}`,
  );
}

export function checkSize(doc: Doc, isInsert: boolean): void {
  const size = calculateObjectSize(doc);
  if (size <= MAX_BSON_SIZE) return;
  // Past 16 MiB + 16 KiB the BSON object itself is invalid (10334); just above 16 MiB the
  // insert / update path rejects it with its own codes.
  if (size > MAX_INTERNAL_BSON_SIZE) throw tooLargeError(doc, size);
  if (isInsert) throw err(2, `object to insert too large. size in bytes: ${size}, max size: ${MAX_BSON_SIZE}`);
  throw err(17419, `Resulting document after update is larger than ${MAX_BSON_SIZE}`);
}
