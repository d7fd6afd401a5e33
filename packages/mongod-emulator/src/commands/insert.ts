import { calculateObjectSize, Int32 } from 'bson';
import { MAX_INTERNAL_BSON_SIZE, tooLargeError } from '../storage/collection';
import { isPlainObject, type Doc } from '../bson/types';
import { err } from '../errors';
import { collectionArg, requiredArray } from './args';
import type { CommandHandler } from './context';
import { rethrowIfFatal, writeError } from './writeErrors';

export const insert: CommandHandler = (req) => {
  const name = collectionArg(req);
  const docs = requiredArray(req.body, 'documents', 'insert');
  if (docs.length === 0) throw err(16, 'Write batch sizes must be between 1 and 100000. Got 0 operations.');
  const ordered = req.body.ordered !== false;
  // mongod can't even parse a document past 16 MiB + 16 KiB: the whole command fails.
  for (const d of docs) {
    if (isPlainObject(d)) {
      const size = calculateObjectSize(d);
      if (size > MAX_INTERNAL_BSON_SIZE) throw tooLargeError(d, size);
    }
  }
  const coll = req.state.catalog.ensureCollection(req.db, name);
  let n = 0;
  const writeErrors: Doc[] = [];
  for (let i = 0; i < docs.length; i++) {
    try {
      const d = docs[i];
      if (!isPlainObject(d)) throw err(14, 'document to insert must be an object');
      coll.insert(coll.prepareInsert(d));
      n++;
      req.state.opcounters.insert = (req.state.opcounters.insert ?? 0) + 1;
    } catch (e) {
      rethrowIfFatal(e);
      writeErrors.push(writeError(i, e));
      if (ordered) break;
    }
  }
  const reply: Doc = { n: new Int32(n) };
  if (writeErrors.length) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
};
