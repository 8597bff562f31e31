/**
 * `kubesim history <report.json> --deployment NAME [--namespace NS]
 * [--revision N]`: the rollout history of a Deployment as `kubectl rollout
 * history` prints it, from the ReplicaSets that still existed at the end of
 * the run (history cleanup deletes the oldest beyond revisionHistoryLimit).
 */
import { readFileSync } from 'node:fs';
import type { ReplicaSetRecord } from '../metrics/types.js';
import { SCHEMA_VERSION } from '../report/report.js';

interface ReportShape {
  readonly replicaSets?: readonly ReplicaSetRecord[];
  readonly deployments?: ReadonlyArray<{ readonly name: string; readonly namespace: string }>;
}

export type HistoryResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

export function rolloutHistory(report: ReportShape, deployment: string, namespace: string, revision?: number): HistoryResult {
  if (!(report.deployments ?? []).some((d) => d.name === deployment && d.namespace === namespace)) {
    return { ok: false, message: `deployments.apps "${deployment}" not found in namespace "${namespace}"` };
  }
  const owned = (report.replicaSets ?? [])
    .filter((rs) => rs.owner === `Deployment/${deployment}` && rs.namespace === namespace && rs.deletedMs === undefined && rs.revision !== undefined)
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  if (revision === undefined) {
    const lines = [`deployment.apps/${deployment} `, 'REVISION  CHANGE-CAUSE'];
    for (const rs of owned) lines.push(`${String(rs.revision).padEnd(8)}  ${rs.changeCause ?? '<none>'}`);
    return { ok: true, text: `${lines.join('\n')}\n\n` };
  }
  const rs = owned.find((r) => r.revision === revision);
  if (rs === undefined) return { ok: false, message: `unable to find the specified revision ${revision}` };
  const template = rs.podTemplate;
  const labels = Object.entries(template?.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  const lines = [`deployment.apps/${deployment} with revision #${revision}`, 'Pod Template:', `  Labels:\t${labels.join('\n\t')}`];
  const annotations = Object.entries(template?.annotations ?? {}).map(([k, v]) => `${k}: ${v}`);
  if (annotations.length > 0) lines.push(`  Annotations:\t${annotations.join('\n\t')}`);
  lines.push('  Containers:');
  for (const c of template?.containers ?? []) lines.push(`   ${c.name}:`, `    Image:\t${c.image}`);
  return { ok: true, text: `${lines.join('\n')}\n\n` };
}

/** A run's report.json; another file, or another schema version, is named as such (not "deployment not found"). */
export function readReport(file: string): ReportShape {
  const report = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const version = (report as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof report !== 'object' || report === null || version === undefined) throw new Error('not a kubesim run report (it has no schemaVersion)');
  if (version !== SCHEMA_VERSION) throw new Error(`report schemaVersion ${JSON.stringify(version)} is not one this kubesim reads (schemaVersion ${SCHEMA_VERSION}); re-run the scenario with this version`);
  return report;
}
