#!/usr/bin/env -S node --max-semi-space-size=64 --heap-growing-percent=100
// The kubesim command: runs the compiled CLI (built by `npm ci` / `npm run build`).
// A simulation's objects (pods, their versions, queued watch events) live for
// a while of wall time and then die; with V8's default 16 MB semi-space they
// are copied by scavenge after scavenge. 64 MB lets most die young: the
// Alibaba replay runs about 15 % faster (README, Benchmarks).
// --heap-growing-percent=100: after each full GC, V8 lets the old generation
// grow to twice what survived before the next one (its own factor, from GC
// and allocation speeds, reaches 4). A long run's live heap is flat (a week
// of CronJobs: 21-27 MB after every full GC), but with factor 4 its peak RSS
// kept climbing over the days as the factor settled; with 2 it stays within
// 1.1x of the 1-day peak at no measurable CPU cost (README, Benchmarks:
// bench:week, bench:cluster).
import { existsSync } from 'node:fs';
import module from 'node:module';

// V8's compile cache for the chunks of the bundled CLI a run loads (Node
// 22.1+; absent on Node 20, where they compile as before): compiled code is kept under
// NODE_COMPILE_CACHE or os.tmpdir()/node-compile-cache and reused by the
// next run of the same files. It holds bytecode only, so outputs do not
// change; NODE_DISABLE_COMPILE_CACHE=1 turns it off (README, The command
// line). Worker threads (bench, plan) use it only when NODE_COMPILE_CACHE
// names it (Node's module docs, module.enableCompileCache), so it is set
// for them: a worker's import of the run's modules (~530 before the
// bundle), Node 22, best of 5, 680 -> 428 ms.
const compileCache = module.enableCompileCache?.();
if (compileCache?.directory !== undefined) process.env.NODE_COMPILE_CACHE = compileCache.directory;

// The CLI bundled with its sources and packages (scripts/bundle.mjs): a run
// loads about 20 chunks instead of ~530 modules. dist/src/ is the library.
const entry = new URL('../dist/bundle/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('kubesim: the compiled CLI is missing; run `npm run build` (npm ci does it for you).\n');
  process.exit(2);
}
// Above 512 MiB of heap, a lower growing factor than the 2 of the first line
// (src/cli/heap-growth.ts; README, Benchmarks: bench:cluster).
const { boundHeapGrowth } = await import(new URL('../dist/bundle/heap-growth.js', import.meta.url).href);
boundHeapGrowth();
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
