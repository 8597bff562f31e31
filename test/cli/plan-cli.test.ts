/**
 * `kubesim plan` as a user runs it (node bin/kubesim.js on the compiled
 * dist/, which `npm test` builds first): exit 3 when no value meets the SLO,
 * with the closest value and why it failed on stdout and the report still
 * written; exit 0 with an answer. stderr is not a terminal here, so there
 * is no progress bar, only a line per evaluated value.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFiles } from '../helpers/scenario.js';
import { FIT_SCENARIO } from '../helpers/fit-scenario.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kubesim.js');
/** util-linux script(1) gives the command a terminal, as a user's shell does. */
const SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;


const plan = (values: string): string => `apiVersion: kubesim/v1
kind: Plan
metadata: { name: fit-plan }
spec:
  scenario: fit.yaml
  seeds: 2
  parameter: { nodeCount: { pool: w, values: ${values} } }
  slo: [ { metric: podsPendingAtEnd, atMost: 0 } ]
`;

function kubesim(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('kubesim plan', () => {
  it('exits 3 when no value passes, naming the closest value and why it failed', () => {
    const cwd = tempFiles({ 'fit.yaml': FIT_SCENARIO, 'p.yaml': plan('[1]') });
    const run = kubesim(['plan', 'p.yaml', '--workers', '1'], cwd);
    expect(run.status).toBe(3);
    expect(run.stdout).toContain('! No nodeCount of pool w from 1 to 1 meets podsPendingAtEnd atMost 0 on every one of 2 seeds.');
    expect(run.stdout).toContain('! Closest: 1, 0/2 seeds passed; podsPendingAtEnd atMost 0 held on 0 of 2 seeds (mean 2, 95 % CI [2, 2], range 2–2).');
    expect(run.stderr).toBe('plan nodeCount=1: 0/2 seeds passed, misses the SLO\n');
    const report = JSON.parse(readFileSync(join(cwd, 'reports', 'fit-plan', 'report.json'), 'utf8')) as { chosen: unknown; bestFailure: { value: number } };
    expect([report.chosen, report.bestFailure.value]).toEqual([null, 1]);
    expect(existsSync(join(cwd, 'reports', 'fit-plan', 'report.html'))).toBe(true);
  });

  it('exits 3 with --json too, and 0 when a value passes', () => {
    const cwd = tempFiles({ 'fit.yaml': FIT_SCENARIO, 'none.yaml': plan('[1]'), 'some.yaml': plan('[2, 1]') });
    const none = kubesim(['plan', 'none.yaml', '--workers', '1', '--json'], cwd);
    expect(none.status).toBe(3);
    expect(none.stderr).toBe('');
    expect((JSON.parse(none.stdout) as { chosen: unknown }).chosen).toBeNull();
    const some = kubesim(['plan', 'some.yaml', '--workers', '1', '--quiet'], cwd);
    expect([some.status, some.stdout, some.stderr]).toEqual([0, '', '']);
  });

  it.skipIf(!SCRIPT)('draws a progress bar with an ETA when stderr is a terminal, and none with --quiet', () => {
    const cwd = tempFiles({ 'fit.yaml': FIT_SCENARIO, 'p.yaml': plan('[1, 2]') });
    const inTerminal = (flags: string): string => spawnSync('script', ['-qec', `${process.execPath} ${BIN} plan p.yaml --workers 1 ${flags}`, '/dev/null'], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } }).stdout;
    // 2 values × 2 seeds = 4 runs; the bar counts them and estimates the rest.
    expect(inTerminal('--out a')).toMatch(/plan .* 4\/4 runs \| ETA \d+s \| nodeCount=\d: \d\/2 seeds passed/);
    expect(inTerminal('--out b --quiet')).not.toContain('ETA');
  });
});
