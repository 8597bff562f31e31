/**
 * The proxies' view of the routing objects: Ingresses (for an ingress
 * controller, those of its IngressClass) and HTTPRoutes (for a Gateway,
 * those attached to it), read from watch-fed caches like any controller's,
 * so a `patch` of a canary weight takes effect one watch delay later. A
 * proxy's router is rebuilt on the first request after a change.
 * ingress-nginx's own reload and --sync-rate-limit are not modelled
 * (docs/traffic.md).
 */
import { Informer } from '../../api/informer.js';
import type { ApiStore } from '../../api/store.js';
import type { Rng } from '../../engine/random.js';
import type { ProxyRouting } from '../types.js';
import { attachesTo, HTTPRouteRouter, type HTTPRouteObject } from './httproute-router.js';
import { IngressRouter, type IngressObject } from './ingress-router.js';
import type { RequestAttributes } from './request-attributes.js';

/** The component name whose watch delay the proxies' caches use. */
export const INGRESS_CONTROLLER = 'ingress-controller';

interface Router {
  route(request: RequestAttributes, rng: Rng): { readonly backend: string } | undefined;
}

export class RouteTable {
  private readonly ingresses: Informer<'Ingress', IngressObject>;
  private readonly httpRoutes: Informer<'HTTPRoute', HTTPRouteObject>;
  private readonly routers = new Map<string, Router>();

  constructor(store: ApiStore) {
    this.ingresses = new Informer(store, { kind: 'Ingress', watcher: INGRESS_CONTROLLER });
    this.httpRoutes = new Informer(store, { kind: 'HTTPRoute', watcher: INGRESS_CONTROLLER });
    const stale = { onAdd: () => this.routers.clear(), onUpdate: () => this.routers.clear(), onDelete: () => this.routers.clear() };
    this.ingresses.addHandler(stale);
    this.httpRoutes.addHandler(stale);
  }

  start(): void {
    this.ingresses.start();
    this.httpRoutes.start();
  }

  /** The backend Service (`namespace/name`) a proxy sends this request to; undefined: no route. */
  route(routing: ProxyRouting, request: RequestAttributes, rng: Rng): string | undefined {
    const id = routing.kind === 'ingress' ? `ingress:${routing.ingressClassName}` : `gateway:${routing.namespace}/${routing.gateway}`;
    let router = this.routers.get(id);
    if (router === undefined) {
      router = this.build(routing);
      this.routers.set(id, router);
    }
    return router.route(request, rng)?.backend;
  }

  private build(routing: ProxyRouting): Router {
    if (routing.kind === 'gateway') {
      const key = `${routing.namespace}/${routing.gateway}`;
      return new HTTPRouteRouter(this.httpRoutes.list().filter((r) => attachesTo(r, key)));
    }
    // An Ingress without ingressClassName is taken by this controller, as if its class were the cluster's default IngressClass.
    return new IngressRouter(this.ingresses.list().filter((i) => (i.spec?.ingressClassName ?? routing.ingressClassName) === routing.ingressClassName));
  }
}
