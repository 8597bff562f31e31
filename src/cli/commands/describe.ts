/**
 * `kubesim describe <report dir> KIND/NAME [--namespace NS] [--at TIME]`:
 * a Deployment, ReplicaSet or pod as `kubectl describe` shows it, at the
 * end of the run or at a simulated time (src/report/describe/), from the
 * folder `kubesim run` wrote (report.json, pods.jsonl and events.jsonl).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeDeployment } from '../../report/describe/deployment.js';
import type { DescribeReport } from '../../report/describe/parts.js';
import { describePod } from '../../report/describe/pod.js';
import { describeReplicaSet } from '../../report/describe/replicaset.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exit-codes.js';
import { EventsInputError, parseTime, readEvents, readPods, reportFolder } from './events.js';

export const DESCRIBE_USAGE = `Usage: kubesim describe <report dir> KIND/NAME [--namespace NS] [--at TIME]

Prints an object of a run as kubectl describe would, at the end of the run
or at --at, with its events (Age counted back from the time shown):
  deployment/NAME   labels, selector, replica counts, strategy, pod
                    template, conditions, old and new ReplicaSets
  replicaset/NAME   selector, labels, owner, replicas, pods by phase,
                    pod template
  pod/NAME          node, labels, phase, owner, containers

  --namespace NS    the Deployment's namespace (default: default)
  --at TIME         a simulated time (30s, 2m, 1h30m) instead of the end`;

/** kubectl's names for the kinds (singular, plural, short), lower case; the kind its events name; its view. */
const VIEWS: ReadonlyArray<readonly [RegExp, string, typeof describeDeployment]> = [
  [/^(deployment|deployments|deploy)$/, 'Deployment', describeDeployment],
  [/^(replicaset|replicasets|rs)$/, 'ReplicaSet', describeReplicaSet],
  [/^(pod|pods|po)$/, 'Pod', describePod],
];

function readReport(file: string, podsFile: string): DescribeReport {
  if (!existsSync(file)) throw new EventsInputError(`${file}: not found (is this a folder kubesim run wrote?)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EventsInputError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const r = parsed as Partial<DescribeReport>;
  if (typeof r.scenario?.durationMs !== 'number' || !Array.isArray(r.deployments) || !Array.isArray(r.replicaSets)) {
    throw new EventsInputError(`${file}: not a kubesim run report (no scenario.durationMs, deployments[] and replicaSets[])`);
  }
  // Pod timelines are in pods.jsonl since report schemaVersion 2 (docs/report.md).
  return { scenario: r.scenario, deployments: r.deployments, replicaSets: r.replicaSets, pods: readPods(podsFile) };
}

export function describeCommand(args: string[]): number {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { namespace: { type: 'string' }, at: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help === true) {
      process.stdout.write(`${DESCRIBE_USAGE}\n`);
      return EXIT_OK;
    }
    if (positionals.length !== 2) throw new EventsInputError('describe expects a report folder and KIND/NAME');
    const match = /^([A-Za-z]+)\/(.+)$/.exec(positionals[1] as string);
    const found = VIEWS.find(([names]) => names.test((match?.[1] ?? '').toLowerCase()));
    if (match === null || found === undefined) throw new EventsInputError(`describe shows deployment/NAME, replicaset/NAME or pod/NAME, got "${positionals[1] as string}"`);
    const atMs = parseTime('--at', values.at);
    const folder = reportFolder(positionals[0] as string);
    const report = readReport(join(folder, 'report.json'), join(folder, 'pods.jsonl'));
    if (atMs !== undefined && atMs > report.scenario.durationMs) throw new EventsInputError(`--at ${values.at as string} is after the end of the run (${report.scenario.durationMs} ms)`);
    const [, kind, view] = found;
    const namespace = values.namespace ?? 'default';
    const name = match[2] as string;
    // Every view shows only the object's own events (its involvedObject), so only those are held: at 150,000 pods events.jsonl has millions of lines.
    const events = readEvents(join(folder, 'events.jsonl'), (e) => e.kind === kind && e.name === name && (e.namespace ?? 'default') === namespace);
    const described = view(report, events, namespace, name, atMs);
    if (!described.ok) {
      process.stderr.write(`kubesim describe: ${described.message}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stdout.write(described.text);
    return EXIT_OK;
  } catch (error) {
    const known = error instanceof EventsInputError || (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS') === true);
    if (!known) throw error;
    process.stderr.write(`kubesim describe: ${error.message}\n\n${DESCRIBE_USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
}
