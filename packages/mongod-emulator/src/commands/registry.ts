// Command name → handler, plus the checks mongod applies to every command
// (transactions refused on a standalone, unknown commands → CommandNotFound).
import { Double } from 'bson';
import { isPlainObject, type Doc } from '../bson/types';
import { err, MongoServerError, unsupported } from '../errors';
import { aggregate } from './aggregate';
import { collStats, create, drop, listCollections, renameCollection } from './collections';
import type { CommandHandler, CommandRequest } from './context';
import { dbStats, dropDatabase, listDatabases } from './databases';
import { del } from './delete';
import { distinct } from './distinct';
import { count, find, getMore, killCursors } from './find';
import { findAndModify } from './findAndModify';
import {
  buildInfo,
  connectionStatus,
  endSessions,
  getCmdLineOpts,
  getLog,
  getParameter,
  hello,
  hostInfo,
  isMaster,
  noopOk,
  ping,
  serverStatus,
  setParameter,
  shutdown,
  startSession,
  whatsmyuri,
} from './handshake';
import { collMod, createIndexes, dropIndexes, listIndexes } from './indexes';
import { insert } from './insert';
import { update } from './update';
import { explain } from './explain';
import { log } from '../log';

/** Fields any command may carry that don't change what it does here. */
export const GENERIC_ARGS = new Set([
  '$db',
  'lsid',
  '$clusterTime',
  'writeConcern',
  'readConcern',
  '$readPreference',
  'comment',
  'maxTimeMS',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  '$audit',
  '$client',
  'mayBypassWriteBlocking',
  'clientOperationKey',
  'bypassDocumentValidation',
]);

const HANDLERS: Record<string, CommandHandler> = {
  hello,
  isMaster,
  ismaster: isMaster,
  ping,
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  setParameter,
  serverStatus,
  hostInfo,
  whatsmyuri,
  connectionStatus,
  getCmdLineOpts,
  getLog,
  listDatabases,
  listCollections,
  create,
  drop,
  dropDatabase,
  insert,
  find,
  getMore,
  killCursors,
  update,
  delete: del,
  findAndModify,
  findandmodify: findAndModify,
  aggregate,
  count,
  distinct,
  createIndexes,
  listIndexes,
  dropIndexes,
  collMod,
  deleteIndexes: dropIndexes,
  collStats,
  dbStats,
  renameCollection,
  explain,
  endSessions,
  startSession,
  killAllSessions: noopOk,
  killAllSessionsByPattern: noopOk,
  killSessions: noopOk,
  refreshSessions: noopOk,
  refreshLogicalSessionCacheNow: noopOk,
  shutdown,
  logout: noopOk,
  getFreeMonitoringStatus: () => ({ state: 'undecided', ok: new Double(1) }),
  features: () => ({ oidMachine: 0, ok: new Double(1) }),
  listCommands: () => ({ commands: Object.fromEntries(Object.keys(HANDLERS).map((k) => [k, {}])), ok: new Double(1) }),
  replSetGetStatus: () => {
    throw err(76, 'not running with --replSet');
  },
  commitTransaction: () => {
    throw err(20, 'Transaction numbers are only allowed on a replica set member or mongos');
  },
  abortTransaction: () => {
    throw err(20, 'Transaction numbers are only allowed on a replica set member or mongos');
  },
  saslStart: () => {
    throw unsupported('authentication (saslStart); start without --auth');
  },
  saslContinue: () => {
    throw unsupported('authentication (saslContinue)');
  },
  authenticate: () => {
    throw unsupported('authentication');
  },
};

export const COMMAND_NAMES = Object.keys(HANDLERS);

/** mongod's adminOnly() commands answer Unauthorized (13) anywhere else. */
const ADMIN_ONLY = new Set([
  'listDatabases',
  'getParameter',
  'setParameter',
  'shutdown',
  'renameCollection',
  'getCmdLineOpts',
  'getLog',
  'replSetGetStatus',
]);

/** Runs a command body, always producing a reply document (errors become ok:0). */
export async function runCommand(req: Omit<CommandRequest, 'name'>): Promise<Doc> {
  const { body } = req;
  const name = Object.keys(body)[0];
  try {
    if (!name) throw err(59, "no such command: ''");
    if (typeof body.$db !== 'string' && body.$db !== undefined) throw err(73, 'Invalid $db');
    const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
    if (!handler) throw new MongoServerError(59, `no such command: '${name}'`);
    if (ADMIN_ONLY.has(name) && req.db !== 'admin')
      throw err(13, `${name} may only be run against the admin database.`);
    if (body.txnNumber !== undefined || body.autocommit !== undefined || body.startTransaction !== undefined) {
      throw err(20, 'Transaction numbers are only allowed on a replica set member or mongos');
    }
    if (isPlainObject(body.readConcern) && body.readConcern.level === 'snapshot') {
      throw unsupported('readConcern level "snapshot" (a standalone mongod cannot serve it either)');
    }
    return await handler({ ...req, name });
  } catch (e) {
    if (e instanceof MongoServerError) return e.toReply();
    // A bug in the emulator: answer like mongod's InternalError and keep the connection.
    log('E', 'COMMAND', 9000003, `conn${req.conn.id}`, 'Internal error running command', {
      command: name,
      error: (e as Error)?.stack ?? String(e),
    });
    return new MongoServerError(
      1,
      `mongod-emulator internal error in ${name}: ${(e as Error)?.message ?? String(e)}`,
    ).toReply();
  }
}
