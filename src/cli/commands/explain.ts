/**
 * `kubesim explain <scenario> --pod NAME [--at TIME]`: runs the scenario up
 * to the pod's first scheduling attempt at or after TIME and prints every
 * filter plugin's verdict on every node and every score plugin's scores on
 * the nodes that attempt scored. NAME is a pod name, or the start of one
 * (Deployment pods get generated suffixes).
 */
import { parseArgs } from 'node:util';
import { formatDuration, parseDuration } from '../../engine/time.js';
import { SimulatedCluster } from '../../runner/cluster.js';
import { loadScenario } from '../../scenario/load.js';
import type { AttemptTrace } from '../../scheduler/explain.js';
import { EXIT_OK, EXIT_RUN_FAILED } from '../exit-codes.js';
import { UsageError } from '../usage-error.js';

function table(rows: ReadonlyArray<readonly string[]>): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}

export function renderTrace(trace: AttemptTrace): string {
  const lines: string[] = [
    `Pod ${trace.pod}, profile ${trace.profile}, attempt ${trace.attempt} at ${formatDuration(trace.atMs)}`,
    `Outcome: ${trace.outcome}`,
    '',
    `PreFilter: ${trace.preFilter.map((v) => `${v.plugin} ${v.code}${v.reasons.length > 0 ? ` (${v.reasons.join(', ')})` : ''}`).join(', ')}`,
  ];
  if (trace.nodes.length > 0) {
    const plugins = trace.nodes[0]?.filters.map((f) => f.plugin) ?? [];
    lines.push('', 'Filters (every plugin on every node; "ok" passes):');
    lines.push(...table([
      ['NODE', ...plugins, 'FEASIBLE'],
      ...trace.nodes.map((n) => [n.node, ...n.filters.map((f) => (f.code === 'Success' ? 'ok' : f.reasons.join('; ') || f.code)), n.feasible ? 'yes' : 'no']),
    ]).map((l) => `  ${l}`));
    lines.push('', `The node search examined ${trace.evaluatedNodes} node(s) from the rotating start index.`);
  }
  if (trace.scoredNodes.length > 0) {
    lines.push('', 'Scores (normalized × weight = weighted; raw before normalization in parentheses):');
    lines.push(...table([
      ['NODE', ...trace.scores.map((s) => `${s.plugin} (×${s.weight})`), 'TOTAL'],
      ...trace.scoredNodes.map((node, i) => [
        node,
        ...trace.scores.map((s) => `${s.normalized[i] ?? 0}×${s.weight}=${(s.normalized[i] ?? 0) * s.weight} (${s.raw[i] ?? 0})`),
        String(trace.totals[i] ?? 0),
      ]),
    ]).map((l) => `  ${l}`));
  } else if (trace.outcome.startsWith('scheduled')) {
    lines.push('', 'No scoring: a single feasible node (or the nominated node) is chosen without scores.');
  }
  return `${lines.join('\n')}\n`;
}

export function explainCommand(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { pod: { type: 'string' }, at: { type: 'string' }, seed: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('explain expects exactly one scenario file');
  const podName = values.pod;
  if (podName === undefined || podName === '') throw new UsageError('explain needs --pod NAME');
  let atMs = 0;
  if (values.at !== undefined) {
    const parsed = parseDuration(values.at);
    if (!parsed.ok) throw new UsageError(`--at: ${parsed.reason}`);
    atMs = parsed.ms;
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  const scenario = loadScenario(positionals[0] as string, seed === undefined || !Number.isSafeInteger(seed) ? {} : { seed });
  let found: AttemptTrace | undefined;
  const cluster = new SimulatedCluster(scenario, {
    tracer: {
      wants: (pod, nowMs) => found === undefined && nowMs >= atMs && (pod.metadata.name === podName || pod.metadata.name.startsWith(podName)),
      record: (trace) => {
        found = trace;
        cluster.sim.stop('explained');
      },
    },
  });
  cluster.run();
  if (found === undefined) {
    process.stderr.write(`kubesim explain: no scheduling attempt of a pod named "${podName}"${atMs > 0 ? ` at or after ${formatDuration(atMs)}` : ''} in ${formatDuration(scenario.durationMs)}\n`);
    return EXIT_RUN_FAILED;
  }
  process.stdout.write(renderTrace(found));
  return EXIT_OK;
}
