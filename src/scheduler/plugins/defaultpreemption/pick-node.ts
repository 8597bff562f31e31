/**
 * pickOneNodeForPreemption (pkg/scheduler/framework/preemption/preemption.go):
 * each rule only breaks the ties of the previous one — fewest PDB
 * violations, lowest highest-victim priority, smallest sum of victim
 * priorities (each shifted by 2^31), fewest victims, latest start among the
 * highest-priority victims — then the first remaining candidate (upstream
 * iterates a map there; kubesim keeps the dry run's order).
 */
import { podStartTimeMs, type Victims } from './victims.js';

export interface Candidate {
  readonly nodeName: string;
  readonly victims: Victims;
}

/** GetEarliestPodStartTime among the highest-priority victims. */
function earliestStartOfHighest(victims: Victims, nowMs: number): number | undefined {
  const first = victims.pods[0];
  if (first === undefined) return undefined;
  let maxPriority = first.priority;
  let earliest = podStartTimeMs(first.pod, nowMs);
  for (const p of victims.pods) {
    if (p.priority === maxPriority) earliest = Math.min(earliest, podStartTimeMs(p.pod, nowMs));
    else if (p.priority > maxPriority) {
      maxPriority = p.priority;
      earliest = podStartTimeMs(p.pod, nowMs);
    }
  }
  return earliest;
}

export function pickOneNodeForPreemption(candidates: readonly Candidate[], nowMs: number): Candidate | undefined {
  if (candidates.length <= 1) return candidates[0];
  const rules: Array<(c: Candidate) => number> = [
    (c) => -c.victims.numPDBViolations,
    (c) => -(c.victims.pods[0]?.priority ?? 0),
    (c) => -c.victims.pods.reduce((sum, p) => sum + p.priority + 2 ** 31, 0),
    (c) => -c.victims.pods.length,
    (c) => earliestStartOfHighest(c.victims, nowMs) ?? Number.NEGATIVE_INFINITY,
  ];
  let remaining = [...candidates];
  for (const rule of rules) {
    let best = Number.NEGATIVE_INFINITY;
    let selected: Candidate[] = [];
    for (const c of remaining) {
      const score = rule(c);
      if (score > best) {
        best = score;
        selected = [c];
      } else if (score === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    remaining = selected;
  }
  return remaining[0];
}
