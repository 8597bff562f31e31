/**
 * The cache's cluster-wide counts that let a plugin answer for every node at
 * once (ScorePlugin.uniformScore, a filterAll with nothing to reject): nodes
 * per taint effect, cordoned nodes and nodes per image must follow node
 * adds, updates and removals.
 */
import { describe, expect, it } from 'vitest';
import { SchedulerCache } from '../../src/scheduler/cache.js';
import { makeNode, makePod } from '../helpers/builders.js';

const soft = (key: string) => ({ key, value: 'x', effect: 'PreferNoSchedule' as const });
const hard = (key: string) => ({ key, value: 'x', effect: 'NoSchedule' as const });

describe('SchedulerCache counts', () => {
  it('counts each node once per taint effect through add, update and remove', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('a', { taints: [soft('x'), soft('y')] }));
    cache.addNode(makeNode('b', { taints: [soft('x'), hard('z')] }));
    cache.addNode(makeNode('c'));
    // a has two PreferNoSchedule taints but counts once: a, b
    expect(cache.nodesWithTaintEffect('PreferNoSchedule')).toBe(2);
    expect(cache.nodesWithTaintEffect('NoSchedule')).toBe(1);
    expect(cache.nodesWithTaintEffect('NoExecute')).toBe(0);

    // b loses its soft taint, c gains one: still 2 (a, c)
    cache.addNode(makeNode('b', { taints: [hard('z')] }));
    cache.addNode(makeNode('c', { taints: [soft('x')] }));
    expect(cache.nodesWithTaintEffect('PreferNoSchedule')).toBe(2);

    cache.removeNode(makeNode('a'));
    cache.removeNode(makeNode('c'));
    expect(cache.nodesWithTaintEffect('PreferNoSchedule')).toBe(0);
    expect(cache.nodesWithTaintEffect('NoSchedule')).toBe(1);
  });

  it('counts cordoned nodes through add, update and remove', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('a', { unschedulable: true }));
    cache.addNode(makeNode('b'));
    expect(cache.unschedulableNodes()).toBe(1);
    cache.addNode(makeNode('b', { unschedulable: true }));
    cache.addNode(makeNode('b', { unschedulable: true }));
    expect(cache.unschedulableNodes()).toBe(2);
    cache.addNode(makeNode('a'));
    cache.removeNode(makeNode('b'));
    expect(cache.unschedulableNodes()).toBe(0);
  });

  it('counts nodes per image through add, update and remove', () => {
    const image = (name: string) => ({ names: [name], sizeBytes: 1 });
    const cache = new SchedulerCache();
    cache.addNode(makeNode('a', { images: [image('docker.io/library/app:1')] }));
    cache.addNode(makeNode('b', { images: [image('docker.io/library/app:1')] }));
    expect(cache.nodesWithImage('docker.io/library/app:1')).toBe(2);
    cache.addNode(makeNode('b'));
    expect(cache.nodesWithImage('docker.io/library/app:1')).toBe(1);
    cache.removeNode(makeNode('a'));
    expect(cache.nodesWithImage('docker.io/library/app:1')).toBe(0);
  });

  it('counts pods that arrived before their node once it arrives, and again when a removed node comes back', () => {
    const cache = new SchedulerCache();
    const on = (name: string, node: string) => makePod(name, { cpu: '1', nodeName: node });
    cache.addOrUpdatePod(on('early', 'late-node'));
    cache.addOrUpdatePod(on('gone', 'late-node'));
    cache.removePod(on('gone', 'late-node'));
    cache.addNode(makeNode('other'));
    cache.addOrUpdatePod(on('elsewhere', 'other'));
    expect(cache.nodeInfo('other')?.pods.size).toBe(1);
    // 'gone' was deleted before its node came: only 'early' is counted
    cache.addNode(makeNode('late-node'));
    expect([...(cache.nodeInfo('late-node')?.pods.keys() ?? [])]).toEqual(['default/early']);
    expect(cache.nodeInfo('late-node')?.requested.cpuMilli).toBe(1000);
    cache.removeNode(makeNode('late-node'));
    cache.addOrUpdatePod(on('while-away', 'late-node'));
    cache.addNode(makeNode('late-node'));
    expect([...(cache.nodeInfo('late-node')?.pods.keys() ?? [])]).toEqual(['default/early', 'default/while-away']);
    expect(cache.nodeInfo('other')?.pods.size).toBe(1);
  });
});
