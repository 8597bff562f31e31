/**
 * Pod garbage collection for orphaned pods (k/k pkg/controller/podgc
 * gc_controller.go gcOrphaned): every 20 s
 * (gcCheckPeriod) it looks for pods bound to a node that no longer exists;
 * once that node has been missing for the 40 s quarantine it marks each such
 * pod DisruptionTarget (DeletionByPodGC) and force-deletes it. This is what
 * frees the pods of a removed node. The terminated-pod threshold (12,500)
 * and the out-of-service taint are not modelled.
 *
 * Passes stay on the 20 s grid from start(), but the next one is only
 * scheduled while some pod may be bound to a missing node (a node left the
 * cache, or a pod arrived bound to a node the cache does not know): a pass
 * with nothing to find changes nothing, and skipping those keeps a 150-day
 * trace replay from paying 650,000 empty passes.
 */
import type { ApiClient } from '../../api/client.js';
import type { Informer } from '../../api/informer.js';
import { withPodCondition } from '../../api/pod-util.js';
import type { ApiStore } from '../../api/store.js';
import type { EventHandle, Simulation } from '../../engine/simulation.js';
import type { Pod } from '../../api/types/pod.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const POD_GC_CONTROLLER = 'pod-garbage-collector';
export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_MS = 40_000;

export class PodGarbageCollector {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly nodes: Informer<'Node'>;
  private readonly pods: Informer<'Pod'>;
  /** Missing node → when podgc first saw it missing. */
  private readonly missingSince = new Map<string, number>();
  private startMs = 0;
  private nextPass: EventHandle | undefined;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient) {
    this.sim = sim;
    this.client = client;
    this.nodes = controllerManagerInformers(store).informer('Node');
    this.pods = controllerManagerInformers(store).informer('Pod');
  }

  start(): void {
    this.startMs = this.sim.nowMs;
    this.nodes.addHandler({ onDelete: () => this.arm() });
    const podChanged = (pod: Pod): void => {
      const node = pod.spec.nodeName;
      if (node !== undefined && node !== '' && this.nodes.get(node) === undefined) this.arm();
    };
    // An update that keeps the pod's node cannot find it newly missing: at
    // the pod's previous event the node was there (its deletion since armed
    // a pass) or missing (that event armed one, or one was pending), and a
    // pass that sees a pod on a missing node arms the next.
    this.pods.addHandler({
      onAdd: podChanged,
      onUpdate: (old, pod) => {
        if (old.spec.nodeName !== pod.spec.nodeName) podChanged(pod);
      },
    });
    this.nodes.start();
    this.pods.start();
  }

  /** Schedules the next pass on the grid (strictly after now: a pass due now already ran before this event). */
  private arm(): void {
    if (this.nextPass !== undefined) return;
    const periods = Math.floor((this.sim.nowMs - this.startMs) / GC_CHECK_PERIOD_MS) + 1;
    this.nextPass = this.sim.at(this.startMs + periods * GC_CHECK_PERIOD_MS, () => {
      this.nextPass = undefined;
      this.gc();
    }, `${POD_GC_CONTROLLER} pass`);
  }

  private gc(): void {
    const now = this.sim.nowMs;
    const seenMissing = new Set<string>();
    for (const pod of this.pods.list()) {
      const node = pod.spec.nodeName;
      if (node === undefined || node === '' || this.nodes.get(node) !== undefined) continue;
      seenMissing.add(node);
      const since = this.missingSince.get(node) ?? now;
      this.missingSince.set(node, since);
      if (now - since < QUARANTINE_MS) continue;
      this.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (current) =>
        current.metadata.uid !== pod.metadata.uid
          ? current
          : { ...current, status: withPodCondition(current.status, 'DisruptionTarget', 'True', now, 'DeletionByPodGC', 'PodGC: node no longer exists') },
      );
      this.client.delete('Pod', pod.metadata.name, pod.metadata.namespace, { gracePeriodSeconds: 0, uid: pod.metadata.uid });
    }
    for (const node of [...this.missingSince.keys()]) if (!seenMissing.has(node)) this.missingSince.delete(node);
    if (seenMissing.size > 0) this.arm();
  }
}
