/**
 * The recorder: an observer outside the cluster. It sees every change the
 * API store applies, at the instant it is applied, and every Kubernetes
 * Event, and hands them to its parts (recorders/; a change only to the
 * parts that declare its kind, kind-dispatch.ts; a pod's change with its
 * facts derived once for all of them, pod-change.ts), which derive pod
 * timelines and per-object time series. It never reads a component's
 * internals. What it keeps of a live pod is one slot its parts share
 * (pod-slot.ts). A pod's timeline and a Job's record go to the run's rows when
 * the object is deleted, each Event to the event rows as it happens
 * (row-sink.ts): what the recorder holds follows the live objects. To record something new, add a part and expose it in
 * recording(). Request outcomes are the one exception to "store only":
 * requests are not API objects, so the traffic model reports them to
 * `requests`.
 */
import type { ApiStore } from '../api/store.js';
import { GpuRecorder } from './gpu-recorder.js';
import { KindDispatch } from './kind-dispatch.js';
import { ALLOCATION_SAMPLES } from './allocation.js';
import { AllocationRecorder, sampleTimes } from './recorders/allocation.js';
import { AutoscalerRecorder } from './recorders/autoscaler.js';
import { DeploymentPodsRecorder } from './recorders/deployment-pods.js';
import { EventRecorder } from './recorders/events.js';
import { HpaRecorder } from './recorders/hpa.js';
import { JobRecorder } from './recorders/jobs.js';
import { NeverScheduledRecorder } from './recorders/never-scheduled.js';
import { PendingPodsRecorder } from './recorders/pending-pods.js';
import { QuotaEventsRecorder } from './recorders/quota-events.js';
import { PodRecorder } from './recorders/pods.js';
import { RecoveryRecorder } from './recorders/recovery.js';
import { SchedulingRecorder } from './recorders/scheduling.js';
import { ServiceSelectorRecorder } from './recorders/service-selectors.js';
import { ServiceRecorder } from './recorders/services.js';
import { StartupPhaseRecorder } from './recorders/startup-phases.js';
import { WorkloadRecorder } from './recorders/workloads.js';
import { PodChange } from './pod-change.js';
import { PodSlots, type PodSlot } from './pod-slot.js';
import { RequestStats } from './request-stats.js';
import { memoryRows, type RunRows } from './row-sink.js';
import type { PodRecord, Recording } from './types.js';

export class Recorder {
  /** The live pods' slots, shared by the pod parts: one lookup per pod change (pod-slot.ts). Read-only outside. */
  readonly slots = new PodSlots();
  private readonly podParts = new PodRecorder((pod, slot) => this.finishPod(pod, slot), this.slots);
  private readonly workloadParts = new WorkloadRecorder();
  private readonly eventParts: EventRecorder;
  private readonly pendingParts = new PendingPodsRecorder(this.slots);
  private readonly quotaEventParts = new QuotaEventsRecorder();
  private readonly allocationParts: AllocationRecorder;
  private readonly deploymentPods = new DeploymentPodsRecorder(this.slots);
  private readonly jobParts = new JobRecorder((job) => this.rows.jobs.write(job));
  private readonly selectorParts = new ServiceSelectorRecorder(this.slots);
  private readonly schedulingPart = new SchedulingRecorder(this.slots);
  private readonly serviceParts = new ServiceRecorder();
  private readonly hpaParts = new HpaRecorder();
  private readonly recoveryParts = new RecoveryRecorder(this.slots);
  private readonly startupParts = new StartupPhaseRecorder(this.slots);
  private readonly neverScheduledPart = new NeverScheduledRecorder(this.slots);
  private readonly gpuPart = new GpuRecorder(this.slots);
  private readonly autoscalerPart = new AutoscalerRecorder(this.slots);
  private readonly dispatch: KindDispatch;
  private lastMs = 0;
  private livePodsFinished = false;
  /** Request outcomes, reported by the traffic model (requests are not API objects). */
  readonly requests = new RequestStats();

  /** Timelines of the pods of `keptNamespaces`, also kept here (trace workloads: bounded by the trace). */
  private readonly keptPods: PodRecord[] = [];

  /**
   * `rows`: where pod timelines and Events go (in memory unless given).
   * `keptNamespaces`: namespaces whose pods' timelines the recording also
   * carries (the trace report compares each trace pod with the trace).
   * `durationMs`: the run's duration, whose evenly spaced instants the
   * allocation is sampled at as the run passes them.
   */
  constructor(readonly rows: RunRows = memoryRows(), private readonly keptNamespaces: ReadonlySet<string> = new Set(), durationMs = 0) {
    this.eventParts = new EventRecorder(rows.events);
    this.allocationParts = new AllocationRecorder(sampleTimes(durationMs, ALLOCATION_SAMPLES), this.slots);
    this.dispatch = new KindDispatch([
      this.podParts, this.workloadParts, this.eventParts, this.deploymentPods, this.jobParts, this.selectorParts,
      this.schedulingPart, this.allocationParts, this.serviceParts, this.hpaParts, this.recoveryParts, this.startupParts,
      this.neverScheduledPart, this.gpuPart, this.autoscalerPart, this.pendingParts, this.quotaEventParts,
    ]);
  }

  private finishPod(pod: PodRecord, slot: PodSlot): void {
    const row = this.gpuPart.annotate(this.schedulingPart.annotate(pod, slot), slot);
    if (this.keptNamespaces.has(row.namespace)) this.keptPods.push(row);
    this.rows.pods.write(row);
  }

  attach(store: ApiStore): void {
    store.observe({
      onChange: (change, atMs) => {
        this.lastMs = atMs;
        if (change.object.kind === 'Pod') {
          const pod = PodChange.of(change);
          const slot = this.slots.of(pod);
          const handlers = this.dispatch.podHandlers;
          for (let i = 0; i < handlers.length; i++) (handlers[i] as (typeof handlers)[number])(change, pod, slot, atMs);
          // Every part has seen the deletion; the row is written (PodRecorder), the slot goes.
          if (pod.deleted) this.slots.drop(slot);
        } else for (const part of this.dispatch.partsFor(change.object.kind)) part.onChange?.(change, atMs);
      },
      onEvent: (event, atMs) => {
        this.lastMs = atMs;
        for (const part of this.dispatch.eventParts) part.onEvent?.(event, atMs);
      },
    });
  }

  /**
   * What was recorded; `endMs` (the run's end) closes open intervals. The
   * first call also hands the live pods' and Jobs' records to the rows: call
   * it once the run is over.
   */
  recording(endMs: number = this.lastMs): Recording {
    this.deploymentPods.flush(endMs);
    const pods = this.podParts.totals();
    if (!this.livePodsFinished) {
      this.livePodsFinished = true;
      this.podParts.finishLive();
      this.jobParts.finishLive();
    }
    return {
      pods,
      pendingPods: this.pendingParts.series(endMs),
      keptPods: this.keptPods,
      quotaEvents: this.quotaEventParts.events,
      deployments: [...this.workloadParts.deployments.values()],
      replicaSets: [...this.workloadParts.replicaSets.values()],
      nodes: [...this.podParts.nodes.values()],
      deploymentPods: this.deploymentPods.series,
      jobs: this.jobParts.counts(),
      serviceSelectors: this.selectorParts.records,
      scheduling: this.schedulingPart.recording(),
      neverScheduled: this.neverScheduledPart.finished(endMs),
      allocation: this.allocationParts.recording(),
      requests: this.requests.report(),
      services: [...this.serviceParts.services.values()],
      hpa: [...this.hpaParts.hpas.values()],
      recovery: this.recoveryParts.finished(endMs),
      startupPhases: this.startupParts.phases(),
      gpu: this.gpuPart.recording(endMs),
      autoscaler: this.autoscalerPart.recording(endMs),
    };
  }
}
