// BSON value comparison with mongod's semantics: values in different type brackets
// order by bracket (MinKey < undefined < null < numbers < strings < objects < arrays <
// binData < ObjectId < bool < Date < Timestamp < regex < MaxKey); numbers of different
// BSON types compare by value. mingo's comparator knows none of this, hence our own.
import { Binary, BSONRegExp, Code, Decimal128, Long, ObjectId, Timestamp, BSONSymbol } from 'bson';
import { bsonTypeName, canonicalType, toDouble } from './types';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

export function compareNumbers(a: unknown, b: unknown): number {
  // Exactness matters only for 64-bit integers beyond 2^53; everything else fits a double.
  if ((a instanceof Long || b instanceof Long) && !(a instanceof Decimal128) && !(b instanceof Decimal128)) {
    const ab = a instanceof Long ? a.toBigInt() : undefined;
    const bb = b instanceof Long ? b.toBigInt() : undefined;
    if (ab !== undefined && bb !== undefined) return ab < bb ? -1 : ab > bb ? 1 : 0;
    const other = ab !== undefined ? toDouble(b) : toDouble(a);
    const big = (ab ?? bb) as bigint;
    let r: number;
    if (Number.isNaN(other)) r = 1;
    else if (!Number.isFinite(other)) r = other > 0 ? -1 : 1;
    else {
      const fl = BigInt(Math.floor(other));
      r = big < fl ? -1 : big > fl ? 1 : Number.isInteger(other) ? 0 : -1;
    }
    return ab !== undefined ? r : -r;
  }
  const x = toDouble(a);
  const y = toDouble(b);
  // mongod orders NaN below every other number and equal to itself.
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return sign(d);
  }
  return sign(a.length - b.length);
}

/** Strings compare by UTF-8 bytes in mongod (no collation); code-point order is the same thing. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  // Fast path on UTF-16 code units: below the surrogate range a unit is a whole code point, so
  // the first differing pair decides (index scans make millions of these comparisons).
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca < 0xd800 && cb < 0xd800) return ca < cb ? -1 : 1;
    return compareCodePoints(a, b);
  }
  return sign(a.length - b.length);
}

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(i) as number;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return sign(a.length - b.length);
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const fa = ka[i] as string;
    const fb = kb[i] as string;
    const va = a[fa];
    const vb = b[fb];
    const t = canonicalType(va) - canonicalType(vb);
    if (t !== 0) return sign(t);
    const f = compareStrings(fa, fb);
    if (f !== 0) return f;
    const c = compareValues(va, vb);
    if (c !== 0) return c;
  }
  return sign(ka.length - kb.length);
}

function compareArrays(a: unknown[], b: unknown[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const t = canonicalType(a[i]) - canonicalType(b[i]);
    if (t !== 0) return sign(t);
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

const regexParts = (r: unknown): [string, string] =>
  r instanceof BSONRegExp ? [r.pattern, r.options] : [(r as RegExp).source, (r as RegExp).flags];

export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  const ta = canonicalType(a);
  const tb = canonicalType(b);
  if (ta !== tb) return sign(ta - tb);
  switch (ta) {
    case -1:
    case 0:
    case 5:
    case 127:
      return 0;
    case 10:
      return compareNumbers(a, b);
    case 15:
      return compareStrings(
        a instanceof BSONSymbol ? a.value : (a as string),
        b instanceof BSONSymbol ? b.value : (b as string),
      );
    case 20:
      return compareObjects(toPlain(a), toPlain(b));
    case 25:
      return compareArrays(a as unknown[], b as unknown[]);
    case 30: {
      const ba = binBytes(a);
      const bb = binBytes(b);
      // mongod: length first, then subtype, then bytes.
      if (ba.length !== bb.length) return sign(ba.length - bb.length);
      const sa = a instanceof Binary ? a.sub_type : 0;
      const sb = b instanceof Binary ? b.sub_type : 0;
      if (sa !== sb) return sign(sa - sb);
      return compareBytes(ba, bb);
    }
    case 35:
      return compareBytes((a as ObjectId).id, (b as ObjectId).id);
    case 40:
      return sign(Number(a) - Number(b));
    case 45:
      return sign((a as Date).getTime() - (b as Date).getTime());
    case 47: {
      const x = a as Timestamp;
      const y = b as Timestamp;
      return x.t !== y.t ? sign(x.t - y.t) : sign(x.i - y.i);
    }
    case 50: {
      const [pa, fa] = regexParts(a);
      const [pb, fb] = regexParts(b);
      return compareStrings(pa, pb) || compareStrings(fa, fb);
    }
    case 60:
    case 65:
      return compareStrings((a as Code).code, (b as Code).code);
    default:
      return 0;
  }
}

function binBytes(v: unknown): Uint8Array {
  if (v instanceof Binary) return v.buffer.subarray(0, v.position);
  return v as Uint8Array;
}

function toPlain(v: unknown): Record<string, unknown> {
  if (
    bsonTypeName(v) === 'object' &&
    typeof v === 'object' &&
    v !== null &&
    'toJSON' in v &&
    (v as { _bsontype?: string })._bsontype === 'DBRef'
  ) {
    return (v as { toJSON(): Record<string, unknown> }).toJSON();
  }
  return v as Record<string, unknown>;
}

export const valuesEqual = (a: unknown, b: unknown): boolean => compareValues(a, b) === 0;
