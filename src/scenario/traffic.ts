/**
 * `spec.traffic` → TrafficSpec: defaults applied, rate steps sorted, trace
 * files read (relative to the scenario) and scaled. Problems are reported
 * at the entry's field, like every other scenario error.
 */
import { dirname, resolve } from 'node:path';
import { quantityToMilli } from '../api/quantity.js';
import { parseAzureTrace } from '../traffic/trace.js';
import { quantityToInteger } from '../api/quantity.js';
import { DEFAULT_MAX_FILE_BYTES, readInputText } from './input-file.js';
import type { TrafficSpec } from '../traffic/types.js';
import type { KnownObjects } from './actions/action.js';
import { formatPath, type ScenarioIssue } from './errors.js';
import type { TrafficEntryInput } from './schema/traffic.js';
import { resolveCallGraph, resolveRequestMix } from './traffic-calls.js';
import type { SourceDocument } from './yaml-source.js';

/** kubesim's defaults for request handling (Kubernetes has none); docs/traffic.md. */
export const TRAFFIC_DEFAULTS: Omit<TrafficSpec, 'service' | 'namespace' | 'arrivals'> = {
  serviceTime: { dist: 'constant', value: 20 },
  concurrency: 10,
  timeoutMs: 10_000,
  loadBalancing: 'random',
  idleCpuMilli: 0,
  versionLabel: 'version',
};

export interface TrafficResolution {
  readonly specs: TrafficSpec[];
  readonly issues: ScenarioIssue[];
}

function readTrace(scenarioFile: string, file: string, maxFileSize: string | number | undefined): { offsetsMs: number[] } | { error: string } {
  const maxBytes = maxFileSize === undefined ? DEFAULT_MAX_FILE_BYTES : quantityToInteger(maxFileSize);
  const read = readInputText(resolve(dirname(scenarioFile), file), maxBytes, 'maxFileSize');
  if (!read.ok) return { error: `trace "${read.line === undefined ? file : `${file}:${read.line}:${read.column ?? 1}`}" cannot be read: ${read.message}` };
  const parsed = parseAzureTrace(read.text);
  if (!parsed.ok) return { error: `${file}:${parsed.line}: ${parsed.message}` };
  return { offsetsMs: parsed.requests.map((r) => r.offsetMs) };
}

export function resolveTraffic(scenarioFile: string, doc: SourceDocument, entries: readonly TrafficEntryInput[], known: KnownObjects): TrafficResolution {
  const specs: TrafficSpec[] = [];
  const issues: ScenarioIssue[] = [];
  const issueAt = (path: ReadonlyArray<string | number>, message: string): void => {
    issues.push(doc.issue([...path], message, formatPath([...path])));
  };
  entries.forEach((entry, i) => {
    const base = ['spec', 'traffic', i];
    const issue = (field: string, message: string): void => issueAt([...base, field], message);
    const namespace = entry.namespace ?? 'default';
    if (known.get('Service', entry.service, namespace) === undefined) {
      issue('service', `Service "${entry.service}" in namespace "${namespace}" does not exist in this scenario`);
    }
    if (entry.rps !== undefined && entry.trace !== undefined) issue('trace', 'give either rps or trace, not both');
    let arrivals: TrafficSpec['arrivals'] = { kind: 'poisson', steps: [] };
    if (entry.trace !== undefined) {
      const trace = readTrace(scenarioFile, entry.trace.file, entry.trace.maxFileSize);
      if ('error' in trace) issue('trace', trace.error);
      else {
        const { timeScale, start } = entry.trace;
        arrivals = { kind: 'trace', name: entry.trace.file, offsetsMs: Float64Array.from(trace.offsetsMs, (o) => start + o * timeScale) };
      }
    } else if (typeof entry.rps === 'number') {
      arrivals = { kind: 'poisson', steps: [{ atMs: 0, rps: entry.rps }] };
    } else if (entry.rps !== undefined) {
      arrivals = { kind: 'poisson', steps: [...entry.rps].map((s) => ({ atMs: s.at, rps: s.rps })).sort((a, b) => a.atMs - b.atMs) };
    }
    const requestMix = resolveRequestMix(entry, (path, message) => issueAt([...base, ...path], message));
    if (requestMix !== undefined && entry.routing === undefined) {
      const field = ['host', 'path', 'paths', 'headers', 'cookies'].find((f) => entry[f as keyof typeof entry] !== undefined) as string;
      issue(field, 'host, path, paths, headers and cookies are what a proxy routes by: set routing (an ingressClassName or a gateway) on this entry');
    }
    if (entry.routing !== undefined && entry.calls !== undefined) issue('calls', 'a proxy (routing) sends each request on to the backend its rules pick; it takes no calls');
    specs.push({
      ...TRAFFIC_DEFAULTS,
      service: entry.service,
      namespace,
      arrivals,
      ...(entry.serviceTime === undefined ? {} : { serviceTime: entry.serviceTime }),
      ...(entry.concurrency === undefined ? {} : { concurrency: entry.concurrency }),
      ...(entry.queueLimit === undefined ? {} : { queueLimit: entry.queueLimit }),
      ...(entry.timeout === undefined ? {} : { timeoutMs: entry.timeout }),
      ...(entry.loadBalancing === undefined ? {} : { loadBalancing: entry.loadBalancing }),
      ...(entry.cpuPerRequest === undefined ? {} : { cpuPerRequestMs: entry.cpuPerRequest }),
      ...(entry.idleCpu === undefined ? {} : { idleCpuMilli: quantityToMilli(entry.idleCpu) }),
      ...(entry.versionLabel === undefined ? {} : { versionLabel: entry.versionLabel }),
      ...(entry.networkDelay === undefined ? {} : { networkDelay: entry.networkDelay }),
      ...(entry.routing === undefined ? {} : {
        routing: 'ingressClassName' in entry.routing
          ? { kind: 'ingress', ingressClassName: entry.routing.ingressClassName }
          : { kind: 'gateway', gateway: entry.routing.gateway, namespace: entry.routing.namespace ?? namespace },
      }),
      ...(requestMix === undefined ? {} : { requestMix }),
    });
  });
  const timeouts = new Map(specs.map((s) => [`${s.namespace}/${s.service}`, s.timeoutMs]));
  const graphs = resolveCallGraph(
    entries.map((entry, i) => ({ key: `${entry.namespace ?? 'default'}/${entry.service}`, namespace: entry.namespace ?? 'default', calls: entry.calls, path: ['spec', 'traffic', i, 'calls'] })),
    known,
    (key) => timeouts.get(key) ?? TRAFFIC_DEFAULTS.timeoutMs,
    issueAt,
  );
  specs.forEach((spec, i) => {
    const calls = graphs.get(`${spec.namespace}/${spec.service}`);
    if (calls !== undefined) specs[i] = { ...spec, calls };
  });
  const seen = new Set<string>();
  specs.forEach((spec, i) => {
    const key = `${spec.namespace}/${spec.service}`;
    if (seen.has(key)) {
      const path = ['spec', 'traffic', i, 'service'];
      issues.push(doc.issue(path, `Service "${key}" has traffic defined twice`, formatPath(path)));
    }
    seen.add(key);
  });
  return { specs, issues };
}
