import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAlibabaNodes, readAlibabaPods } from '../../src/scenario/traces/alibaba-gpu.js';
import { gpuCapacityMilli, shapePods } from '../../src/scenario/traces/shaping.js';

const nodes = readAlibabaNodes(readFileSync(new URL('./fixtures/openb-40-gpu-nodes.csv', import.meta.url), 'utf8')).rows;
const pods = readAlibabaPods(readFileSync(new URL('./fixtures/openb-pods-cut.csv', import.meta.url), 'utf8')).rows;
const milli = (p: { numGpu: number; gpuMilli: number }): number => p.numGpu * p.gpuMilli;
const names = (list: ReadonlyArray<{ name: string }>): string[] => list.map((p) => p.name);

describe('trace shaping (shuffle, inflate), seeded', () => {
  it('the fixture: 40 nodes with 174 GPUs, 301 pods asking 215,300 milli (124 % of capacity)', () => {
    expect(gpuCapacityMilli(nodes)).toBe(174_000);
    expect(pods.reduce((s, p) => s + milli(p), 0)).toBe(215_300);
  });

  it('same seed, same order and the same drawn pods; another seed, another order', () => {
    const a = shapePods(pods, nodes, { shuffle: true, inflate: 1.6 }, 42, 0);
    const b = shapePods(pods, nodes, { shuffle: true, inflate: 1.6 }, 42, 0);
    const c = shapePods(pods, nodes, { shuffle: true, inflate: 1.6 }, 43, 0);
    expect(names(a)).toEqual(names(b));
    expect(names(a)).not.toEqual(names(c));
  });

  it('shuffle is a permutation of the pods sorted by name', () => {
    const shuffled = shapePods(pods, nodes, { shuffle: true }, 7, 0);
    expect(names(shuffled)).not.toEqual(names(pods));
    expect([...names(shuffled)].sort()).toEqual([...names(pods)].sort());
  });

  it('inflate appends drawn trace pods until the next draw would pass the target share of capacity', () => {
    // Target 1.6 × 174,000 = 278,400 milli; the trace gives 215,300, so drawn pods add the rest.
    const shaped = shapePods(pods, nodes, { shuffle: true, inflate: 1.6 }, 42, 0);
    const total = shaped.reduce((s, p) => s + milli(p), 0);
    expect(total).toBeLessThanOrEqual(278_400);
    expect(names(shaped.slice(0, pods.length)).sort()).toEqual([...names(pods)].sort());
    const drawn = shaped.slice(pods.length);
    expect(drawn.length).toBeGreaterThan(0);
    drawn.forEach((p, i) => expect(p.name).toMatch(new RegExp(`^openb-pod-\\d+-tuned-${i}$`)));
    // Every drawn pod is a copy of a trace pod.
    const byName = new Map(pods.map((p) => [p.name, p]));
    for (const p of drawn) expect({ ...p, name: '' }).toEqual({ ...byName.get(p.name.replace(/-tuned-\d+$/, '')), name: '' });
    // The draw after the last one kept would have passed the target: the gap is smaller than the largest GPU pod.
    expect(278_400 - total).toBeLessThan(Math.max(...pods.map(milli)));
  });

  it('inflating below the trace\'s own share keeps the order up to the target', () => {
    // 1.0 × 174,000: the prefix of the shuffled order that fits.
    const shaped = shapePods(pods, nodes, { shuffle: true, inflate: 1 }, 42, 0);
    const full = shapePods(pods, nodes, { shuffle: true }, 42, 0);
    expect(names(shaped)).toEqual(names(full.slice(0, shaped.length)));
    expect(shaped.reduce((s, p) => s + milli(p), 0)).toBeLessThanOrEqual(174_000);
    expect(shaped.reduce((s, p) => s + milli(p), 0) + milli(full[shaped.length] as { numGpu: number; gpuMilli: number })).toBeGreaterThan(174_000);
  });
});
