/**
 * GpuShare's gpuSelMethod (the simulator's Open-Gpu-Share gpuSelMethod,
 * open_gpu_share.go): "best" keeps a shared pod on the best-fit device,
 * "random" draws among the devices with room (allocateGpuIdBasedOnRandomFit,
 * which the paper's runs give the Random policy). Whole-GPU pods take the
 * first free devices either way.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams, type Rng } from '../../src/engine/random.js';
import { validatePluginArgs } from '../../src/scheduler/config/plugin-args.js';
import { CycleState } from '../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { gpuShare, randomFitDevice } from '../../src/scheduler/gpushare/gpu-share.js';
import { cluster } from '../scheduler/helpers.js';
import { gpuNode, gpuPod } from './helpers.js';

/** A stream that returns the given values in turn (randomInt(rng, n) = ⌊value · n⌋). */
function scripted(values: number[]): Rng {
  let i = 0;
  return { next: () => values[i++] ?? 0 };
}

describe('randomFitDevice (allocateGpuIdBasedOnRandomFit)', () => {
  it.each([
    // devices with room for 400: 0 (1000), 2 (500), 3 (400); device 1 (300) has none.
    // 1st with room: ⌊0.9·1⌋ = 0 → take 0; 2nd: ⌊0.9·2⌋ = 1 → keep; 3rd: ⌊0.9·3⌋ = 2 → keep: device 0
    [[1000, 300, 500, 400], 400, [0.9, 0.9, 0.9], 0],
    // 2nd: ⌊0.4·2⌋ = 0 → take 2; 3rd: ⌊0.5·3⌋ = 1 → keep: device 2
    [[1000, 300, 500, 400], 400, [0.1, 0.4, 0.5], 2],
    // 3rd: ⌊0.2·3⌋ = 0 → take 3
    [[1000, 300, 500, 400], 400, [0.1, 0.9, 0.2], 3],
    // no device has room
    [[100, 300], 400, [0.1], -1],
  ])('milli left %j, %i wanted, draws %j → device %i', (left, milli, draws, expected) => {
    expect(randomFitDevice(left, milli, scripted(draws))).toBe(expected);
  });

  it('draws each device with room equally often', () => {
    const rng = new RandomStreams(3).stream('t');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 30_000; i++) {
    const d = randomFitDevice([1000, 300, 500, 400], 400, rng);
    counts[d] = (counts[d] ?? 0) + 1;
  }
    // Devices 0, 2 and 3 about 10,000 each (3 σ of a binomial(30,000, 1/3) is about 245); device 1 never.
    expect(counts[1]).toBe(0);
    for (const d of [0, 2, 3]) expect(Math.abs((counts[d] as number) - 10_000)).toBeLessThan(300);
  });
});

describe('GpuShare Reserve with gpuSelMethod: random', () => {
  /** Milli left per device after Reserve, and whether the node's generation moved (caches keyed by it must see a move). */
  function reserved(pod: ReturnType<typeof gpuPod>, draws: number[]): { left: number[]; moved: boolean } {
    // Device 0 holds 700 of pod a: [300, 1000, 1000, 1000] before the new pod.
    const { nodes, handle } = cluster([[gpuNode('n', 4), [gpuPod('a', { milli: 700, devices: '0' })]]]);
    (handle as { rng: (name: string) => Rng }).rng = () => scripted(draws);
    const plugin = gpuShare(handle, { gpuSelMethod: 'random' });
    const node = nodes[0] as NodeInfo;
    node.addPod({ ...pod, spec: { ...pod.spec, nodeName: 'n' } });
    const generation = node.generation;
    expect(plugin.reserve(new CycleState(), pod, 'n').code).toBe('Success');
    return { left: Array.from(node.gpu?.milliLeft ?? []), moved: node.generation !== generation };
  }

  it('moves a shared pod to a device drawn among those with room before it', () => {
    // 200 milli: best fit would take device 0 (300 left). All four have room;
    // draws 0.9, 0.9, 0.9, 0.1: ⌊0.9·1⌋ = 0 takes 0, ⌊0.9·2⌋ = 1, ⌊0.9·3⌋ = 2 keep, ⌊0.1·4⌋ = 0 takes 3.
    expect(reserved(gpuPod('p', { milli: 200 }), [0.9, 0.9, 0.9, 0.1])).toEqual({ left: [300, 1000, 1000, 800], moved: true });
    // 500 milli: device 0 (300) has no room; devices 1, 2, 3: ⌊0.1·1⌋ = 0 takes 1, then ⌊0.3·2⌋ = 0 takes 2, ⌊0.9·3⌋ = 2 keeps 2.
    expect(reserved(gpuPod('q', { milli: 500 }), [0.1, 0.3, 0.9])).toEqual({ left: [300, 1000, 500, 1000], moved: true });
  });

  it('leaves whole-GPU pods on the first free devices', () => {
    expect(reserved(gpuPod('w', { whole: 2 }), [0.9, 0.9, 0.9])).toEqual({ left: [300, 0, 0, 1000], moved: false });
  });

  it('is refused in pluginConfig when the method is unknown', () => {
    expect(validatePluginArgs('GpuShare', { gpuSelMethod: 'worst' })).toEqual([['gpuSelMethod', 'expected one of best, random, got "worst"']]);
    expect(validatePluginArgs('GpuShare', { gpuSelMethod: 'random' })).toEqual([]);
  });
});
