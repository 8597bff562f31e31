/**
 * Each bundled policy's score on three hand-made nodes, with the arithmetic.
 *   A: 4 GPUs, 64 cores; a 500-milli pod (1 core) on device 0 → devices [500, 1000, 1000, 1000], cpu left 63,000
 *   B: 4 GPUs, 64 cores, idle → [1000 × 4], cpu left 64,000
 *   C: 8 GPUs, 96 cores; a 2-GPU pod (8 cores) on devices 0, 1 → [0, 0, 1000 × 6], cpu left 88,000
 * The pod to place, p: 300 milli of one GPU, 4 cores.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams, type Rng } from '../../src/engine/random.js';
import { CycleState, type FrameworkHandle, type ScorePlugin } from '../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { deviceChoice } from '../../src/scheduler/gpushare/device-choice.js';
import type { TypicalPod } from '../../src/scheduler/gpushare/fragmentation.js';
import { bestFit } from '../../src/scheduler/gpushare/policies/best-fit.js';
import { dotProduct } from '../../src/scheduler/gpushare/policies/dot-product.js';
import { fgd } from '../../src/scheduler/gpushare/policies/fgd.js';
import { gpuClustering } from '../../src/scheduler/gpushare/policies/gpu-clustering.js';
import { gpuPacking } from '../../src/scheduler/gpushare/policies/gpu-packing.js';
import { random } from '../../src/scheduler/gpushare/policies/random.js';
import { cluster } from '../scheduler/helpers.js';
import { gpuNode, gpuPod } from './helpers.js';

function threeNodes(): { nodes: NodeInfo[]; handle: FrameworkHandle } {
  return cluster([
    [gpuNode('A', 4), [gpuPod('a', { milli: 500, cpu: '1', devices: '0' })]],
    [gpuNode('B', 4), []],
    [gpuNode('C', 8, '96'), [gpuPod('c', { whole: 2, cpu: '8', devices: '0,1' })]],
  ]);
}

const P = gpuPod('p', { milli: 300, cpu: '4' });

/** Scores through the batch path and its normalization, as the framework runs them; the one-node path must agree before normalizing. */
function scores(plugin: ScorePlugin, nodes: readonly NodeInfo[], pod = P, state = new CycleState()): number[] {
  const out = new Float64Array(nodes.length);
  plugin.scoreAll?.(state, pod, nodes, nodes.length, out);
  nodes.forEach((n, i) => expect(plugin.score(state, pod, n)).toBe(out[i]));
  plugin.normalizeAll?.(state, pod, nodes, nodes.length, out);
  return Array.from(out);
}

describe('the nodes are what the comment says', () => {
  it('devices and cpu left', () => {
    const { nodes } = threeNodes();
    expect(nodes.map((n) => Array.from(n.gpu?.milliLeft ?? []))).toEqual([[500, 1000, 1000, 1000], [1000, 1000, 1000, 1000], [0, 0, 1000, 1000, 1000, 1000, 1000, 1000]]);
    expect(nodes.map((n) => n.freeCpuMilli)).toEqual([63000, 64000, 88000]);
  });
});

describe('BestFit', () => {
  it('raw ⌊100·(1 − ½·cpu slack/128,000 − ½·GPU slack/8,000)⌋, then min–max', () => {
    // A: 1 − ½·59,000/128,000 − ½·3,200/8,000 = 1 − 0.23046875 − 0.2 = 0.56953125 → 56
    // B: 1 − ½·60,000/128,000 − ½·3,700/8,000 = 1 − 0.234375 − 0.23125 = 0.534375 → 53
    // C: 1 − ½·84,000/128,000 − ½·5,700/8,000 = 1 − 0.328125 − 0.35625 = 0.315625 → 31
    // min–max over [56, 53, 31]: (56−31)·100/25 = 100, (53−31)·100/25 = 88, 0
    const { nodes } = threeNodes();
    const plugin = bestFit();
    const raw = new Float64Array(3);
    plugin.scoreAll?.(new CycleState(), P, nodes, 3, raw);
    expect(Array.from(raw)).toEqual([56, 53, 31]);
    expect(scores(plugin, nodes)).toEqual([100, 88, 0]);
  });
});

describe('DotProduct', () => {
  it('⌊100·(1 − (cpuLeft·cpu/128,000² + gpuLeft·gpu/8,000²)/2)⌋', () => {
    // A: (0.4921875·0.03125 + 0.4375·0.0375)/2 = (0.015380859375 + 0.01640625)/2 = 0.0158935546875 → 98.41 → 98
    // B: (0.5·0.03125 + 0.5·0.0375)/2 = 0.0171875 → 98.28 → 98
    // C: (0.6875·0.03125 + 0.75·0.0375)/2 = 0.0248046875 → 97.52 → 97
    const { nodes } = threeNodes();
    expect(scores(dotProduct(), nodes)).toEqual([98, 98, 97]);
  });
});

describe('GpuPacking', () => {
  it('shared GPU in use > free GPU of a used node > idle node; CPU-only pods 0', () => {
    // p (300 milli): A takes device 0 (500 left, 50 %) → 100 − ⌊50/10⌋ = 95;
    // B is idle (4 free devices) → max(33 − 4, 4) = 29; C must break free device 2 → max(50 − 1, 33) = 49.
    const { nodes } = threeNodes();
    expect(scores(gpuPacking(), nodes)).toEqual([95, 29, 49]);
    // 2 whole GPUs: A takes 2 free devices → 50 − 2 = 48; B idle → 29; C → 48.
    expect(scores(gpuPacking(), nodes, gpuPod('w', { whole: 2 }))).toEqual([48, 29, 48]);
    expect(scores(gpuPacking(), nodes, gpuPod('cpu', { cpu: '2' }))).toEqual([0, 0, 0]);
  });
});

describe('GpuClustering', () => {
  it('same GPU kind only > kind among others > no GPU pods > other kinds, plus ⌊25·(8,000 − gpuLeft)/8,000⌋', () => {
    // p is "share": A holds only "share" → ⌊25·4,500/8,000⌋ = 14, + 75 = 89;
    // B holds no GPU pod → ⌊25·4,000/8,000⌋ = 12, + 25 = 37; C holds only "2-gpu" → ⌊25·2,000/8,000⌋ = 6, + 0 = 6.
    const { nodes } = threeNodes();
    expect(scores(gpuClustering(), nodes)).toEqual([89, 37, 6]);
    // A 2-GPU pod: A other kind → 14; B → 37; C same kind only → 6 + 75 = 81.
    expect(scores(gpuClustering(), nodes, gpuPod('w', { whole: 2 }))).toEqual([14, 37, 81]);
  });
});

describe('FGD', () => {
  // Typical mix: half 500-milli shared pods, half 1-GPU pods (1 core each).
  const typical: TypicalPod[] = [
    { cpuMilli: 1000, gpuMilli: 500, gpuCount: 1, frequency: 0.5 },
    { cpuMilli: 1000, gpuMilli: 1000, gpuCount: 1, frequency: 0.5 },
  ];
  it('⌊100·sigmoid((frag before − frag after)/1000)⌋ with the best device of each node', () => {
    // A before: 500-milli t fits (no device < 500) → 0; 1-GPU t fits, devices < 1000 hold 500 → 500; frag = ½·0 + ½·500 = 250.
    //   p on device 0 → [200, 1000, 1000, 1000]: 500 t → 200 (device 0 < 500), 1-GPU t → 200; frag 200; Δ = 50 → sigmoid(0.05) = 0.5125 → 51.
    //   p on device 1 → [500, 700, 1000, 1000]: 500 t → 0, 1-GPU t → 1,200; frag 600; Δ = −350 → sigmoid(−0.35) = 0.4134 → 41. Device 0 wins.
    // B before 0; p on device 0 → [700, 1000 × 3]: 1-GPU t → 700; frag 350; Δ = −350 → 41 (other devices are the same state).
    // C before 0 (devices 0, 1 have 0 left); p on device 2 → 1-GPU t → 700; frag 350 → 41.
    const { nodes, handle } = threeNodes();
    const state = new CycleState();
    expect(scores(fgd({ typicalPods: typical }, handle), nodes, P, state)).toEqual([51, 41, 41]);
    expect([deviceChoice(state, 'A'), deviceChoice(state, 'B'), deviceChoice(state, 'C')]).toEqual([[0], [0], [2]]);
  });

  it('a whole-GPU pod takes the first free devices; a CPU-only pod changes only cpu', () => {
    // 1-GPU pod on A → [500, 0, 1000, 1000]: 500 t → 0 (no device < 500 except the 0, which adds 0), 1-GPU t → 500; frag 250; Δ 0 → 50.
    // On B → [0, 1000 × 3]: frag 0; Δ 0 → 50.
    const { nodes, handle } = threeNodes();
    expect(scores(fgd({ typicalPods: typical }, handle), nodes, gpuPod('w', { whole: 1 })).slice(0, 2)).toEqual([50, 50]);
    // A CPU-only pod of 2 cores leaves every typical pod's fit as it was: Δ 0 → 50 everywhere.
    expect(scores(fgd({ typicalPods: typical }, handle), nodes, gpuPod('cpu', { cpu: '2' }))).toEqual([50, 50, 50]);
  });
});

describe('Random', () => {
  it('one feasible node scores 100, the others 0, the same node for the same seed', () => {
    const picks = [1, 2].map(() => {
      const { nodes, handle } = threeNodes();
      const streams = new RandomStreams(7);
      (handle as { rng: (name: string) => Rng }).rng = (name) => streams.stream(name);
      const plugin = random(handle);
      const state = new CycleState();
      plugin.preScore(state, P, nodes);
      const s = scores(plugin, nodes, P, state);
      expect(s.filter((x) => x === 100)).toHaveLength(1);
      expect(s.filter((x) => x === 0)).toHaveLength(2);
      return s.indexOf(100);
    });
    expect(picks[0]).toBe(picks[1]);
  });

  it('scores in one batch as node by node, whichever node the seed draws (and with no draw: all 0)', () => {
    const drawn = new Set<number>();
    for (let seed = 1; seed <= 12; seed++) {
      const { nodes, handle } = threeNodes();
      const streams = new RandomStreams(seed);
      (handle as { rng: (name: string) => Rng }).rng = (name) => streams.stream(name);
      const plugin = random(handle);
      const state = new CycleState();
      plugin.preScore(state, P, nodes);
      // scores() checks each node's one-node score against the batch.
      drawn.add(scores(plugin, nodes, P, state).indexOf(100));
    }
    expect([...drawn].sort()).toEqual([0, 1, 2]);
    const { nodes, handle } = threeNodes();
    const streams = new RandomStreams(1);
    (handle as { rng: (name: string) => Rng }).rng = (name) => streams.stream(name);
    expect(scores(random(handle), nodes)).toEqual([0, 0, 0]);
  });
});
