// One secondary (or _id) index: its definition as listIndexes shows it, plus the
// ordered key entries that the planner scans.
import { compareValues } from '../bson/compare';
import { formatDoc } from '../bson/format';
import { isNumeric, isPlainObject, toDouble, type Doc } from '../bson/types';
import { err, MongoServerError, unsupported } from '../errors';
import { compileFilter, type Matcher } from '../query/matcher';
import { generateKeys, type KeyPattern, type KeyTuple } from './keyPattern';
import { SortedEntries } from './sortedEntries';

/** Options that may appear in an index spec and are echoed back by listIndexes. */
const KNOWN_OPTIONS = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'background',
  'v',
  'hidden',
  'collation',
  'weights',
  'default_language',
  'language_override',
  'textIndexVersion',
  '2dsphereIndexVersion',
  'bits',
  'min',
  'max',
  'storageEngine',
  'wildcardProjection',
  'ns',
  'dropDups',
]);
/** Options whose value changes what the index means; two specs differing here conflict. */
const SEMANTIC_OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'hidden', 'collation'];

export class Index {
  readonly name: string;
  readonly key: Doc;
  readonly pattern: KeyPattern;
  readonly fields: string[][];
  readonly unique: boolean;
  readonly sparse: boolean;
  readonly partial?: Matcher;
  readonly spec: Doc;
  readonly entries: SortedEntries;
  multikey = false;

  constructor(spec: Doc, isIdIndex = false) {
    this.spec = spec;
    this.name = spec.name as string;
    this.key = spec.key as Doc;
    this.pattern = Object.keys(this.key).map((f) => [f, toDouble(this.key[f]) < 0 ? -1 : 1]);
    this.fields = this.pattern.map(([f]) => f.split('.'));
    this.unique = isIdIndex || spec.unique === true;
    this.sparse = spec.sparse === true;
    if (isPlainObject(spec.partialFilterExpression)) this.partial = compileFilter(spec.partialFilterExpression);
    this.entries = new SortedEntries(this.pattern.map(([, d]) => d));
  }

  get isId(): boolean {
    return this.name === '_id_';
  }

  /** Keys this document contributes (none when sparse/partial exclude it). */
  keysFor(doc: Doc): KeyTuple[] {
    if (this.partial && !this.partial(doc)) return [];
    const g = generateKeys(doc, this.pattern, this.fields);
    if (this.sparse && g.allMissing) return [];
    if (g.multikey) this.multikey = true;
    return g.keys;
  }

  keyValue(key: KeyTuple): Doc {
    const kv: Doc = {};
    this.pattern.forEach(([f], i) => {
      kv[f] = key[i] === undefined ? null : key[i];
    });
    return kv;
  }

  duplicateError(ns: string, key: KeyTuple): MongoServerError {
    const keyValue = this.keyValue(key);
    const dup: Doc = {};
    // mongod prints the dup key with the pattern's field names, but empty-named for legacy reasons it isn't; keep names.
    for (const k of Object.keys(keyValue)) dup[k] = keyValue[k];
    return new MongoServerError(
      11000,
      `E11000 duplicate key error collection: ${ns} index: ${this.name} dup key: ${formatDoc(dup)}`,
      {
        keyPattern: this.key,
        keyValue,
      },
    );
  }

  /** The listIndexes shape: v, key, name, then the options in mongod's order. */
  describe(): Doc {
    const out: Doc = { v: 2, key: this.key, name: this.name };
    for (const k of Object.keys(this.spec)) {
      if (k === 'v' || k === 'key' || k === 'name' || k === 'background' || k === 'ns') continue;
      out[k] = this.spec[k];
    }
    return out;
  }
}

/** Validate a createIndexes spec; returns a normalized copy. */
export function normalizeIndexSpec(raw: unknown): Doc {
  if (!isPlainObject(raw)) throw err(2, 'index specification must be an object');
  const key = raw.key;
  if (!isPlainObject(key))
    throw err(2, "Error in specification { ... } :: caused by :: The 'key' field must be an object");
  // mongod's index_key_validate: an empty pattern is CannotCreateIndex, not a parse error.
  if (Object.keys(key).length === 0) throw err(67, 'Index keys cannot be empty.');
  for (const f of Object.keys(key)) {
    const v = key[f];
    if (typeof v === 'string') {
      if (['text', '2d', '2dsphere', 'geoHaystack'].includes(v)) throw unsupported(`${v} indexes`);
      if (v === 'hashed') throw unsupported('hashed indexes');
      throw err(67, `Unknown index plugin '${v}'`);
    }
    if (!isNumeric(v) || toDouble(v) === 0 || Number.isNaN(toDouble(v))) {
      throw err(67, `Values in the index key pattern can only be non-zero numbers or strings, ${f}: ${String(v)}`);
    }
    if (f.includes('$**')) throw unsupported('wildcard indexes');
    if (f === '' || f.startsWith('.') || f.endsWith('.') || f.includes('..'))
      throw err(67, `Index keys cannot contain an empty field.`);
  }
  if (typeof raw.name !== 'string' || raw.name === '')
    throw err(9, "Error in specification: the 'name' field is a required property of an index specification");
  for (const k of Object.keys(raw)) {
    if (!KNOWN_OPTIONS.has(k))
      throw err(197, `The field '${k}' is not valid for an index specification. Specification: ${formatDoc(raw)}`);
  }
  if (raw.collation !== undefined) {
    const c = raw.collation as Doc;
    if (!(isPlainObject(c) && c.locale === 'simple'))
      throw unsupported('index collations other than simple (they change equality)');
  }
  if (raw.partialFilterExpression !== undefined && !isPlainObject(raw.partialFilterExpression)) {
    throw err(14, 'partialFilterExpression must be an object');
  }
  if (raw.sparse === true && raw.partialFilterExpression !== undefined) {
    throw err(67, 'cannot mix "partialFilterExpression" and "sparse" options');
  }
  const isId = Object.keys(key).length === 1 && Object.hasOwn(key, '_id');
  if (isId && raw.unique === false) throw err(197, "The field 'unique' is not valid for an _id index specification.");
  const spec: Doc = { v: 2, key, name: raw.name };
  for (const k of Object.keys(raw))
    if (!['v', 'key', 'name', 'background', 'ns', 'dropDups'].includes(k)) spec[k] = raw[k];
  if (spec.unique === false) delete spec.unique;
  if (spec.sparse === false) delete spec.sparse;
  return spec;
}

export function sameKey(a: Doc, b: Doc): boolean {
  return compareValues(a, b) === 0 && Object.keys(a).every((k) => toDouble(a[k]) === toDouble(b[k]));
}

export function sameOptions(a: Doc, b: Doc): boolean {
  return SEMANTIC_OPTIONS.every((o) => {
    const x = a[o];
    const y = b[o];
    if (x === undefined || y === undefined) return x === y;
    return compareValues(x, y) === 0;
  });
}

export const defaultIndexName = (key: Doc): string =>
  Object.keys(key)
    .map((k) => `${k}_${String(toDouble(key[k]) || key[k])}`)
    .join('_');
