/**
 * Whether a manifest file is a dump of a live cluster (`kubectl get -o
 * yaml`) rather than something to apply: the API server's own fields give
 * it away. Such a file is refused by `include` and apply actions with a
 * pointer to `kubesim import`, since created as it is its pods would be
 * orphans next to the ones their controllers create afresh.
 */
const SERVER_METADATA = ['uid', 'resourceVersion', 'managedFields', 'creationTimestamp', 'selfLink'] as const;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The path of the first field in `object` only the API server sets, or
 * undefined. A Node's status is allowed: it is how a Node manifest gives its
 * capacity.
 */
export function dumpMarker(object: unknown): readonly string[] | undefined {
  const value = record(object);
  const metadata = record(value?.metadata);
  if (value === undefined || metadata === undefined) return undefined;
  const field = SERVER_METADATA.find((f) => metadata[f] !== undefined && metadata[f] !== '');
  if (field !== undefined) return ['metadata', field];
  if (value.status !== undefined && value.kind !== 'Node') return ['status'];
  return undefined;
}

export function dumpMessage(file: string, field: string): string {
  return `${file} looks like \`kubectl get -o yaml\` output (${field} is set by the API server); created as it is, its pods would be orphans next to the ones their controllers create afresh. Convert it with \`kubesim import ${file} -o scenario.yaml\` (docs/import.md)`;
}
