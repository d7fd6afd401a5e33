// Errors that travel back to the client as `{ ok: 0, errmsg, code, codeName }`.
// Codes and names are mongod's (src/mongo/base/error_codes.yml) so drivers map them
// to the same exception classes they would with a real server.

export const CODE_NAMES: Record<number, string> = {
  1: 'InternalError',
  2: 'BadValue',
  4: 'NoSuchKey',
  9: 'FailedToParse',
  10: 'UserNotFound',
  11: 'UnknownError',
  13: 'Unauthorized',
  14: 'TypeMismatch',
  20: 'IllegalOperation',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  28: 'PathNotViable',
  40: 'ConflictingUpdateOperators',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  52: 'DollarPrefixedFieldName',
  53: 'InvalidIdField',
  54: 'NotSingleValueField',
  56: 'EmptyFieldName',
  57: 'DottedFieldName',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  67: 'CannotCreateIndex',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  76: 'NoReplicationEnabled',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  96: 'OperationFailed',
  115: 'CommandNotSupported',
  168: 'InvalidPipelineOperator',
  171: 'CannotIndexParallelArrays',
  31253: 'Location31253',
  166: 'CommandNotSupportedOnView',
  197: 'InvalidIndexSpecificationOption',
  263: 'OperationNotSupportedInTransaction',
  291: 'NoQueryExecutionPlans',
  10334: 'BSONObjectTooLarge',
  11000: 'DuplicateKey',
  17276: 'Location17276',
  40324: 'Location40324',
  40352: 'Location40352',
  40353: 'Location40353',
  51091: 'Location51091',
};

export class MongoServerError extends Error {
  readonly code: number;
  readonly codeName: string;
  /** Extra fields copied into the error reply (e.g. keyPattern / keyValue for E11000). */
  readonly extra: Record<string, unknown>;

  constructor(code: number, message: string, extra: Record<string, unknown> = {}, codeName?: string) {
    super(message);
    this.code = code;
    this.codeName = codeName ?? CODE_NAMES[code] ?? `Location${code}`;
    this.extra = extra;
  }

  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

export const err = (code: number, message: string, extra?: Record<string, unknown>): MongoServerError =>
  new MongoServerError(code, message, extra);

/** Something mongod does but the emulator deliberately refuses rather than approximating. */
export const unsupported = (what: string): MongoServerError =>
  new MongoServerError(115, `mongod-emulator does not support ${what}`);
