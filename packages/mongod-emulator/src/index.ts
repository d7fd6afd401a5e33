// Programmatic entry point: `startServer({ port: 0 })` gives an in-memory mongod look-alike.
export { startServer, type RunningServer, type ServerOptions } from './server';
export { MONGOD_VERSION } from './version';
export { parseArgs, main } from './cli';
