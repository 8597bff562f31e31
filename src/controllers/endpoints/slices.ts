/**
 * Packing endpoints into EndpointSlices (after k8s.io/endpointslice
 * reconciler.go, simplified): endpoints stay in the slice that holds them
 * and are updated in place; removed ones are dropped; new ones fill slices
 * with room, then new slices of at most maxEndpointsPerSlice (100). A
 * Service with no endpoints keeps one empty placeholder slice.
 */
import type { Endpoint } from '../../api/types/discovery.js';

export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SliceState {
  /** The slice's name; undefined for a slice still to be created. */
  readonly name: string | undefined;
  readonly endpoints: readonly Endpoint[];
}

export interface SlicePlan {
  /** Every slice the Service should have, in order. */
  readonly slices: readonly SliceState[];
  /** Names of slices whose endpoints changed (to update). */
  readonly changed: ReadonlySet<string>;
  /** Names of slices to delete. */
  readonly deleted: readonly string[];
}

export function endpointKey(endpoint: Endpoint): string {
  return endpoint.targetRef?.uid ?? endpoint.addresses.join(',');
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.addresses[0] === b.addresses[0] &&
    a.conditions.ready === b.conditions.ready &&
    a.conditions.serving === b.conditions.serving &&
    a.conditions.terminating === b.conditions.terminating &&
    a.nodeName === b.nodeName &&
    a.targetRef?.uid === b.targetRef?.uid;
}

export function planSlices(existing: readonly SliceState[], desired: readonly Endpoint[], maxPerSlice = MAX_ENDPOINTS_PER_SLICE): SlicePlan {
  const wanted = new Map(desired.map((e) => [endpointKey(e), e]));
  const placed = new Set<string>();
  const changed = new Set<string>();
  const slices: Array<{ name: string | undefined; endpoints: Endpoint[] }> = [];
  for (const slice of existing) {
    const kept: Endpoint[] = [];
    let dirty = false;
    for (const endpoint of slice.endpoints) {
      const key = endpointKey(endpoint);
      const next = wanted.get(key);
      if (next === undefined || placed.has(key)) {
        dirty = true;
        continue;
      }
      placed.add(key);
      if (!sameEndpoint(endpoint, next)) dirty = true;
      kept.push(next);
    }
    if (dirty && slice.name !== undefined) changed.add(slice.name);
    slices.push({ name: slice.name, endpoints: kept });
  }
  const fresh = desired.filter((e) => !placed.has(endpointKey(e)));
  for (const slice of slices) {
    while (fresh.length > 0 && slice.endpoints.length < maxPerSlice) {
      slice.endpoints.push(fresh.shift() as Endpoint);
      if (slice.name !== undefined) changed.add(slice.name);
    }
  }
  while (fresh.length > 0) slices.push({ name: undefined, endpoints: fresh.splice(0, maxPerSlice) });
  const nonEmpty = slices.filter((s) => s.endpoints.length > 0);
  const deleted = slices.filter((s) => s.endpoints.length === 0 && s.name !== undefined).map((s) => s.name as string);
  if (nonEmpty.length > 0) {
    for (const name of deleted) changed.delete(name);
    return { slices: nonEmpty, changed, deleted };
  }
  // The placeholder: keep the first existing slice (emptied), or create one.
  const placeholder = slices.find((s) => s.name !== undefined);
  if (placeholder === undefined) return { slices: [{ name: undefined, endpoints: [] }], changed, deleted };
  const gone = deleted.filter((n) => n !== placeholder.name);
  for (const name of gone) changed.delete(name);
  return { slices: [placeholder], changed, deleted: gone };
}
