/**
 * InterPodAffinity's filter (k/k pkg/scheduler/framework/plugins/
 * interpodaffinity/filtering.go): the incoming pod's required affinity and anti-affinity, and the
 * existing pods' required anti-affinity, per topology pair. Each case checks
 * the node-by-node filter and the batch one (filterAll) against the same
 * verdicts, and a preemption-style copy of the state leaves the original
 * (and the cache's counts it reads) untouched.
 */
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/api/types/node.js';
import type { Affinity, Pod } from '../../src/api/types/pod.js';
import type { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { podInfoOf } from '../../src/scheduler/framework/pod-info.js';
import type { Status } from '../../src/scheduler/framework/status.js';
import { interPodAffinity } from '../../src/scheduler/plugins/interpodaffinity/plugin.js';
import { cluster, newState } from './helpers.js';
import { makeNode, makePod } from '../helpers/builders.js';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const web = { matchLabels: { app: 'web' } };
const antiWeb = (topologyKey: string): Affinity => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: web, topologyKey }] } });
const withWeb = (topologyKey: string): Affinity => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: web, topologyKey }] } });

/** Nodes a (zone 1), b (zone 1), c (zone 2), d (no zone label), with the given pods on them. */
function fourNodes(pods: Partial<Record<'a' | 'b' | 'c' | 'd', Pod[]>>): ReturnType<typeof cluster> {
  const node = (name: 'a' | 'b' | 'c' | 'd', zone?: string): readonly [Node, Pod[]] => [makeNode(name, { labels: zone === undefined ? {} : { [ZONE]: zone } }), pods[name] ?? []];
  return cluster([node('a', 'z1'), node('b', 'z1'), node('c', 'z2'), node('d')]);
}

/** Per node: the reason it is rejected for, or 'ok'; the batch form must agree. */
function verdicts(nodes: readonly NodeInfo[], handle: ReturnType<typeof cluster>['handle'], pod: Pod): string[] {
  const plugin = interPodAffinity(undefined, handle);
  const state = newState();
  const pre = plugin.preFilter(state, pod, nodes);
  if (pre.status.code === 'Skip') return nodes.map(() => 'ok');
  const one = nodes.map((n) => plugin.filter(state, pod, n));
  const batch: Array<Status | undefined> = nodes.map(() => undefined);
  plugin.filterAll?.(state, pod, nodes, nodes.length, batch);
  expect(batch.map((s) => s?.reasons[0] ?? 'ok')).toEqual(one.map((s) => (s.code === 'Success' ? 'ok' : s.reasons[0])));
  return one.map((s) => (s.code === 'Success' ? 'ok' : `${s.code}: ${s.reasons[0] ?? ''}`));
}

const ANTI = "Unschedulable: node(s) didn't match pod anti-affinity rules";
const EXISTING = "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules";
const AFFINITY = "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules";

describe('InterPodAffinity filter', () => {
  it.each<[string, Partial<Record<'a' | 'b' | 'c' | 'd', Pod[]>>, Pod, string[]]>([
    // a web pod on a: anti-affinity on hostname rejects a only
    ['anti-affinity on hostname rejects the node holding a matching pod', { a: [makePod('w1', { labels: { app: 'web' } })] }, makePod('p', { labels: { app: 'web' }, affinity: antiWeb(HOST) }), [ANTI, 'ok', 'ok', 'ok']],
    // on zone: a and b share z1 with the web pod; d has no zone label, so no pair can match there
    ['anti-affinity on zone rejects every node of that zone', { a: [makePod('w1', { labels: { app: 'web' } })] }, makePod('p', { labels: { app: 'web' }, affinity: antiWeb(ZONE) }), [ANTI, ANTI, 'ok', 'ok']],
    // c holds a pod that keeps web pods out of its zone: c is rejected for the incoming web pod (the pod itself has no terms)
    ['an existing pod\'s anti-affinity rejects the nodes of its topology', { c: [makePod('guard', { labels: { app: 'guard' }, affinity: antiWeb(ZONE) })] }, makePod('p', { labels: { app: 'web' } }), ['ok', 'ok', EXISTING, 'ok']],
    // the guard's term does not select this pod's labels: nothing rejected
    ['an existing pod\'s anti-affinity ignores pods it does not select', { c: [makePod('guard', { labels: { app: 'guard' }, affinity: antiWeb(ZONE) })] }, makePod('p', { labels: { app: 'api' } }), ['ok', 'ok', 'ok', 'ok']],
    // affinity on zone with a web pod on c: only c's zone; d lacks the key and is rejected too
    ['affinity admits only the zones with a matching pod', { c: [makePod('w1', { labels: { app: 'web' } })] }, makePod('p', { labels: { app: 'api' }, affinity: withWeb(ZONE) }), [AFFINITY, AFFINITY, 'ok', AFFINITY]],
    // no web pod anywhere, but the pod matches its own term: the first pod of the group may go anywhere with the key
    ['the first pod of a self-affine group goes to any node with the key', {}, makePod('p', { labels: { app: 'web' }, affinity: withWeb(ZONE) }), ['ok', 'ok', 'ok', AFFINITY]],
    // no web pod and the pod is not web itself: nowhere
    ['affinity to pods that do not exist admits no node', {}, makePod('p', { labels: { app: 'api' }, affinity: withWeb(ZONE) }), [AFFINITY, AFFINITY, AFFINITY, AFFINITY]],
  ])('%s', (_name, pods, pod, expected) => {
    const { nodes, handle } = fourNodes(pods);
    expect(verdicts(nodes, handle, pod)).toEqual(expected);
  });

  it('forgets the previous cycle\'s blocked pairs in the next one (one plugin, two pods in a row)', () => {
    const { nodes, handle } = fourNodes({ a: [makePod('w1', { labels: { app: 'web' } })], b: [makePod('x1', { labels: { app: 'api' } })] });
    const plugin = interPodAffinity(undefined, handle);
    const batch = (pod: Pod): string[] => {
      const state = newState();
      plugin.preFilter(state, pod, nodes);
      const statuses: Array<Status | undefined> = nodes.map(() => undefined);
      plugin.filterAll?.(state, pod, nodes, nodes.length, statuses);
      return statuses.map((s) => (s === undefined ? 'ok' : 'rejected'));
    };
    expect(batch(makePod('p1', { labels: { app: 'web' }, affinity: antiWeb(HOST) }))).toEqual(['rejected', 'ok', 'ok', 'ok']);
    // Anti-affinity to api pods: b is blocked now, and a no longer.
    const antiApi: Affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'api' } }, topologyKey: HOST }] } };
    expect(batch(makePod('p2', { labels: { app: 'web' }, affinity: antiApi }))).toEqual(['ok', 'rejected', 'ok', 'ok']);
  });

  it('keeps the original state (and the cache counts it borrows) when a copy adds a pod, as preemption does', () => {
    const { nodes, handle } = fourNodes({ a: [makePod('w1', { labels: { app: 'web' } })] });
    const plugin = interPodAffinity(undefined, handle);
    const pod = makePod('p', { labels: { app: 'web' }, affinity: antiWeb(HOST) });
    const state = newState();
    plugin.preFilter(state, pod, nodes);
    const before = nodes.map((n) => plugin.filter(state, pod, n).code);
    // A nominated web pod on c, added to a copy of the state: c is now rejected in the copy only.
    const copy = state.clone();
    const nominated = makePod('w2', { labels: { app: 'web' }, nodeName: 'c' });
    plugin.addPod?.(copy, pod, podInfoOf(nominated), nodes[2] as NodeInfo);
    expect(plugin.filter(copy, pod, nodes[2] as NodeInfo).code).toBe('Unschedulable');
    expect(nodes.map((n) => plugin.filter(state, pod, n).code)).toEqual(before);
    // The cache's own per-host count still holds only w1.
    const term = podInfoOf(pod).requiredAntiAffinityTerms[0];
    expect([...handle.podCounts.matching([term as NonNullable<typeof term>], false).domains(HOST)]).toEqual([['a', 1]]);
  });
});
