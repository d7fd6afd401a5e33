import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { exportDirectory, withExportDirectory } from '../../../src/services/export/export-directory';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kontakt-export-dir-test-'));
  exportDirectory.tempRoot = root;
});
afterEach(async () => {
  exportDirectory.tempRoot = undefined;
  await rm(root, { recursive: true, force: true });
});

describe('withExportDirectory', () => {
  it('gives the work a fresh directory and removes it, files and all, when the work is done', async () => {
    let seen: string[] = [];
    const result = await withExportDirectory(async (dir) => {
      await writeFile(path.join(dir, 'contacts.csv'), 'No.\r\n');
      seen = await readdir(root);
      return 'done';
    });
    expect(result).toBe('done');
    expect(seen).toEqual([expect.stringMatching(/^kontakt-export-/)]);
    expect(await readdir(root)).toEqual([]);
  });

  it('removes the directory when the work fails, and passes the failure on', async () => {
    await expect(
      withExportDirectory(async (dir) => {
        await writeFile(path.join(dir, 'contacts.csv'), 'half a file');
        throw new Error('upload refused');
      }),
    ).rejects.toThrow('upload refused');
    expect(await readdir(root)).toEqual([]);
  });

  it('removes the directory when the process exits in the middle of an export', async () => {
    // A process of its own that exits (as a shutdown does) while the export's file is being written.
    const script = `
      const { exportDirectory, withExportDirectory } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/services/export/export-directory.ts'))});
      exportDirectory.tempRoot = ${JSON.stringify(root)};
      withExportDirectory(async (dir) => {
        require('node:fs').writeFileSync(require('node:path').join(dir, 'contacts.csv'), 'No.\\r\\n');
        console.log(require('node:fs').readdirSync(${JSON.stringify(root)}).join(','));
        process.exit(0);
      });
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', script]);
    expect(stdout.trim()).toMatch(/^kontakt-export-\w+$/);
    expect(await readdir(root)).toEqual([]);
  });

  it('clears out what a killed process left behind a day ago, and leaves a fresh directory of another process alone', async () => {
    const leftover = path.join(root, 'kontakt-export-killed');
    const running = path.join(root, 'kontakt-export-running');
    const unrelated = path.join(root, 'someone-else');
    for (const dir of [leftover, running, unrelated]) await mkdir(dir);
    await writeFile(path.join(leftover, 'contacts.csv'), 'customer data');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60_000);
    await utimes(leftover, twoDaysAgo, twoDaysAgo);
    await utimes(unrelated, twoDaysAgo, twoDaysAgo);

    await withExportDirectory(async () => undefined);
    expect((await readdir(root)).sort()).toEqual(['kontakt-export-running', 'someone-else']);
  });
});
