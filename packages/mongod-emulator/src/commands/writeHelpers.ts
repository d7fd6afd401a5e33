// Shared by update and findAndModify: compute the new version of a document and build
// upsert inserts, with mongod's rules for _id and $setOnInsert.
import { serialize } from 'bson';
import { compareValues } from '../bson/compare';
import { formatValue } from '../bson/format';
import { isPlainObject, type Doc } from '../bson/types';
import { err, MongoServerError } from '../errors';
import { runPipeline, type PipelineEnv } from '../query/pipeline';
import { applyOperators, applyReplacement, isOperatorUpdate, upsertSeed } from '../query/update';
import type { Collection } from '../storage/collection';

export type UpdateSpec = Doc | Doc[];

export function validateUpdateSpec(u: unknown): UpdateSpec {
  if (Array.isArray(u)) {
    for (const st of u) {
      const name = isPlainObject(st) ? Object.keys(st)[0] : undefined;
      if (!name || !['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith'].includes(name)) {
        throw err(
          72,
          `Invalid update pipeline stage${name ? ` ${name}` : ''}: only $addFields, $set, $project, $unset, $replaceRoot and $replaceWith are allowed`,
        );
      }
    }
    return u as Doc[];
  }
  if (!isPlainObject(u)) throw err(14, 'Update argument must be either an object or an array');
  return u;
}

export function computeUpdate(
  oldDoc: Doc,
  u: UpdateSpec,
  query: Doc,
  arrayFilters: Doc[] | undefined,
  env: PipelineEnv,
  isInsert = false,
): Doc {
  if (Array.isArray(u)) {
    if (arrayFilters?.length) throw err(72, 'arrayFilters may not be specified for pipeline-style updates');
    const [out] = runPipeline([oldDoc], u, env);
    if (!out) throw new MongoServerError(1, 'update pipeline produced no document');
    if (!isInsert && (out._id === undefined || compareValues(out._id, oldDoc._id) !== 0)) {
      throw err(
        66,
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${formatValue(out._id)}`,
      );
    }
    return out;
  }
  if (isOperatorUpdate(u)) return applyOperators(oldDoc, u, { query, arrayFilters, isInsert });
  if (arrayFilters?.length) throw err(72, 'Cannot use array filters with a replacement-style update');
  return applyReplacement(oldDoc, u);
}

/** The document an upsert inserts when nothing matched. */
export function buildUpsert(
  coll: Collection,
  query: Doc,
  u: UpdateSpec,
  arrayFilters: Doc[] | undefined,
  env: PipelineEnv,
): Doc {
  const seed = upsertSeed(query);
  let doc: Doc;
  if (!Array.isArray(u) && !isOperatorUpdate(u)) {
    doc = applyReplacement(seed._id !== undefined ? { _id: seed._id } : {}, u);
    if (doc._id === undefined && u._id !== undefined) doc = { _id: u._id, ...doc };
  } else {
    doc = computeUpdate(seed, u, query, arrayFilters, env, true);
    if (seed._id !== undefined && (doc._id === undefined || compareValues(doc._id, seed._id) !== 0)) {
      throw err(66, `Performing an update on the path '_id' would modify the immutable field '_id'`);
    }
  }
  return coll.prepareInsert(doc);
}

/** mongod counts a document as modified only when its bytes change. */
export function sameBytes(a: Doc, b: Doc): boolean {
  return Buffer.compare(serialize(a), serialize(b)) === 0;
}
