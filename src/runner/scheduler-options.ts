/** The Scheduler's options for a scenario: its profiles, user plugins and timing. */
import { makeDistribution } from '../engine/distributions.js';
import type { Scenario } from '../scenario/model.js';
import { registryWith } from '../scenario/scheduler-config.js';
import type { AttemptTracer } from '../scheduler/explain.js';
import type { DecisionTimeModel, SchedulerOptions } from '../scheduler/scheduler.js';

export function schedulerOptions(scenario: Scenario, tracer?: AttemptTracer): SchedulerOptions {
  const timing = scenario.timing.scheduler;
  const decision = timing.decisionTime;
  const decisionTime: DecisionTimeModel | undefined = decision === undefined ? undefined : {
    ...(decision.perPod === undefined ? {} : { perPod: makeDistribution(decision.perPod) }),
    ...(decision.per1000FilteredNodes === undefined ? {} : { per1000FilteredNodes: makeDistribution(decision.per1000FilteredNodes) }),
    ...(decision.per1000ScoredNodes === undefined ? {} : { per1000ScoredNodes: makeDistribution(decision.per1000ScoredNodes) }),
  };
  return {
    ...scenario.scheduler.settings,
    registry: registryWith(scenario.scheduler.pluginFiles),
    ...(timing.bindDelay === undefined ? {} : { bindDelay: makeDistribution(timing.bindDelay) }),
    ...(decisionTime === undefined ? {} : { decisionTime }),
    ...(tracer === undefined ? {} : { tracer }),
    ...(scenario.scheduler.tieBreak === undefined ? {} : { tieBreak: scenario.scheduler.tieBreak }),
  };
}
