/**
 * What the reference properties (test/scheduler/reference-*.property.test.ts)
 * share: placing a pod between cycles, and checking a plugin's plain and
 * batch score forms against the reference's scores.
 */
import { expect } from 'vitest';
import type { Pod } from '../../../src/api/types/pod.js';
import type { CycleState, FrameworkHandle, ScorePlugin } from '../../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../../src/scheduler/framework/node-info.js';

/** Binds `pod` to node `choice` (modulo the node count) as the scheduler's cache would, so the next pod's cycle counts it. */
export function placePod(nodes: readonly NodeInfo[], handle: FrameworkHandle, pod: Pod, choice: number): void {
  const target = nodes[choice % nodes.length] as NodeInfo;
  const counted = target.addPod({ ...pod, spec: { ...pod.spec, nodeName: target.name } });
  if (counted !== undefined) handle.podCounts.onPodAdded(target, counted);
}

/**
 * After PreScore: Score and scoreAll give `raw` on `nodes`, and
 * NormalizeScore and normalizeAll (as the framework calls them, on the
 * scored nodes only) turn `raw` into `normalized`.
 */
export function expectScores(plugin: ScorePlugin, state: CycleState, pod: Pod, nodes: readonly NodeInfo[], raw: readonly number[], normalized: readonly number[]): void {
  expect(nodes.map((n) => plugin.score(state, pod, n))).toEqual(raw);
  if (plugin.scoreAll !== undefined) {
    const batch = new Float64Array(nodes.length);
    plugin.scoreAll(state, pod, nodes, nodes.length, batch);
    expect(Array.from(batch)).toEqual(raw);
  }
  if (plugin.normalizeScore !== undefined) {
    const list = nodes.map((n, i) => ({ name: n.name, score: raw[i] as number }));
    plugin.normalizeScore(state, pod, list);
    expect(list.map((s) => s.score)).toEqual(normalized);
  }
  if (plugin.normalizeAll !== undefined) {
    const inPlace = Float64Array.from(raw);
    plugin.normalizeAll(state, pod, nodes, nodes.length, inPlace);
    expect(Array.from(inPlace)).toEqual(normalized);
  }
}
