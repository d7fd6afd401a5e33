// The TCP listener(s) and the shared server state.
import { createServer, type Server, type Socket } from 'node:net';
import { Long, ObjectId } from 'bson';
import { CursorManager } from './commands/cursors';
import type { ServerParams, ServerState } from './commands/context';
import { Connection } from './connection';
import { log, setLogQuiet } from './log';
import { Catalog } from './storage/catalog';
import { runTtlPass } from './storage/ttl';
import { MONGOD_VERSION } from './version';

export interface ServerOptions {
  /** 0 picks a free port. Default 27017. */
  port?: number;
  /** Addresses to bind (mongod's --bind_ip). Default 127.0.0.1. */
  bindIp?: string[];
  /** mongod's --setParameter notablescan=1. */
  notablescan?: boolean;
  /** Other --setParameter values, echoed by getParameter. */
  parameters?: Record<string, unknown>;
  /** Suppress informational log lines (errors still print). */
  quiet?: boolean;
  /** Called after the `shutdown` command closed the server. */
  onShutdown?: (reason: string) => void;
}

export interface RunningServer {
  port: number;
  host: string;
  uri: string;
  state: ServerState;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  if (options.quiet !== undefined) setLogQuiet(options.quiet);
  const bindIps = options.bindIp?.length ? options.bindIp : ['127.0.0.1'];
  const connections = new Set<Connection>();
  let totalConnections = 0;
  let nextConnId = 1;
  const servers: Server[] = [];
  let closing: Promise<void> | undefined;

  const params: ServerParams = { ...(options.parameters ?? {}), notablescan: options.notablescan ?? false };
  const state: ServerState = {
    catalog: new Catalog(),
    cursors: new CursorManager(),
    params,
    startedAt: new Date(),
    port: options.port ?? 27017,
    host: bindIps[0] as string,
    topologyVersion: { processId: new ObjectId(), counter: Long.fromNumber(0) },
    connectionsCurrent: () => connections.size,
    connectionsTotal: () => totalConnections,
    requestShutdown: () => undefined,
    opcounters: { insert: 0, query: 0, update: 0, delete: 0, getmore: 0, command: 0 },
  };

  const ttlEverySecs = Number(params.ttlMonitorSleepSecs ?? 60) || 60;
  const ttlTimer = setInterval(() => {
    if (params.ttlMonitorEnabled !== false) runTtlPass(state.catalog);
  }, ttlEverySecs * 1000);
  ttlTimer.unref();

  const close = (): Promise<void> => {
    if (closing) return closing;
    closing = (async () => {
      clearInterval(ttlTimer);
      for (const c of connections) c.close();
      connections.clear();
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    })();
    return closing;
  };

  const onSocket = (socket: Socket): void => {
    const id = nextConnId++;
    totalConnections++;
    const conn = new Connection(socket, id, state, {
      onShutdownCommand: () => {
        void close().then(() => options.onShutdown?.('shutdown command'));
      },
    });
    connections.add(conn);
    socket.on('close', () => connections.delete(conn));
  };

  let port = state.port;
  for (const ip of bindIps) {
    const server = createServer(onSocket);
    server.maxConnections = 65536;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, ip, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (e) => log('E', 'NETWORK', 23024, 'listener', 'Listener error', { error: String(e) }));
    const addr = server.address();
    if (addr && typeof addr === 'object') port = addr.port;
    servers.push(server);
  }
  state.port = port;

  log('I', 'CONTROL', 23403, 'initandlisten', 'Build Info', {
    buildInfo: { version: MONGOD_VERSION, emulator: 'mongod-emulator' },
  });
  log(
    'W',
    'STORAGE',
    9000001,
    'initandlisten',
    'mongod-emulator keeps all data in memory only; nothing is written to --dbpath and everything is lost on exit',
    {},
  );
  if (params.notablescan)
    log(
      'I',
      'QUERY',
      9000002,
      'initandlisten',
      'notablescan is on: queries that would need a collection scan fail with NoQueryExecutionPlans',
      {},
    );
  for (const ip of bindIps) log('I', 'NETWORK', 23015, 'listener', 'Listening on', { address: ip });
  log('I', 'NETWORK', 23016, 'listener', 'Waiting for connections', { port, ssl: 'off' });

  const host = bindIps[0] === '0.0.0.0' || bindIps[0] === '::' ? '127.0.0.1' : (bindIps[0] as string);
  return { port, host, uri: `mongodb://${host.includes(':') ? `[${host}]` : host}:${port}/`, state, close };
}
