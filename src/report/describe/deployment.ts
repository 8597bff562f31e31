/**
 * `kubectl describe deployment` of a Deployment at a simulated time, from
 * a report folder: the layout of DeploymentDescriber.Describe in
 * k8s.io/kubectl/pkg/describe/describe.go (Name … RollingUpdateStrategy,
 * Pod Template, Conditions, OldReplicaSets/NewReplicaSet, Events), with
 * times as simulated time. The state is the last one recorded at or
 * before the time (report.json deployments[].states, and the counts of
 * deployments[].series); the ReplicaSets are
 * those the Deployment owns then, the new one being the one whose pod
 * template is the Deployment's (deploymentutil.FindNewReplicaSet), the
 * old ones those still asked for replicas (FindOldReplicaSets' required
 * ReplicaSets); the events are the Deployment's own (its involvedObject),
 * as `kubectl describe` searches them.
 */
import { formatDuration } from '../../engine/time.js';
import type { DeploymentState } from '../../metrics/types.js';
import type { LoggedEvent } from '../text/event-log.js';
import { eventLines, heading, multiline, pointAt, selectorString, whenText, withoutHash, type Described, type DescribeReport } from './parts.js';
import { tabbed, type Line } from './tabbed.js';

function replicaSetsAt(report: DescribeReport, namespace: string, name: string, state: DeploymentState, atMs: number): { readonly old: string; readonly current: string } {
  const owned = report.replicaSets
    .filter((rs) => rs.namespace === namespace && rs.owner === `Deployment/${name}` && rs.createdMs <= atMs && (rs.deletedMs === undefined || rs.deletedMs > atMs))
    .map((rs) => ({ rs, point: pointAt(rs.series, atMs) }))
    .sort((a, b) => (a.rs.name < b.rs.name ? -1 : a.rs.name > b.rs.name ? 1 : 0));
  const template = `${withoutHash(state.template.labels)}${JSON.stringify(state.template.containers.map((c) => [c.name, c.image]))}`;
  const matching = owned.filter(({ rs }) => rs.podTemplate !== undefined && `${withoutHash(rs.podTemplate.labels)}${JSON.stringify(rs.podTemplate.containers.map((c) => [c.name, c.image]))}` === template);
  // Two ReplicaSets with one template cannot both be current: the newest revision is.
  const current = matching.sort((a, b) => (b.rs.revision ?? 0) - (a.rs.revision ?? 0))[0];
  const created = (x: (typeof owned)[number]): string => `${x.rs.name} (${x.point?.replicas ?? 0}/${x.point?.specReplicas ?? 0} replicas created)`;
  const old = owned.filter((x) => x !== current && (x.point?.specReplicas ?? 0) !== 0).map(created);
  return { old: old.join(', ') || '<none>', current: current === undefined ? '<none>' : created(current) };
}

function podTemplate(state: DeploymentState): Line[] {
  const lines: Line[] = [['Pod Template:'], ...multiline('  Labels', state.template.labels, '='), ['  Containers:']];
  for (const c of state.template.containers) {
    lines.push([`   ${c.name}:`], ['    Image:', c.image || '<none>']);
    if (c.requests !== undefined) {
      lines.push(['    Requests:']);
      for (const [resource, quantity] of Object.entries(c.requests).sort()) lines.push([`      ${resource}:`, quantity]);
    }
  }
  return lines;
}

/** The Deployment at `atMs` (default: the end of the run), or why it cannot be shown then. */
export function describeDeployment(report: DescribeReport, events: readonly LoggedEvent[], namespace: string, name: string, atMs?: number): Described {
  const endMs = report.scenario.durationMs;
  const at = atMs ?? endMs;
  const when = whenText(at, atMs !== undefined);
  const records = report.deployments.filter((d) => d.namespace === namespace && d.name === name);
  if (records.length === 0) {
    const known = report.deployments.filter((d) => d.namespace === namespace).map((d) => d.name);
    return { ok: false, message: `no Deployment "${name}" in namespace ${namespace} in this run (it has: ${known.join(', ') || 'none'})` };
  }
  // A Deployment deleted and created again under its name: the one that existed at the time.
  const record = records.filter((d) => d.createdMs <= at).at(-1);
  if (record === undefined) return { ok: false, message: `deployment/${name} was created at +${formatDuration(records[0]?.createdMs ?? 0)}, after ${when}` };
  if (record.deletedMs !== undefined && record.deletedMs <= at) return { ok: false, message: `deployment/${name} was deleted at +${formatDuration(record.deletedMs)}, before ${when}` };
  if (record.states === undefined || record.series[0]?.statusReplicas === undefined) return { ok: false, message: 'this report.json was written by a kubesim without Deployment states (deployments[].states): run the scenario again' };
  const state = pointAt(record.states, at);
  const counts = pointAt(record.series, at);
  if (state === undefined || counts === undefined) return { ok: false, message: `deployment/${name} has no recorded state at ${when}` };
  const rs = replicaSetsAt(report, namespace, name, state, at);
  const own = events.filter((e) => e.kind === 'Deployment' && e.name === name && (e.namespace ?? 'default') === namespace && e.tMs <= at && e.tMs >= record.createdMs);
  const lines: Line[] = [
    heading(`deployment/${name}`, when),
    ['Name:', name],
    ['Namespace:', namespace],
    ['CreationTimestamp:', `+${formatDuration(record.createdMs)}`],
    ...multiline('Labels', state.labels, '='),
    ...multiline('Annotations', state.annotations, ': '),
    ['Selector:', selectorString(state.selector)],
    ['Replicas:', `${state.replicas} desired | ${counts.updatedReplicas} updated | ${counts.statusReplicas} total | ${counts.availableReplicas} available | ${counts.unavailableReplicas} unavailable`],
    ['StrategyType:', state.strategyType],
    ['MinReadySeconds:', String(state.minReadySeconds)],
    ...(state.rollingUpdate === undefined ? [] : [['RollingUpdateStrategy:', `${state.rollingUpdate.maxUnavailable} max unavailable, ${state.rollingUpdate.maxSurge} max surge`]]),
    ...podTemplate(state),
    ...(state.conditions.length === 0 ? [] : [
      ['Conditions:'],
      ['  Type', 'Status', 'Reason'],
      ['  ----', '------', '------'],
      ...state.conditions.map((c): Line => [`  ${c.type} `, c.status, c.reason]),
    ]),
    ['OldReplicaSets:', rs.old],
    ['NewReplicaSet:', rs.current],
    ...eventLines(own, at),
  ];
  return { ok: true, text: tabbed(lines) };
}
