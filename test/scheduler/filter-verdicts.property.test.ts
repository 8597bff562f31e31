/**
 * Filter verdicts kept per pod shape and node generation
 * (framework/filter-verdicts.ts): on random clusters changed between
 * pods (pods placed and removed, taints and cordons toggled), the verdicts
 * read back for a new pod of a known shape must be exactly those of
 * running every filter on every node, and only the changed nodes are
 * filtered again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import { countByStatus } from '../../src/scheduler/fit-error.js';
import { ChangedNodes } from '../../src/scheduler/framework/changed-nodes.js';
import { Framework } from '../../src/scheduler/framework/framework.js';
import { CycleState } from '../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { JsonKey, MAX_SHAPES, ShapeVerdicts, type ScanResult } from '../../src/scheduler/framework/filter-verdicts.js';
import type { Status } from '../../src/scheduler/framework/status.js';
import { DEFAULT_MULTI_POINT } from '../../src/scheduler/plugins/default-profile.js';
import { inTreeRegistry } from '../../src/scheduler/plugins/registry.js';
import { makeNode, makePod, type PodOptions } from '../helpers/builders.js';
import { cluster } from './helpers.js';

const TAINT = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const };
/** The default filters with GpuShare; preemption (a PostFilter, and it needs the scheduler's random stream) left out. */
const PROFILE = { schedulerName: 's', multiPoint: [...DEFAULT_MULTI_POINT.filter((p) => p.name !== 'DefaultPreemption'), { name: 'GpuShare' }] };

interface NodeShape {
  readonly cpu: number;
  readonly gpus: number;
  readonly tainted: boolean;
  readonly cordoned: boolean;
  readonly zone: string;
}

function nodeOf(name: string, s: NodeShape): Node {
  return makeNode(name, {
    cpu: String(s.cpu),
    pods: 4,
    labels: { zone: s.zone },
    ...(s.gpus === 0 ? {} : { extra: { 'nvidia.com/gpu': String(s.gpus) } }),
    ...(s.tainted ? { taints: [TAINT] } : {}),
    unschedulable: s.cordoned,
  });
}

const nodeShape = fc.record({
  cpu: fc.integer({ min: 1, max: 6 }),
  gpus: fc.constantFrom(0, 1, 2, 4),
  tainted: fc.boolean(),
  cordoned: fc.boolean(),
  zone: fc.constantFrom('a', 'b'),
});

/** A few pod shapes, so that shapes come back; each pod is a new object, as a trace's are. */
const podShape = fc.record({
  cpu: fc.constantFrom('500m', '1', '2'),
  gpu: fc.constantFrom<Record<string, string> | undefined>(undefined, { 'nvidia.com/gpu': '1' }, { 'nvidia.com/gpu': '2' }, { 'alibaba.com/gpu-milli': '500' }, { 'alibaba.com/gpu-milli': '300' }),
  tolerates: fc.boolean(),
  zone: fc.constantFrom(undefined, 'a'),
  hostPort: fc.constantFrom(undefined, 8080),
});
type PodShape = typeof podShape extends fc.Arbitrary<infer T> ? T : never;

function podOf(name: string, s: PodShape): Pod {
  const options: PodOptions = {
    cpu: s.cpu,
    ...(s.gpu === undefined ? {} : { extra: s.gpu }),
    ...(s.tolerates ? { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] } : {}),
    ...(s.zone === undefined ? {} : { nodeSelector: { zone: s.zone } }),
    ...(s.hostPort === undefined ? {} : { hostPort: s.hostPort }),
  };
  return makePod(name, options);
}

type Change =
  | { readonly kind: 'place'; readonly node: number }
  | { readonly kind: 'remove'; readonly node: number }
  | { readonly kind: 'taint'; readonly node: number }
  | { readonly kind: 'cordon'; readonly node: number };

const change: fc.Arbitrary<Change> = fc.record({ kind: fc.constantFrom('place', 'remove', 'taint', 'cordon'), node: fc.nat(7) });

/** One change between two pods: `pod` placed on the node if it fits there (`plain` verdicts), a pod removed, the taint or the cordon flipped. */
function applyChange(nodes: readonly NodeInfo[], nodeShapes: readonly NodeShape[], pod: Pod, plain: readonly string[], step: Change): void {
  const info = nodes[step.node % nodes.length] as NodeInfo;
  const nodeShapeOf = nodeShapes[step.node % nodes.length] as NodeShape;
  if (step.kind === 'place' && plain[step.node % nodes.length] === 'fits') info.addPod({ ...pod, spec: { ...pod.spec, nodeName: info.name } });
  if (step.kind === 'remove') {
    const first = info.pods.keys().next();
    if (first.done !== true) info.removePod(first.value);
  }
  if (step.kind === 'taint') info.setNode(nodeOf(info.name, { ...nodeShapeOf, tainted: info.taints.length === 0, cordoned: info.unschedulable }));
  if (step.kind === 'cordon') info.setNode(nodeOf(info.name, { ...nodeShapeOf, tainted: info.taints.length > 0, cordoned: !info.unschedulable }));
}

function verdictText(status: Status | undefined): string {
  return status === undefined || status.code === 'Success' ? 'fits' : `${status.plugin ?? '?'} ${status.code}: ${status.reasons.join(', ')}`;
}

describe('filter verdicts per shape and node generation', () => {
  it('search examines the nodes a one-by-one search examines and gives their plain verdicts in scan order, however the nodes changed between pods', () => {
    const steps = fc.array(fc.tuple(podShape, change, fc.nat(7), fc.integer({ min: 1, max: 10 })), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(fc.array(nodeShape, { minLength: 1, maxLength: 8 }), steps, (nodeShapes, podSteps) => {
      const { nodes, handle } = cluster(nodeShapes.map((s, i) => [nodeOf(`n${i}`, s), []] as const));
      const framework = new Framework(PROFILE, inTreeRegistry(), handle);
      podSteps.forEach(([shape, step, startAt, wanted], i) => {
        const pod = podOf(`p${i}`, shape);
        const state = new CycleState();
        expect(framework.runPreFilter(state, pod, nodes).status.code).toBe('Success');
        const filters = framework.activeFilters(state);
        const verdicts = framework.verdictsFor(state, pod, filters);
        // Every filter of the default profile with GpuShare is node-local for these pods.
        expect(verdicts).toBeDefined();
        const runBatch = (batch: readonly NodeInfo[], count: number, out: Array<Status | undefined>): void => framework.runFilterBatch(state, pod, batch, count, out, filters);
        const plain = nodes.map((node) => {
          const own = new CycleState();
          framework.runPreFilter(own, pod, nodes);
          return verdictText(framework.runFilter(own, pod, node));
        });
        // One by one from the start until `wanted` fit (wanted past the node count: every node, as percentageOfNodesToScore 100).
        const start = startAt % nodes.length;
        const examined: number[] = [];
        for (let k = 0, fits = 0; k < nodes.length && fits < wanted; k++) {
          const at = (start + k) % nodes.length;
          examined.push(at);
          if (plain[at] === 'fits') fits++;
        }
        const found: ScanResult = { feasible: [], rejectedNodes: [], rejections: [], found: 0, rejected: 0 };
        expect(verdicts?.search(nodes, start, wanted, runBatch, found)).toBe(examined.length);
        expect(found.feasible.slice(0, found.found).map((n) => n.name)).toEqual(examined.filter((k) => plain[k] === 'fits').map((k) => `n${k}`));
        expect(found.rejectedNodes.slice(0, found.rejected).map((n, k) => `${n.name} ${verdictText(found.rejections[k])}`))
          .toEqual(examined.filter((k) => plain[k] !== 'fits').map((k) => `n${k} ${plain[k] ?? ''}`));

        applyChange(nodes, nodeShapes, pod, plain, step);
      });
    }), { numRuns: 300 });
  });

  it('searchAll gives the plain verdicts of every node in order, filtering again only the changed nodes, whatever changed and however the node search was done before', () => {
    const steps = fc.array(fc.tuple(podShape, change, fc.boolean()), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(fc.array(nodeShape, { minLength: 1, maxLength: 8 }), steps, (nodeShapes, podSteps) => {
      const { nodes, handle } = cluster(nodeShapes.map((s, i) => [nodeOf(`n${i}`, s), []] as const));
      const changes = new ChangedNodes();
      for (const node of nodes) changes.track(node);
      const framework = new Framework(PROFILE, inTreeRegistry(), handle);
      const seen = new Map<ShapeVerdicts, Map<string, number>>();
      podSteps.forEach(([shape, step, partial], i) => {
        const pod = podOf(`p${i}`, shape);
        const state = new CycleState();
        framework.runPreFilter(state, pod, nodes);
        const filters = framework.activeFilters(state);
        const verdicts = framework.verdictsFor(state, pod, filters) as ShapeVerdicts;
        const filtered: string[] = [];
        const runBatch = (batch: readonly NodeInfo[], count: number, out: Array<Status | undefined>): void => {
          filtered.push(...batch.slice(0, count).map((n) => n.name));
          framework.runFilterBatch(state, pod, batch, count, out, filters);
        };
        const plain = nodes.map((node) => {
          const own = new CycleState();
          framework.runPreFilter(own, pod, nodes);
          return verdictText(framework.runFilter(own, pod, node));
        });
        const last = seen.get(verdicts);
        if (partial) {
          // The rotating search over part of the nodes stores verdicts too: searchAll must not trust its lists after it.
          verdicts.search(nodes, i % nodes.length, 1, runBatch, { feasible: [], rejectedNodes: [], rejections: [], found: 0, rejected: 0 });
          seen.delete(verdicts);
        } else {
          verdicts.searchAll(nodes, changes, runBatch);
          expect(verdicts.allFeasible.map((n) => n.name)).toEqual(nodes.filter((_, k) => plain[k] === 'fits').map((n) => n.name));
          expect(verdicts.rejectedCount).toBe(plain.filter((v) => v !== 'fits').length);
          // Kept from pod to pod while no rejection changes: the count of the rejections listed now.
          expect([...verdicts.rejectionCounts()]).toEqual([...countByStatus(verdicts.allRejections)]);
          expect(verdicts.allRejected.map((n, k) => `${n.name} ${verdictText(verdicts.allRejections[k])}`))
            .toEqual(nodes.map((n, k) => `${n.name} ${plain[k] ?? ''}`).filter((_, k) => plain[k] !== 'fits'));
          // Filtered again after a searchAll: the nodes whose generation moved since, in node order.
          if (last !== undefined) expect(filtered).toEqual(nodes.filter((n) => last.get(n.name) !== n.generation).map((n) => n.name));
          seen.set(verdicts, new Map(nodes.map((n) => [n.name, n.generation])));
        }

        applyChange(nodes, nodeShapes, pod, plain, step);
      });
    }), { numRuns: 300 });
  });

  it('searchAll lists a new node list anew', () => {
    const { nodes } = cluster([[makeNode('a'), []], [makeNode('b'), []]]);
    const changes = new ChangedNodes();
    for (const node of nodes) changes.track(node);
    const shape = new ShapeVerdicts();
    const filtered: string[][] = [];
    const runBatch = (batch: readonly NodeInfo[], count: number, out: Array<Status | undefined>): void => {
      if (count > 0) filtered.push(batch.slice(0, count).map((n) => n.name));
      // b is rejected, whatever its state.
      for (let k = 0; k < count; k++) if ((batch[k] as NodeInfo).name === 'b') out[k] = { code: 'Unschedulable', reasons: ['no'], plugin: 'P' };
    };
    shape.searchAll(nodes, changes, runBatch);
    shape.searchAll(nodes, changes, runBatch);
    // The same nodes in another list (the cache's list after a node came or went): every verdict kept, the lists in the new order.
    const reordered = [nodes[1] as NodeInfo, nodes[0] as NodeInfo];
    shape.searchAll(reordered, changes, runBatch);
    expect(filtered).toEqual([['a', 'b']]);
    expect(shape.allFeasible.map((n) => n.name)).toEqual(['a']);
    expect(shape.allRejected.map((n) => n.name)).toEqual(['b']);
    expect(shape.rejectedCount).toBe(1);
  });

  it('filters again only the nodes whose generation moved, and only those the search reaches', () => {
    const { nodes } = cluster([[makeNode('a'), []], [makeNode('b'), []], [makeNode('c'), []]]);
    const shape = new ShapeVerdicts();
    const filtered: string[][] = [];
    const run = (wanted: number): number => shape.search(nodes, 0, wanted, (batch, count) => filtered.push(batch.slice(0, count).map((n) => n.name)), {
      feasible: [], rejectedNodes: [], rejections: [], found: 0, rejected: 0,
    });
    // Every node fits: a search for one examines a alone.
    expect(run(1)).toBe(1);
    expect(run(3)).toBe(3);
    (nodes[1] as NodeInfo).addPod(makePod('x', { cpu: '1', nodeName: 'b' }));
    run(3);
    run(3);
    // a alone the first time; then b and c (a read back) as one batch; then b, whose generation the new pod moved; then nothing.
    expect(filtered).toEqual([['a'], ['b', 'c'], ['b']]);
  });

  it('tells pod shapes apart by value and forgets the oldest past the bound', () => {
    const { nodes, handle } = cluster([[makeNode('a'), []]]);
    const framework = new Framework(PROFILE, inTreeRegistry(), handle);
    const verdictsOf = (pod: Pod): ShapeVerdicts | undefined => {
      const state = new CycleState();
      framework.runPreFilter(state, pod, nodes);
      return framework.verdictsFor(state, pod, framework.activeFilters(state));
    };
    const first = verdictsOf(makePod('p', { cpu: '1' }));
    // A new pod object asking for the same: the same verdicts; another cpu request: others.
    expect(verdictsOf(makePod('q', { cpu: '1' }))).toBe(first);
    expect(verdictsOf(makePod('r', { cpu: '2' }))).not.toBe(first);
    for (let i = 0; i < MAX_SHAPES; i++) verdictsOf(makePod(`s${i}`, { cpu: `${i + 10}m` }));
    // 1 + 1 + 256 shapes asked for: the first has been forgotten, so it starts over.
    expect(verdictsOf(makePod('t', { cpu: '1' }))).not.toBe(first);
  });

  it('are not kept when a filter depends on other pods (a DoNotSchedule spread constraint)', () => {
    const { nodes, handle } = cluster([[makeNode('a', { labels: { zone: 'a' } }), []]]);
    const framework = new Framework(PROFILE, inTreeRegistry(), handle);
    const pod = makePod('p', { cpu: '1', labels: { app: 'w' }, spread: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'w' } } }] });
    const state = new CycleState();
    framework.runPreFilter(state, pod, nodes);
    expect(framework.activeFilters(state).map((f) => f.name)).toContain('PodTopologySpread');
    expect(framework.verdictsFor(state, pod, framework.activeFilters(state))).toBeUndefined();
  });
});

/** Parts as pods carry them: tolerations with fields in any order, some set to undefined, repeated as new objects. */
const toleration = fc.record({
  key: fc.constantFrom('dedicated', 'node.kubernetes.io/not-ready'),
  operator: fc.constantFrom('Exists', 'Equal', undefined),
  value: fc.constantFrom('gpu', '', undefined),
  effect: fc.constantFrom('NoSchedule', 'NoExecute', undefined),
  tolerationSeconds: fc.constantFrom(300, undefined),
}, { requiredKeys: ['key'] }).chain((t) => fc.shuffledSubarray(Object.keys(t), { minLength: Object.keys(t).length }).map((order) => Object.fromEntries(order.map((k) => [k, (t as Record<string, unknown>)[k]])) as object));
const part = fc.oneof(fc.constant(undefined), fc.array(toleration, { maxLength: 3 }), fc.jsonValue().filter((v): v is object => typeof v === 'object' && v !== null));

describe('JsonKey', () => {
  it('is the JSON of every part, remembered or not', () => {
    fc.assert(fc.property(fc.array(fc.tuple(part, fc.boolean()), { maxLength: 30 }), (steps) => {
      const key = new JsonKey();
      for (const [p, copy] of steps) {
        // A copy: a new object of the same JSON, as the next pod of a ReplicaSet carries.
        const asked = copy && p !== undefined ? structuredClone(p) : p;
        expect(key.of(asked)).toBe(asked === undefined ? '' : JSON.stringify(asked));
      }
    }), { numRuns: 1000 });
  });
});
