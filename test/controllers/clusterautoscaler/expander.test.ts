/**
 * The scale-up choice per expander (cluster-autoscaler/expander): which
 * group a scale-up grows when several could take the pending pods.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../../src/api/types/config.js';
import type { Pod } from '../../../src/api/types/pod.js';
import { chooseOption, pricePerPod, wasteScore, type ScaleUpOption } from '../../../src/controllers/clusterautoscaler/expander.js';
import { RandomStreams } from '../../../src/engine/random.js';
import type { ExpanderName } from '../../../src/scenario/schema/cluster-autoscaler.js';
import { group } from './fixture.js';

function pods(count: number, cpu: string, memory: string): Pod[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `p${i}`, namespace: 'default', uid: `u${i}`, resourceVersion: '1', creationTimestamp: 0 },
    spec: { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu, memory } } }] },
  }));
}

// Ten pending pods of 1 CPU / 2Gi.
// small: 2 CPU / 8Gi at $0.10: 2 pods per node → 5 nodes for all 10.
//   waste: cpu (10 − 10)/10 = 0, memory (40Gi − 20Gi)/40Gi = 0.5 → 0.5; price 5 × 0.10 / 10 = $0.05 per pod.
// large: 8 CPU / 16Gi at $0.30: 8 pods per node → 2 nodes for all 10.
//   waste: cpu (16 − 10)/16 = 0.375, memory (32Gi − 20Gi)/32Gi = 0.375 → 0.75; price 2 × 0.30 / 10 = $0.06 per pod.
// capped: 8 CPU / 16Gi at $0.01, but only 1 node of room: 8 pods.
//   waste: cpu (8 − 8)/8 = 0, memory (16Gi − 16Gi)/16Gi = 0 → 0; price 1 × 0.01 / 8 = $0.00125 per pod.
const small = group('small', { cpu: '2', memory: '8Gi', pods: '110' }, { pricePerHour: 0.1 });
const large = group('large', { cpu: '8', memory: '16Gi', pods: '110' }, { pricePerHour: 0.3 });
const capped = group('capped', { cpu: '8', memory: '16Gi', pods: '110' }, { pricePerHour: 0.01 });
const unpriced = group('unpriced', { cpu: '2', memory: '8Gi', pods: '110' });

const OPTIONS: ScaleUpOption[] = [
  { group: small, nodeCount: 5, pods: pods(10, '1', '2Gi') },
  { group: large, nodeCount: 2, pods: pods(10, '1', '2Gi') },
  { group: capped, nodeCount: 1, pods: pods(8, '1', '2Gi') },
];

function priorities(text: string): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cluster-autoscaler-priority-expander', namespace: 'kube-system', uid: 'cm', resourceVersion: '1', creationTimestamp: 0 }, data: { priorities: text } };
}

interface Case {
  readonly expanders: readonly ExpanderName[];
  readonly options: readonly ScaleUpOption[];
  readonly config?: ConfigMap;
  /** The only group that may win, or the set a random pick chooses from. */
  readonly winners: readonly string[];
}

const CASES: Array<Case & { name: string }> = [
  { name: 'most-pods: small and large both take 10, capped 8', expanders: ['most-pods'], options: OPTIONS, winners: ['small', 'large'] },
  { name: 'least-waste: capped wastes 0', expanders: ['least-waste'], options: OPTIONS, winners: ['capped'] },
  { name: 'least-waste without capped: small 0.5 beats large 0.75', expanders: ['least-waste'], options: OPTIONS.slice(0, 2), winners: ['small'] },
  { name: 'most-pods then least-waste: small', expanders: ['most-pods', 'least-waste'], options: OPTIONS, winners: ['small'] },
  { name: 'price: capped at $0.00125 a pod', expanders: ['price'], options: OPTIONS, winners: ['capped'] },
  { name: 'price without capped: small $0.05 beats large $0.06', expanders: ['price'], options: OPTIONS.slice(0, 2), winners: ['small'] },
  { name: 'price: a pool without a price loses to a priced one', expanders: ['price'], options: [{ group: unpriced, nodeCount: 1, pods: pods(2, '1', '2Gi') }, OPTIONS[1] as ScaleUpOption], winners: ['large'] },
  { name: 'priority: the highest matching priority', expanders: ['priority'], options: OPTIONS, config: priorities('10:\n  - .*\n50:\n  - lar.*\n'), winners: ['large'] },
  { name: 'priority: equal priorities leave a random pick', expanders: ['priority'], options: OPTIONS, config: priorities('20:\n  - small\n  - large\n'), winners: ['small', 'large'] },
  { name: 'priority without its ConfigMap: any', expanders: ['priority'], options: OPTIONS, winners: ['small', 'large', 'capped'] },
  { name: 'random: any', expanders: ['random'], options: OPTIONS, winners: ['small', 'large', 'capped'] },
];

describe('expanders', () => {
  it('scores as upstream: waste and price per pod, with the arithmetic above', () => {
    expect(OPTIONS.map(wasteScore)).toEqual([0.5, 0.75, 0]);
    expect(OPTIONS.map(pricePerPod).map((p) => Number(p.toFixed(5)))).toEqual([0.05, 0.06, 0.00125]);
  });

  it.each(CASES)('$name', (c) => {
    const seen = new Set<string>();
    const streams = new RandomStreams(7);
    for (let i = 0; i < 60; i++) {
      const chosen = chooseOption(c.expanders, c.options, streams.stream(`pick-${i}`), c.config === undefined ? {} : { priorityConfig: c.config });
      seen.add(chosen?.group.pool.name ?? 'none');
    }
    // Every winner is picked at some point over 60 draws, and nothing else ever is.
    expect([...seen].sort()).toEqual([...c.winners].sort());
  });

  it('no option, no choice', () => {
    expect(chooseOption(['random'], [], new RandomStreams(1).stream('x'))).toBeUndefined();
  });
});
