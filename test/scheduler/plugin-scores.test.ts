/**
 * Table tests for TaintToleration, NodeAffinity, PodTopologySpread,
 * ImageLocality and InterPodAffinity scoring, normalization and weighting
 * (k/k pkg/scheduler/framework/runtime/framework.go RunScorePlugins; the
 * plugins' Score/NormalizeScore in framework/plugins tainttoleration,
 * nodeaffinity, podtopologyspread/scoring.go, interpodaffinity/scoring.go,
 * imagelocality), with the arithmetic in comments.
 */
import { describe, expect, it } from 'vitest';
import { Framework } from '../../src/scheduler/framework/framework.js';
import type { NodeScore, ScorePlugin } from '../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { Registry } from '../../src/scheduler/framework/registry.js';
import { imageLocality } from '../../src/scheduler/plugins/image-locality.js';
import { normalize as interPodNormalize } from '../../src/scheduler/plugins/interpodaffinity/scoring.js';
import { interPodAffinity } from '../../src/scheduler/plugins/interpodaffinity/plugin.js';
import { nodeAffinity } from '../../src/scheduler/plugins/node-affinity.js';
import { defaultNormalizeScore } from '../../src/scheduler/plugins/normalize.js';
import { podTopologySpread } from '../../src/scheduler/plugins/podtopologyspread/plugin.js';
import { taintToleration } from '../../src/scheduler/plugins/taint-toleration.js';
import { defaultBinder } from '../../src/scheduler/plugins/default-binder.js';
import { prioritySort } from '../../src/scheduler/plugins/priority-sort.js';
import { cluster, newState } from './helpers.js';
import { makeNode, makePod } from '../helpers/builders.js';
import type { Pod } from '../../src/api/types/pod.js';
import type { CycleState } from '../../src/scheduler/framework/interfaces.js';

/** Scores node by node (score, normalizeScore); the batch forms (scoreAll, normalizeAll) must agree. */
function scoresOf(plugin: ScorePlugin & { preScore?(s: CycleState, p: Pod, n: readonly NodeInfo[]): unknown }, pod: Pod, nodes: readonly NodeInfo[]): number[] {
  const state = newState();
  plugin.preScore?.(state, pod, nodes);
  const scores: NodeScore[] = nodes.map((n) => ({ name: n.name, score: plugin.score(state, pod, n) }));
  plugin.normalizeScore?.(state, pod, scores);
  if (plugin.scoreAll !== undefined && (plugin.normalizeScore === undefined || plugin.normalizeAll !== undefined)) {
    const batchState = newState();
    plugin.preScore?.(batchState, pod, nodes);
    const batch = new Float64Array(nodes.length);
    plugin.scoreAll(batchState, pod, nodes, nodes.length, batch);
    plugin.normalizeAll?.(batchState, pod, nodes, nodes.length, batch);
    expect([...batch]).toEqual(scores.map((s) => s.score));
  }
  // A uniform score, when the plugin claims one, is what every node got.
  const uniform = plugin.uniformScore?.(newState(), pod, nodes, nodes.length);
  if (uniform !== undefined) expect(scores.map((s) => s.score)).toEqual(nodes.map(() => uniform));
  return scores.map((s) => s.score);
}

describe('DefaultNormalizeScore', () => {
  it.each([
    // max 10: 100·10/10, 100·5/10, 100·0/10
    [[10, 5, 0], false, [100, 50, 0]],
    // reverse: 100 − each
    [[10, 5, 0], true, [0, 50, 100]],
    // 100·7/9 = 77 (77.8, integer division)
    [[9, 7], false, [100, 77]],
    // all zero: unchanged, or 100 each when reversed
    [[0, 0], false, [0, 0]],
    [[0, 0], true, [100, 100]],
  ])('%j reverse=%s → %j', (raw, reverse, expected) => {
    const scores = raw.map((score, i) => ({ name: `n${i}`, score }));
    defaultNormalizeScore(100, reverse, scores);
    expect(scores.map((s) => s.score)).toEqual(expected);
  });
});

describe('TaintToleration score (weight 3)', () => {
  it('counts untolerated PreferNoSchedule taints, normalized in reverse', () => {
    const soft = (key: string) => ({ key, value: 'x', effect: 'PreferNoSchedule' as const });
    const { nodes, handle } = cluster([
      [makeNode('clean'), []],
      [makeNode('one', { taints: [soft('a')] }), []],
      [makeNode('two', { taints: [soft('a'), soft('b')] }), []],
      [makeNode('tolerated', { taints: [soft('c')] }), []],
    ]);
    const pod = makePod('p', { tolerations: [{ key: 'c', operator: 'Exists', effect: 'PreferNoSchedule' }] });
    // raw 0, 1, 2, 0 → max 2 → 100 − 100·raw/2 = 100, 50, 0, 100
    expect(scoresOf(taintToleration(handle), pod, nodes)).toEqual([100, 50, 0, 100]);
    expect(taintToleration(handle).uniformScore?.(newState(), pod, nodes, nodes.length)).toBeUndefined();
  });

  it('scores 100 everywhere, without counting, when no node has a PreferNoSchedule taint', () => {
    const { nodes, handle } = cluster([
      [makeNode('clean'), []],
      [makeNode('hard', { taints: [{ key: 'a', value: 'x', effect: 'NoSchedule' }] }), []],
    ]);
    const pod = makePod('p', { tolerations: [{ key: 'a', operator: 'Exists' }] });
    // raw 0, 0 → max 0 → reversed: 100 each
    expect(scoresOf(taintToleration(handle), pod, nodes)).toEqual([100, 100]);
    expect(taintToleration(handle).uniformScore?.(newState(), pod, nodes, nodes.length)).toBe(100);
  });
});

describe('NodeAffinity preferred terms (weight 2)', () => {
  it('sums matching weights and normalizes to the largest', () => {
    const { nodes } = cluster([
      [makeNode('a-ssd', { labels: { zone: 'a', disk: 'ssd' } }), []],
      [makeNode('a-hdd', { labels: { zone: 'a', disk: 'hdd' } }), []],
      [makeNode('b-hdd', { labels: { zone: 'b', disk: 'hdd' } }), []],
    ]);
    const pod = makePod('p', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 2, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
            { weight: 3, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
            // weight 0 is dropped (NewPreferredSchedulingTerms)
            { weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } },
          ],
        },
      },
    });
    // raw 5, 2, 0 → 100·5/5, 100·2/5, 0 = 100, 40, 0
    expect(scoresOf(nodeAffinity(undefined), pod, nodes)).toEqual([100, 40, 0]);
  });

  it('skips pods without preferred terms', () => {
    expect(nodeAffinity(undefined).preScore(newState(), makePod('p'), []).code).toBe('Skip');
  });
});

describe('PodTopologySpread score (weight 2)', () => {
  const web = { matchLabels: { app: 'web' } };
  const build = () => cluster([
    [makeNode('n1', { labels: { zone: 'a' } }), [makePod('w1', { labels: { app: 'web' } }), makePod('w2', { labels: { app: 'web' } })]],
    [makeNode('n2', { labels: { zone: 'a' } }), []],
    [makeNode('n3', { labels: { zone: 'b' } }), [makePod('w3', { labels: { app: 'web' } }), makePod('x', { labels: { app: 'other' } })]],
  ]);

  it('one zone constraint: count × ln(domains + 2) + (maxSkew − 1), reversed by normalization', () => {
    const { nodes, handle } = build();
    const pod = makePod('p', { labels: { app: 'web' }, spread: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: web }] });
    // 2 zones → weight ln 4 = 1.3863; zone a holds 2 matching pods, zone b 1
    // raw: n1 round(2·1.3863) = 3, n2 3, n3 round(1.3863) = 1; min 1, max 3
    // normalized 100·(max + min − raw)/max: n1 100·1/3 = 33, n2 33, n3 100·3/3 = 100
    expect(scoresOf(podTopologySpread(undefined, handle), pod, nodes)).toEqual([33, 33, 100]);
  });

  it('zone and hostname constraints add up before rounding', () => {
    const { nodes, handle } = build();
    const pod = makePod('p', {
      labels: { app: 'web' },
      spread: [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: web },
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: web },
      ],
    });
    // hostname weight ln(3 + 2) = 1.6094; n1 = round(2·1.3863 + 2·1.6094) = round(5.99) = 6,
    // n2 = round(2·1.3863 + 0) = 3, n3 = round(1.3863 + 1.6094) = round(2.996) = 3
    // min 3, max 6 → n1 100·3/6 = 50, n2 100·6/6 = 100, n3 100
    expect(scoresOf(podTopologySpread(undefined, handle), pod, nodes)).toEqual([50, 100, 100]);
  });

  it('maxSkew − 1 is added per constraint, and nodes without the key score 0', () => {
    const { nodes, handle } = cluster([
      [makeNode('n1', { labels: { zone: 'a' } }), [makePod('w1', { labels: { app: 'web' } })]],
      [makeNode('n2', { labels: { zone: 'b' } }), []],
      [makeNode('nozone'), []],
    ]);
    const pod = makePod('p', { labels: { app: 'web' }, spread: [{ maxSkew: 3, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: web }] });
    // nozone is ignored; 2 zones → ln 4; n1 round(1·1.3863 + 2) = 3, n2 round(0 + 2) = 2
    // min 2, max 3 → n1 100·2/3 = 66, n2 100·3/3 = 100, nozone 0
    expect(scoresOf(podTopologySpread(undefined, handle), pod, nodes)).toEqual([66, 100, 0]);
  });

  it('skips pods with no constraint and no default selector', () => {
    const { handle } = build();
    expect(podTopologySpread(undefined, handle).preScore(newState(), makePod('p', { labels: { app: 'web' } }), []).code).toBe('Skip');
  });
});

describe('ImageLocality score (weight 1)', () => {
  it('scales the image size by its spread and clamps to [23 MiB, 1000 MiB × containers]', () => {
    const image = { names: ['app:1'], sizeBytes: 500 * 1024 * 1024 };
    const { nodes, handle } = cluster([
      [makeNode('n1', { images: [image] }), []],
      [makeNode('n2', { images: [image] }), []],
      [makeNode('n3'), []],
    ]);
    // spread 2/3: trunc(524288000 · 2/3) = 349525333; min 24117248, max 1048576000
    // n1, n2: trunc(100 · (349525333 − 24117248) / (1048576000 − 24117248)) = trunc(31.76) = 31; n3: 0
    expect(scoresOf(imageLocality(handle), makePod('p', { image: 'app:1' }), nodes)).toEqual([31, 31, 0]);
    expect(imageLocality(handle).uniformScore?.(newState(), makePod('p', { image: 'app:1' }), nodes, nodes.length)).toBeUndefined();
  });

  it('scores 0 everywhere when no node holds the image', () => {
    const { nodes, handle } = cluster([
      [makeNode('n1', { images: [{ names: ['other:1'], sizeBytes: 500 * 1024 * 1024 }] }), []],
      [makeNode('n2'), []],
    ]);
    // sum 0 is clamped to the 23 MiB floor: trunc(100 · 0 / (1048576000 − 24117248)) = 0
    expect(scoresOf(imageLocality(handle), makePod('p', { image: 'app:1' }), nodes)).toEqual([0, 0]);
    expect(imageLocality(handle).uniformScore?.(newState(), makePod('p', { image: 'app:1' }), nodes, nodes.length)).toBe(0);
  });
});

describe('InterPodAffinity', () => {
  it('normalizes min..max over the scores themselves', () => {
    const run = (raw: number[]) => {
      const scores = raw.map((score, i) => ({ name: `n${i}`, score }));
      interPodNormalize(scores);
      return scores.map((s) => s.score);
    };
    // min −5, max 5: 100·(s+5)/10
    expect(run([-5, 0, 5])).toEqual([0, 50, 100]);
    // equal scores: all 0
    expect(run([3, 3])).toEqual([0, 0]);
    // min 2 (not 0): 100·(2−2)/2 = 0, 100·(4−2)/2 = 100
    expect(run([2, 4])).toEqual([0, 100]);
  });

  it('scores preferred affinity by matching pods per topology pair', () => {
    const { nodes, handle } = cluster([
      [makeNode('n1', { labels: { zone: 'a' } }), [makePod('db', { labels: { app: 'db' } })]],
      [makeNode('n2', { labels: { zone: 'a' } }), []],
      [makeNode('n3', { labels: { zone: 'b' } }), []],
    ]);
    const pod = makePod('p', {
      affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone' } }] } },
    });
    // zone a holds one db pod: +10 for n1 and n2, 0 for n3 → min 0, max 10 → 100, 100, 0
    expect(scoresOf(interPodAffinity(undefined, handle), pod, nodes)).toEqual([100, 100, 0]);
  });

  it('ignorePreferredTermsOfExistingPods skips pods without preferred terms only; for the others existing pods\' terms still count', () => {
    const web = { matchLabels: { app: 'web' } };
    const { nodes, handle } = cluster([
      [makeNode('n1', { labels: { zone: 'a' } }), [makePod('db', { labels: { app: 'db' } })]],
      [makeNode('n2', { labels: { zone: 'a' } }), []],
      [makeNode('n3', { labels: { zone: 'b' } }), [makePod('picky', { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: { labelSelector: web, topologyKey: 'zone' } }] } } })]],
      [makeNode('n4', { labels: { zone: 'c' } }), []],
    ]);
    const pod = makePod('p', {
      labels: { app: 'web' },
      affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone' } }] } },
    });
    const ignoring = interPodAffinity({ ignorePreferredTermsOfExistingPods: true }, handle);
    // own term: zone a +10; picky's anti-affinity matches p: zone b −5 → raw 10, 10, −5, 0
    // min −5, max 10: 100·15/15, 100·15/15, 0, trunc(100·5/15) = 100, 100, 0, 33 (as without the argument)
    expect(scoresOf(ignoring, pod, nodes)).toEqual([100, 100, 0, 33]);
    expect(scoresOf(interPodAffinity(undefined, handle), pod, nodes)).toEqual([100, 100, 0, 33]);
    // a pod with no preferred terms of its own: PreScore skips, picky's term is ignored
    expect(ignoring.preScore(newState(), makePod('q', { labels: { app: 'web' } }), nodes).code).toBe('Skip');
    expect(interPodAffinity(undefined, handle).preScore(newState(), makePod('q', { labels: { app: 'web' } }), nodes).code).toBe('Success');
  });
});

describe('Weighting (§6.1)', () => {
  it('sums normalized scores times plugin weights', () => {
    const fixed = (name: string, values: number[]): ScorePlugin => ({ name, score: (_s, _p, n) => values[Number(n.name.slice(1))] ?? 0 });
    const registry = new Registry([
      ['PrioritySort', () => prioritySort()],
      ['DefaultBinder', (_a, h) => defaultBinder(h)],
      ['A', () => fixed('A', [10, 50, 100])],
      ['B', () => fixed('B', [100, 0, 20])],
    ]);
    const { nodes, handle } = cluster([[makeNode('n0'), []], [makeNode('n1'), []], [makeNode('n2'), []]]);
    const framework = new Framework({ schedulerName: 's', multiPoint: [{ name: 'PrioritySort' }, { name: 'A', weight: 2 }, { name: 'B', weight: 3 }, { name: 'DefaultBinder' }] }, registry, handle);
    const totals = new Float64Array(3);
    framework.runScore(newState(), makePod('p'), nodes, totals);
    // n0 10·2 + 100·3 = 320; n1 50·2 + 0 = 100; n2 100·2 + 20·3 = 260
    expect(Array.from(totals)).toEqual([320, 100, 260]);
  });

  it('adds a uniform score to every total, and scores it node by node for a breakdown', () => {
    let scored = 0;
    const uniform: ScorePlugin = { name: 'U', score: () => (scored++, 40), uniformScore: () => 40 };
    const registry = new Registry([
      ['PrioritySort', () => prioritySort()],
      ['DefaultBinder', (_a, h) => defaultBinder(h)],
      ['A', () => ({ name: 'A', score: (_s, _p, n) => [10, 50][Number(n.name.slice(1))] ?? 0 }) as ScorePlugin],
      ['U', () => uniform],
    ]);
    const { nodes, handle } = cluster([[makeNode('n0'), []], [makeNode('n1'), []]]);
    const framework = new Framework({ schedulerName: 's', multiPoint: [{ name: 'PrioritySort' }, { name: 'A', weight: 2 }, { name: 'U', weight: 3 }, { name: 'DefaultBinder' }] }, registry, handle);
    const totals = new Float64Array(2);
    framework.runScore(newState(), makePod('p'), nodes, totals);
    // n0 10·2 + 40·3 = 140; n1 50·2 + 40·3 = 220; U never scored a node
    expect(Array.from(totals)).toEqual([140, 220]);
    expect(scored).toBe(0);
    const breakdown: Parameters<Framework['runScore']>[4] = [];
    framework.runScore(newState(), makePod('p'), nodes, totals, breakdown);
    expect(Array.from(totals)).toEqual([140, 220]);
    expect(scored).toBe(2);
    expect(breakdown.find((b) => b.plugin === 'U')?.normalized).toEqual([40, 40]);
  });

  it('rejects a uniform score outside 0..100', () => {
    const registry = new Registry([
      ['PrioritySort', () => prioritySort()],
      ['DefaultBinder', (_a, h) => defaultBinder(h)],
      ['Big', () => ({ name: 'Big', score: () => 0, uniformScore: () => 101 }) as ScorePlugin],
    ]);
    const { nodes, handle } = cluster([[makeNode('n0'), []]]);
    const framework = new Framework({ schedulerName: 's', multiPoint: [{ name: 'PrioritySort' }, { name: 'Big' }, { name: 'DefaultBinder' }] }, registry, handle);
    expect(framework.runScore(newState(), makePod('p'), nodes, new Float64Array(1)).reasons[0]).toMatch(/plugin "Big" returns an invalid score 101,/);
  });

  it('rejects a score outside 0..100 after normalization', () => {
    const registry = new Registry([
      ['PrioritySort', () => prioritySort()],
      ['DefaultBinder', (_a, h) => defaultBinder(h)],
      ['Big', () => ({ name: 'Big', score: () => 101 }) as ScorePlugin],
    ]);
    const { nodes, handle } = cluster([[makeNode('n0'), []]]);
    const framework = new Framework({ schedulerName: 's', multiPoint: [{ name: 'PrioritySort' }, { name: 'Big' }, { name: 'DefaultBinder' }] }, registry, handle);
    const status = framework.runScore(newState(), makePod('p'), nodes, new Float64Array(1));
    // RunScorePlugins: an Error status (the attempt fails and the pod backs off), with upstream's message
    expect(status).toEqual({ code: 'Error', plugin: 'Big', reasons: ['applying score defaultWeights on Score plugins: plugin "Big" returns an invalid score 101, it should in the range of [0, 100] after normalizing'] });
  });
});
