import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fragmentFor, nodeFragmentation, typicalPods, type TypicalPod } from '../../src/scheduler/gpushare/fragmentation.js';
import { readAlibabaPods } from '../../src/scenario/traces/alibaba-gpu.js';
import { alibabaShape } from '../../src/scenario/traces/trace-shapes.js';

const POD_LIST = new URL('../../scenarios/traces/alibaba-gpu-v2023/csv/openb_pod_list_default.csv', import.meta.url);

describe('fragmentation of one node', () => {
  // Devices left [500, 300, 0, 1000] (idle 1,800 milli), 10,000 cpu milli left.
  const left = [500, 300, 0, 1000];
  it.each([
    ['400-milli pod fits (500 and 1000 ≥ 400): only devices under 400 count, 300 + 0', { cpuMilli: 1000, gpuMilli: 400, gpuCount: 1 }, 300],
    ['200-milli pod lacking cpu (20,000 > 10,000): all idle', { cpuMilli: 20000, gpuMilli: 200, gpuCount: 1 }, 1800],
    ['CPU-only pod: all idle GPU is fragment for it', { cpuMilli: 0, gpuMilli: 0, gpuCount: 0 }, 1800],
    ['2-GPU pod, one fully free device: all idle', { cpuMilli: 1000, gpuMilli: 1000, gpuCount: 2 }, 1800],
    ['1-GPU pod fits on device 3: the other three, 500 + 300 + 0', { cpuMilli: 1000, gpuMilli: 1000, gpuCount: 1 }, 800],
  ])('%s', (_label, t, fragment) => {
    expect(fragmentFor(left, 10000, t)).toBe(fragment);
  });

  it('the node: Σ frequency × fragment', () => {
    const mix: TypicalPod[] = [
      { cpuMilli: 1000, gpuMilli: 400, gpuCount: 1, frequency: 0.25 },
      { cpuMilli: 20000, gpuMilli: 200, gpuCount: 1, frequency: 0.25 },
      { cpuMilli: 0, gpuMilli: 0, gpuCount: 0, frequency: 0.25 },
      { cpuMilli: 1000, gpuMilli: 1000, gpuCount: 2, frequency: 0.25 },
    ];
    // 0.25 · (300 + 1800 + 1800 + 1800) = 1,425
    expect(nodeFragmentation(left, 10000, mix)).toBe(1425);
    // No idle GPU, no fragment.
    expect(nodeFragmentation([0, 0], 10000, mix)).toBe(0);
  });
});

describe('typical pods of the openb trace', () => {
  it('the most frequent shapes covering 95 % of the 8,152 pods, counted independently', () => {
    // Independent count: straight from the CSV text, shape = cpu_milli, gpu_milli (0 for CPU-only pods), num_gpu.
    const rows = readFileSync(POD_LIST, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    const counts: Record<string, number> = {};
    for (const f of rows) {
      const key = [Number(f[1]), f[3] === '0' ? 0 : Number(f[4]), Number(f[3])].join(' ');
      counts[key] = (counts[key] ?? 0) + 1;
    }
    const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    let covered = 0;
    let kept = 0;
    while (covered < 0.95 * rows.length) covered += (ranked[kept++] as [string, number])[1];

    const shapes = readAlibabaPods(readFileSync(POD_LIST, 'utf8')).rows.map(alibabaShape);
    const typical = typicalPods(shapes);
    expect(rows.length).toBe(8152);
    expect(Object.keys(counts).length).toBe(91);
    expect(kept).toBe(35);
    expect(typical).toHaveLength(kept);
    expect(covered).toBe(7766); // 95.26 % of 8,152
    // Same shapes, same (renormalised) frequencies; equal counts may come in either order.
    const asCounts = Object.fromEntries(typical.map((t) => [[t.cpuMilli, t.gpuMilli, t.gpuCount].join(' '), Math.round(t.frequency * covered)]));
    expect(asCounts).toEqual(Object.fromEntries(ranked.slice(0, kept)));
    expect(typical[0]).toMatchObject({ cpuMilli: 3152, gpuMilli: 810, gpuCount: 1 });
    expect(typical[0]?.frequency).toBeCloseTo(1047 / 7766, 12);
    expect(typical.reduce((s, t) => s + t.frequency, 0)).toBeCloseTo(1, 12);
    expect(typical.some((t) => t.gpuCount === 0)).toBe(true);
  });
});
