// mongod's command line: the flags mongodb-memory-server and humans pass, `--version`,
// and signal handling (SIGINT / SIGTERM → clean exit 0, like mongod).
import { existsSync, statSync } from 'node:fs';
import { log } from './log';
import { startServer } from './server';
import { GIT_VERSION, MONGOD_VERSION } from './version';

export interface ParsedArgs {
  port: number;
  bindIp: string[];
  dbpath?: string;
  parameters: Record<string, unknown>;
  notablescan: boolean;
  version: boolean;
  help: boolean;
  quiet: boolean;
}

/** Flags that take a value and are accepted but irrelevant to an in-memory server. */
const IGNORED_WITH_VALUE = new Set([
  'storageEngine',
  'logpath',
  'pidfilepath',
  'wiredTigerCacheSizeGB',
  'oplogSize',
  'unixSocketPrefix',
  'filePermissions',
  'maxConns',
  'slowms',
  'slowOpSampleRate',
  'profile',
  'timeZoneInfo',
  'keyFile',
  'clusterAuthMode',
  'tlsMode',
  'sslMode',
  'inMemorySizeGB',
  'wiredTigerJournalCompressor',
  'wiredTigerCollectionBlockCompressor',
  'wiredTigerIndexPrefixCompression',
  'syncdelay',
  'journalCommitInterval',
  'networkMessageCompressors',
  'transitionToAuth',
  'redactClientLogData',
]);
const IGNORED_FLAGS = new Set([
  'noauth',
  'nounixsocket',
  'ipv6',
  'journal',
  'nojournal',
  'quiet',
  'logappend',
  'noscripting',
  'directoryperdb',
  'cpu',
  'sysinfo',
  'notablescan',
  'enableMajorityReadConcern',
  'bind_ip_all',
  'nohttpinterface',
  'noIndexBuildRetry',
]);
/** Flags that ask for something the emulator can't be; refuse loudly rather than pretend. */
const REFUSED: Record<string, string> = {
  replSet: 'replica sets',
  auth: 'authentication',
  fork: 'forking',
  config: 'config files',
  f: 'config files',
  shardsvr: 'sharding',
  configsvr: 'sharding',
  repair: 'repair',
  tlsCertificateKeyFile: 'TLS',
  sslPEMKeyFile: 'TLS',
};

export class UsageError extends Error {}

function parseValue(v: string): unknown {
  if (/^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  if (/^-?\d+$/.test(v)) return Number(v);
  return v;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = {
    port: 27017,
    bindIp: ['127.0.0.1'],
    parameters: {},
    notablescan: false,
    version: false,
    help: false,
    quiet: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('-'))
      throw new UsageError(
        `Error parsing command line: too many positional options have been specified on the command line`,
      );
    const eq = arg.indexOf('=');
    const name = arg.replace(/^--?/, '').slice(0, eq > 0 ? eq - arg.indexOf(arg.replace(/^--?/, '')) : undefined);
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined)
        throw new UsageError(`Error parsing command line: the required argument for option '--${name}' is missing`);
      return v;
    };
    switch (name) {
      case 'version':
        out.version = true;
        break;
      case 'help':
      case 'h':
        out.help = true;
        break;
      case 'port': {
        const p = Number(value());
        if (!Number.isInteger(p) || p < 0 || p > 65535)
          throw new UsageError(`Error parsing command line: invalid port`);
        out.port = p;
        break;
      }
      case 'bind_ip':
        out.bindIp = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => (s === 'localhost' ? '127.0.0.1' : s));
        break;
      case 'bind_ip_all':
        out.bindIp = ['0.0.0.0'];
        break;
      case 'dbpath':
        out.dbpath = value();
        break;
      case 'setParameter': {
        const kv = value();
        const k = kv.slice(0, kv.indexOf('=') < 0 ? kv.length : kv.indexOf('='));
        const v = kv.includes('=') ? kv.slice(kv.indexOf('=') + 1) : 'true';
        const parsed = parseValue(v);
        if (k === 'notablescan') out.notablescan = parsed === true || parsed === 1;
        else out.parameters[k] = parsed;
        break;
      }
      case 'notablescan':
        out.notablescan = true;
        break;
      case 'quiet':
        out.quiet = true;
        break;
      default:
        if (REFUSED[name]) throw new UsageError(`mongod-emulator does not support ${REFUSED[name]} (--${name})`);
        if (IGNORED_WITH_VALUE.has(name)) {
          value();
          break;
        }
        if (IGNORED_FLAGS.has(name)) break;
        if (name === 'v' || /^v+$/.test(name)) break;
        throw new UsageError(`Error parsing command line: unrecognised option '${arg}'`);
    }
  }
  return out;
}

export function versionText(): string {
  const buildInfo = {
    version: MONGOD_VERSION,
    gitVersion: GIT_VERSION,
    openSSLVersion: 'none',
    modules: [],
    allocator: 'system',
    environment: { distmod: 'mongod-emulator', distarch: process.arch, target_arch: process.arch },
  };
  return `db version v${MONGOD_VERSION}\nBuild Info: ${JSON.stringify(buildInfo, null, 4)}\n`;
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\ntry '${process.argv[1] ?? 'mongod'} --help' for more information\n`);
      process.exit(2);
    }
    throw e;
  }
  if (args.version) {
    process.stdout.write(versionText());
    return;
  }
  if (args.help) {
    process.stdout.write(
      'mongod-emulator: an in-memory mongod 7.0 look-alike.\nOptions: --port N --bind_ip a,b --bind_ip_all --dbpath DIR (unused) --setParameter notablescan=1 --storageEngine X (ignored) --noauth --version\n',
    );
    return;
  }
  if (args.dbpath !== undefined && !(existsSync(args.dbpath) && statSync(args.dbpath).isDirectory())) {
    // Same wording mongod uses, so mongodb-memory-server reports it sensibly.
    log('E', 'CONTROL', 20557, 'initandlisten', `DBException in initAndListen, terminating`, {
      error: `NonExistentPath: Data directory ${args.dbpath} not found. Create the missing directory or specify another path using (1) the --dbpath command line option, or (2) by adding the 'storage.dbPath' option in the configuration file.`,
    });
    process.exit(100);
  }
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const shutdown = (reason: string): void => {
    log('I', 'CONTROL', 23377, 'SignalHandler', 'Received signal', { signal: reason });
    void (server?.close() ?? Promise.resolve()).finally(() => {
      log('I', 'CONTROL', 20565, 'SignalHandler', 'Now exiting');
      log('I', 'CONTROL', 23138, 'SignalHandler', 'Shutting down', { exitCode: 0 });
      process.exit(0);
    });
    // Never hang on shutdown.
    setTimeout(() => process.exit(0), 2000).unref();
  };
  // Handlers go in before the "Waiting for connections" line: a signal may follow it at once.
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
  try {
    server = await startServer({
      port: args.port,
      bindIp: args.bindIp,
      notablescan: args.notablescan,
      parameters: args.parameters,
      quiet: args.quiet,
      onShutdown: () => {
        log('I', 'COMMAND', 4695400, 'conn', 'Terminating via shutdown command', { force: true });
        log('I', 'CONTROL', 23138, 'conn', 'Shutting down', { exitCode: 0 });
        process.exit(0);
      },
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      log('E', 'NETWORK', 23024, 'initandlisten', 'Failed to set up listener', {
        error: { code: 9001, codeName: 'SocketException', errmsg: 'Address already in use' },
      });
      process.exit(48);
    }
    log('E', 'CONTROL', 20557, 'initandlisten', 'DBException in initAndListen, terminating', { error: String(e) });
    process.exit(100);
  }
  process.on('uncaughtException', (e) => {
    log('F', 'CONTROL', 4757800, 'main', 'Unhandled exception', { error: e?.stack ?? String(e) });
  });
}
