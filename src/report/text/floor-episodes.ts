/**
 * Why a Deployment was under its maxUnavailable floor. Kubernetes' Available
 * condition is False (MinimumReplicasUnavailable) whenever availableReplicas
 * < replicas − maxUnavailable (pkg/controller/deployment/sync.go,
 * calculateStatus), so a scale-up from 1 to 3 is "below the floor" until
 * the new pods are Ready, although no capacity was lost. report.json keeps
 * that time as the condition counts it; the summary tells the two apart:
 * an episode under the floor in which availableReplicas fell (a rollout, a
 * disruption, a failure) is lost capacity, one in which it only lagged a
 * raised replica count is a scale-up.
 */
import type { DeploymentPoint } from '../../metrics/types.js';

export interface FloorEpisode {
  readonly fromMs: number;
  /** When available was back at the floor (the end of the run if never). */
  readonly toMs: number;
  /** availableReplicas went down during the episode (or as it began). */
  readonly fell: boolean;
  /** spec.replicas before the episode and at its end. */
  readonly fromReplicas: number;
  readonly toReplicas: number;
  /** For a scale-up: when every desired replica was available, if it ever was. */
  readonly allAvailableMs: number | null;
}

/** The last point of each millisecond: several writes in one instant count only in their final state. */
function settled(series: readonly DeploymentPoint[]): DeploymentPoint[] {
  const out: DeploymentPoint[] = [];
  for (const p of series) {
    if (out.length > 0 && (out[out.length - 1] as DeploymentPoint).tMs === p.tMs) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** Episodes under the floor from `fromMs` (availability is measured from when all replicas were first available) to `endMs`. */
export function floorEpisodes(series: readonly DeploymentPoint[], fromMs: number, endMs: number): FloorEpisode[] {
  const points = settled(series).filter((p) => p.tMs < endMs);
  const episodes: FloorEpisode[] = [];
  let open: { fromMs: number; fell: boolean; fromReplicas: number; toReplicas: number } | undefined;
  let previous: DeploymentPoint | undefined;
  const close = (toMs: number, index: number): void => {
    if (open === undefined) return;
    let allAvailableMs: number | null = null;
    for (let j = index; j < points.length; j++) {
      const p = points[j] as DeploymentPoint;
      if (p.availableReplicas >= p.replicas) {
        allAvailableMs = p.tMs;
        break;
      }
    }
    episodes.push({ ...open, toMs, allAvailableMs });
    open = undefined;
  };
  points.forEach((p, i) => {
    const measured = p.tMs >= fromMs;
    const below = measured && p.availableReplicas < p.minAvailable;
    const fell = previous !== undefined && p.availableReplicas < previous.availableReplicas;
    if (below && open === undefined) open = { fromMs: p.tMs, fell, fromReplicas: previous?.replicas ?? p.replicas, toReplicas: p.replicas };
    else if (below && open !== undefined) {
      open.fell ||= fell;
      open.toReplicas = p.replicas;
    } else if (!below) close(p.tMs, i);
    previous = p;
  });
  close(endMs, points.length);
  return episodes;
}
