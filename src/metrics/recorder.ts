/**
 * The recorder: an observer outside the cluster. It sees every change the
 * API store applies, at the instant it is applied, and every Kubernetes
 * Event, and hands them to its parts (recorders/), which derive pod
 * timelines and per-object time series. It never reads a component's
 * internals. To record something new, add a part and expose it in
 * recording().
 */
import type { ApiStore } from '../api/store.js';
import { EventRecorder } from './recorders/events.js';
import { RequestStats } from './request-stats.js';
import { HpaRecorder } from './recorders/hpa.js';
import { RecoveryRecorder } from './recorders/recovery.js';
import { ServiceRecorder } from './recorders/services.js';
import { StartupPhaseRecorder } from './recorders/startup-phases.js';
import type { RecorderPart } from './recorders/part.js';
import { PodRecorder } from './recorders/pods.js';
import { WorkloadRecorder } from './recorders/workloads.js';
import type { Recording } from './types.js';

export class Recorder {
  private readonly podParts = new PodRecorder();
  private readonly workloadParts = new WorkloadRecorder();
  private readonly eventParts = new EventRecorder();
  private readonly serviceParts = new ServiceRecorder();
  private readonly hpaParts = new HpaRecorder();
  private readonly recoveryParts = new RecoveryRecorder();
  private readonly startupParts = new StartupPhaseRecorder();
  private readonly parts: readonly RecorderPart[] = [this.podParts, this.workloadParts, this.eventParts, this.serviceParts, this.hpaParts, this.recoveryParts, this.startupParts];
  private lastMs = 0;
  /** Request outcomes, reported by the traffic model (requests are not API objects). */
  readonly requests = new RequestStats();

  attach(store: ApiStore): void {
    store.observe({
      onChange: (change, atMs) => {
        this.lastMs = atMs;
        for (const part of this.parts) part.onChange?.(change, atMs);
      },
      onEvent: (event, atMs) => {
        this.lastMs = atMs;
        for (const part of this.parts) part.onEvent?.(event, atMs);
      },
    });
  }

  /** What was recorded; `endMs` closes open intervals (the run's end). */
  recording(endMs: number = this.lastMs): Recording {
    return {
      pods: [...this.podParts.pods.values()],
      deployments: [...this.workloadParts.deployments.values()],
      replicaSets: [...this.workloadParts.replicaSets.values()],
      nodes: [...this.podParts.nodes.values()],
      events: this.eventParts.events,
      requests: this.requests.report(),
      services: [...this.serviceParts.services.values()],
      hpa: [...this.hpaParts.hpas.values()],
      recovery: this.recoveryParts.finished(endMs),
      startupPhases: this.startupParts.phases(),
    };
  }
}
