/**
 * `kubectl describe replicaset` of a ReplicaSet at a simulated time: the
 * layout of ReplicaSetDescriber in k8s.io/kubectl/pkg/describe/describe.go
 * (Name, Namespace, Selector, Labels, Annotations, Controlled By,
 * Replicas "N current / N desired", Pods Status, Pod Template, Events).
 * A ReplicaSet of a Deployment carries the template's labels and selects
 * with the Deployment's selector plus its pod-template-hash
 * (pkg/controller/deployment/sync.go, getNewReplicaSet); for one created
 * on its own those are not recorded and their lines are left out, as is
 * Annotations before the end of a run in which its revision moved.
 */
import type { LoggedEvent } from '../text/event-log.js';
import { eventLines, existingAt, heading, multiline, ownEvents, phaseAt, pointAt, podsAt, selectorString, whenText, type Described, type DescribeReport } from './parts.js';
import { tabbed, type Line } from './tabbed.js';

export function describeReplicaSet(report: DescribeReport, events: readonly LoggedEvent[], namespace: string, name: string, atMs?: number): Described {
  const endMs = report.scenario.durationMs;
  const at = atMs ?? endMs;
  const when = whenText(at, atMs !== undefined);
  const records = report.replicaSets.filter((rs) => rs.namespace === namespace && rs.name === name);
  if (records.length === 0) {
    const known = report.replicaSets.filter((rs) => rs.namespace === namespace).map((rs) => rs.name);
    return { ok: false, message: `no ReplicaSet "${name}" in namespace ${namespace} in this run (it has: ${known.join(', ') || 'none'})` };
  }
  const record = existingAt(records, `replicaset/${name}`, at, when);
  if ('problem' in record) return { ok: false, message: record.problem };
  const point = pointAt(record.series, at);
  const template = record.podTemplate;
  const deploymentName = record.owner?.startsWith('Deployment/') === true ? record.owner.slice('Deployment/'.length) : undefined;
  const deployment = deploymentName === undefined ? undefined : report.deployments.find((d) => d.namespace === namespace && d.name === deploymentName && d.createdMs <= record.createdMs);
  const deploymentState = deployment?.states === undefined ? undefined : pointAt(deployment.states, at);
  const hash = template?.labels['pod-template-hash'];
  const selector = deploymentState === undefined || hash === undefined ? undefined
    : selectorString({ ...deploymentState.selector, matchLabels: { ...(deploymentState.selector.matchLabels ?? {}), 'pod-template-hash': hash } });
  const annotations = {
    ...(record.revision === undefined ? {} : { 'deployment.kubernetes.io/revision': String(record.revision) }),
    ...(record.revisionHistory === undefined ? {} : { 'deployment.kubernetes.io/revision-history': record.revisionHistory }),
    ...(record.changeCause === undefined ? {} : { 'kubernetes.io/change-cause': record.changeCause }),
  };
  const mine = podsAt(report.pods, at).filter((p) => p.namespace === namespace && p.owner === `ReplicaSet/${name}` && p.createdMs >= record.createdMs);
  const phases = mine.map((p) => phaseAt(p, at, endMs));
  const count = (phase: string): number => phases.filter((p) => p === phase).length;
  const lines: Line[] = [
    heading(`replicaset/${name}`, when),
    ['Name:', name],
    ['Namespace:', namespace],
    ...(selector === undefined ? [] : [['Selector:', selector]]),
    ...(deploymentState === undefined || template === undefined ? [] : multiline('Labels', template.labels, '=')),
    // The revision is the one it ended the run with: before the end, only if it never changed.
    ...(at < endMs && record.revisionHistory !== undefined ? [] : multiline('Annotations', annotations, ': ')),
    ...(record.owner === undefined ? [] : [['Controlled By:', record.owner]]),
    ['Replicas:', `${point?.replicas ?? 0} current / ${point?.specReplicas ?? 0} desired`],
    ...(phases.includes(undefined) ? [] : [['Pods Status:', `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`]]),
    ...(template === undefined ? [] : [
      ['Pod Template:'],
      ...multiline('  Labels', template.labels, '='),
      ['  Containers:'],
      ...template.containers.flatMap((c): Line[] => [[`   ${c.name}:`], ['    Image:', c.image || '<none>']]),
    ]),
    ...eventLines(ownEvents(events, 'ReplicaSet', namespace, name, record.createdMs, at), at),
  ];
  return { ok: true, text: tabbed(lines) };
}
