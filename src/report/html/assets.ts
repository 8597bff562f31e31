/**
 * The vega and vega-lite browser builds, read once from node_modules and
 * inlined into every report page so it opens with no network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let cached: { vega: string; vegaLite: string } | undefined;

/** A file beside the package's main module (both packages keep their browser builds in build/). */
function buildFile(pkg: string, file: string): string {
  return readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
}

export function chartLibraries(): { vega: string; vegaLite: string } {
  cached ??= { vega: buildFile('vega', 'vega.min.js'), vegaLite: buildFile('vega-lite', 'vega-lite.min.js') };
  return cached;
}
