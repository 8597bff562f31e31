/**
 * The cache's nodes by their last change (framework/changed-nodes.ts): every
 * change of a held node — a pod assumed, bound, forgotten, the node
 * updated — must make it the newest, removed nodes must drop out, and
 * copies must not report.
 */
import { describe, expect, it } from 'vitest';
import { SchedulerCache } from '../../src/scheduler/cache.js';
import { currentGeneration, type NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { makeNode, makePod } from '../helpers/builders.js';

function changedSince(cache: SchedulerCache, generation: number): string[] {
  const out: NodeInfo[] = [];
  const count = cache.changes.since(generation, out);
  return out.slice(0, count).map((n) => n.name);
}

describe('ChangedNodes', () => {
  it('lists the nodes changed since a generation, newest first, each once', () => {
    const cache = new SchedulerCache();
    const start = currentGeneration();
    cache.addNode(makeNode('a', { cpu: '4' }));
    cache.addNode(makeNode('b', { cpu: '4' }));
    cache.addNode(makeNode('c', { cpu: '4' }));
    expect(changedSince(cache, start)).toEqual(['c', 'b', 'a']);

    const mark = currentGeneration();
    expect(changedSince(cache, mark)).toEqual([]);
    const pod = makePod('p', { cpu: '1' });
    cache.assume(pod, 'a');
    cache.addNode(makeNode('c', { cpu: '4', labels: { zone: 'x' } }));
    cache.addOrUpdatePod({ ...pod, spec: { ...pod.spec, nodeName: 'a' } });
    // a twice (assumed, then bound): once, as the newest.
    expect(changedSince(cache, mark)).toEqual(['a', 'c']);

    const beforeCopy = currentGeneration();
    const copy = (cache.nodeInfo('b') as NodeInfo).clone();
    copy.addPod(makePod('q', { cpu: '1', nodeName: 'b' }));
    // A copy changed: the cache's b did not.
    expect(changedSince(cache, beforeCopy)).toEqual([]);

    const beforeRemove = currentGeneration();
    cache.addOrUpdatePod(makePod('r', { cpu: '1', nodeName: 'b' }));
    cache.removeNode(makeNode('b'));
    cache.removeNode(makeNode('b'));
    expect(changedSince(cache, beforeRemove)).toEqual([]);
    expect(changedSince(cache, start)).toEqual(['a', 'c']);
  });
});
