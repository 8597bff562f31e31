/**
 * How far V8 lets the old generation grow past what survived the last full
 * GC, by heap size. The `kubesim` command starts Node with
 * `--heap-growing-percent=100` (bin/kubesim.js): twice the survivors, few
 * full GCs, which suits the runs most people make (a few hundred MiB). At
 * thousands of nodes the live heap is gigabytes, and a factor of 2 puts most
 * of the peak RSS into garbage waiting for the next full GC (issue 16's
 * 4 GiB target at 5,000 nodes / 150,000 pods). So once the heap passes
 * LARGE_HEAP_BYTES the factor drops to 1 + LARGE_HEAP_GROWING_PERCENT / 100.
 *
 * V8 reads the flag each time it sets the next full GC's limit
 * (v8/src/heap/heap-controller.cc, MemoryController::GrowingFactor:
 * `if (v8_flags.heap_growing_percent > 0) factor = 1.0 +
 * v8_flags.heap_growing_percent / 100.0`), so setting it during a run takes
 * effect at the next full GC. Collection timing never changes what a run
 * computes: reports stay byte-identical. `--max-old-space-size` would bound
 * the heap too, but as a hard limit that ends the process when reached.
 */
import v8 from 'node:v8';

/** Heap in use (V8's used_heap_size) from which the lower factor applies. */
export const LARGE_HEAP_BYTES = 512 * 1024 * 1024;
/** The old generation's growth past the survivors of a full GC, once the heap is large. */
export const LARGE_HEAP_GROWING_PERCENT = 50;
/** How often the heap size is looked at; the run yields to the event loop between slices (runScenarioPausing). */
const CHECK_INTERVAL_MS = 250;

/** The --heap-growing-percent to set for a heap of `usedBytes`, or undefined to leave the flag as it is. */
export function heapGrowingPercentFor(usedBytes: number): number | undefined {
  return usedBytes >= LARGE_HEAP_BYTES ? LARGE_HEAP_GROWING_PERCENT : undefined;
}

/**
 * Looks at the heap every CHECK_INTERVAL_MS of wall time (on an unref'd
 * timer, so it never keeps the process alive) and lowers the growing
 * factor once the heap is large; it stays lowered for the rest of the
 * process (a heap that large rarely shrinks before the process ends).
 */
export function boundHeapGrowth(): void {
  const timer = setInterval(() => {
    const percent = heapGrowingPercentFor(v8.getHeapStatistics().used_heap_size);
    if (percent === undefined) return;
    v8.setFlagsFromString(`--heap-growing-percent=${String(percent)}`);
    clearInterval(timer);
  }, CHECK_INTERVAL_MS);
  timer.unref();
}
