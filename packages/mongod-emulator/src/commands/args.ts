// Argument parsing shared by command handlers, with mongod's error codes for bad types.
import { isNumeric, isPlainObject, toDouble, bsonTypeName, type Doc } from '../bson/types';
import { err } from '../errors';
import { validateCollName } from '../storage/catalog';

export function collectionArg(req: { name: string; db: string; body: Doc }): string {
  const v = req.body[req.name];
  if (typeof v !== 'string') {
    throw err(73, `collection name has invalid type ${bsonTypeName(v)}`);
  }
  return validateCollName(req.db, v);
}

export function optionalInt(body: Doc, field: string, min = 0): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!isNumeric(v))
    throw err(
      14,
      `BSON field '${field}' is the wrong type '${bsonTypeName(v)}', expected types '[long, int, decimal, double]'`,
    );
  const n = toDouble(v);
  if (n < min) throw err(51024, `BSON field '${field}' value must be >= ${min}, actual value '${n}'`);
  return Math.trunc(n);
}

export function optionalDoc(body: Doc, field: string): Doc | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v))
    throw err(14, `BSON field '${field}' is the wrong type '${bsonTypeName(v)}', expected type 'object'`);
  return v;
}

export function requiredArray(body: Doc, field: string, cmd: string): Doc[] {
  const v = body[field];
  if (v === undefined) throw err(40414, `BSON field '${cmd}.${field}' is missing but a required field`);
  if (!Array.isArray(v))
    throw err(14, `BSON field '${cmd}.${field}' is the wrong type '${bsonTypeName(v)}', expected type 'array'`);
  return v as Doc[];
}

export const truthy = (v: unknown): boolean =>
  !(v === undefined || v === null || v === false || (isNumeric(v) && toDouble(v) === 0));

/** A non-simple collation could change equality/ordering of strings; refuse instead of answering wrongly. */
export function checkCollation(body: Doc): void {
  const c = body.collation;
  if (c === undefined || c === null) return;
  if (isPlainObject(c) && (c.locale === 'simple' || Object.keys(c).length === 0)) return;
  throw err(115, 'mongod-emulator does not support collations other than {locale: "simple"}');
}
