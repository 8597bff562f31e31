import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { heapGrowingPercentFor, LARGE_HEAP_BYTES, LARGE_HEAP_GROWING_PERCENT } from '../../src/cli/heap-growth.js';

const MiB = 1024 * 1024;

describe('heap growth by heap size', () => {
  it.each([
    // used heap, --heap-growing-percent to set (undefined: leave the command line's, 100)
    [0, undefined],
    [300 * MiB, undefined], // bench:cluster 600 16000 10 peaks near 420 MiB used: its GC policy is unchanged
    [512 * MiB - 1, undefined],
    [512 * MiB, 50], // from here the old generation grows to 1.5x what survived, not 2x
    [4096 * MiB, 50],
  ])('%d bytes used -> %s', (used, percent) => {
    expect(heapGrowingPercentFor(used)).toBe(percent);
  });

  it('only lowers the growth the kubesim command starts Node with', () => {
    const firstLine = readFileSync(new URL('../../bin/kubesim.js', import.meta.url), 'utf8').split('\n')[0] ?? '';
    const started = Number(/--heap-growing-percent=(\d+)/.exec(firstLine)?.[1]);
    expect(started).toBe(100);
    expect(LARGE_HEAP_GROWING_PERCENT).toBeLessThan(started);
    expect(heapGrowingPercentFor(LARGE_HEAP_BYTES)).toBe(LARGE_HEAP_GROWING_PERCENT);
  });
});
