/**
 * NodeMemo (src/scheduler/framework/node-memo.ts): a number read back is the
 * one last stored for that key on that node state, whatever the order of
 * keys, node changes and node copies; request shapes taking turns keep
 * their own entries (the memo kept one key per node before, so four
 * alternating shapes of a rollout evicted each other).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { isStored, MAX_MEMO_KEYS, NodeMemo } from '../../src/scheduler/framework/node-memo.js';

/** Few keys, so that random operations forget keys and reuse their arrays often. */
const KEPT = 16;
import { makeNode, makePod } from '../helpers/builders.js';

const KEYS = Array.from({ length: KEPT + 4 }, (_, i) => ({ shape: i }));

function nodes(count: number): NodeInfo[] {
  return Array.from({ length: count }, (_, i) => new NodeInfo(makeNode(`n${i}`), i));
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('store' as const), node: fc.nat(3), key: fc.nat(KEYS.length - 1), value: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant('read' as const), node: fc.nat(3), key: fc.nat(KEYS.length - 1) }),
  fc.record({ kind: fc.constant('change' as const), node: fc.nat(3) }),
  fc.record({ kind: fc.constant('copy' as const), node: fc.nat(3), key: fc.nat(KEYS.length - 1), value: fc.integer({ min: 0, max: 100 }) }),
);

describe('NodeMemo', () => {
  it('reads back only what was stored for that key and node state', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
      const memo = new NodeMemo(KEPT);
      const live = nodes(4);
      // The plain model: every value stored, by key index, node id and generation.
      const stored = new Map<string, number>();
      const at = (key: number, node: NodeInfo): string => `${key}/${node.id}/${node.generation}`;
      let podCount = 0;
      for (const o of ops) {
        const node = live[o.node] as NodeInfo;
        if (o.kind === 'store') {
          memo.forKey(KEYS[o.key]).set(node, o.value);
          stored.set(at(o.key, node), o.value);
        } else if (o.kind === 'read') {
          const value = memo.forKey(KEYS[o.key]).get(node);
          // A miss is always allowed (keys are forgotten past KEPT); a hit must be the stored value.
          if (isStored(value)) expect(value).toBe(stored.get(at(o.key, node)));
        } else if (o.kind === 'change') {
          node.addPod(makePod(`p${podCount++}`, { cpu: '100m', nodeName: node.name }));
        } else {
          // A preemption copy with a pod added: its entry is its own, never the live node's.
          const copy = node.clone();
          copy.addPod(makePod(`p${podCount++}`, { cpu: '100m', nodeName: node.name }));
          memo.forKey(KEYS[o.key]).set(copy, o.value);
          stored.set(at(o.key, copy), o.value);
        }
      }
    }), { numRuns: 500 });
  });

  it('keeps four request shapes taking turns on the same nodes', () => {
    const memo = new NodeMemo(KEPT);
    const live = nodes(3);
    const shapes = KEYS.slice(0, 4);
    shapes.forEach((key, k) => {
      for (const node of live) memo.forKey(key).set(node, 10 * k + node.id);
    });
    // Shape 0 again after shapes 1..3: a memo of one key per node had lost it.
    shapes.forEach((key, k) => {
      for (const node of live) expect(memo.forKey(key).get(node)).toBe(10 * k + node.id);
    });
  });

  it('gives a forgotten key\'s arrays to the new key emptied, and the forgotten table reads only misses', () => {
    const memo = new NodeMemo(KEPT);
    const live = nodes(3);
    const first = memo.forKey(KEYS[0]);
    for (const node of live) first.set(node, 7);
    for (let k = 1; k < KEPT; k++) memo.forKey(KEYS[k]);
    // Key 16 makes the memo forget key 0: its table is now empty, and so is the new one on its arrays.
    const next = memo.forKey(KEYS[KEPT]);
    for (const node of live) {
      expect(isStored(first.get(node))).toBe(false);
      expect(isStored(next.get(node))).toBe(false);
    }
    next.set(live[1] as NodeInfo, 3);
    expect(next.get(live[1] as NodeInfo)).toBe(3);
    expect(isStored(first.get(live[1] as NodeInfo))).toBe(false);
  });

  it('makes a new table as large as the largest, so it does not grow node by node', () => {
    const memo = new NodeMemo(KEPT);
    const big = new NodeInfo(makeNode('n4999'), 4999);
    memo.forKey(KEYS[0]).set(big, 1);
    // 2^13 = 8,192 ids: the smallest power of two holding id 4,999.
    expect(memo.forKey(KEYS[0]).capacity).toBe(8192);
    expect(memo.forKey(KEYS[1]).capacity).toBe(8192);
  });

  it('keeps by default a table for each of the openb trace\'s 151 request shapes, and forgets past MAX_MEMO_KEYS', () => {
    const memo = new NodeMemo();
    const [node] = nodes(1) as [NodeInfo];
    const shapes = Array.from({ length: MAX_MEMO_KEYS + 1 }, (_, i) => ({ shape: i }));
    for (let k = 0; k < 151; k++) memo.forKey(shapes[k]).set(node, k);
    expect(memo.forKey(shapes[0]).get(node)).toBe(0);
    for (let k = 151; k <= MAX_MEMO_KEYS; k++) memo.forKey(shapes[k]).set(node, k);
    // Asking for key 0 again makes a table and forgets key 1, so key 1 is read first.
    expect(memo.forKey(shapes[1]).get(node)).toBe(1);
    expect(isStored(memo.forKey(shapes[0]).get(node))).toBe(false);
  });

  it('forgets the oldest key past KEPT, and a node once it changes', () => {
    const memo = new NodeMemo(KEPT);
    const [node] = nodes(1) as [NodeInfo];
    for (let k = 0; k <= KEPT; k++) memo.forKey(KEYS[k]).set(node, k);
    expect(isStored(memo.forKey(KEYS[0]).get(node))).toBe(false);
    expect(memo.forKey(KEYS[KEPT]).get(node)).toBe(KEPT);
    node.addPod(makePod('p', { cpu: '1', nodeName: node.name }));
    expect(isStored(memo.forKey(KEYS[KEPT]).get(node))).toBe(false);
  });
});
