/**
 * Loading `spec.workloads` entries: read the trace files (paths relative to
 * the scenario), turn rows into Node objects and replay pods, and map trace
 * time to simulated time: t = (trace time − window.from) × timeScale. Pods
 * alive at window.from start at t=0; pods created at or after window.to are
 * left out, and deletions past window.to are not replayed.
 */
import { dirname, resolve } from 'node:path';
import { quantityToInteger } from '../../api/quantity.js';
import { ScenarioError, type ScenarioIssue } from '../errors.js';
import { DEFAULT_MAX_FILE_BYTES, readInputText } from '../input-file.js';
import type { SourceDocument } from '../yaml-source.js';
import { readAlibabaNodes, readAlibabaPods, type AlibabaNode, type AlibabaPod, type ReadResult } from './alibaba-gpu.js';
import { alibabaNodeObject, alibabaPodObject } from './alibaba-objects.js';
import type { ReplayPod, TraceWorkload } from './model.js';
import type { TraceWorkloadInput } from './schema.js';
import { shapedWorkload } from './shaped-workload.js';

/** `shown` is the path as the scenario writes it (relative to the scenario's folder). */
function readText(path: string, shown: string, maxBytes: number, issues: ScenarioIssue[], issueAt: (message: string) => ScenarioIssue): string | undefined {
  const read = readInputText(path, maxBytes, 'maxFileSize');
  if (read.ok) return read.text;
  const where = read.line === undefined ? shown : `${shown}:${read.line}:${read.column ?? 1}`;
  issues.push(issueAt(`cannot read ${where}: ${read.message}`));
  return undefined;
}

/**
 * The last parse of each trace file, by path, with the text it came from: a
 * bench worker loads the scenario again for every cell (seeds and profiles
 * differ, the trace files do not), and parsing the openb pod list is most
 * of a load's trace work. A file whose text changed is parsed again. The
 * rows are shared between loads, so nothing may change them (shaping copies).
 */
const parsedFiles = new Map<string, { readonly text: string; readonly result: unknown }>();

function parsedOnce<T extends AlibabaNode | AlibabaPod>(path: string, text: string, parse: (text: string) => ReadResult<T>): ReadResult<T> {
  const cached = parsedFiles.get(path);
  if (cached?.text === text) return cached.result as ReadResult<T>;
  const result = parse(text);
  parsedFiles.set(path, { text, result });
  return result;
}

export function replayPods(pods: readonly AlibabaPod[], input: Pick<TraceWorkloadInput, 'timeScale' | 'window'>, toManifest: (pod: AlibabaPod) => ReplayPod['manifest']): ReplayPod[] {
  const fromMs = input.window?.from ?? 0;
  const toMs = input.window?.to ?? Number.POSITIVE_INFINITY;
  const scale = input.timeScale;
  const sim = (traceMs: number): number => Math.round((traceMs - fromMs) * scale);
  const out: ReplayPod[] = [];
  for (const pod of pods) {
    const createdMs = pod.creationS * 1000;
    const deletedMs = pod.deletionS * 1000;
    if (createdMs >= toMs || deletedMs <= fromMs) continue;
    const createMs = sim(Math.max(createdMs, fromMs));
    out.push({
      name: pod.name,
      createMs,
      ...(deletedMs < toMs ? { deleteMs: Math.max(createMs, sim(deletedMs)) } : {}),
      ...(pod.scheduledS === undefined ? {} : { recordedSchedulingMs: Math.round((pod.scheduledS - pod.creationS) * 1000 * scale) }),
      manifest: toManifest(pod),
    });
  }
  // Stable: ties keep file order.
  return out.map((p, i) => ({ p, i })).sort((a, b) => a.p.createMs - b.p.createMs || a.i - b.i).map(({ p }) => p);
}

export function loadTraceWorkload(input: TraceWorkloadInput, scenarioFile: string, doc: SourceDocument, index: number, seed: number): TraceWorkload {
  const base = dirname(scenarioFile);
  const issues: ScenarioIssue[] = [];
  const path = ['spec', 'workloads', index] as const;
  const at = (field: string) => (message: string): ScenarioIssue => doc.issue([...path, field], message, `spec.workloads[${index}].${field}`);
  const nodesFile = resolve(base, input.nodes);
  const podsFile = resolve(base, input.pods);
  const maxBytes = input.maxFileSize === undefined ? DEFAULT_MAX_FILE_BYTES : quantityToInteger(input.maxFileSize);
  const nodesText = readText(nodesFile, input.nodes, maxBytes, issues, at('nodes'));
  const podsText = readText(podsFile, input.pods, maxBytes, issues, at('pods'));
  const nodes = nodesText === undefined ? undefined : parsedOnce(`nodes:${nodesFile}`, nodesText, readAlibabaNodes);
  const pods = podsText === undefined ? undefined : parsedOnce(`pods:${podsFile}`, podsText, readAlibabaPods);
  for (const problem of nodes?.problems.slice(0, 20) ?? []) issues.push(at('nodes')(`${input.nodes}: ${problem}`));
  for (const problem of pods?.problems.slice(0, 20) ?? []) issues.push(at('pods')(`${input.pods}: ${problem}`));
  if (issues.length > 0 || nodes === undefined || pods === undefined) throw new ScenarioError(issues);
  const shaped = shapedWorkload(input, nodes.rows, pods.rows, seed, index);
  return {
    ...shaped,
    trace: input.trace,
    namespace: input.namespace,
    nodes: nodes.rows.map((n) => alibabaNodeObject(n, input.trace, input.nodeAgent)),
    pods: shaped.pods ?? replayPods(pods.rows, input, (p) => alibabaPodObject(p, input.trace, input.namespace)),
  };
}
