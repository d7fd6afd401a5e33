import { rmSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Where export files are written while they are built and uploaded: a fresh private directory (0700) under the
 * system's temporary directory (TMPDIR; point it at a disk if /tmp is a RAM-backed tmpfs). Tests point
 * `tempRoot` elsewhere to look inside.
 */
export const exportDirectory: { tempRoot?: string } = {};

const PREFIX = 'kontakt-export-';
/** An export directory this old belongs to a process that died without cleaning up (no export runs a day). */
const LEFTOVER_AFTER_MS = 24 * 60 * 60_000;

const live = new Set<string>();
let exitHookInstalled = false;

/**
 * Runs `work` with a fresh directory for the export's files, and deletes the directory afterwards whatever
 * happened (done, failed, thrown). If the process exits meanwhile (shutdown, process.exit after an uncaught
 * error), an exit hook deletes it; only a hard kill leaves it behind, and the next export removes such leftovers.
 */
export async function withExportDirectory<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const root = exportDirectory.tempRoot ?? tmpdir();
  await removeLeftovers(root);
  const dir = await mkdtemp(path.join(root, PREFIX));
  live.add(dir);
  installExitHook();
  try {
    return await work(dir);
  } finally {
    live.delete(dir);
    await rm(dir, { recursive: true, force: true });
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' listeners must be synchronous.
  process.once('exit', () => {
    for (const dir of live) rmSync(dir, { recursive: true, force: true });
  });
}

/** Export directories a killed process left behind. Best effort: another instance's fresh directory is kept. */
async function removeLeftovers(root: string): Promise<void> {
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(root, name);
    if (live.has(dir)) continue;
    const info = await stat(dir).catch(() => undefined);
    if (info?.isDirectory() && Date.now() - info.mtimeMs > LEFTOVER_AFTER_MS)
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
