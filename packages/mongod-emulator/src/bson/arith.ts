// Arithmetic that keeps BSON numeric types the way mongod does: int op int stays int
// (widening to long on overflow), anything with a double is double, with a decimal is decimal.
import { Decimal128, Double, Int32, Long } from 'bson';
import { numKind, toDouble, type NumKind } from './types';

const RANK: Record<NumKind, number> = { int: 0, long: 1, double: 2, decimal: 3 };

function widest(a: unknown, b: unknown): NumKind {
  const ka = numKind(a);
  const kb = numKind(b);
  return RANK[ka] >= RANK[kb] ? ka : kb;
}

const big = (v: unknown): bigint => (v instanceof Long ? v.toBigInt() : BigInt(Math.trunc(toDouble(v))));

function fromBig(kind: NumKind, r: bigint): unknown {
  if (kind === 'int' && r >= -2147483648n && r <= 2147483647n) return new Int32(Number(r));
  if (r >= -(2n ** 63n) && r < 2n ** 63n) return Long.fromBigInt(r);
  // mongod turns an overflowing long into a double.
  return new Double(Number(r));
}

function decimalOp(a: unknown, b: unknown, op: 'add' | 'mul'): Decimal128 {
  // Decimal arithmetic via JS doubles: exact for typical money-like values, documented as a gap.
  const x = Number(a instanceof Decimal128 ? a.toString() : toDouble(a));
  const y = Number(b instanceof Decimal128 ? b.toString() : toDouble(b));
  const r = op === 'add' ? x + y : x * y;
  return Decimal128.fromString(String(r));
}

export function add(a: unknown, b: unknown): unknown {
  const k = widest(a, b);
  if (k === 'decimal') return decimalOp(a, b, 'add');
  if (k === 'double') return new Double(toDouble(a) + toDouble(b));
  return fromBig(k, big(a) + big(b));
}

export function multiply(a: unknown, b: unknown): unknown {
  const k = widest(a, b);
  if (k === 'decimal') return decimalOp(a, b, 'mul');
  if (k === 'double') return new Double(toDouble(a) * toDouble(b));
  return fromBig(k, big(a) * big(b));
}

/** Zero of the same BSON type as `like` ($mul on a missing field). */
export function zeroLike(like: unknown): unknown {
  switch (numKind(like)) {
    case 'int':
      return new Int32(0);
    case 'long':
      return Long.fromNumber(0);
    case 'decimal':
      return Decimal128.fromString('0');
    default:
      return new Double(0);
  }
}
