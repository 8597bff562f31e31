/**
 * `kubectl describe pod` of a pod at a simulated time, in the layout of
 * PodDescriber in k8s.io/kubectl/pkg/describe/describe.go, with what the
 * report records of it: Name, Namespace, Node ("<none>" until bound),
 * Labels and containers (its ReplicaSet's pod template), Status (the
 * phase), Controlled By, the PodScheduled=False condition of a pod the
 * scheduler could not place, and its Events (Scheduled, FailedScheduling, Pulling, Started,
 * Killing ...). What is not recorded (IP, QoS class, the other
 * conditions over time) is left out rather than guessed.
 */
import type { LoggedEvent } from '../text/event-log.js';
import { eventLines, existingAt, heading, multiline, ownEvents, phaseAt, whenText, type Described, type DescribeReport } from './parts.js';
import { tabbed, type Line } from './tabbed.js';

export function describePod(report: DescribeReport, events: readonly LoggedEvent[], namespace: string, name: string, atMs?: number): Described {
  const endMs = report.scenario.durationMs;
  const at = atMs ?? endMs;
  const when = whenText(at, atMs !== undefined);
  const records = report.pods.filter((p) => p.namespace === namespace && p.name === name);
  if (records.length === 0) return { ok: false, message: `no pod "${name}" in namespace ${namespace} in this run (kubesim events lists the pods a run made)` };
  const pod = existingAt(records, `pod/${name}`, at, when);
  if ('problem' in pod) return { ok: false, message: pod.problem };
  const replicaSet = pod.owner?.startsWith('ReplicaSet/') === true ? report.replicaSets.find((rs) => rs.namespace === namespace && rs.name === pod.owner?.slice('ReplicaSet/'.length)) : undefined;
  const template = replicaSet?.podTemplate;
  const bound = pod.scheduledMs !== undefined && pod.scheduledMs <= at;
  const phase = phaseAt(pod, at, endMs);
  const terminating = pod.terminatingMs !== undefined && pod.terminatingMs <= at;
  // kubectl shows "Terminating" for a pod whose deletion was requested (its deletionTimestamp).
  const status = terminating ? 'Terminating' : phase;
  const unschedulable = bound ? undefined : pod.schedulingFailures?.find((f) => f.tMs <= at);
  const lines: Line[] = [
    heading(`pod/${name}`, when),
    ['Name:', name],
    ['Namespace:', namespace],
    ['Node:', bound ? pod.node ?? '<none>' : '<none>'],
    ...(template === undefined ? [] : multiline('Labels', template.labels, '=')),
    ...(status === undefined ? [] : [['Status:', status]]),
    ...(pod.owner === undefined ? [] : [['Controlled By:', pod.owner]]),
    ...(template === undefined ? [] : [['Containers:'], ...template.containers.flatMap((c): Line[] => [[`  ${c.name}:`], ['    Image:', c.image || '<none>']])]),
    // A pod the scheduler could not place has one condition, PodScheduled=False (kubectl prints Type and Status).
    ...(unschedulable === undefined ? [] : [
      ['Conditions:'],
      ['  Type', 'Status'],
      ['  ----', '------'],
      ['  PodScheduled ', 'False '],
    ]),
    ...eventLines(ownEvents(events, 'Pod', namespace, name, pod.createdMs, at), at),
  ];
  return { ok: true, text: tabbed(lines) };
}
