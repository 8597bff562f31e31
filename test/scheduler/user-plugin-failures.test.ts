/**
 * A user plugin that misbehaves while the simulation runs. An invalid score
 * fails the attempt as upstream's RunScorePlugins does (an Error status: the
 * pod backs off and retries, FailedScheduling carries upstream's message).
 * A plugin that throws stops the run with the plugin, its file, the method
 * and the line in the plugin's file, not as a kubesim bug, in `run`, `bench`
 * (worker threads) and `plan`; a factory that returns no plugin is refused
 * at load time.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CellRunError } from '../../src/bench/cell-failure.js';
import { loadBench } from '../../src/bench/bench-spec.js';
import { inProcessRunner, threadRunner } from '../../src/bench/pool.js';
import { runBench } from '../../src/bench/run-bench.js';
import { SimulationError } from '../../src/engine/errors.js';
import { UserPluginFailure } from '../../src/scheduler/config/user-plugins.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { runYaml, tempFiles } from '../helpers/scenario.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kubesim.js');

const SCENARIO = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: plugin-failure }
spec:
  duration: 1m
  cluster:
    nodePools:
      - { name: w, count: 2, capacity: { cpu: "4", memory: 16Gi } }
  timing: { kubelet: { heartbeats: false } }
  scheduler:
    plugins: [ plugin.ts ]
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
        - plugins: { multiPoint: { enabled: [ { name: Odd } ] } }
  manifests:
    - { apiVersion: v1, kind: Pod, metadata: { name: p }, spec: { containers: [ { name: c, image: i, resources: { requests: { cpu: "1" } } } ] } }
`;

const plugin = (body: string) => `export const plugins = { Odd: () => (${body}) };\n`;
const THROWS_IN_SCORE = plugin(`{
  name: 'Odd',
  score() {
    throw new Error('no score today');
  },
}`);

function runFailure(files: Record<string, string>): unknown {
  try {
    runYaml(SCENARIO, files);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('a user plugin that misbehaves', () => {
  it('an invalid score fails the attempt with upstream\'s message and the pod retries', () => {
    const result = runYaml(SCENARIO, { 'plugin.ts': plugin(`{ name: 'Odd', score: () => 101 }`) });
    const failures = result.events.filter((e) => e.reason === 'FailedScheduling' && e.name === 'p');
    expect(failures[0]?.message).toBe('applying score defaultWeights on Score plugins: plugin "Odd" returns an invalid score 101, it should in the range of [0, 100] after normalizing');
    // Error backoff 1 s doubling to 10 s over the minute: more than one attempt, none bound
    expect(failures.length).toBeGreaterThan(3);
    expect(result.pods.find((p) => p.name === 'p')?.node).toBeUndefined();
  });

  it('an exception stops the run naming the plugin, its file and the method', () => {
    const error = runFailure({ 'plugin.ts': THROWS_IN_SCORE });
    expect(error).toBeInstanceOf(SimulationError);
    const cause = (error as SimulationError).cause;
    expect(cause).toBeInstanceOf(UserPluginFailure);
    expect((cause as UserPluginFailure).message).toMatch(/^plugin "Odd" \(.*plugin\.ts\) threw in score: no score today$/);
  });

  it('an exception in a queueing hint is the plugin\'s too', () => {
    // The hint runs when the second node arrives (a Node/Add event) while the pod waits, rejected by Filter.
    const hint = plugin(`{
  name: 'Odd',
  filter: () => ({ code: 'Unschedulable', reasons: ['not yet'] }),
  eventsToRegister: () => [ { event: { resource: 'Node', actionType: 1 }, hint: () => { throw new Error('bad hint'); } } ],
}`);
    const yaml = SCENARIO.replace('count: 2', 'count: 1').replace('  manifests:', `  timeline:
    - { at: 5s, action: add-nodes, pool: w, count: 1 }
  manifests:`);
    let error: unknown;
    try {
      runYaml(yaml, { 'plugin.ts': hint });
    } catch (e) {
      error = e;
    }
    expect(((error as SimulationError).cause as Error).message).toMatch(/^plugin "Odd" \(.*\) threw in a queueing hint: bad hint$/);
  });

  it('a factory that returns no plugin is refused at load time', () => {
    let error: unknown;
    try {
      runYaml(SCENARIO, { 'plugin.ts': 'export const plugins = { Odd: () => undefined };\n' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toContain('the factory of plugin "Odd" returned undefined, not a plugin object');
  });

  it('kubesim run exits 1 with the plugin\'s line, not as a kubesim bug', () => {
    const folder = tempFiles({ 'scenario.yaml': SCENARIO, 'plugin.ts': THROWS_IN_SCORE });
    const run = spawnSync(process.execPath, [BIN, 'run', join(folder, 'scenario.yaml'), '--out', join(folder, 'out'), '--quiet'], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^kubesim: the run failed at t=0ms: plugin "Odd" \(.*plugin\.ts\) threw in score: no score today\n {4}at .*plugin\.ts:4:\d+\)?\n$/);
    expect(run.stderr).not.toContain('bug in kubesim');
  });

  it.each([
    ['in this thread', () => inProcessRunner()],
    ['in a worker thread', () => threadRunner(1)],
  ])('a bench cell fails as the plugin\'s failure %s', async (_where, runner) => {
    const folder = tempFiles({
      'scenario.yaml': SCENARIO.replace(/ {2}scheduler:[\s\S]*?(?= {2}manifests:)/, ''),
      'plugin.ts': THROWS_IN_SCORE,
      'bench.yaml': `apiVersion: kubesim/v1
kind: Bench
metadata: { name: b }
spec:
  seeds: 1
  scenarios: [ scenario.yaml ]
  profiles:
    - name: odd
      plugins: [ plugin.ts ]
      scheduler: { multiPoint: { enabled: [ { name: Odd } ] } }
  metrics: [ podsPendingAtEnd ]
`,
    });
    const failure = await runBench(loadBench(join(folder, 'bench.yaml')), { benchFile: join(folder, 'bench.yaml'), out: join(folder, 'out'), workers: 1, resume: false, runner: runner() }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(CellRunError);
    expect((failure as CellRunError).userPlugin).toBe(true);
    expect((failure as CellRunError).message).toMatch(/^cell 0 \(scenario\.yaml, odd, seed #0\) failed: the run failed at t=0ms: plugin "Odd" \(.*\) threw in score: no score today\n {4}at /);
  });
});
