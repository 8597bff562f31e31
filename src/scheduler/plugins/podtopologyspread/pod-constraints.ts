/**
 * The spread constraints of a pod for one action (DoNotSchedule for
 * Filter, ScheduleAnyway for Score), as plugin.go's PreFilter and PreScore
 * derive them: the pod's own constraints when it has any, else the
 * profile's defaults with the pod's default selector (buildDefaultConstraints).
 * Memoized, since PreFilter, PreScore and the queueing hints ask about the
 * same pod in a row, and the pods of one ReplicaSet share a default selector.
 * Everything derived from Services, ReplicaSets or StatefulSets is dropped
 * when the listers' generation changes.
 */
import type { Pod, TopologySpreadConstraint } from '../../../api/types/pod.js';
import type { Listers } from '../../framework/interfaces.js';
import type { CompiledSelector } from '../../framework/selectors.js';
import { buildDefaultConstraints, filterConstraints, SelectorCache, type SpreadConstraint } from './constraints.js';

export type SpreadAction = 'DoNotSchedule' | 'ScheduleAnyway';

interface LastPod {
  pod: Pod | undefined;
  generation: number;
  constraints: SpreadConstraint[];
}

interface LastDefault {
  readonly selector: CompiledSelector | undefined;
  readonly constraints: SpreadConstraint[];
}

const NO_DEFAULT: LastDefault = { selector: undefined, constraints: [] };

export class PodConstraints {
  private readonly selectors = new SelectorCache();
  /** Whether any default constraint has the action (the system defaults are all ScheduleAnyway: PreFilter needs no default selector). */
  private readonly anyDefault: Record<SpreadAction, boolean>;
  /** Default constraints per action and default selector, for the listers' generation below. */
  private readonly byDefaultSelector = new Map<string, SpreadConstraint[]>();
  private generation = -1;
  /** The last default selector and its constraints per action: no key string for the next pod of the same ReplicaSet. */
  private readonly lastDefault: Record<SpreadAction, LastDefault> = { DoNotSchedule: NO_DEFAULT, ScheduleAnyway: NO_DEFAULT };
  private readonly lastPod: Record<SpreadAction, LastPod> = {
    DoNotSchedule: { pod: undefined, generation: -1, constraints: [] },
    ScheduleAnyway: { pod: undefined, generation: -1, constraints: [] },
  };

  constructor(
    private readonly defaults: readonly TopologySpreadConstraint[],
    private readonly listers: Listers,
  ) {
    this.anyDefault = {
      DoNotSchedule: defaults.some((c) => c.whenUnsatisfiable === 'DoNotSchedule'),
      ScheduleAnyway: defaults.some((c) => c.whenUnsatisfiable === 'ScheduleAnyway'),
    };
  }

  forPod(pod: Pod, action: SpreadAction): SpreadConstraint[] {
    const memo = this.lastPod[action];
    const generation = this.listers.generation();
    if (memo.pod !== pod || memo.generation !== generation) {
      memo.constraints = this.build(pod, action);
      memo.pod = pod;
      memo.generation = generation;
    }
    return memo.constraints;
  }

  private build(pod: Pod, action: SpreadAction): SpreadConstraint[] {
    const own = pod.spec.topologySpreadConstraints ?? [];
    if (own.length > 0) return filterConstraints(own, pod.metadata.labels ?? {}, action);
    return this.anyDefault[action] ? this.defaultsFor(pod, action) : [];
  }

  private defaultsFor(pod: Pod, action: SpreadAction): SpreadConstraint[] {
    this.dropIfListersChanged();
    const selector = this.selectors.get(pod, this.listers);
    const last = this.lastDefault[action];
    if (last.selector === selector) return last.constraints;
    const key = `${action}|${selector.key}`;
    let built = this.byDefaultSelector.get(key);
    if (built === undefined) {
      built = buildDefaultConstraints(pod, this.defaults, action, this.listers, this.selectors);
      this.byDefaultSelector.set(key, built);
    }
    this.lastDefault[action] = { selector, constraints: built };
    return built;
  }

  private dropIfListersChanged(): void {
    const generation = this.listers.generation();
    if (generation === this.generation) return;
    this.generation = generation;
    this.byDefaultSelector.clear();
    this.lastDefault.DoNotSchedule = NO_DEFAULT;
    this.lastDefault.ScheduleAnyway = NO_DEFAULT;
  }
}
