/**
 * What `kubesim explain` shows about one scheduling attempt: every PreFilter
 * result, every filter plugin's verdict on every node (all plugins run, not
 * just up to the first rejection, so every reason shows), and every score
 * plugin's raw, normalized and weighted score on the nodes the attempt
 * scored, with the outcome.
 */
import type { Pod } from '../api/types/pod.js';
import type { Framework, ScoreBreakdown } from './framework/framework.js';
import type { CycleState } from './framework/interfaces.js';
import type { NodeInfo } from './framework/node-info.js';
import type { Status } from './framework/status.js';

export interface PluginVerdict {
  readonly plugin: string;
  readonly code: Status['code'];
  readonly reasons: readonly string[];
}

export interface NodeTrace {
  readonly node: string;
  readonly filters: readonly PluginVerdict[];
  readonly feasible: boolean;
}

export interface AttemptTrace {
  readonly pod: string;
  readonly atMs: number;
  readonly profile: string;
  readonly attempt: number;
  /** Filled in by the attempt as it runs, like the fields below. */
  preFilter: readonly PluginVerdict[];
  nodes: readonly NodeTrace[];
  /** Nodes the node search examined (schedule_one.go findNodesThatPassFilters), in search order. */
  evaluatedNodes: number;
  /** Nodes that were scored, in order, with per-plugin scores and totals. */
  scoredNodes: readonly string[];
  scores: readonly ScoreBreakdown[];
  totals: readonly number[];
  outcome: string;
}

/** Runs every active filter plugin on every node for a trace (nodes are not changed). */
export function traceFilters(framework: Framework, state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): NodeTrace[] {
  const filters = framework.activeFilters(state);
  return nodes.map((node) => {
    const verdicts = filters.map((plugin) => {
      const status = plugin.filter(state, pod, node);
      return { plugin: plugin.name, code: status.code, reasons: status.reasons };
    });
    const feasible = verdicts.every((v) => v.code === 'Success' || v.code === 'Skip');
    return { node: node.name, filters: verdicts, feasible };
  });
}

/** Sink for traces; `wants` decides which attempts are traced. */
export interface AttemptTracer {
  wants(pod: Pod, nowMs: number): boolean;
  record(trace: AttemptTrace): void;
}
