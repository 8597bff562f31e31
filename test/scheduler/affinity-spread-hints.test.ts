/**
 * The queueing hints of InterPodAffinity and PodTopologySpread
 * (interpodaffinity/plugin.go and podtopologyspread/plugin.go
 * isSchedulableAfterPodChange / isSchedulableAfterNodeChange): which pod and
 * node events send a pod these plugins rejected back to the active queue.
 * The case of a deleted pod whose anti-affinity rejected the pending pod is
 * kubernetes/kubernetes#135325.
 */
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/api/types/node.js';
import type { Affinity, Pod, TopologySpreadConstraint } from '../../src/api/types/pod.js';
import type { QueueingHintFn } from '../../src/scheduler/framework/cluster-events.js';
import type { EnqueueExtensions } from '../../src/scheduler/framework/interfaces.js';
import { interPodAffinity } from '../../src/scheduler/plugins/interpodaffinity/plugin.js';
import { podTopologySpread } from '../../src/scheduler/plugins/podtopologyspread/plugin.js';
import { makeNode, makePod } from '../helpers/builders.js';
import { cluster } from './helpers.js';

const ZONE = 'topology.kubernetes.io/zone';
const db = { matchLabels: { app: 'db' } };
const required = (topologyKey: string) => [{ labelSelector: db, topologyKey }];
const withDb: Affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required(ZONE) } };
const awayFromDb: Affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required(ZONE) } };
/** An existing pod whose anti-affinity rejects pods labelled app=web. */
const awayFromWeb: Affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: ZONE }] } };

const bound = (name: string, app: string, affinity?: Affinity): Pod => makePod(name, { labels: { app }, nodeName: 'n1', ...(affinity === undefined ? {} : { affinity }) });
const unbound = (name: string, app: string): Pod => makePod(name, { labels: { app } });
const relabelled = (pod: Pod, app: string): Pod => ({ ...pod, metadata: { ...pod.metadata, labels: { app } } });
const zoned = (zone?: string, extra: Record<string, string> = {}): Node => makeNode('n9', { labels: { ...(zone === undefined ? {} : { [ZONE]: zone }), ...extra } });

function hints(plugin: EnqueueExtensions): { pod: QueueingHintFn; node: QueueingHintFn } {
  const events = plugin.eventsToRegister();
  const of = (resource: string): QueueingHintFn => {
    const found = events.find((e) => e.event.resource === resource)?.hint;
    if (found === undefined) throw new Error(`no ${resource} hint`);
    return found;
  };
  return { pod: of('Pod'), node: of('Node') };
}

describe('InterPodAffinity queueing hints', () => {
  const { handle } = cluster([]);
  const { pod: podHint, node: nodeHint } = hints(interPodAffinity(undefined, handle));
  const wantsDb = makePod('pending', { labels: { app: 'web' }, affinity: withDb });
  const avoidsDb = makePod('pending', { labels: { app: 'web' }, affinity: awayFromDb });
  const db1 = bound('db-1', 'db');

  it.each([
    // pending pod, old, new → hint
    ['a bound pod matching the required affinity is added', wantsDb, undefined, db1, 'Queue'],
    ['an unscheduled pod counts for nothing', wantsDb, undefined, unbound('db-2', 'db'), 'QueueSkip'],
    ['an added pod that does not match the affinity', wantsDb, undefined, bound('cache-1', 'cache'), 'QueueSkip'],
    ['a pod relabelled to match the affinity', wantsDb, bound('x', 'cache'), relabelled(bound('x', 'cache'), 'db'), 'Queue'],
    ['a pod relabelled and still matching the affinity', wantsDb, db1, relabelled(db1, 'db'), 'QueueSkip'],
    ['a pod relabelled so it no longer matches the anti-affinity', avoidsDb, db1, relabelled(db1, 'cache'), 'Queue'],
    ['a deleted pod that matched the anti-affinity', avoidsDb, db1, undefined, 'Queue'],
    ['a deleted pod unrelated to the anti-affinity', avoidsDb, bound('cache-1', 'cache'), undefined, 'QueueSkip'],
    ['a deleted pod whose own anti-affinity rejected the pending pod (#135325)', makePod('pending', { labels: { app: 'web' } }), bound('guard', 'guard', awayFromWeb), undefined, 'Queue'],
  ] as const)('%s: %s', (_, pending, oldObj, newObj, want) => {
    expect(podHint(pending, oldObj, newObj)).toBe(want);
  });

  /**
   * Upstream's vectors: interpodaffinity/plugin_test.go
   * Test_isSchedulableAfterPodChange. The pending pod wants (or avoids)
   * pods labelled service in {securityscan, value2} in its region; pods
   * nominated to a node count like bound ones (kubernetes/kubernetes#135392).
   */
  const services = { matchExpressions: [{ key: 'service', operator: 'In' as const, values: ['securityscan', 'value2'] }] };
  const wantsScan = makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: services, topologyKey: 'region' }] } } });
  const avoidsScan = makePod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: services, topologyKey: 'region' }] } } });
  const exists = (key: string) => ({ labelSelector: { matchExpressions: [{ key, operator: 'Exists' as const }] }, topologyKey: 'hostname' });
  const wantsAaaAndBbb = makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [exists('aaa'), exists('bbb')] } } });
  const onNode = (labels: Record<string, string>): Pod => makePod('x', { labels, nodeName: 'fake-node' });
  const pendingX = (labels: Record<string, string>): Pod => makePod('x', { labels });
  const nominate = (pod: Pod): Pod => ({ ...pod, status: { ...pod.status, nominatedNodeName: 'fake-node' } });
  const withLabels = (pod: Pod, labels: Record<string, string>): Pod => ({ ...pod, metadata: { ...pod.metadata, labels } });
  const scanPending = pendingX({ service: 'securityscan' });
  const aaaBound = onNode({ aaa: 'a' });
  const value2Bound = onNode({ service: 'value2' });
  const scanBound = onNode({ service: 'securityscan' });
  const bbbBound = onNode({ service: 'bbb' });

  it.each([
    ['add a bound pod matching the affinity', wantsScan, undefined, onNode({ service: 'securityscan' }), 'Queue'],
    ['add an unscheduled pod matching the affinity', wantsScan, undefined, scanPending, 'QueueSkip'],
    ['add a nominated pod matching the affinity', wantsScan, undefined, nominate(scanPending), 'Queue'],
    ['a matching pod goes from unscheduled to nominated (reads as added)', wantsScan, scanPending, nominate(scanPending), 'Queue'],
    ['a matching pod goes from nominated to unscheduled (reads as deleted: only anti-affinity counts)', wantsScan, nominate(scanPending), scanPending, 'QueueSkip'],
    ['add a bound pod not matching the affinity', wantsScan, undefined, aaaBound, 'QueueSkip'],
    ['a bound pod relabelled to match the affinity', wantsScan, aaaBound, withLabels(aaaBound, { service: 'securityscan' }), 'Queue'],
    ['a bound pod matching before and after (value2 -> securityscan)', wantsScan, value2Bound, withLabels(value2Bound, { service: 'securityscan' }), 'QueueSkip'],
    ['an unscheduled pod is updated', wantsScan, scanPending, withLabels(scanPending, { service: 'securityscan' }), 'QueueSkip'],
    ['a bound pod relabelled away from the affinity', wantsScan, scanBound, withLabels(scanBound, { aaa: 'a' }), 'QueueSkip'],
    // one existing pod must satisfy all terms: {service} matches neither aaa nor bbb exists
    ['two terms: relabelled from aaa to service', wantsAaaAndBbb, aaaBound, withLabels(aaaBound, { service: 'securityscan' }), 'QueueSkip'],
    ['two terms: relabelled from aaa to aaa+bbb', wantsAaaAndBbb, aaaBound, withLabels(aaaBound, { aaa: '', bbb: '' }), 'Queue'],
    ['anti-affinity: a bound pod relabelled away from it', avoidsScan, scanBound, withLabels(scanBound, { service: 'aaaa' }), 'Queue'],
    ['anti-affinity: a bound pod relabelled into it', avoidsScan, bbbBound, withLabels(bbbBound, { service: 'securityscan' }), 'QueueSkip'],
    ['anti-affinity: a bound pod it does not match is deleted', avoidsScan, aaaBound, undefined, 'QueueSkip'],
    ['anti-affinity: a bound pod it matches is deleted', avoidsScan, scanBound, undefined, 'Queue'],
    // the nominated pod was counted on its node by Filter, so its deletion may lift the anti-affinity
    ['anti-affinity: a nominated pod it matches is deleted (#135392)', avoidsScan, nominate(scanPending), undefined, 'Queue'],
  ] as const)('upstream pod: %s', (_, pending, oldObj, newObj, want) => {
    expect(podHint(pending, oldObj, newObj)).toBe(want);
  });

  it.each([
    // kubernetes/kubernetes#135394: its new labels may now match its own affinity, or no longer match existing pods' anti-affinity
    ['the pending pod relabels itself', wantsScan, withLabels(wantsScan, { app: 'web' }), 'Queue'],
    ['the pending pod is updated with the same labels', wantsScan, withLabels(wantsScan, {}), 'QueueSkip'],
  ] as const)('the pending pod itself: %s', (_, pending, newObj, want) => {
    expect(podHint(newObj, pending, newObj)).toBe(want);
  });

  /**
   * Upstream's vectors: interpodaffinity/plugin_test.go
   * Test_isSchedulableAfterNodeChange, with plain keys `zone` and `region`
   * as there. The pending pod wants (affinity) or avoids (anti-affinity)
   * pods labelled service in {securityscan, value2} / another=label.
   */
  const securityscan = { matchExpressions: [{ key: 'service', operator: 'In' as const, values: ['securityscan', 'value2'] }] };
  const affinityOn = (topologyKey: string): Pod => makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: securityscan, topologyKey }] } } });
  const antiAffinityOn = (topologyKey: string): Pod =>
    makePod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { another: 'label' } }, topologyKey }] } } });
  const nodeA = (labels: Record<string, string> = {}): Node => makeNode('node-a', { labels });

  it.each([
    // affinity: only a node that has (or newly has, or moves) the topology key can satisfy a term
    ['affinity: add a new node with the topology key', affinityOn('zone'), undefined, nodeA({ zone: 'zone1' }), 'Queue'],
    ['affinity: add a new node without the topology key (region wanted, zone present)', affinityOn('region'), undefined, nodeA({ zone: 'zone1' }), 'QueueSkip'],
    ['affinity: update a label, the node still lacks the key', affinityOn('zone'), nodeA({ aaa: 'a' }), nodeA({ aaa: 'b' }), 'QueueSkip'],
    ['affinity: add an unrelated label, the key unchanged', affinityOn('zone'), nodeA({ zone: 'zone1' }), nodeA({ zone: 'zone1', 'unrelated-label': 'unrelated' }), 'QueueSkip'],
    ['affinity: the key\'s value changes (zone1 -> zone2: a different domain)', affinityOn('zone'), nodeA({ zone: 'zone1' }), nodeA({ zone: 'zone2' }), 'Queue'],
    ['affinity: the node gets the key', affinityOn('zone'), nodeA({ aaa: 'a' }), nodeA({ zone: 'zone1' }), 'Queue'],
    // a node without the key never satisfies affinity, so losing it cannot help
    ['affinity: the node loses the key', affinityOn('zone'), nodeA({ zone: 'zone1' }), nodeA({ aaa: 'a' }), 'QueueSkip'],
    // anti-affinity: a node without the key always passes, so losing it (or moving domain) may help, gaining it cannot
    ['anti-affinity: add a new node with the topology key', antiAffinityOn('zone'), undefined, nodeA({ zone: 'zone1' }), 'Queue'],
    ['anti-affinity: add a new node without the topology key', antiAffinityOn('zone'), undefined, nodeA(), 'Queue'],
    ['anti-affinity: add an unrelated label, the key unchanged', antiAffinityOn('zone'), nodeA({ zone: 'zone1' }), nodeA({ zone: 'zone1', 'unrelated-label': 'unrelated' }), 'QueueSkip'],
    ['anti-affinity: the key\'s value changes', antiAffinityOn('zone'), nodeA({ zone: 'zone1' }), nodeA({ zone: 'zone2' }), 'Queue'],
    ['anti-affinity: the node gets the key (it passed anti-affinity already)', antiAffinityOn('zone'), nodeA({ aaa: 'a' }), nodeA({ zone: 'zone1' }), 'QueueSkip'],
    ['anti-affinity: the node loses the key (it now passes anti-affinity)', antiAffinityOn('zone'), nodeA({ zone: 'zone1' }), nodeA({ aaa: 'a' }), 'Queue'],
  ] as const)('upstream: %s', (_, pending, oldObj, newObj, want) => {
    expect(nodeHint(pending, oldObj, newObj)).toBe(want);
  });

  /** A pod with affinity and anti-affinity on the same key: each side reads the key's move its own way. */
  const both = makePod('pending', { affinity: { ...withDb, ...awayFromWeb } });

  it.each([
    ['a pod without required terms skips a new node', makePod('pending'), undefined, zoned('z1'), 'QueueSkip'],
    ['both: the key appears (helps the affinity)', both, zoned(), zoned('z1'), 'Queue'],
    ['both: the key disappears (helps the anti-affinity)', both, zoned('z1'), zoned(), 'Queue'],
    ['both: an unrelated label changes', both, zoned('z1'), zoned('z1', { disk: 'ssd' }), 'QueueSkip'],
    ['a new node may help a pod with anti-affinity', avoidsDb, undefined, zoned(), 'Queue'],
    ['a new node with the affinity topology key', wantsDb, undefined, zoned('z1'), 'Queue'],
    ['a new node without the affinity topology key', wantsDb, undefined, zoned(), 'QueueSkip'],
    ['the affinity topology key appears on a node', wantsDb, zoned(), zoned('z1'), 'Queue'],
    ['the affinity topology value changes', wantsDb, zoned('z1'), zoned('z2'), 'Queue'],
    ['an unrelated label changes', wantsDb, zoned('z1'), zoned('z1', { disk: 'ssd' }), 'QueueSkip'],
  ] as const)('%s', (_, pending, oldObj, newObj, want) => {
    expect(nodeHint(pending, oldObj, newObj)).toBe(want);
  });
});

describe('PodTopologySpread queueing hints (the pending pod\'s DoNotSchedule constraints)', () => {
  const { handle } = cluster([]);
  const { pod: podHint, node: nodeHint } = hints(podTopologySpread(undefined, handle));
  const spread = makePod('pending', { labels: { app: 'web' }, spread: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] });
  const web1 = bound('web-1', 'web');
  const tainted = (node: Node): Node => ({ ...node, spec: { ...node.spec, taints: [{ key: 'k', effect: 'NoSchedule' }] } });

  it.each([
    ['a bound pod the selector matches is added', undefined, web1, 'Queue'],
    ['an added pod the selector does not match', undefined, bound('db-1', 'db'), 'QueueSkip'],
    ['an unscheduled pod of another name is not involved', undefined, unbound('web-2', 'web'), 'QueueSkip'],
    ['a pod in another namespace is not involved', undefined, makePod('web-3', { labels: { app: 'web' }, namespace: 'other', nodeName: 'n1' }), 'QueueSkip'],
    ['a relabel that changes what the selector matches', web1, relabelled(web1, 'db'), 'Queue'],
    ['a relabel that does not', web1, relabelled(web1, 'web'), 'QueueSkip'],
    ['a deleted pod the selector matched', web1, undefined, 'Queue'],
  ] as const)('%s', (_, oldObj, newObj, want) => {
    expect(podHint(spread, oldObj, newObj)).toBe(want);
  });

  it.each([
    ['a new node with every topology key', undefined, zoned('z1'), 'Queue'],
    ['a new node without the zone key', undefined, zoned(), 'QueueSkip'],
    ['a deleted node with every key', zoned('z1'), undefined, 'Queue'],
    ['the zone key appears', zoned(), zoned('z1'), 'Queue'],
    ['the zone value changes', zoned('z1'), zoned('z2'), 'Queue'],
    ['a taint is added to a node with every key', zoned('z1'), tainted(zoned('z1')), 'Queue'],
    ['an unrelated label changes', zoned('z1'), zoned('z1', { disk: 'ssd' }), 'QueueSkip'],
  ] as const)('%s', (_, oldObj, newObj, want) => {
    expect(nodeHint(spread, oldObj, newObj)).toBe(want);
  });

  /**
   * Upstream's vectors: podtopologyspread/plugin_test.go
   * Test_isSchedulableAfterNodeChange and Test_isSchedulableAfterPodChange,
   * with their plain topology keys `zone` and `node` and selectors "foo
   * exists" / "bar exists".
   */
  const exists = (key: string) => ({ matchExpressions: [{ key, operator: 'Exists' as const }] });
  const hard = (topologyKey: string, selectorKey = 'foo', nodeTaintsPolicy?: 'Honor' | 'Ignore'): TopologySpreadConstraint => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'DoNotSchedule',
    labelSelector: exists(selectorKey),
    ...(nodeTaintsPolicy === undefined ? {} : { nodeTaintsPolicy }),
  });
  const zoneOnly = makePod('p', { labels: { foo: '' }, spread: [hard('zone')] });
  const zoneAndNode = makePod('p', { labels: { foo: '' }, spread: [hard('zone'), hard('node')] });
  const nodeA = (labels: Record<string, string>, taintKey?: string): Node =>
    makeNode('node-a', { labels, ...(taintKey === undefined ? {} : { taints: [{ key: taintKey, value: 'bbb', effect: 'NoSchedule' as const }] }) });

  it.each([
    ['the zone value changes', zoneOnly, nodeA({ zone: 'zone1' }), nodeA({ zone: 'zone2' }), 'Queue'],
    ['a node without the zone key changes an unrelated label', zoneOnly, nodeA({ foo: 'bar1' }), nodeA({ foo: 'bar2' }), 'QueueSkip'],
    // both before and after carry zone and node with the same values: only topology keys and taints count
    ['a node with every key drops an unrelated label', zoneAndNode, nodeA({ zone: 'zone1', node: 'node1', foo: 'bar' }), nodeA({ zone: 'zone1', node: 'node1' }), 'QueueSkip'],
    ['a node created with unrelated labels', zoneOnly, undefined, nodeA({ foo: 'bar' }), 'QueueSkip'],
    ['a node created with the zone key', zoneOnly, undefined, nodeA({ zone: 'zone1' }), 'Queue'],
    ['a node deleted with unrelated labels', zoneOnly, nodeA({ foo: 'bar' }), undefined, 'QueueSkip'],
    ['a node deleted with the zone key', zoneOnly, nodeA({ zone: 'zone1' }), undefined, 'Queue'],
    ['a node created with one of two keys (zone, not node)', zoneAndNode, undefined, nodeA({ zone: 'zone1' }), 'QueueSkip'],
    ['a node created with both keys', zoneAndNode, undefined, nodeA({ zone: 'zone1', node: 'node1' }), 'Queue'],
    ['an update of a node with one of two keys, nothing changed', zoneAndNode, nodeA({ zone: 'zone1' }), nodeA({ zone: 'zone1' }), 'QueueSkip'],
    ['an update of a node with both keys moves it to node2', zoneAndNode, nodeA({ zone: 'zone1', node: 'node1' }), nodeA({ zone: 'zone1', node: 'node2' }), 'Queue'],
    ['a node with both keys changes its taint (aaa -> ccc)', zoneAndNode, nodeA({ zone: 'zone1', node: 'node1' }, 'aaa'), nodeA({ zone: 'zone1', node: 'node1' }, 'ccc'), 'Queue'],
    ['a node with one of two keys changes its taint', zoneAndNode, nodeA({ node: 'node1' }, 'aaa'), nodeA({ node: 'node1' }, 'ccc'), 'QueueSkip'],
  ] as const)('upstream node: %s', (_, pending, oldObj, newObj, want) => {
    expect(nodeHint(pending, oldObj, newObj)).toBe(want);
  });

  it('the same taints written with their fields in another order are no change (equality.Semantic.DeepEqual, not a byte compare)', () => {
    const before = makeNode('node-a', { labels: { zone: 'zone1' }, taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] });
    const after = makeNode('node-a', { labels: { zone: 'zone1' }, taints: [{ effect: 'NoSchedule', value: 'v', key: 'k' }] });
    expect(nodeHint(zoneOnly, before, after)).toBe('QueueSkip');
  });

  const bar = makePod('bar', { labels: { bar: '' } });
  const on = (labels: Record<string, string>, namespace = 'default'): Pod => makePod('other', { labels, namespace, nodeName: 'fake-node' });
  const relabel = (pod: Pod, labels: Record<string, string>): Pod => ({ ...pod, metadata: { ...pod.metadata, labels } });
  const fooBar1 = on({ foo: '', bar: 'bar1' });
  const fooFoo1 = on({ foo: 'foo1' });
  const justFoo = on({ foo: '' });
  const fooAndBar = on({ foo: '', bar: '' });
  const zoneFooNodeBar = makePod('p', { labels: { foo: '' }, spread: [hard('zone'), hard('node', 'bar')] });

  it.each([
    ['a bound pod with foo is added', zoneOnly, undefined, on({ foo: '' }), 'Queue'],
    ['an unscheduled pod is added', zoneOnly, undefined, makePod('other', { labels: { foo: '' } }), 'QueueSkip'],
    ['an unscheduled pod is relabelled', zoneOnly, bar, relabel(bar, { foo: '' }), 'QueueSkip'],
    ['an unscheduled pod is deleted', zoneOnly, makePod('other', { labels: { foo: '' } }), undefined, 'QueueSkip'],
    ['a bound pod in another namespace is added', zoneOnly, undefined, on({ foo: '' }, 'fake-namespace'), 'QueueSkip'],
    ['a bound pod without foo is added', zoneOnly, undefined, on({ bar: '' }), 'QueueSkip'],
    ['a bound pod with foo is deleted', zoneOnly, on({ foo: '' }), undefined, 'Queue'],
    ['a bound pod without foo is deleted', zoneOnly, on({ bar: '' }), undefined, 'QueueSkip'],
    ['a bound pod changes an unrelated label', zoneOnly, fooBar1, relabel(fooBar1, { foo: '', bar: 'bar2' }), 'QueueSkip'],
    ['a bound pod gets foo', zoneOnly, on({}), relabel(on({}), { foo: '' }), 'Queue'],
    ['a bound pod loses foo', zoneOnly, justFoo, relabel(justFoo, {}), 'Queue'],
    // "foo exists" matches foo1 and foo2 alike
    ['a bound pod changes the value of foo', zoneOnly, fooFoo1, relabel(fooFoo1, { foo: 'foo2' }), 'QueueSkip'],
    ['two constraints: a bound pod gets bar', zoneFooNodeBar, justFoo, relabel(justFoo, { foo: '', bar: 'bar2' }), 'Queue'],
    ['two constraints: a bound pod gets an unrelated label', zoneFooNodeBar, justFoo, relabel(justFoo, { foo: '', baz: '' }), 'QueueSkip'],
    ['two constraints: a bound pod changes the value of bar', zoneFooNodeBar, fooAndBar, relabel(fooAndBar, { foo: '', bar: 'bar2' }), 'QueueSkip'],
  ] as const)('upstream pod: %s', (_, pending, oldObj, newObj, want) => {
    expect(podHint(pending, oldObj, newObj)).toBe(want);
  });

  /** The pending pod's own updates (upstream's last four rows): same uid in old and new. */
  const honouring = makePod('p', { labels: { foo: '' }, spread: [hard('zone', 'foo', 'Honor'), hard('node', 'bar')] });
  const ignoring = makePod('p', { labels: { foo: '' }, spread: [hard('zone', 'foo', 'Ignore'), hard('node', 'bar')] });
  const tolerating = (pod: Pod): Pod => ({ ...pod, spec: { ...pod.spec, tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } });
  const unlabelled = (pod: Pod): Pod => relabel(pod, {});

  it.each([
    ['a new toleration under nodeTaintsPolicy Honor', honouring, honouring, tolerating(honouring), 'Queue'],
    ['a new toleration, no constraint honours taints', ignoring, ignoring, tolerating(ignoring), 'QueueSkip'],
    ['its own new label foo, which the zone constraint selects', ignoring, unlabelled(ignoring), ignoring, 'Queue'],
    ['its own new unrelated label', ignoring, unlabelled(ignoring), relabel(ignoring, { unrelated: '' }), 'QueueSkip'],
  ] as const)('upstream pod, the pending pod itself: %s', (_, pending, oldObj, newObj, want) => {
    expect(podHint(pending, oldObj, newObj)).toBe(want);
  });
});
