// Classification of deserialized values. The server deserializes with
// promoteValues:false + bsonRegExp:true, so numbers arrive as Int32 / Double / Long /
// Decimal128 wrappers and keep their wire type on the way back out.
import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Code,
  DBRef,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'bson';

export type Doc = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is Doc =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

export const isNumeric = (v: unknown): boolean =>
  typeof v === 'number' ||
  v instanceof Int32 ||
  v instanceof Double ||
  (v instanceof Long && !(v instanceof Timestamp)) ||
  v instanceof Decimal128 ||
  typeof v === 'bigint';

/** BSON type names as `$type` / `$convert` know them. */
export function bsonTypeName(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? 'int' : 'double';
  if (typeof v === 'bigint') return 'long';
  // Timestamp extends Long in js-bson, so it must be recognised first.
  if (v instanceof Timestamp) return 'timestamp';
  if (v instanceof Int32) return 'int';
  if (v instanceof Double) return 'double';
  if (v instanceof Long) return 'long';
  if (v instanceof Decimal128) return 'decimal';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof ObjectId) return 'objectId';
  if (v instanceof Binary) return 'binData';
  if (v instanceof BSONRegExp || v instanceof RegExp) return 'regex';
  if (v instanceof Timestamp) return 'timestamp';
  if (v instanceof MinKey) return 'minKey';
  if (v instanceof MaxKey) return 'maxKey';
  if (v instanceof BSONSymbol) return 'symbol';
  if (v instanceof Code) return v.scope ? 'javascriptWithScope' : 'javascript';
  if (v instanceof DBRef) return 'object';
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return 'binData';
  return 'object';
}

export const TYPE_NUMBERS: Record<string, number> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};

/** Order of type brackets in comparisons and sorts (mongod's canonicalizeBSONType). */
export function canonicalType(v: unknown): number {
  switch (bsonTypeName(v)) {
    case 'minKey':
      return -1;
    case 'undefined':
      return 0;
    case 'null':
      return 5;
    case 'int':
    case 'long':
    case 'double':
    case 'decimal':
      return 10;
    case 'string':
    case 'symbol':
      return 15;
    case 'object':
      return 20;
    case 'array':
      return 25;
    case 'binData':
      return 30;
    case 'objectId':
      return 35;
    case 'bool':
      return 40;
    case 'date':
      return 45;
    case 'timestamp':
      return 47;
    case 'regex':
      return 50;
    case 'javascript':
      return 60;
    case 'javascriptWithScope':
      return 65;
    case 'maxKey':
      return 127;
    default:
      return 20;
  }
}

/** A number as a JS double (lossy for huge Longs / Decimal128, fine for arithmetic on app data). */
export function toDouble(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Int32 || v instanceof Double) return v.value;
  if (v instanceof Timestamp) return NaN;
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Decimal128) return Number(v.toString());
  return NaN;
}

export type NumKind = 'int' | 'long' | 'double' | 'decimal';
export function numKind(v: unknown): NumKind {
  const t = bsonTypeName(v);
  return t === 'int' || t === 'long' || t === 'decimal' ? t : 'double';
}

/** Build a number of the given BSON kind, widening int → long → double like mongod on overflow. */
export function makeNumber(kind: NumKind, value: number | bigint): unknown {
  if (kind === 'decimal') return Decimal128.fromString(String(value));
  if (typeof value === 'bigint') {
    if (kind === 'int' && value >= -2147483648n && value <= 2147483647n) return new Int32(Number(value));
    if (value >= -(2n ** 63n) && value < 2n ** 63n) return Long.fromBigInt(value);
    return new Double(Number(value));
  }
  if (kind === 'double') return new Double(value);
  if (!Number.isInteger(value)) return new Double(value);
  if (kind === 'int' && value >= -2147483648 && value <= 2147483647) return new Int32(value);
  if (Number.isSafeInteger(value)) return Long.fromNumber(value);
  return new Double(value);
}

export function toBigIntExact(v: unknown): bigint | undefined {
  if (v instanceof Long) return v.toBigInt();
  if (typeof v === 'bigint') return v;
  const d = toDouble(v);
  return Number.isInteger(d) ? BigInt(d) : undefined;
}
