import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');

/** Every TypeScript file under src/ except the catalogues themselves (path relative to the repo → text). */
export function readSources(dir = join(ROOT, 'src')): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, readSources(path));
    else if (entry.name.endsWith('.ts')) {
      const name = relative(ROOT, path);
      if (name === join('src', 'i18n', 'en.ts') || name === join('src', 'i18n', 'nb.ts')) continue;
      files[name] = readFileSync(path, 'utf8');
    }
  }
  return files;
}
