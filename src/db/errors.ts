/** MongoDB's duplicate key error (E11000), optionally on a given field of the index key. */
export function isDuplicateKeyError(error: unknown, field?: string): boolean {
  const e = error as { code?: number; keyPattern?: Record<string, unknown> } | undefined;
  if (e?.code !== 11000) return false;
  return field === undefined || (e.keyPattern !== undefined && field in e.keyPattern);
}
