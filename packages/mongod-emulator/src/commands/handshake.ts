// Connection handshake and server-information commands.
import { hostname, cpus } from 'node:os';
import { Double, Int32, Long, UUID } from 'bson';
import type { Doc } from '../bson/types';
import { isPlainObject } from '../bson/types';
import { err } from '../errors';
import { MAX_BSON_SIZE, MAX_MESSAGE_SIZE, MAX_WRITE_BATCH_SIZE } from '../wire/opcodes';
import { SUPPORTED_COMPRESSORS } from '../wire/compression';
import { GIT_VERSION, MAX_WIRE_VERSION, MONGOD_VERSION, VERSION_ARRAY } from '../version';
import type { CommandHandler, CommandRequest } from './context';

/** Body of a hello / isMaster reply for a standalone mongod 7.0. */
export function helloReply(req: CommandRequest, legacy: boolean): Doc {
  const { body, state, conn } = req;
  if (Array.isArray(body.compression)) {
    conn.compressors = (body.compression as unknown[]).filter(
      (c): c is string => typeof c === 'string' && SUPPORTED_COMPRESSORS.includes(c),
    );
  }
  if (isPlainObject(body.client)) conn.clientMetadata = body.client;
  const reply: Doc = {};
  if (legacy && body.helloOk === true) reply.helloOk = true;
  if (legacy) reply.ismaster = true;
  else reply.isWritablePrimary = true;
  reply.topologyVersion = { processId: state.topologyVersion.processId, counter: state.topologyVersion.counter };
  reply.maxBsonObjectSize = new Int32(MAX_BSON_SIZE);
  reply.maxMessageSizeBytes = new Int32(MAX_MESSAGE_SIZE);
  reply.maxWriteBatchSize = new Int32(MAX_WRITE_BATCH_SIZE);
  reply.localTime = new Date();
  reply.logicalSessionTimeoutMinutes = new Int32(30);
  reply.connectionId = new Int32(conn.id);
  reply.minWireVersion = new Int32(0);
  reply.maxWireVersion = new Int32(MAX_WIRE_VERSION);
  reply.readOnly = false;
  if (Array.isArray(body.compression) && conn.compressors.length) reply.compression = conn.compressors;
  reply.ok = new Double(1);
  return reply;
}

export const hello: CommandHandler = (req) => helloReply(req, false);
export const isMaster: CommandHandler = (req) => helloReply(req, true);

export const ping: CommandHandler = () => ({ ok: new Double(1) });

export const buildInfo: CommandHandler = () => ({
  version: MONGOD_VERSION,
  gitVersion: GIT_VERSION,
  modules: [],
  allocator: 'system',
  javascriptEngine: 'none',
  sysInfo: 'deprecated',
  versionArray: VERSION_ARRAY.map((n) => new Int32(n)),
  openssl: { running: 'disabled', compiled: 'disabled' },
  buildEnvironment: { distmod: 'mongod-emulator', distarch: process.arch, target_os: process.platform },
  bits: new Int32(64),
  debug: false,
  maxBsonObjectSize: new Int32(MAX_BSON_SIZE),
  storageEngines: ['ephemeralForTest'],
  ok: new Double(1),
});

export const getParameter: CommandHandler = (req) => {
  const { body, state } = req;
  const all =
    body.getParameter === '*' || (isPlainObject(body.getParameter) && body.getParameter.allParameters === true);
  const known: Doc = {
    notablescan: state.params.notablescan,
    featureCompatibilityVersion: { version: '7.0' },
    authenticationMechanisms: ['SCRAM-SHA-1', 'SCRAM-SHA-256'],
    logLevel: new Int32(0),
    quiet: false,
    maxBSONDepth: new Int32(200),
    internalQueryFrameworkControl: 'trySbeRestricted',
    ...Object.fromEntries(Object.entries(state.params).filter(([k]) => k !== 'notablescan')),
  };
  const out: Doc = {};
  if (all) Object.assign(out, known);
  else {
    for (const k of Object.keys(body)) {
      if (['getParameter', '$db', 'lsid', '$clusterTime', '$readPreference', 'comment'].includes(k)) continue;
      if (!(k in known)) throw err(72, `no option found to get`);
      out[k] = known[k];
    }
    if (Object.keys(out).length === 0) throw err(72, 'no option found to get');
  }
  out.ok = new Double(1);
  return out;
};

export const setParameter: CommandHandler = (req) => {
  const { body, state } = req;
  const out: Doc = {};
  for (const k of Object.keys(body)) {
    if (['setParameter', '$db', 'lsid', '$clusterTime', '$readPreference', 'comment'].includes(k)) continue;
    if (k === 'notablescan') {
      out.was = state.params.notablescan;
      state.params.notablescan = Boolean(
        body[k] &&
        !(body[k] instanceof Int32 && body[k].value === 0) &&
        !(body[k] instanceof Double && body[k].value === 0),
      );
    } else {
      out.was = state.params[k];
      state.params[k] = body[k];
    }
  }
  out.ok = new Double(1);
  return out;
};

export const serverStatus: CommandHandler = (req) => {
  const { state } = req;
  const uptime = (Date.now() - state.startedAt.getTime()) / 1000;
  return {
    host: `${req.state.host}:${req.state.port}`,
    version: MONGOD_VERSION,
    process: 'mongod',
    pid: Long.fromNumber(process.pid),
    uptime: new Double(Math.floor(uptime)),
    uptimeMillis: Long.fromNumber(Math.floor(uptime * 1000)),
    uptimeEstimate: Long.fromNumber(Math.floor(uptime)),
    localTime: new Date(),
    connections: {
      current: new Int32(state.connectionsCurrent()),
      available: new Int32(819200 - state.connectionsCurrent()),
      totalCreated: new Int32(state.connectionsTotal()),
      active: new Int32(1),
    },
    opcounters: Object.fromEntries(Object.entries(state.opcounters).map(([k, v]) => [k, Long.fromNumber(v)])),
    mem: {
      bits: new Int32(64),
      resident: new Int32(Math.round(process.memoryUsage().rss / 2 ** 20)),
      virtual: new Int32(0),
      supported: true,
    },
    storageEngine: { name: 'ephemeralForTest', supportsCommittedReads: false, persistent: false },
    metrics: { cursor: { open: { total: Long.fromNumber(state.cursors.openCount) } } },
    ok: new Double(1),
  };
};

export const hostInfo: CommandHandler = () => ({
  system: {
    currentTime: new Date(),
    hostname: hostname(),
    cpuAddrSize: new Int32(64),
    numCores: new Int32(cpus().length),
  },
  os: { type: process.platform, name: process.platform },
  extra: {},
  ok: new Double(1),
});

export const whatsmyuri: CommandHandler = (req) => ({ you: req.conn.remote, ok: new Double(1) });

export const connectionStatus: CommandHandler = () => ({
  authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
  ok: new Double(1),
});

export const getCmdLineOpts: CommandHandler = () => ({ argv: process.argv.slice(1), parsed: {}, ok: new Double(1) });

export const getLog: CommandHandler = (req) => {
  if (req.body.getLog === '*') return { names: ['global', 'startupWarnings'], ok: new Double(1) };
  return { totalLinesWritten: new Int32(0), log: [], ok: new Double(1) };
};

export const featureCompatibilityVersion = { version: '7.0' };

export const noopOk: CommandHandler = () => ({ ok: new Double(1) });

export const endSessions: CommandHandler = () => ({ ok: new Double(1) });

export const startSession: CommandHandler = () => {
  // Sessions are implicit and stateless here; hand back a fresh lsid like mongod.
  return { id: { id: new UUID() }, timeoutMinutes: new Int32(30), ok: new Double(1) };
};

export const shutdown: CommandHandler = (req) => {
  if (req.db !== 'admin') throw err(13, 'shutdown must run from the admin database');
  req.state.requestShutdown('shutdown command');
  // mongod closes the connection without replying; the server layer does the same.
  return { ok: new Double(1), $shutdown: true };
};
