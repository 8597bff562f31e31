/**
 * FGD, fragmentation gradient descent (Weng et al., "Beware of
 * Fragmentation", USENIX ATC '23, §4; simulator fgd_score.go): place the
 * pod where it grows the expected fragmentation (fragmentation.ts) least.
 * For a node, with Δ = frag(before) − frag(after placing the pod) in GPU
 * milli:  score = ⌊100 · sigmoid(Δ / 1000)⌋, not normalised.
 * A shared-GPU pod is tried on each device with room and the best device
 * wins (the first on ties) — that device is recorded for GpuShare's Reserve;
 * whole-GPU pods take the first fully free devices; a CPU-only pod only
 * lowers the node's cpu. A pod requesting nothing scores 100.
 *
 * Args (pluginConfig): `typicalPods`, the typical mix as a list of
 * {cpuMilli, gpuMilli, gpuCount, frequency}; without it the plugin reads
 * the mix a trace workload publishes in the ConfigMap
 * kube-system/kubesim-typical-pods (docs/traces.md).
 */
import type { CycleState, FrameworkHandle, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { errorStatus, SUCCESS } from '../../framework/status.js';
import { recordDeviceChoice } from '../device-choice.js';
import { bestFitDevices } from '../devices.js';
import { nodeFragmentation, type TypicalPod } from '../fragmentation.js';
import { MILLI_PER_GPU, type GpuShape } from '../gpu-shape.js';
import { readTypicalPods } from '../typical-pods-config.js';
import { MAX_NODE_SCORE, milliLeftOf, podShape } from './node-score.js';

export const FGD = 'FGD';

export interface FgdArgs {
  readonly typicalPods?: readonly TypicalPod[];
}

interface Scored {
  readonly score: number;
  readonly devices: readonly number[];
}

/** Per node (by id): its state's generation and the scores already worked out for it, by pod shape. */
interface NodeMemo {
  generation: number;
  before: number;
  readonly byShape: Map<string, Scored>;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function fgdScore(before: number, left: Int32Array, cpuLeft: number, typical: readonly TypicalPod[]): number {
  return Math.trunc(sigmoid((before - nodeFragmentation(left, cpuLeft, typical)) / 1000) * MAX_NODE_SCORE);
}

/** The score and devices for one node (calculateGpuShareFragExtendScore). */
export function fgdNodeScore(left: Int32Array, cpuLeft: number, shape: GpuShape, typical: readonly TypicalPod[], before = nodeFragmentation(left, cpuLeft, typical)): Scored {
  if (shape.cpuMilli === 0 && shape.gpuCount === 0) return { score: MAX_NODE_SCORE, devices: [] };
  const after = left.slice();
  const cpuAfter = cpuLeft - shape.cpuMilli;
  if (shape.gpuCount === 1 && shape.gpuMilli < MILLI_PER_GPU) {
    let best: Scored | undefined;
    const tried = new Set<number>();
    for (let d = 0; d < left.length; d++) {
      const l = left[d] as number;
      // Devices with the same milli left give the same state after: score each value once.
      if (l < shape.gpuMilli || tried.has(l)) continue;
      tried.add(l);
      after[d] = l - shape.gpuMilli;
      const score = fgdScore(before, after, cpuAfter, typical);
      after[d] = l;
      if (best === undefined || score > best.score) best = { score, devices: [d] };
    }
    return best ?? { score: 0, devices: [] };
  }
  const devices = bestFitDevices(left, shape) ?? [];
  for (const d of devices) after[d] = (after[d] as number) - shape.gpuMilli;
  return { score: fgdScore(before, after, cpuAfter, typical), devices };
}

export function fgd(args: FgdArgs | undefined, handle: FrameworkHandle): PreScorePlugin & ScorePlugin {
  let typical = args?.typicalPods;
  const memos: Array<NodeMemo | undefined> = [];
  const scoreNode = (state: CycleState, shape: GpuShape, shapeKey: string, node: NodeInfo): number => {
    let memo = memos[node.id];
    const left = milliLeftOf(node);
    if (memo === undefined || memo.generation !== node.generation || node.id < 0) {
      memo = { generation: node.generation, before: nodeFragmentation(left, node.freeCpuMilli, typical ?? []), byShape: new Map() };
      if (node.id >= 0) memos[node.id] = memo;
    }
    let scored = memo.byShape.get(shapeKey);
    if (scored === undefined) {
      scored = fgdNodeScore(left, node.freeCpuMilli, shape, typical ?? [], memo.before);
      memo.byShape.set(shapeKey, scored);
    }
    if (scored.devices.length > 0) recordDeviceChoice(state, node.name, scored.devices);
    return scored.score;
  };
  const keyOf = (s: GpuShape): string => `${s.cpuMilli}/${s.gpuMilli}/${s.gpuCount}`;
  return {
    name: FGD,
    preScore() {
      typical ??= readTypicalPods(handle.client);
      return typical === undefined ? errorStatus(FGD, 'no typical pods: set pluginConfig args.typicalPods or replay a trace workload (docs/scheduler.md)') : SUCCESS;
    },
    score(state, pod, nodeInfo) {
      const shape = podShape(pod);
      return scoreNode(state, shape, keyOf(shape), nodeInfo);
    },
    scoreAll(state, pod, nodes, count, out) {
      const shape = podShape(pod);
      const key = keyOf(shape);
      for (let i = 0; i < count; i++) out[i] = scoreNode(state, shape, key, nodes[i] as NodeInfo);
    },
  };
}
