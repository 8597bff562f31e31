/**
 * The vega and vega-lite browser builds, read once and inlined into every
 * report page so it opens with no network. The build copies them into
 * dist/assets/ (scripts/copy-chart-assets.mjs): vega and vega-lite are
 * devDependencies, so an installed package has only those copies. Code run
 * from source before a build (tests, tsx) reads the installed
 * devDependencies instead; both are the same files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** This package's dist/assets/, found by name (self-reference through `exports`): the same from dist/src/ and dist/bundle/. */
const BUILT_ASSETS = new URL('dist/assets/', pathToFileURL(createRequire(import.meta.url).resolve('kubesim/package.json')));

let cached: { vega: string; vegaLite: string } | undefined;

function readLibrary(pkg: string, file: string): string {
  const built = fileURLToPath(new URL(file, BUILT_ASSETS));
  if (existsSync(built)) return readFileSync(built, 'utf8');
  let source: string;
  try {
    // Both packages keep their browser builds in build/, beside the main module.
    source = join(dirname(createRequire(import.meta.url).resolve(pkg)), file);
  } catch {
    throw new Error(`the chart library ${file} is missing from ${built}: run \`npm run build\``);
  }
  return readFileSync(source, 'utf8');
}

export function chartLibraries(): { vega: string; vegaLite: string } {
  cached ??= { vega: readLibrary('vega', 'vega.min.js'), vegaLite: readLibrary('vega-lite', 'vega-lite.min.js') };
  return cached;
}
