/**
 * `kubesim events <report dir>`: the run's events in kubectl's order and
 * columns, with pod Ready / deletion lines derived from the pod timelines
 * (source `kubesim`), filtered by object and simulated time.
 */

import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { writeRunOutputs } from '../../src/cli/output.js';
import { derivedPodEvents, mergeEvents, renderEvents, type LoggedEvent } from '../../src/report/text/event-log.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(['events', ...args]), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

/** The rows under the header, split into their columns (TIME TYPE REASON OBJECT SOURCE, then the message). */
function rows(stdout: string): Array<{ time: string; reason: string; object: string; source: string; message: string }> {
  return stdout.trimEnd().split('\n').slice(1).map((line) => {
    const [time, , reason, object, source, ...message] = line.split(/\s{3,}/);
    return { time: time as string, reason: reason as string, object: object as string, source: source as string, message: message.join('   ') };
  });
}

let folder = '';
beforeAll(() => {
  // The quickstart: web rolled from v1 to v2 at 2m, worker-2 fails at 4m and recovers at 11m.
  folder = tempFiles({});
  writeRunOutputs(folder, runScenario(loadScenario(repoScenario('quickstart.yaml'))));
});
afterEach(() => vi.restoreAllMocks());

describe('kubesim events', () => {
  it('prints every event oldest first with kubectl columns and simulated time', async () => {
    const { code, stdout } = await run([folder]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^TIME\s+TYPE\s+REASON\s+OBJECT\s+SOURCE\s+MESSAGE$/);
    const lines = rows(stdout);
    // The Deployment controller sees web 5 ms in (the watch delay) and scales its first ReplicaSet.
    expect(lines[0]).toMatchObject({ time: '+5ms', reason: 'ScalingReplicaSet', object: 'deployment/web' });
    expect(lines.find((l) => l.reason === 'ScenarioAction' && l.message.includes('set image'))?.time).toBe('+2m');
    expect(lines.find((l) => l.reason === 'NodeNotReady')?.object).toBe('node/worker-2');
    // Pod Ready and deletion are kubesim's lines, not Kubernetes Events.
    const derived = lines.filter((l) => ['PodReady', 'PodTerminating', 'PodDeleted'].includes(l.reason));
    expect(derived.length).toBeGreaterThan(20);
    for (const l of derived) expect(l.source).toBe('kubesim');
  });

  it('follows a Deployment through its ReplicaSets and pods, and nothing else', async () => {
    const { stdout } = await run([folder, '--for', 'deployment/web']);
    const lines = rows(stdout);
    const kinds = new Set(lines.map((l) => l.object.split('/')[0]));
    expect([...kinds].sort()).toEqual(['deployment', 'pod', 'replicaset', 'scenario']);
    // Two ReplicaSets (v1, v2); every pod line belongs to one of them.
    const replicaSets = new Set(lines.filter((l) => l.object.startsWith('replicaset/')).map((l) => l.object.slice('replicaset/'.length)));
    expect(replicaSets.size).toBe(2);
    for (const l of lines.filter((x) => x.object.startsWith('pod/'))) expect([...replicaSets].some((rs) => l.object.startsWith(`pod/${rs}-`)), l.object).toBe(true);
    // The scenario's own actions on it, but not the node failure.
    expect(lines.filter((l) => l.reason === 'ScenarioAction').map((l) => l.message)).toEqual(['set image deployment/web web=web:v2']);
    // Times never go backwards.
    const ms = (t: string) => (t.match(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g) ?? []).reduce((sum, part) => {
      const [, n, unit] = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/.exec(part) as RegExpExecArray;
      return sum + Number(n) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit as 'ms'];
    }, 0);
    const times = lines.map((l) => ms(l.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps to --since and --until (inclusive)', async () => {
    const { stdout } = await run([folder, '--for', 'node/worker-2', '--since', '4m', '--until', '5m']);
    const lines = rows(stdout);
    // worker-2 stops at 4m; NotReady about 50 s after its last heartbeat, before 5m.
    expect(lines.map((l) => l.reason)).toContain('NodeNotReady');
    for (const l of lines) expect(l.object).toBe('node/worker-2');
    expect(lines[0]?.time).toBe('+4m');
  });

  it('prints its usage for --help and exits 2 with a message on bad input', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: kubesim events <report dir> [--for KIND/NAME] [--namespace NS] [--since TIME] [--until TIME]');
    expect(help.stdout).toContain('--since TIME      from this simulated time on');
    const cases: Array<[string[], RegExp]> = [
      [[], /expects exactly one report folder/],
      [[folder, '--for', 'web'], /--for expects KIND\/NAME such as deployment\/web, got "web"/],
      [[folder, '--since', 'soon'], /--since expects a simulated time/],
      [[join(folder, 'nope')], /no such report folder/],
      [[folder, '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('names the file and line of a malformed events.jsonl', async () => {
    const broken = tempFiles({ 'report.json': JSON.stringify({ schemaVersion: 2, replicaSets: [] }), 'pods.jsonl': '', 'events.jsonl': '{"tMs":0,"kind":"Pod","name":"a","reason":"Scheduled"}\n{oops\n' });
    const result = await run([broken]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(broken, 'events.jsonl')}:2: not a JSON event line`);
  });
});

describe('event log lines', () => {
  it('derives Ready, Terminating and Deleted from a pod timeline and orders Kubernetes events first at one instant', () => {
    const pods = [{ name: 'web-1', namespace: 'default', node: 'worker-1', readyMs: 3_000, terminatingMs: 60_000, deletedMs: 90_000 }];
    const derived = derivedPodEvents({ pods, replicaSets: [] });
    expect(derived.map((e) => [e.tMs, e.reason, e.source])).toEqual([[3_000, 'PodReady', 'kubesim'], [60_000, 'PodTerminating', 'kubesim'], [90_000, 'PodDeleted', 'kubesim']]);
    const killing: LoggedEvent = { tMs: 60_000, type: 'Normal', reason: 'Killing', kind: 'Pod', namespace: 'default', name: 'web-1', message: 'Stopping container web', source: 'kubelet/worker-1' };
    expect(mergeEvents([killing], derived).map((e) => e.reason)).toEqual(['PodReady', 'Killing', 'PodTerminating', 'PodDeleted']);
    // 1m30s as kubectl would write an age, with a plus: simulated time since the start.
    expect(renderEvents(derived).split('\n')[3]).toMatch(/^\+1m30s\s+Normal\s+PodDeleted\s+pod\/web-1\s+kubesim\s+Pod object removed from the API$/);
  });
});

