// Bundles the kubesim command into dist/bundle/ (esbuild), after tsc has
// type-checked the sources and written dist/src/ (the library: `kubesim`,
// `kubesim/plugin`, their .d.ts). A run imports ~500 modules; Node 20 has
// no compile cache, and resolving, reading and compiling them one by one
// cost about 0.4 s of CPU before the first event (docs/research.md, Cost).
// One bundle per command path (code splitting: `validate` never loads the
// runner, `--help` nothing of the simulator) cuts that to a few chunks.
//
// Entry points: the CLI (main), the heap policy bin/kubesim.js installs
// before it (heap-growth), and the bench/plan worker thread (worker, found
// by src/bench/pool.ts as ./worker.js beside the chunk that holds the
// pool). Packages are bundled too (a run loaded 95 modules of zod and 72
// CommonJS modules of yaml), except tsx, required by name at run time for
// user plugins, and piscina, whose threads start from its own files. They
// stay declared dependencies: the library in dist/src/ imports them (and
// their licences install with them). CommonJS code in an ES module calls
// `require`; the banner gives each chunk one (esbuild's documented recipe).
//
// User plugins are loaded through tsx's own module namespace, so the
// `kubesim/plugin` they import (dist/src/plugin.js; src/plugin.ts in this
// repository, by tsconfig paths) was never the CLI's module instance, and
// need not be the bundle's: what a plugin exports is called and read, and
// what it returns is compared by value (statuses by code, ActionType bits),
// never by class or object identity.
//
// The source maps name src/ files: a failure report maps an internal
// error's stack through them (src/cli/source-stack.ts). meta.json lists
// which sources each chunk holds (test/cli/lazy-commands.test.ts reads it).
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Chunk names change with their contents: a new build leaves none of the old ones behind.
rmSync(new URL('../dist/bundle/', import.meta.url), { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', 'heap-growth': 'src/cli/heap-growth.ts', worker: 'src/bench/worker.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: ['piscina', 'tsx'],
  banner: { js: "import { createRequire as __kubesimRequire } from 'node:module'; const require = __kubesimRequire(import.meta.url);" },
  sourcemap: 'linked',
  sourcesContent: false,
  chunkNames: 'chunk-[hash]',
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(new URL('../dist/bundle/meta.json', import.meta.url), `${JSON.stringify(result.metafile)}\n`);
