/**
 * What a pod worker and its steps (image pulls, probes) work with: the
 * kubelet's clock, client, runtime and timings, and what the probes ask of
 * the worker. Its own module so that the steps need not import the worker.
 */
import type { ApiClient } from '../api/client.js';
import type { KubeObject } from '../api/types/meta.js';
import type { Pod } from '../api/types/pod.js';
import type { Distribution } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { Simulation } from '../engine/simulation.js';
import type { ConfigKind } from './config-refs.js';
import type { ContainerSlot } from './container-slot.js';
import type { ImagePuller } from './image-puller.js';
import type { ImageCatalog } from './images.js';
import type { ContainerRuntime, RuntimeContainer } from './runtime.js';

export interface PodWorkerContext {
  readonly sim: Simulation;
  readonly client: ApiClient;
  readonly runtime: ContainerRuntime;
  readonly puller: ImagePuller;
  readonly images: ImageCatalog;
  readonly podStartup: Distribution;
  readonly podShutdown: Distribution;
  /** timing.kubelet.runTime: how long containers of batch pods run when nothing else says. */
  readonly batchRunTime: Distribution | undefined;
  readonly startupRng: Rng;
  readonly shutdownRng: Rng;
  readonly retryRng: Rng;
  readonly hostIP: string;
  readonly label: string;
  /** The kubelet's cached ConfigMap or Secret. */
  lookupConfig(namespace: string, kind: ConfigKind, name: string): KubeObject | undefined;
  /** Termination finished and the API object was deleted. */
  finished(uid: string): void;
  /** The worker has something for the next periodic status sync to check (PodWorker.resync). */
  statusSyncNeeded(): void;
}

/** The pod worker as its probes see it (pod-probes.ts). */
export interface ProbedPod {
  readonly podRef: Pod;
  runtimeContainer(name: string): RuntimeContainer | undefined;
  writeStatus(): void;
  killForRestart(slot: ContainerSlot, probe: 'liveness' | 'startup'): void;
}
