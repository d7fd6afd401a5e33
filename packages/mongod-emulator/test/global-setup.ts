/**
 * Starts the ONE server the conformance suite runs against and hands its URI to the test
 * workers through environment variables (workers inherit process.env from this process).
 *
 *   MONGODB_TEST_URI=mongodb://host:port   use that server as is (a real mongod, typically)
 *   MONGOMS_SYSTEM_BINARY=/path/to/mongod  start that binary through mongodb-memory-server
 *   (neither)                              start the emulator, packages/mongod-emulator/bin/mongod
 *
 * The suite encodes mongod 7.0's behaviour, so it must pass against a real mongod too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { MongoClient } from 'mongodb';
import { MongoMemoryServer } from 'mongodb-memory-server';
import { EMULATOR_BIN, type TargetKind } from './support/env';

declare global {
  var __MONGOD_EMU_MMS__: MongoMemoryServer | undefined;
}

function binaryVersion(binary: string): string | undefined {
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 15000 }).stdout ?? '';
  return /db version v(\d+\.\d+\.\d+)/.exec(out)?.[1];
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

export default async function globalSetup(): Promise<void> {
  let uri: string;
  let kind: TargetKind;
  let binary = '';
  let isEmulator: boolean;

  if (process.env.MONGODB_TEST_URI) {
    uri = process.env.MONGODB_TEST_URI;
    kind = 'uri';
    isEmulator = process.env.MONGOD_EMULATOR === '1';
    // Tests that spawn their own server need a binary; with a plain URI they are skipped
    // unless MONGOMS_SYSTEM_BINARY says where one is.
    binary = process.env.MONGOMS_SYSTEM_BINARY ?? '';
  } else {
    binary = process.env.MONGOMS_SYSTEM_BINARY ?? EMULATOR_BIN;
    if (!existsSync(binary)) {
      throw new Error(
        `No server binary at ${binary}. Build the emulator first (npm run build -w mongod-emulator), ` +
          'or set MONGOMS_SYSTEM_BINARY=/path/to/mongod or MONGODB_TEST_URI=mongodb://...',
      );
    }
    isEmulator = sameFile(binary, EMULATOR_BIN);
    kind = isEmulator ? 'emulator' : 'mongod-binary';
    const version = binaryVersion(binary);
    const mms = await MongoMemoryServer.create({
      binary: { systemBinary: binary, ...(version ? { version } : {}) },
      instance: { ip: '127.0.0.1', args: ['--setParameter', 'notablescan=1'], launchTimeout: 30000 },
    });
    globalThis.__MONGOD_EMU_MMS__ = mms;
    uri = mms.getUri();
  }

  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10000 });
  try {
    await client.connect();
    const info = await client.db('admin').command({ buildInfo: 1 });
    // The emulator marks its buildInfo (buildEnvironment.distmod); a real mongod names its distro there.
    if (info.buildEnvironment?.distmod === 'mongod-emulator') isEmulator = true;
    const notablescan = await client
      .db('admin')
      .command({ getParameter: 1, notablescan: 1 })
      .then((r) => r.notablescan === true)
      .catch(() => false);
    process.env.MONGOD_EMU_URI = uri;
    process.env.MONGOD_EMU_TARGET = kind;
    process.env.MONGOD_EMU_IS_EMULATOR = isEmulator ? '1' : '0';
    process.env.MONGOD_EMU_BINARY = binary;
    process.env.MONGOD_EMU_VERSION = String(info.version);
    process.env.MONGOD_EMU_NOTABLESCAN = notablescan ? '1' : '0';
    console.log(
      `\n[mongod-emulator conformance] target: ${kind} ${uri} — version ${String(info.version)}, ` +
        `emulator: ${isEmulator ? 'yes' : 'no'}, notablescan: ${notablescan ? 'on' : 'off'}` +
        (binary ? `, binary for process tests: ${binary}` : ', no binary: process tests are skipped'),
    );
  } finally {
    await client.close();
  }
}
