/**
 * The files a plugin imports from the user's own tree, transitively, so
 * that editing a helper module a plugin imports changes the matrix digest
 * (matrix-digest.ts) as editing the plugin does. The files are found by
 * reading import, export … from, import() and require() with a literal
 * path (`./`, `../` or absolute), without running the plugin; packages
 * (bare names, `node:`) and anything under node_modules are not the
 * user's files and are left out. A specifier in a comment or a string
 * counts too: the digest may hold a file too many, never one too few.
 *
 * Paths resolve as the plugin loader (tsx) resolves them: the file itself,
 * then TypeScript's mapping of a `.js`/`.mjs`/`.cjs` specifier to
 * `.ts`/`.mts`/`.cts`, then Node's extensions and `index` files for a
 * specifier without one (https://nodejs.org/api/modules.html#all-together).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])((?:\.{1,2})?\/[^'"\n]*)\1/g;
const CODE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mts', '.mjs', '.cts', '.cjs', '.json'];
const TYPESCRIPT_FOR = new Map([['.js', ['.ts', '.tsx']], ['.jsx', ['.tsx']], ['.mjs', ['.mts']], ['.cjs', ['.cts']]]);

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file `specifier` names from `fromFile`, or undefined if none exists. */
export function resolveImport(specifier: string, fromFile: string): string | undefined {
  const target = resolve(dirname(fromFile), specifier);
  const extension = /\.[^./\\]+$/.exec(target)?.[0] ?? '';
  const stem = target.slice(0, target.length - extension.length);
  const candidates = [
    target,
    ...(TYPESCRIPT_FOR.get(extension) ?? []).map((ts) => stem + ts),
    ...EXTENSIONS.map((e) => target + e),
    ...EXTENSIONS.map((e) => resolve(target, `index${e}`)),
  ];
  return candidates.find(isFile);
}

/** The specifiers of files (not packages) that `source` imports. */
export function fileSpecifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((match) => match[2] as string);
}

const inNodeModules = (path: string): boolean => path.split(sep).includes('node_modules');

/** Every file the plugin files import from the user's tree, transitively: absolute paths, sorted, the plugin files themselves left out. */
export function pluginImports(pluginFiles: readonly string[]): string[] {
  const roots = pluginFiles.map((file) => resolve(file));
  const seen = new Set(roots);
  const found: string[] = [];
  const queue = [...roots];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (!CODE.test(file)) continue;
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      // A plugin file that cannot be read fails where it is loaded, with its position.
      continue;
    }
    for (const specifier of fileSpecifiers(source)) {
      const path = resolveImport(specifier, file);
      if (path === undefined || inNodeModules(path) || seen.has(path)) continue;
      seen.add(path);
      found.push(path);
      queue.push(path);
    }
  }
  return found.sort();
}
