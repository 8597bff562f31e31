/**
 * Which backend Service an ingress controller sends a request to, from the
 * Ingresses of its class, as ingress-nginx builds its configuration:
 *
 * - one server per host; a request picks the server of its exact host,
 *   else a wildcard host matching it (one DNS label, as the Ingress API
 *   defines it), else the catch-all server of the rules without a host;
 * - within the server, "the longest matching path will take precedence;
 *   if two paths are still equally matched, precedence will be given to
 *   paths with an exact path type over prefix path type"
 *   (kubernetes.io/docs/concepts/services-networking/ingress/#multiple-matches).
 *   `ImplementationSpecific` is matched as `Prefix` (docs/traffic.md);
 *   a path defined by two Ingresses goes to the older one (ingress-nginx
 *   merges Ingresses oldest first);
 * - no server or path: an Ingress's `spec.defaultBackend` (the oldest
 *   Ingress that has one), else no route (ingress-nginx's default
 *   backend answers 404);
 * - a canary Ingress (`nginx.ingress.kubernetes.io/canary: "true"`)
 *   serving the same host and path adds itself as that path's alternative
 *   backend (ingress-nginx keeps one: the oldest canary), chosen per
 *   request by canary.ts.
 */
import type { Rng } from '../../engine/random.js';
import type { KubeObject } from '../../api/types/meta.js';
import { canaryPolicy, routesToCanary, type CanaryPolicy } from './canary.js';
import { exactMatches, hostName, ingressHostMatches, prefixMatches } from './path-match.js';
import type { RequestAttributes } from './request-attributes.js';

interface IngressBackend {
  readonly service?: { readonly name?: string };
}

interface IngressPath {
  readonly path?: string;
  readonly pathType?: string;
  readonly backend?: IngressBackend;
}

/** The part of a networking.k8s.io/v1 Ingress the router reads. */
export interface IngressObject extends KubeObject {
  readonly spec?: {
    readonly ingressClassName?: string;
    readonly defaultBackend?: IngressBackend;
    readonly rules?: ReadonlyArray<{ readonly host?: string; readonly http?: { readonly paths?: readonly IngressPath[] } }>;
  };
}

interface Location {
  readonly path: string;
  readonly exact: boolean;
  readonly backend: string;
  canary?: { readonly policy: CanaryPolicy; readonly backend: string };
}

/** Where a request goes: the backend Service (`namespace/name`) and whether it is the canary. */
export interface IngressRoute {
  readonly backend: string;
  readonly canary: boolean;
}

/** Oldest first, then by namespace/name (ingress-nginx's order for merging). */
export function oldestFirst<T extends KubeObject>(objects: readonly T[]): T[] {
  const key = (o: T): string => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
  const byName = (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return [...objects].sort((a, b) => a.metadata.creationTimestamp - b.metadata.creationTimestamp || byName(a, b));
}

function backendKey(ingress: IngressObject, backend: IngressBackend | undefined): string | undefined {
  const name = backend?.service?.name;
  return name === undefined ? undefined : `${ingress.metadata.namespace ?? 'default'}/${name}`;
}

export class IngressRouter {
  /** Host ('' for the catch-all server) → its locations. */
  private readonly servers = new Map<string, Location[]>();
  private readonly defaultBackend: string | undefined;

  /** `ingresses`: those of the controller's class. */
  constructor(ingresses: readonly IngressObject[]) {
    const ordered = oldestFirst(ingresses);
    let fallback: string | undefined;
    for (const canaryPass of [false, true]) {
      for (const ingress of ordered) {
        const policy = canaryPolicy(ingress.metadata.annotations);
        if ((policy !== undefined) !== canaryPass) continue;
        if (policy === undefined && fallback === undefined) fallback = backendKey(ingress, ingress.spec?.defaultBackend);
        for (const rule of ingress.spec?.rules ?? []) {
          const host = (rule.host ?? '').toLowerCase();
          for (const p of rule.http?.paths ?? []) {
            const backend = backendKey(ingress, p.backend);
            if (backend === undefined) continue;
            const exact = p.pathType === 'Exact';
            const path = p.path ?? '/';
            const locations = this.servers.get(host) ?? [];
            const existing = locations.find((l) => l.path === path && l.exact === exact);
            if (policy === undefined) {
              if (existing === undefined) this.servers.set(host, [...locations, { path, exact, backend }]);
            } else if (existing !== undefined && existing.canary === undefined) {
              existing.canary = { policy, backend };
            }
          }
        }
      }
    }
    this.defaultBackend = fallback;
  }

  /** The backend for a request; undefined: no route (a 404). */
  route(request: RequestAttributes, rng: Rng): IngressRoute | undefined {
    const location = this.location(request);
    if (location === undefined) return this.defaultBackend === undefined ? undefined : { backend: this.defaultBackend, canary: false };
    if (location.canary !== undefined && routesToCanary(location.canary.policy, request, rng)) return { backend: location.canary.backend, canary: true };
    return { backend: location.backend, canary: false };
  }

  private location(request: RequestAttributes): Location | undefined {
    const locations = this.server(hostName(request.host));
    let best: Location | undefined;
    for (const l of locations ?? []) {
      if (!(l.exact ? exactMatches(l.path, request.path) : prefixMatches(l.path, request.path))) continue;
      if (best === undefined || l.path.length > best.path.length || (l.path.length === best.path.length && l.exact && !best.exact)) best = l;
    }
    return best;
  }

  private server(host: string): Location[] | undefined {
    const exact = this.servers.get(host);
    if (exact !== undefined) return exact;
    for (const [ruleHost, locations] of this.servers) if (ruleHost.startsWith('*.') && ingressHostMatches(ruleHost, host)) return locations;
    return this.servers.get('');
  }
}
