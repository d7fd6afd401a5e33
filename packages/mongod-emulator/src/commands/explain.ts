// Enough of `explain` to show which plan a find / count / distinct would use.
import { Double } from 'bson';
import { isPlainObject, type Doc } from '../bson/types';
import { err } from '../errors';
import { queryPlan } from '../query/executor';
import { parseSort } from '../query/sort';
import { MONGOD_VERSION } from '../version';
import type { CommandHandler } from './context';

export const explain: CommandHandler = (req) => {
  const inner = req.body.explain;
  if (!isPlainObject(inner)) throw err(2, 'explain command requires a nested object');
  const cmd = Object.keys(inner)[0];
  if (!cmd || !['find', 'count', 'distinct'].includes(cmd))
    throw err(115, `mongod-emulator can only explain find, count and distinct, not ${cmd}`);
  const coll = inner[cmd] as string;
  const filter = ((cmd === 'find' ? inner.filter : inner.query) ?? {}) as Doc;
  const c = req.state.catalog.getCollection(req.db, coll);
  const p = queryPlan(c, {
    filter,
    sort: cmd === 'find' ? parseSort(inner.sort) : undefined,
    hint: inner.hint,
    notablescan: req.state.params.notablescan,
  });
  const winningPlan: Doc =
    p.kind === 'IXSCAN'
      ? { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: p.indexNames[0] } }
      : p.kind === 'OR'
        ? {
            stage: 'FETCH',
            inputStage: { stage: 'OR', inputStages: p.indexNames.map((n) => ({ stage: 'IXSCAN', indexName: n })) },
          }
        : { stage: p.kind };
  return {
    queryPlanner: { namespace: `${req.db}.${coll}`, parsedQuery: filter, winningPlan, rejectedPlans: [] },
    serverInfo: { host: req.state.host, port: req.state.port, version: MONGOD_VERSION },
    ok: new Double(1),
  };
};
