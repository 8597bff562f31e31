/**
 * The trace replayer: a client of the API like a user or a batch system,
 * it creates each trace pod at its creation time and deletes it at its
 * deletion time, through the same API path as everything else.
 */
import type { ApiClient } from '../../api/client.js';
import type { Simulation } from '../../engine/simulation.js';
import type { TraceWorkload } from './model.js';

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
    for (const pod of this.workload.pods) {
      if (pod.createMs >= this.endMs) break;
      this.sim.at(pod.createMs, () => {
        this.client.create(pod.manifest);
      }, 'trace create');
      if (pod.deleteMs !== undefined && pod.deleteMs < this.endMs) {
        this.sim.at(pod.deleteMs, () => {
          this.client.delete('Pod', pod.name, namespace);
        }, 'trace delete');
      }
    }
  }
}
