/** `kubesim explain`: every filter verdict and every score per node for one attempt. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { repoScenario } from '../helpers/scenario.js';

async function capture(argv: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    chunks.push(chunk);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, out: chunks.join('') };
  } finally {
    process.stdout.write = original;
  }
}

describe('kubesim explain', () => {
  it('shows the filter verdicts of a failed attempt', async () => {
    const { code, out } = await capture(['explain', repoScenario('preemption.yaml'), '--pod', 'critical', '--at', '1m']);
    expect(code).toBe(0);
    expect(out).toContain('attempt 1 at 1m');
    expect(out).toContain('Outcome: 0/3 nodes are available: 3 Insufficient cpu.');
    expect(out).toMatch(/worker-0\s+ok\s+ok\s+ok\s+Insufficient cpu\s+no/);
  });

  it('shows every score plugin per scored node, with weights', async () => {
    const { code, out } = await capture(['explain', repoScenario('quickstart.yaml'), '--pod', 'web']);
    expect(code).toBe(0);
    expect(out).toContain('Outcome: scheduled on worker-');
    // the first pod on four empty nodes: TaintToleration 100 × 3 and BalancedAllocation's 50 + (50 + s − 100)/2 on every node
    expect(out).toMatch(/TaintToleration \(×3\)/);
    expect(out).toMatch(/NodeResourcesBalancedAllocation \(×1\)/);
    expect(out.match(/^ {2}worker-\d/gm)?.length).toBe(8);
  });
});
