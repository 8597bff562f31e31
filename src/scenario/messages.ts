/**
 * Every user-facing scenario message, in one place, so tests compare against
 * the same text the CLI prints.
 */
import { didYouMean } from '../api/validation/did-you-mean.js';

export const messages = {
  oneDocument: (count: number) => `a scenario file holds exactly one YAML document, found ${count}`,
  notAnObject: 'expected a Scenario object (apiVersion: kubesim/v1, kind: Scenario, metadata, spec)',
  unknownField: (key: string, known: readonly string[]) => {
    const near = didYouMean(key, known);
    if (near !== undefined) return `unknown field "${key}" (did you mean "${near}"?)`;
    return known.length === 0 ? `unknown field "${key}"` : `unknown field "${key}"; expected one of: ${known.join(', ')}`;
  },
  unknownKind: (kind: string, apiVersion: string, near: string | undefined) =>
    `no matches for kind "${kind}" in version "${apiVersion}"${near === undefined ? '' : ` (did you mean "${near}"?)`}; ` +
    'a custom resource needs its CustomResourceDefinition in the scenario',
  missingField: 'required field is missing',
  /** YAML's .nan and .inf are numbers to the parser, never to a Kubernetes field. */
  notFinite: (value: number) => `expected a finite number, got ${String(value)}`,
  wrongType: (expected: string, got: string) => `expected ${expected}, got ${got}`,
  unknownAction: (name: string, options: readonly string[]) => `unknown action "${name}"; expected one of: ${options.join(', ')}`,
  includeUnreadable: (path: string, reason: string) => `include "${path}" cannot be read: ${reason}`,
  includeNotManifest: 'expected a Kubernetes object with apiVersion, kind and metadata.name',
  unmodelledKind: (kind: string, count: number) =>
    `${count} ${kind} object${count === 1 ? '' : 's'} kept in the store; no kubesim component acts on ${kind} yet`,
  actionAfterEnd: (at: string, duration: string) => `this action at ${at} never runs: the scenario ends at ${duration}`,
  controllerWatchDelay: (controller: string, process: string) => `watchDelayByComponent.${controller} is ignored: ${controller} reads ${process}'s shared informers, whose watches take the ${process} entry (or watchDelay)`,
  duplicateObject: (kind: string, name: string, namespace: string | undefined) =>
    `${kind} "${name}"${namespace === undefined ? '' : ` in namespace "${namespace}"`} is defined twice; objects created at t=0 need distinct names`,
} as const;

/** A short description of a value for "got ..." messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${String(value)}`;
  return typeof value;
}
