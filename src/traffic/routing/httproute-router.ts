/**
 * Which backend a Gateway sends a request to, from the HTTPRoutes attached
 * to it (gateway.networking.k8s.io/v1; apis/v1 httproute_types.go):
 *
 * - a route applies when one of its `spec.hostnames` matches the Host
 *   (none: every host; `*.` is a suffix match), one of its rules has a
 *   match the request satisfies (no matches: PathPrefix "/"), path types
 *   `Exact` and `PathPrefix` (element-wise, as Ingress Prefix), header
 *   matches of type Exact (names case-insensitive); requests here are GETs
 *   without query parameters, so a match on another method or on query
 *   parameters does not match;
 * - among matching rules, precedence goes to the most characters in a
 *   matching non-wildcard hostname, then in a matching hostname, then an
 *   Exact path, then the most characters in a prefix path, then a method
 *   match, then the most header matches, then query-param matches; then
 *   the oldest route, then `{namespace}/{name}` alphabetically, then the
 *   first rule in list order (HTTPRouteSpec.Hostnames and
 *   HTTPRouteRule.Matches);
 * - the rule's `backendRefs` share requests in proportion to their
 *   `weight` (default 1; 0 takes none); with no backend, or all weights
 *   0, the request fails (the spec's 500), as does a request no rule
 *   matches (404): no route.
 */
import type { Rng } from '../../engine/random.js';
import type { KubeObject } from '../../api/types/meta.js';
import { oldestFirst } from './ingress-router.js';
import { exactMatches, hostName, prefixMatches, routeHostMatches } from './path-match.js';
import type { RequestAttributes } from './request-attributes.js';

interface HTTPRouteMatch {
  readonly path?: { readonly type?: string; readonly value?: string };
  readonly headers?: ReadonlyArray<{ readonly type?: string; readonly name: string; readonly value: string }>;
  readonly method?: string;
  readonly queryParams?: readonly unknown[];
}

interface BackendRef {
  readonly name: string;
  readonly namespace?: string;
  readonly kind?: string;
  readonly weight?: number;
}

/** The part of an HTTPRoute the router reads. */
export interface HTTPRouteObject extends KubeObject {
  readonly spec?: {
    readonly parentRefs?: ReadonlyArray<{ readonly name: string; readonly namespace?: string; readonly kind?: string }>;
    readonly hostnames?: readonly string[];
    readonly rules?: ReadonlyArray<{ readonly matches?: readonly HTTPRouteMatch[]; readonly backendRefs?: readonly BackendRef[] }>;
  };
}

/** Whether a route attaches to the Gateway `namespace/name` (parentRefs default to kind Gateway in the route's namespace). */
export function attachesTo(route: HTTPRouteObject, gatewayKey: string): boolean {
  const namespace = route.metadata.namespace ?? 'default';
  return (route.spec?.parentRefs ?? []).some((p) => (p.kind ?? 'Gateway') === 'Gateway' && `${p.namespace ?? namespace}/${p.name}` === gatewayKey);
}

interface Candidate {
  /** Precedence keys, larger first. */
  readonly score: readonly number[];
  readonly backends: ReadonlyArray<{ readonly key: string; readonly weight: number }>;
}

function matchScore(match: HTTPRouteMatch, request: RequestAttributes): number[] | undefined {
  const type = match.path?.type ?? 'PathPrefix';
  const value = match.path?.value ?? '/';
  if (type === 'Exact' ? !exactMatches(value, request.path) : type === 'PathPrefix' ? !prefixMatches(value, request.path) : true) return undefined;
  if (match.method !== undefined && match.method !== 'GET') return undefined;
  if ((match.queryParams ?? []).length > 0) return undefined;
  for (const h of match.headers ?? []) {
    if ((h.type ?? 'Exact') !== 'Exact' || request.headers.get(h.name.toLowerCase()) !== h.value) return undefined;
  }
  return [type === 'Exact' ? 1 : 0, type === 'PathPrefix' ? value.length : 0, match.method === undefined ? 0 : 1, (match.headers ?? []).length, 0];
}

/** Characters in the matching non-wildcard hostname, and in the matching hostname (0, 0 for a route without hostnames). */
function hostScore(route: HTTPRouteObject, host: string): number[] | undefined {
  const hostnames = route.spec?.hostnames ?? [];
  if (hostnames.length === 0) return [0, 0];
  let best: number[] | undefined;
  for (const h of hostnames) {
    if (!routeHostMatches(h, host)) continue;
    const score = [h.startsWith('*.') ? 0 : h.length, h.length];
    if (best === undefined || compare(score, best) > 0) best = score;
  }
  return best;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) - (b[i] as number);
  return 0;
}

export class HTTPRouteRouter {
  /** Oldest route first, so the first best candidate found wins ties. */
  private readonly routes: readonly HTTPRouteObject[];

  /** `routes`: those attached to the Gateway. */
  constructor(routes: readonly HTTPRouteObject[]) {
    this.routes = oldestFirst(routes);
  }

  /** The backend Service (`namespace/name`) for a request; undefined: no route. */
  route(request: RequestAttributes, rng: Rng): { readonly backend: string } | undefined {
    const best = this.bestRule(request);
    if (best === undefined) return undefined;
    const total = best.backends.reduce((sum, b) => sum + b.weight, 0);
    if (total <= 0) return undefined;
    let u = rng.next() * total;
    for (const b of best.backends) {
      if (b.weight <= 0) continue;
      u -= b.weight;
      if (u < 0) return { backend: b.key };
    }
    return { backend: (best.backends.filter((b) => b.weight > 0).at(-1) as { key: string }).key };
  }

  private bestRule(request: RequestAttributes): Candidate | undefined {
    const host = hostName(request.host);
    let best: Candidate | undefined;
    for (const route of this.routes) {
      const hosts = hostScore(route, host);
      if (hosts === undefined) continue;
      const namespace = route.metadata.namespace ?? 'default';
      for (const rule of route.spec?.rules ?? []) {
        const matches = rule.matches === undefined || rule.matches.length === 0 ? [{}] : rule.matches;
        let ruleScore: number[] | undefined;
        for (const m of matches) {
          const s = matchScore(m, request);
          if (s !== undefined && (ruleScore === undefined || compare(s, ruleScore) > 0)) ruleScore = s;
        }
        if (ruleScore === undefined) continue;
        const score = [...hosts, ...ruleScore];
        // Strictly better only: an equal score from a later rule or a younger route loses the tie.
        if (best !== undefined && compare(score, best.score) <= 0) continue;
        const backends = (rule.backendRefs ?? []).filter((b) => (b.kind ?? 'Service') === 'Service').map((b) => ({ key: `${b.namespace ?? namespace}/${b.name}`, weight: b.weight ?? 1 }));
        best = { score, backends };
      }
    }
    return best;
  }
}
