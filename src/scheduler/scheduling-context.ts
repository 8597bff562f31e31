/**
 * What one scheduling cycle and its binding cycle use of the scheduler
 * (attempt.ts, failure.ts, binding-cycle.ts): upstream these are methods of
 * the Scheduler in schedule_one.go. Here they take this narrow view, so
 * they cannot reach the informers, the frameworks or the event handlers,
 * and scheduler.ts is the only module that knows the whole Scheduler.
 */
import type { ApiClient } from '../api/client.js';
import type { Pod } from '../api/types/pod.js';
import type { Rng } from '../engine/random.js';
import type { Simulation } from '../engine/simulation.js';
import type { SchedulerCache } from './cache.js';
import type { AttemptTracer } from './explain.js';
import type { Nominator } from './nominator.js';
import type { SchedulingQueue } from './queue/scheduling-queue.js';
import type { WaitingPods } from './waiting-pods.js';

export interface SchedulingContext {
  /** The simulated clock: the current time and events after a delay. */
  readonly sim: Pick<Simulation, 'nowMs' | 'after'>;
  readonly client: ApiClient;
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly nominator: Nominator;
  readonly waitingPods: WaitingPods;
  /** The random stream selectHost breaks ties with. */
  readonly tieBreak: Rng;
  /** Ties go to the smallest node name instead (spec.scheduler.tieBreak: nodeName, as the FGD paper's simulator). */
  readonly tieBreakByNodeName: boolean;
  /** Receives traces of the attempts it asks for (`kubesim explain`). */
  readonly tracer: AttemptTracer | undefined;
  /**
   * The rotating start index of the node search (schedule_one.go
   * nextStartNodeIndex): each search starts where the last one stopped.
   */
  nextStartNodeIndex: number;
  /** The informer's current copy of a pod. */
  currentPod(pod: Pod): Pod | undefined;
  /** Runs `fn` and reports its wall time under `point` when instrumented. */
  timed<T>(point: string, fn: () => T): T;
}
