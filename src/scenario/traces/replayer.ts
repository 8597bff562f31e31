/**
 * The trace replayer: a client of the API like a user or a batch system,
 * it creates each trace pod at its creation time and deletes it at its
 * deletion time, through the same API path as everything else. It also
 * publishes the trace's typical-pod mix as a ConfigMap for the FGD plugin
 * (gpushare/typical-pods-config.ts).
 *
 * With `onUnschedulable: drop` (the FGD simulator's convention), a pod the
 * scheduler marked unschedulable (PodScheduled=False, reason
 * Unschedulable) by the time the next pod arrives is deleted instead of
 * waiting for a retry; the last pod is checked one step after it arrived.
 */
import type { ApiClient } from '../../api/client.js';
import type { Simulation } from '../../engine/simulation.js';
import { typicalPodsConfigMap } from '../../scheduler/gpushare/typical-pods-config.js';
import type { TraceWorkload } from './model.js';
import { POD_STEP_MS } from './shaping.js';

export const TRACE_REPLAYER = 'trace-replayer';

export class TraceReplayer {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly workload: TraceWorkload;
  private readonly endMs: number;

  constructor(sim: Simulation, client: ApiClient, workload: TraceWorkload, endMs: number) {
    this.sim = sim;
    this.client = client;
    this.workload = workload;
    this.endMs = endMs;
  }

  start(): void {
    const namespace = this.workload.namespace;
    if (this.workload.typicalPods.length > 0) this.client.create(typicalPodsConfigMap(this.workload.typicalPods));
    const drop = this.workload.onUnschedulable === 'drop';
    let previous: string | undefined;
    for (const pod of this.workload.pods) {
      if (pod.createMs >= this.endMs) break;
      const before = previous;
      this.sim.at(pod.createMs, () => {
        if (drop && before !== undefined) this.dropIfUnschedulable(before);
        this.client.create(pod.manifest);
      }, 'trace create');
      previous = pod.name;
      if (pod.deleteMs !== undefined && pod.deleteMs < this.endMs) {
        this.sim.at(pod.deleteMs, () => {
          this.client.delete('Pod', pod.name, namespace);
        }, 'trace delete');
      }
    }
    const last = this.workload.pods.filter((p) => p.createMs < this.endMs).at(-1);
    if (drop && last !== undefined && last.createMs + POD_STEP_MS < this.endMs) {
      this.sim.at(last.createMs + POD_STEP_MS, () => this.dropIfUnschedulable(last.name), 'trace drop');
    }
  }

  private dropIfUnschedulable(name: string): void {
    const pod = this.client.get('Pod', name, this.workload.namespace);
    if (pod === undefined || pod.spec.nodeName !== undefined) return;
    const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') this.client.delete('Pod', name, this.workload.namespace);
  }
}
