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
 *
 * Cost: a node's fragmentation depends only on its cpu left and the
 * multiset of its devices' milli left, and most nodes of a cluster share a
 * few such states (every idle node of one model is one state). Scores are
 * therefore worked out once per (node state, pod shape) and shared by all
 * nodes in that state; a node's state is re-read only when its NodeInfo
 * generation changes (a pod came or went). A shared pod's device is looked
 * up only on the node Reserve asks about, not on every node scored.
 */
import type { CycleState, FrameworkHandle, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { Pod } from '../../../api/types/pod.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podInfoOf } from '../../framework/pod-info.js';
import { errorStatus, SUCCESS } from '../../framework/status.js';
import { recordDeviceChoice, recordDeviceChooser } from '../device-choice.js';
import { bestFitDevices } from '../devices.js';
import { nodeFragmentation, type TypicalPod } from '../fragmentation.js';
import { MILLI_PER_GPU, type GpuShape } from '../gpu-shape.js';
import { readTypicalPods } from '../typical-pods-config.js';
import { MAX_NODE_SCORE, milliLeftOf, podShape } from './node-score.js';

export const FGD = 'FGD';
const CYCLE_KEY = 'FGD/cycle';

export interface FgdArgs {
  readonly typicalPods?: readonly TypicalPod[];
}

/**
 * One pod shape's scores on one node state. A shared pod's score depends on
 * the device it takes only through that device's milli left, so the state
 * scores each distinct milli left that fits once, in device order, and
 * keeps the first that gives the best score (`bestLeft`): the node's first
 * device with that much left is its first best device, since every device
 * before it has a value scored lower or none that fits. The state holds
 * exactly the node's milli-left values, so the best is the node's score.
 */
interface StateScore {
  readonly score: number;
  /** Shared pods: the milli left of the first best device; −1 when no device fits, and for other pods. */
  readonly bestLeft: number;
}

/**
 * One pod shape's scores: by node state id, and the last one read on each
 * node (by id), valid while the node's generation is the one stored, so a
 * node unchanged since the shape last came is read back from two arrays.
 */
class ShapeScores {
  readonly byState: Array<StateScore | undefined> = [];
  private generations = new Float64Array(0);
  private scores = new Float64Array(0);
  private bestLefts = new Float64Array(0);

  /** The node's score for this shape if kept for its generation, else NaN. */
  scoreOf(node: NodeInfo): number {
    const id = node.id;
    return id >= 0 && id < this.generations.length && this.generations[id] === node.generation ? (this.scores[id] as number) : Number.NaN;
  }

  /** The best device's milli left kept with scoreOf's score. */
  bestLeftOf(id: number): number {
    return this.bestLefts[id] as number;
  }

  keep(node: NodeInfo, scored: StateScore): void {
    const id = node.id;
    if (id < 0) return;
    if (id >= this.generations.length) {
      // Generations start at 1, so the zeros of the new room match no node.
      const size = Math.max(64, 2 * (id + 1));
      const grow = (from: Float64Array) => {
        const to = new Float64Array(size);
        to.set(from);
        return to;
      };
      this.generations = grow(this.generations);
      this.scores = grow(this.scores);
      this.bestLefts = grow(this.bestLefts);
    }
    this.generations[id] = node.generation;
    this.scores[id] = scored.score;
    this.bestLefts[id] = scored.bestLeft;
  }
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function fgdScore(before: number, left: Int32Array, cpuLeft: number, typical: readonly TypicalPod[]): number {
  return Math.trunc(sigmoid((before - nodeFragmentation(left, cpuLeft, typical)) / 1000) * MAX_NODE_SCORE);
}

function isShared(shape: GpuShape): boolean {
  return shape.gpuCount === 1 && shape.gpuMilli < MILLI_PER_GPU;
}

/** The shape's score on a node with these devices and cpu left (calculateGpuShareFragExtendScore), per device value for a shared pod. */
function stateScore(left: Int32Array, cpuLeft: number, shape: GpuShape, typical: readonly TypicalPod[], before: number): StateScore {
  if (shape.cpuMilli === 0 && shape.gpuCount === 0) return { score: MAX_NODE_SCORE, bestLeft: -1 };
  const after = left.slice();
  const cpuAfter = cpuLeft - shape.cpuMilli;
  if (isShared(shape)) {
    const scored = new Set<number>();
    let best = 0;
    let bestLeft = -1;
    for (let d = 0; d < left.length; d++) {
      const l = left[d] as number;
      // Devices with the same milli left give the same state after: score each value once.
      if (l < shape.gpuMilli || scored.has(l)) continue;
      scored.add(l);
      after[d] = l - shape.gpuMilli;
      const score = fgdScore(before, after, cpuAfter, typical);
      after[d] = l;
      if (bestLeft < 0 || score > best) {
        best = score;
        bestLeft = l;
      }
    }
    return { score: best, bestLeft };
  }
  for (const d of bestFitDevices(left, shape) ?? []) after[d] = (after[d] as number) - shape.gpuMilli;
  return { score: fgdScore(before, after, cpuAfter, typical), bestLeft: -1 };
}

/** The first device whose milli left gives the best score (the first on ties), or none when no device fits. */
function bestDevice(left: Int32Array, bestLeft: number): number {
  return bestLeft < 0 ? -1 : left.indexOf(bestLeft);
}

/** A node state's key: cpu left and the devices' milli left, sorted (which device holds what does not change fragmentation). */
function stateKeyOf(left: Int32Array, cpuLeft: number): string {
  return `${cpuLeft}|${left.slice().sort().join(',')}`;
}

function shapeKeyOf(s: GpuShape): string {
  return `${s.cpuMilli}/${s.gpuMilli}/${s.gpuCount}`;
}

export function fgd(args: FgdArgs | undefined, handle: FrameworkHandle): PreScorePlugin & ScorePlugin {
  let typical = args?.typicalPods;
  /** Node state ids by key, and each state's fragmentation before placement. */
  const stateIds = new Map<string, number>();
  const fragBefore: number[] = [];
  /** Per node id: the generation its state id was read at, and that id. */
  const nodeGeneration: number[] = [];
  const nodeState: number[] = [];
  const byShape = new Map<string, ShapeScores>();
  /**
   * Per node id, for a shared pod: the milli left of the best device, and the cycle it was scored in;
   * cycles are numbered per CycleState. The device itself is found only for the node Reserve asks about.
   */
  const pickedLeft: number[] = [];
  const pickedCycle: number[] = [];
  let cycles = 0;
  let cycle = 0;

  const stateIdOf = (left: Int32Array, cpuLeft: number): number => {
    const key = stateKeyOf(left, cpuLeft);
    let id = stateIds.get(key);
    if (id === undefined) {
      id = fragBefore.length;
      stateIds.set(key, id);
      fragBefore.push(nodeFragmentation(left, cpuLeft, typical ?? []));
    }
    return id;
  };
  const nodeStateId = (node: NodeInfo, left: Int32Array): number => {
    // Copies (preemption, nominated pods) have id −1 and may differ from the cached node.
    if (node.id < 0) return stateIdOf(left, node.freeCpuMilli);
    if (nodeGeneration[node.id] !== node.generation) {
      nodeGeneration[node.id] = node.generation;
      nodeState[node.id] = stateIdOf(left, node.freeCpuMilli);
    }
    return nodeState[node.id] as number;
  };
  const stateScoreOf = (shape: GpuShape, scores: ShapeScores, node: NodeInfo): StateScore => {
    const left = milliLeftOf(node);
    const id = nodeStateId(node, left);
    let scored = scores.byState[id];
    if (scored === undefined) {
      scored = stateScore(left, node.freeCpuMilli, shape, typical ?? [], fragBefore[id] as number);
      scores.byState[id] = scored;
    }
    scores.keep(node, scored);
    return scored;
  };
  const scoreNode = (state: CycleState, shape: GpuShape, scores: ShapeScores, node: NodeInfo): number => {
    let score = scores.scoreOf(node);
    let bestLeft: number;
    if (score === score) bestLeft = scores.bestLeftOf(node.id);
    else {
      const scored = stateScoreOf(shape, scores, node);
      score = scored.score;
      bestLeft = scored.bestLeft;
    }
    if (bestLeft < 0) return score;
    if (node.id < 0) recordDeviceChoice(state, node.name, [bestDevice(milliLeftOf(node), bestLeft)]);
    else {
      pickedLeft[node.id] = bestLeft;
      pickedCycle[node.id] = cycle;
    }
    return score;
  };
  /**
   * The device the pod scored best with on this node. Reserve asks after the
   * scheduler assumed the pod on the node (holding its default best-fit
   * device), so that device gets the pod's milli back first: the node's
   * devices as they were when scored.
   */
  const pickedDevice = (nodeInfo: NodeInfo, podKey: string, gpuMilli: number, bestLeft: number): number => {
    const devices = nodeInfo.gpu;
    if (devices === undefined) return -1;
    const held = devices.devicesOf(podKey);
    if (held === undefined || held.length === 0) return bestDevice(devices.milliLeft, bestLeft);
    const scoredLeft = devices.milliLeft.slice();
    for (const d of held) scoredLeft[d] = (scoredLeft[d] as number) + gpuMilli;
    return bestDevice(scoredLeft, bestLeft);
  };
  const beginCycle = (state: CycleState, pod: Pod, shape: GpuShape): ShapeScores => {
    const key = shapeKeyOf(shape);
    let scores = byShape.get(key);
    if (scores === undefined) {
      scores = new ShapeScores();
      byShape.set(key, scores);
    }
    // One cycle per CycleState, whether the framework scores in one batch or node by node.
    if (!isShared(shape)) return scores;
    const ongoing = state.read<number>(CYCLE_KEY);
    if (ongoing !== undefined) cycle = ongoing;
    else {
      const current = ++cycles;
      cycle = current;
      state.write(CYCLE_KEY, current);
      recordDeviceChooser(state, (nodeName) => {
        const nodeInfo = handle.nodeInfo(nodeName);
        const id = nodeInfo?.id;
        if (nodeInfo === undefined || id === undefined || id < 0 || pickedCycle[id] !== current) return undefined;
        const d = pickedDevice(nodeInfo, podInfoOf(pod).key, shape.gpuMilli, pickedLeft[id] as number);
        return d < 0 ? undefined : [d];
      });
    }
    return scores;
  };
  return {
    name: FGD,
    preScore() {
      typical ??= readTypicalPods(handle.client);
      return typical === undefined ? errorStatus(FGD, 'no typical pods: set pluginConfig args.typicalPods or replay a trace workload (docs/scheduler.md)') : SUCCESS;
    },
    score(state, pod, nodeInfo) {
      const shape = podShape(pod);
      return scoreNode(state, shape, beginCycle(state, pod, shape), nodeInfo);
    },
    scoreAll(state, pod, nodes, count, out) {
      const shape = podShape(pod);
      const scores = beginCycle(state, pod, shape);
      for (let i = 0; i < count; i++) out[i] = scoreNode(state, shape, scores, nodes[i] as NodeInfo);
    },
    // A node's score: its state and the pod's shape, with the typical pods fixed once read.
    scoreKey: (_state, pod) => shapeKeyOf(podShape(pod)),
  };
}
