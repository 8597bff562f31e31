/**
 * `kubesim`: the library behind the command (README, "Use as a library").
 * The same pipeline the CLI runs, step by step:
 *
 *   loadScenario(file) → runScenario(scenario) → { report, pods, events, stats }
 *   → writeRunOutputs(folder, result), or render the parts yourself
 *     (renderRunHtml, reportCsvFiles, renderSummary).
 *
 * Benches and plans: loadBench / runBench and loadPlan / runPlan, which
 * run their cells on worker threads and write their reports to `out`.
 * Scheduler plugins are written against `kubesim/plugin`.
 *
 * Bad input is thrown as ScenarioError (its `issues` name file, line,
 * column and field); a run that breaks a rule as SimulationError.
 */
import { renderRunHtml as renderRunPage } from './report/html/run-report.js';
import type { Report } from './report/report.js';

export { loadScenario, type LoadOptions } from './scenario/load.js';
export type { Scenario, TimelineEntry } from './scenario/model.js';
export { formatIssue, ScenarioError, type ScenarioIssue, type SourcePosition } from './scenario/errors.js';

export { runScenario, type RunResult } from './runner/run-scenario.js';
export type { ActionResult, ClusterOptions } from './runner/cluster.js';
export { SimulationError } from './engine/errors.js';
export { UserPluginError, UserPluginFailure } from './scheduler/config/user-plugins.js';

export { SCHEMA_VERSION, type Report } from './report/report.js';
export type { EventRecord } from './metrics/types.js';
export { writeRunOutputs } from './cli/output.js';
export { reportCsvFiles, type CsvFile } from './report/csv.js';
export { renderSummary, summaryJson } from './report/text/run-summary.js';

export { loadBench, type BenchDefinition } from './bench/bench-spec.js';
export { runBench, type BenchRun, type BenchRunOptions } from './bench/run-bench.js';
export { BENCH_SCHEMA_VERSION, type BenchReport } from './bench/bench-report.js';
export { loadPlan, type PlanDefinition } from './bench/plan-spec.js';
export { runPlan, type PlanRunOptions } from './bench/run-plan.js';
export { PLAN_SCHEMA_VERSION, type PlanReport } from './bench/plan-report.js';

/**
 * The run's report.html: charts and tables, the chart libraries inlined so
 * it opens offline. A function of its own so that the published types stop
 * here instead of reaching the chart modules' vega-lite types (vega-lite is
 * a build-time dependency, not installed with the package).
 */
export function renderRunHtml(report: Report): string {
  return renderRunPage(report);
}
