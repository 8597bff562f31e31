/** What `kubesim --help` prints, and the part of it about one command (`kubesim run --help`). */
export const USAGE = `kubesim: a deterministic simulator of Kubernetes scheduling and rollouts

Usage:
  kubesim run <scenario.yaml> [--seed N] [--out DIR] [--quiet | --json] [--dump-state FILE]
      Run a scenario; write report.json, report.html, csv/, pods.jsonl,
      jobs.jsonl, events.jsonl and run-stats.json to DIR (default: reports/<scenario name>) and print a
      summary (--json: the headline numbers as JSON; --quiet: nothing).
      --dump-state: the objects at the end, as kubectl get -o yaml prints them.
  kubesim validate <scenario.yaml> [--allow-plugins]
      Check a scenario without running it. Plugin files are checked by path
      only, since a plugin is code; --allow-plugins loads them (running their
      code with your rights) to check their exports and the profiles that
      name them.
  kubesim bench <bench.yaml> [--out DIR] [--workers N] [--resume | --force] [--quiet | --json]
      Run scenarios x scheduler profiles x seeds on worker threads; write
      DIR/report.json, report.html and cells.jsonl and print the comparison
      with the baseline (docs/bench.md). Finished cells in DIR are resumed
      (--resume) or moved aside (--force), never overwritten.
  kubesim bench <bench.yaml> --emit-job [--image IMG] [--results-claim PVC] [--parallelism N] [--out FILE]
  kubesim bench <bench.yaml> --index N --out DIR
  kubesim bench merge DIR [--out DIR]
      The same matrix as a Kubernetes Indexed Job, one cell per index, and
      merging its results (docs/distributed.md).
  kubesim plan <plan.yaml> [--out DIR] [--workers N] [--quiet | --json]
      Find the smallest value of a parameter that meets an SLO (docs/plan.md).
  kubesim history <report.json> --deployment NAME [--namespace NS] [--revision N]
      Print a Deployment's rollout history as kubectl rollout history does.
  kubesim events <report dir> [--for KIND/NAME] [--namespace NS] [--since TIME] [--until TIME]
      Print a run's events as kubectl get events --sort-by=.lastTimestamp
      does (+1m20s, type, reason, object, source, message), with pod Ready
      and deletion lines derived from the pod timelines (source kubesim).
      --for deployment/web adds its ReplicaSets and pods; pod/NAME,
      node/NAME and any kind/name work too (docs/report.md).
  kubesim describe <report dir> KIND/NAME [--namespace NS] [--at TIME]
      Print a Deployment, ReplicaSet or pod as kubectl describe does
      (deployment/web: replicas, strategy, pod template, conditions, old
      and new ReplicaSets, events) at the end of the run or at a simulated
      time (docs/report.md).
  kubesim explain <scenario.yaml> --pod NAME [--at TIME]
      Run until the pod's first scheduling attempt at or after TIME and print
      every filter verdict and every score per node (docs/scheduler.md).
  kubesim import <dump.yaml>... [-o scenario.yaml] [--name NAME]
      Turn what \`kubectl get nodes,pods,deployments,... -A -o yaml\` printed
      into a scenario that starts as that cluster is: nodes with their
      allocatable, workloads with their pods running on their nodes at t=0
      (docs/import.md). What was kept, changed and dropped goes to stderr.
  kubesim --help | --version

Exit codes: 0 success, 1 the run failed, 2 bad input (scenario or arguments),
3 plan: no value meets the SLO.
Scenario format: docs/scenarios.md.`;

/**
 * The usage of one command: its `  kubesim <command>` entries of USAGE
 * with their indented explanations, or undefined for an unknown command.
 */
export function commandUsage(command: string): string | undefined {
  const lines = USAGE.split('\n');
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    if (line.startsWith('  kubesim ')) inside = line.startsWith(`  kubesim ${command} `) || line === `  kubesim ${command}`;
    else if (!line.startsWith('      ')) inside = false;
    if (inside) out.push(line);
  }
  return out.length === 0 ? undefined : `Usage:\n${out.join('\n')}\n\nExit codes: 0 success, 1 the run failed, 2 bad input (scenario or arguments).`;
}
