/** The scenario printed in README.md runs as written (docs that are tests do not rot). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/scenario.js';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('README.md', () => {
  it('has a scenario example of about 20 lines that runs: the rollout completes and worker-2 fails', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const lines = example.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    const { report } = runYaml(example);
    expect(report.scenario.name).toBe('rollout-demo');
    expect(report.summary.rollouts.map((r) => r.outcome)).toEqual(['complete', 'complete']);
    expect(report.recovery.map((r) => r.node)).toEqual(['worker-2']);
  });

  it('gives the two commands', () => {
    expect(readme).toContain('npm ci && npx kubesim run scenarios/quickstart.yaml');
    expect(readme).toMatch(/^npm test\s/m);
  });
});
