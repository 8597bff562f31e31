/**
 * The recorder: an observer outside the cluster. It sees every change the
 * API store applies, at the instant it is applied, and every Kubernetes
 * Event, and hands them to its parts (recorders/), which derive pod
 * timelines and per-object time series. It never reads a component's
 * internals. To record something new, add a part and expose it in
 * recording().
 */
import type { ApiStore } from '../api/store.js';
import { AllocationRecorder } from './recorders/allocation.js';
import { EventRecorder } from './recorders/events.js';
import type { RecorderPart } from './recorders/part.js';
import { PodRecorder } from './recorders/pods.js';
import { SchedulingRecorder } from './recorders/scheduling.js';
import { WorkloadRecorder } from './recorders/workloads.js';
import { DeploymentPodsRecorder } from './recorders/deployment-pods.js';
import { JobRecorder } from './recorders/jobs.js';
import { ServiceSelectorRecorder } from './recorders/service-selectors.js';
import type { Recording } from './types.js';

export class Recorder {
  private readonly podParts = new PodRecorder();
  private readonly workloadParts = new WorkloadRecorder();
  private readonly eventParts = new EventRecorder();
  private readonly allocationParts = new AllocationRecorder();
  private readonly deploymentPods = new DeploymentPodsRecorder();
  private readonly jobParts = new JobRecorder();
  private readonly selectorParts = new ServiceSelectorRecorder();
  private readonly schedulingPart = new SchedulingRecorder();
  private readonly parts: readonly RecorderPart[] = [
    this.podParts, this.workloadParts, this.eventParts, this.deploymentPods, this.jobParts, this.selectorParts, this.schedulingPart, this.allocationParts,
  ];

  attach(store: ApiStore): void {
    store.observe({
      onChange: (change, atMs) => {
        for (const part of this.parts) part.onChange?.(change, atMs);
      },
      onEvent: (event, atMs) => {
        for (const part of this.parts) part.onEvent?.(event, atMs);
      },
    });
  }

  /** Everything recorded; `endMs` applies the availability transitions due by then. */
  recording(endMs = Number.POSITIVE_INFINITY): Recording {
    this.deploymentPods.flush(endMs);
    return {
      pods: this.schedulingPart.annotate([...this.podParts.pods.values()]),
      deployments: [...this.workloadParts.deployments.values()],
      replicaSets: [...this.workloadParts.replicaSets.values()],
      nodes: [...this.podParts.nodes.values()],
      events: this.eventParts.events,
      deploymentPods: this.deploymentPods.series,
      jobs: [...this.jobParts.jobs.values()],
      serviceSelectors: this.selectorParts.records,
      scheduling: this.schedulingPart.recording(),
      allocation: this.allocationParts.recording(),
    };
  }
}
