import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase, disconnectDatabase, ensureIndexes, withDatabaseName } from '../../src/db/connection';
import '../../src/models';
import { InstallationModel } from '../../src/models/installation.model';
import { TokenCipher, tokenContext } from '../../src/oauth/token-cipher';
import { sealV1 } from '../fixtures/legacy-token-cipher';
import { TEST_SIGNING_SECRET } from '../support/test-app';
import { START_PATIENCE_MS } from '../support/kontakt-process';

// `npm run rotate-keys` runs the compiled dist/cli/rotate-keys.js; the test runs the same file from source.
const tsxCli = require.resolve('tsx/cli');
const entry = path.join(__dirname, '..', '..', 'src', 'cli', 'rotate-keys.ts');

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
let mongoUri: string;

beforeAll(async () => {
  mongoUri = withDatabaseName(
    process.env.KONTAKT_TEST_MONGODB_URI as string,
    `kontakt_cli_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`,
  );
  await connectDatabase(mongoUri);
  await ensureIndexes({ info: () => undefined });
});
afterAll(async () => {
  await mongoose.connection.db?.dropDatabase();
  await disconnectDatabase();
});

function rotateKeys(oldKeys: Buffer[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [tsxCli, entry], {
    // A directory of its own, so no developer .env is read.
    cwd: mkdtempSync(path.join(tmpdir(), 'kontakt-rotate-')),
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_CLIENT_ID: '1234567890.0987654321',
      SLACK_CLIENT_SECRET: 'client-secret-0123456789abcdef',
      SLACK_STATE_SECRET: 'state-secret-0123456789abcdef',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      INSTALLATION_ENCRYPTION_KEY: newKey.toString('base64'),
      INSTALLATION_ENCRYPTION_OLD_KEYS: oldKeys.map((key) => key.toString('base64')).join(','),
      MONGODB_URI: mongoUri,
      LOG_FORMAT: 'pretty',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('npm run rotate-keys', () => {
  it(
    'reseals every installation with the new key, prints the counts, and a second run has nothing left to do',
    async () => {
      const previous = new TokenCipher(oldKey);
      await InstallationModel.create([
        {
          key: 'T0001',
          botTokenCipher: previous.encrypt('xoxb-1', tokenContext('T0001', 'bot')),
          installedAt: new Date(),
        },
        { key: 'T0002', botTokenCipher: sealV1(oldKey, 'xoxb-2'), installedAt: new Date() },
      ]);

      const withoutOldKey = await rotateKeys([]);
      expect(withoutOldKey.code).toBe(1);
      expect(withoutOldKey.output).toContain('2 installation(s): 0 resealed, 0 already current, 0 skipped, 2 failed');
      expect(withoutOldKey.output).toContain('INSTALLATION_ENCRYPTION_OLD_KEYS');

      const first = await rotateKeys([oldKey]);
      expect(first.code).toBe(0);
      expect(first.output).toContain('Done: 2 installation(s): 2 resealed, 0 already current, 0 skipped, 0 failed');
      expect(first.output).toContain('INSTALLATION_ENCRYPTION_OLD_KEYS can be emptied');

      const again = await rotateKeys([]);
      expect(again.code).toBe(0);
      expect(again.output).toContain('Done: 2 installation(s): 0 resealed, 2 already current');
      expect(`${withoutOldKey.output}${first.output}${again.output}`).not.toMatch(/xoxb-\d/);

      const current = new TokenCipher(newKey);
      const docs = await InstallationModel.find({ key: { $in: ['T0001', 'T0002'] } }).lean();
      expect(docs.map((doc) => current.decrypt(doc.botTokenCipher, tokenContext(doc.key, 'bot'))).sort()).toEqual([
        'xoxb-1',
        'xoxb-2',
      ]);
      // Three process starts: generous on a busy machine (this bounds the test, it measures nothing).
    },
    3 * START_PATIENCE_MS,
  );

  it(
    'refuses to run in single-workspace mode, where no token is stored',
    async () => {
      const child = spawn(process.execPath, [tsxCli, entry], {
        cwd: mkdtempSync(path.join(tmpdir(), 'kontakt-rotate-')),
        env: {
          PATH: process.env.PATH ?? '',
          SLACK_BOT_TOKEN: 'xoxb-1111-2222-single',
          SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
          MONGODB_URI: mongoUri,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const code = await new Promise((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain('no token is stored');
    },
    3 * START_PATIENCE_MS,
  );
});
