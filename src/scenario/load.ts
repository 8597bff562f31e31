/**
 * loadScenario: file → Scenario, or a ScenarioError listing every problem
 * with its file:line:column.
 *
 *   1. parse      YAML with positions (yaml-source.ts)
 *   2. validate   zod schema (schema/), issues located in the file
 *   3. include    read included manifest files (manifests.ts)
 *   4. expand     node pools → Node objects (nodes.ts)
 *   5. admit      every object through API defaulting and validation (dry-run.ts)
 *   6. timeline   actions checked against the objects that exist by then
 *   7. normalize  defaults applied, times in ms, timeline sorted (model.ts)
 */
import { formatDuration } from '../engine/time.js';
import { quantityToInteger } from '../api/quantity.js';
import type { KubeObjectInput } from '../api/types/meta.js';
import { actionByName } from './actions/index.js';
import { DryRun, type TimelineCheck } from './dry-run.js';
import { formatPath, ScenarioError } from './errors.js';
import { APPLY_FILE_MANIFESTS } from './actions/workloads.js';
import { collectManifests, manifestFiles } from './manifests.js';
import { runawayWarnings } from './runaway.js';
import { CONTROLLER_MANAGER_CONTROLLERS, KUBE_CONTROLLER_MANAGER } from '../controllers/runtime/controller-manager.js';
import { messages } from './messages.js';
import type { Scenario, TimelineEntry } from './model.js';
import { expandPools } from './nodes.js';
import { resolveClusterAutoscaler } from './cluster-autoscaler.js';
import { scenarioFile, type ScenarioFileInput } from './schema/scenario.js';
import type { TimelineEntryInput } from './schema/timeline.js';
import { resolveTiming } from './timing-defaults.js';
import { loadSchedulerSpec } from './scheduler-config.js';
import { loadTraceWorkload } from './traces/load.js';
import { resolveTraffic } from './traffic.js';
import { readYamlDocuments, type SourceDocument } from './yaml-source.js';
import { zodIssues } from './zod-issues.js';

export interface LoadOptions {
  /** Overrides spec.seed (the CLI's --seed). */
  readonly seed?: number;
  /** Changes the parsed file before anything else (bench/ and plan/ vary one parameter this way). */
  readonly transform?: (input: ScenarioFileInput) => ScenarioFileInput;
  /** 'check': check plugin files' paths without running their code (kubesim validate; scheduler-config.ts). */
  readonly plugins?: 'load' | 'check';
}

function parseFile(doc: SourceDocument): ScenarioFileInput {
  if (typeof doc.value !== 'object' || doc.value === null || Array.isArray(doc.value)) {
    throw new ScenarioError([doc.issue([], messages.notAnObject, '')]);
  }
  const parsed = scenarioFile.safeParse(doc.value);
  if (!parsed.success) throw new ScenarioError(zodIssues(parsed.error, doc, [], scenarioFile));
  return parsed.data;
}

function sortedTimeline(entries: readonly TimelineEntryInput[]): Array<{ entry: TimelineEntryInput; index: number }> {
  return entries.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.at - b.entry.at || a.index - b.index);
}

/**
 * A scenario with a trace workload runs without kubelet heartbeats unless it
 * asks for them: a month of 10 s Lease renewals on 1,500 nodes is hundreds
 * of millions of writes that tell the replay nothing (docs/traces.md).
 */
function traceTiming(timing: Scenario['timing'], heartbeats: boolean | undefined, hasTrace: boolean): Scenario['timing'] {
  if (!hasTrace || heartbeats !== undefined) return timing;
  return { ...timing, kubelet: { ...timing.kubelet, heartbeats: false } };
}

export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  const documents = readYamlDocuments(file);
  if (documents.length !== 1) {
    const position = documents[1]?.positionOf([]) ?? { file, line: 1, column: 1 };
    throw new ScenarioError([{ position, path: '', message: messages.oneDocument(documents.length) }]);
  }
  const doc = documents[0] as SourceDocument;
  const parsed = parseFile(doc);
  const input = options.transform === undefined ? parsed : options.transform(parsed);
  const spec = input.spec;
  const manifests = collectManifests(file, doc, spec.include, spec.manifests);
  const scheduler = loadSchedulerSpec(file, doc, spec.scheduler, options.plugins);

  const dryRun = new DryRun(spec.cluster.nodePools);
  dryRun.defineCustomResources(manifests);
  const poolNodes = expandPools(spec.cluster.nodePools);
  const nodeSources = spec.cluster.nodePools.flatMap((pool, p) => Array.from({ length: pool.count }, () => ['spec', 'cluster', 'nodePools', p] as const));
  poolNodes.forEach((object, i) => dryRun.admit({ object, source: doc, path: [...(nodeSources[i] ?? [])] }, 'create'));
  const workloads = spec.workloads.map((w, i) => loadTraceWorkload(w, file, doc, i, options.seed ?? spec.seed));
  workloads.forEach((w, i) => w.nodes.forEach((object) => dryRun.admit({ object, source: doc, path: ['spec', 'workloads', i, 'nodes'] }, 'create')));
  for (const manifest of manifests) dryRun.admit(manifest, 'create');

  const timeline = sortedTimeline(spec.timeline as unknown as TimelineEntryInput[]);
  const checks: TimelineCheck[] = timeline.map(({ entry, index }) => {
    const files = Array.isArray(entry.files) ? (entry.files as string[]) : [];
    const fileManifests = manifestFiles(file, doc, files, ['spec', 'timeline', index, 'files']);
    const params = files.length === 0 ? entry : { ...entry, [APPLY_FILE_MANIFESTS]: fileManifests.map((m) => m.object) };
    return {
      atMs: entry.at,
      index,
      params,
      definition: actionByName(entry.action) as NonNullable<ReturnType<typeof actionByName>>,
      fileManifests,
    };
  });
  dryRun.checkTimeline(checks, doc);
  const traffic = resolveTraffic(file, doc, spec.traffic, dryRun.known);
  if (dryRun.issues.length > 0 || traffic.issues.length > 0) throw new ScenarioError([...dryRun.issues, ...traffic.issues]);

  const warnings = [...dryRun.warnings];
  const entries: TimelineEntry[] = checks.map((check) => {
    const { at: _at, action, ...params } = check.params as TimelineEntryInput;
    const position = doc.positionOf(['spec', 'timeline', check.index]);
    if (check.atMs >= spec.duration) {
      warnings.push(`${position.file}:${position.line}:${position.column}: ${messages.actionAfterEnd(formatDuration(check.atMs), formatDuration(spec.duration))}`);
    }
    return { atMs: check.atMs, action, params, description: check.definition.describe(params), source: position };
  });

  const nodeManifests = manifests.filter((m) => m.object.kind === 'Node').map((m) => m.object);
  const others = manifests.filter((m) => m.object.kind !== 'Node').map((m) => m.object);
  const nodes = [...poolNodes, ...workloads.flatMap((w) => w.nodes), ...nodeManifests] as KubeObjectInput[];
  warnings.push(...runawayWarnings(spec.duration, nodes, others));
  for (const name of Object.keys(spec.timing.network?.watchDelayByComponent ?? {}).filter((key) => CONTROLLER_MANAGER_CONTROLLERS.has(key))) {
    const p = doc.positionOf(['spec', 'timing', 'network', 'watchDelayByComponent', name]);
    warnings.push(`${p.file}:${p.line}:${p.column}: ${messages.controllerWatchDelay(name, KUBE_CONTROLLER_MANAGER)}`);
  }
  return {
    name: input.metadata.name,
    ...(input.metadata.description === undefined ? {} : { description: input.metadata.description }),
    file,
    seed: options.seed ?? spec.seed,
    durationMs: spec.duration,
    nodes,
    nodePools: spec.cluster.nodePools,
    manifests: others,
    timing: traceTiming(resolveTiming(spec.timing), spec.timing.kubelet?.heartbeats, workloads.length > 0),
    images: spec.images.map((i) => ({
      image: i.image,
      ready: i.ready,
      crash: i.crash,
      exitCode: i.exitCode,
      pullError: i.pullError,
      ...(i.startup === undefined ? {} : { startup: i.startup }),
      ...(i.runTime === undefined ? {} : { runTime: i.runTime }),
      ...(i.size === undefined ? {} : { sizeBytes: quantityToInteger(i.size) }),
      ...(i.pullTime === undefined ? {} : { pullTime: i.pullTime }),
      ...(i.readyAfter === undefined ? {} : { readyAfter: i.readyAfter }),
      ...(i.hangAfter === undefined ? {} : { hangAfter: i.hangAfter }),
    })),
    timeline: entries,
    scheduler,
    workloads,
    traffic: traffic.specs,
    warnings,
    ...autoscalerOf(spec, doc, warnings),
  };
}

/** The Cluster Autoscaler's options (absent without autoscaled pools), after checking the pools timing names. */
function autoscalerOf(spec: ScenarioFileInput['spec'], doc: SourceDocument, warnings: string[]): Pick<Scenario, 'clusterAutoscaler'> {
  const options = resolveClusterAutoscaler(spec.clusterAutoscaler, spec.cluster.nodePools, spec.timing);
  const autoscaled = new Set(options?.nodeGroups.map((g) => g.pool.name));
  const unknown = Object.keys(spec.timing.nodeProvisioningByPool ?? {}).filter((name) => !autoscaled.has(name));
  if (unknown.length > 0) {
    const path = ['spec', 'timing', 'nodeProvisioningByPool', unknown[0] as string];
    throw new ScenarioError([{ position: doc.positionOf(path), path: formatPath(path), message: `"${unknown[0]}" is not a node pool with autoscaling (${autoscaled.size === 0 ? 'no pool has autoscaling' : `autoscaled pools: ${[...autoscaled].join(', ')}`})` }]);
  }
  if (options === undefined && spec.clusterAutoscaler !== undefined) {
    const p = doc.positionOf(['spec', 'clusterAutoscaler']);
    warnings.push(`${p.file}:${p.line}:${p.column}: spec.clusterAutoscaler is set but no node pool has autoscaling: the Cluster Autoscaler has no node group and does not run`);
  }
  return options === undefined ? {} : { clusterAutoscaler: options };
}
