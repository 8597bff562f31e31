/**
 * What the bundled GPU policies share: the pod's GPU shape, a node's
 * devices (none on a CPU-only node) and cpu left, and a ScorePlugin built
 * from one per-node function, with the batch form (scoreAll) the framework
 * prefers. Scores are integers 0..100 as in the simulator (int64 scores).
 */
import type { Pod } from '../../../api/types/pod.js';
import type { CycleState, NodeScore, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podInfoOf } from '../../framework/pod-info.js';
import { gpuShapeOf, isGpuShape, NO_GPU_SHAPE, type GpuShape } from '../gpu-shape.js';

export const MAX_NODE_SCORE = 100;
/** The simulator's normalisers: the largest node it models (128 cores, 8 GPUs). */
export const MAX_SPEC_CPU_MILLI = 128_000;
export const MAX_SPEC_GPU_MILLI = 8_000;

const NO_DEVICES = new Int32Array(0);

export function podShape(pod: Pod): GpuShape {
  const shape = gpuShapeOf(podInfoOf(pod).requests.actual);
  return isGpuShape(shape) ? shape : NO_GPU_SHAPE;
}

/** Milli left over all devices (fragmentation.ts idleMilli of milliLeftOf), kept by the devices; 0 on a node without GPUs. */
export function idleMilliOf(node: NodeInfo): number {
  return node.gpu?.totalMilliLeft() ?? 0;
}

/** Milli left per device; empty on a node without GPUs. */
export function milliLeftOf(node: NodeInfo): Int32Array {
  return node.gpu?.milliLeft ?? NO_DEVICES;
}

/**
 * `derive` of a node, worked out again only when the node's generation
 * moves (src/scheduler/README.md rule 2): a policy reads what it derives
 * from a node's pods or devices once per node change, not once per pod
 * scored. Copies without an id (−1) are derived every time.
 */
export function perNodeState<T>(derive: (node: NodeInfo) => T): (node: NodeInfo) => T {
  const generations: number[] = [];
  const states: T[] = [];
  return (node) => {
    const id = node.id;
    if (id < 0) return derive(node);
    if (generations[id] !== node.generation) {
      generations[id] = node.generation;
      states[id] = derive(node);
    }
    return states[id] as T;
  };
}

export type NodeScoreFn = (state: CycleState, shape: GpuShape, node: NodeInfo) => number;

/** The pod's GPU shape as text: a ScorePlugin.scoreKey for the policies whose node score depends on nothing else of the pod. */
export function shapeKey(pod: Pod): string {
  const s = podShape(pod);
  return `${s.cpuMilli}/${s.gpuMilli}/${s.gpuCount}`;
}

/** `plugin`, declared to score a node from the node and the pod's GPU shape alone (ScorePlugin.scoreKey). */
export function byShape(plugin: ScorePlugin): ScorePlugin {
  return { ...plugin, scoreKey: (_state, pod) => shapeKey(pod) };
}

/** A score plugin from a per-node score; `normalize` rescales the batch in place (BestFit's min–max). */
export function policyPlugin(name: string, scoreNode: NodeScoreFn, normalize?: (scores: Float64Array, count: number) => void): ScorePlugin {
  const plugin: ScorePlugin = {
    name,
    score(state, pod, nodeInfo) {
      return scoreNode(state, podShape(pod), nodeInfo);
    },
    scoreAll(state, pod, nodes, count, out) {
      const shape = podShape(pod);
      for (let i = 0; i < count; i++) out[i] = scoreNode(state, shape, nodes[i] as NodeInfo);
    },
  };
  if (normalize === undefined) return plugin;
  return {
    ...plugin,
    normalizeScore(_state, _pod, scores: NodeScore[]) {
      const buffer = Float64Array.from(scores, (s) => s.score);
      normalize(buffer, buffer.length);
      scores.forEach((s, i) => (s.score = buffer[i] as number));
    },
    normalizeAll(_state, _pod, _nodes, count, scores) {
      normalize(scores, count);
    },
  };
}

/** The simulator's NormalizeScore (plugin_utils.go): min–max to 0..100 in integers; all equal → 0. */
export function minMaxNormalize(scores: Float64Array, count: number): void {
  let highest = -Infinity;
  let lowest = Infinity;
  for (let i = 0; i < count; i++) {
    const s = scores[i] as number;
    if (s > highest) highest = s;
    if (s < lowest) lowest = s;
  }
  const range = highest - lowest;
  for (let i = 0; i < count; i++) scores[i] = range === 0 ? 0 : Math.trunc((((scores[i] as number) - lowest) * MAX_NODE_SCORE) / range);
}
