// Copies the vega and vega-lite browser builds (and their licences, which
// their BSD-3-Clause terms ask to travel with them) into dist/assets/ at
// build time. report.html inlines them (src/report/html/assets.ts), so the
// packages are build-time devDependencies: a user's install does not pull in
// vega's ~60 packages for two files.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const target = fileURLToPath(new URL('../dist/assets/', import.meta.url));

/** The folder of an installed package (both keep their browser builds in build/, the package's main module's folder). */
function buildFolder(pkg) {
  return dirname(require.resolve(pkg));
}

mkdirSync(target, { recursive: true });
for (const [pkg, file] of [['vega', 'vega.min.js'], ['vega-lite', 'vega-lite.min.js']]) {
  const folder = buildFolder(pkg);
  copyFileSync(join(folder, file), join(target, file));
  copyFileSync(join(folder, '..', 'LICENSE'), join(target, `${pkg}.LICENSE`));
}
