/**
 * The call graph and request mix of `spec.traffic` entries, resolved:
 * called Services must exist, a call's timeout defaults to the called
 * Service's own traffic timeout, a graph with a cycle is refused (every
 * request would call on until its timeouts), and host / path / headers /
 * cookies are for a proxy (`routing`) only.
 */
import type { CallSpec, CallStep, RequestMix } from '../traffic/types.js';
import type { KnownObjects } from './actions/action.js';
import type { CallInput, CallStepInput, RequestMixInput } from './schema/traffic.js';

type PathPart = string | number;
export type IssueAt = (path: readonly PathPart[], message: string) => void;

/** The request mix of an entry or a set-traffic action; undefined when it sets none of its fields. */
export function resolveRequestMix(input: RequestMixInput, issue: IssueAt): RequestMix | undefined {
  if (input.host === undefined && input.path === undefined && input.paths === undefined && input.headers === undefined && input.cookies === undefined) return undefined;
  if (input.path !== undefined && input.paths !== undefined) issue(['paths'], 'give either path or paths, not both');
  return {
    host: input.host ?? '',
    paths: input.paths ?? [{ path: input.path ?? '/', share: 1 }],
    headers: input.headers ?? [],
    cookies: input.cookies ?? [],
  };
}

export interface CallGraphEntry {
  readonly key: string;
  readonly namespace: string;
  readonly calls: readonly CallStepInput[] | undefined;
  /** The path of the entry's `calls` field. */
  readonly path: readonly PathPart[];
}

/** Resolves every entry's calls; `timeoutOf` gives a called Service's own timeout. */
export function resolveCallGraph(entries: readonly CallGraphEntry[], known: KnownObjects, timeoutOf: (key: string) => number, issue: IssueAt): Map<string, CallStep[]> {
  const graphs = new Map<string, CallStep[]>();
  for (const entry of entries) {
    if (entry.calls === undefined) continue;
    const resolveCall = (c: CallInput, path: readonly PathPart[]): CallSpec => {
      const namespace = c.namespace ?? entry.namespace;
      if (known.get('Service', c.service, namespace) === undefined) issue([...path, 'service'], `Service "${c.service}" in namespace "${namespace}" does not exist in this scenario`);
      const serviceKey = `${namespace}/${c.service}`;
      return { serviceKey, count: c.count ?? 1, probability: c.probability ?? 1, timeoutMs: c.timeout ?? timeoutOf(serviceKey), retries: c.retries ?? 0 };
    };
    graphs.set(entry.key, entry.calls.map((step, j): CallStep => ('parallel' in step
      ? { kind: 'parallel', calls: step.parallel.map((c, k) => resolveCall(c, [...entry.path, j, 'parallel', k])) }
      : { kind: 'call', call: resolveCall(step, [...entry.path, j]) })));
  }
  const cycle = findCycle(graphs);
  if (cycle !== undefined) {
    const entry = entries.find((e) => e.key === cycle[0]);
    issue(entry?.path ?? [], `calls form a cycle (${cycle.join(' → ')}): every request would call on until it timed out`);
  }
  return graphs;
}

function callees(steps: readonly CallStep[]): string[] {
  return steps.flatMap((s) => (s.kind === 'call' ? [s.call.serviceKey] : s.calls.map((c) => c.serviceKey)));
}

/** A cycle in the call graph as the Services along it (first repeated at the end), or undefined. */
function findCycle(graphs: ReadonlyMap<string, readonly CallStep[]>): string[] | undefined {
  const done = new Set<string>();
  const visit = (key: string, trail: string[]): string[] | undefined => {
    const at = trail.indexOf(key);
    if (at >= 0) return [...trail.slice(at), key];
    if (done.has(key)) return undefined;
    for (const next of callees(graphs.get(key) ?? [])) {
      const found = visit(next, [...trail, key]);
      if (found !== undefined) return found;
    }
    done.add(key);
    return undefined;
  };
  for (const key of graphs.keys()) {
    const found = visit(key, []);
    if (found !== undefined) return found;
  }
  return undefined;
}
