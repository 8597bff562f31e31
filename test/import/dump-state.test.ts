/**
 * `kubesim run --dump-state FILE`: the end state as `kubectl get -A -o yaml`
 * prints it, the same bytes for the same seed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { tempFiles } from '../helpers/scenario.js';

const SCENARIO = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: dump }
spec:
  duration: 1m
  cluster: { nodePools: [ { name: w, count: 2, capacity: { cpu: "2", memory: 4Gi } } ] }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 3
        selector: { matchLabels: { app: web } }
        template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: web, image: web:1 } ] } }
`;

async function run(argv: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { stderr += String(chunk); return true; });
  try {
    return { status: await main(argv), stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('kubesim run --dump-state', () => {
  it('writes a v1 List of the end state: kinds in kubectl\'s order, server fields, RFC 3339 creation times', async () => {
    const folder = tempFiles({ 'scenario.yaml': SCENARIO });
    const state = join(folder, 'state.yaml');
    expect((await run(['run', join(folder, 'scenario.yaml'), '--quiet', '--out', join(folder, 'out'), '--dump-state', state])).status).toBe(0);
    const list = parse(readFileSync(state, 'utf8')) as { apiVersion: string; kind: string; items: Array<{ kind: string; metadata: Record<string, unknown>; status?: { phase?: string } }> };
    expect([list.apiVersion, list.kind]).toEqual(['v1', 'List']);
    // 2 Nodes, the 4 initial Namespaces, 3 Pods, 1 Deployment, 1 ReplicaSet, in that order.
    expect(list.items.map((i) => i.kind)).toEqual(['Node', 'Node', 'Namespace', 'Namespace', 'Namespace', 'Namespace', 'Pod', 'Pod', 'Pod', 'Deployment', 'ReplicaSet']);
    const pod = list.items.find((i) => i.kind === 'Pod');
    expect(pod?.metadata.creationTimestamp).toBe('1970-01-01T00:00:00Z');
    expect(typeof pod?.metadata.uid).toBe('string');
    expect(typeof pod?.metadata.resourceVersion).toBe('string');
    expect(pod?.status?.phase).toBe('Running');
  });

  it('writes the same bytes for the same seed', async () => {
    const folder = tempFiles({ 'scenario.yaml': SCENARIO });
    const texts: string[] = [];
    for (const n of [1, 2]) {
      const state = join(folder, `state-${n}.yaml`);
      await run(['run', join(folder, 'scenario.yaml'), '--quiet', '--out', join(folder, `out-${n}`), '--dump-state', state]);
      texts.push(readFileSync(state, 'utf8'));
    }
    expect(texts[1]).toBe(texts[0]);
  });

  it('refuses an empty path with exit 2', async () => {
    const folder = tempFiles({ 'scenario.yaml': SCENARIO });
    const result = await run(['run', join(folder, 'scenario.yaml'), '--quiet', '--dump-state', '']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--dump-state expects a file path, got an empty string');
  });
});
