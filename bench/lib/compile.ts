/**
 * Compiles the app (src/**) and the suite's child entries to plain CommonJS, so the children run as `npm start`
 * runs Kontakt (node on compiled JavaScript) rather than under tsx, whose loader alone adds ~40 MiB of RSS to a
 * process. One file at a time with TypeScript's transpileModule (the project has isolatedModules on, so that is
 * exactly what tsc emits), keeping the tree's layout so relative imports and node_modules resolve; about a second.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * Writes `outDir`/src/** and `outDir`/bench/lib/** as .js; returns the compiled path of a bench/lib entry by name.
 * `outDir` must be inside the repository, so the compiled files find node_modules, and under a `dist` folder, so
 * eslint leaves it alone (the suite uses bench/results/dist, git-ignored).
 */
export function compileForChildren(outDir: string): (entry: string) => string {
  const files = [...tsFiles(path.join(REPO_ROOT, 'src')), ...tsFiles(path.join(REPO_ROOT, 'bench', 'lib'))];
  for (const file of files) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        resolveJsonModule: true,
      },
    });
    const target = path.join(outDir, path.relative(REPO_ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
  return (entry) => path.join(outDir, 'bench', 'lib', entry.replace(/\.ts$/, '.js'));
}
