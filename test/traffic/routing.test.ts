/**
 * Routing rules as tables: Ingress path and host matching (the examples
 * table of kubernetes.io/docs/concepts/services-networking/ingress/#examples
 * and #hostname-wildcards), ingress-nginx's canary precedence (its
 * annotations docs, #canary, and rootfs/etc/nginx/lua/balancer.lua), and
 * Gateway API HTTPRoute precedence and weights (apis/v1 httproute_types.go).
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { canaryPolicy, routesToCanary } from '../../src/traffic/routing/canary.js';
import { HTTPRouteRouter, type HTTPRouteObject } from '../../src/traffic/routing/httproute-router.js';
import { IngressRouter, type IngressObject } from '../../src/traffic/routing/ingress-router.js';
import { ingressHostMatches, routeHostMatches } from '../../src/traffic/routing/path-match.js';
import type { RequestAttributes } from '../../src/traffic/routing/request-attributes.js';

const rng = () => new RandomStreams(7).stream('routing-test');

function request(path: string, extra: { host?: string; headers?: Record<string, string>; cookies?: Record<string, string> } = {}): RequestAttributes {
  return {
    host: extra.host ?? 'shop.example.com',
    path,
    headers: new Map(Object.entries(extra.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    cookies: new Map(Object.entries(extra.cookies ?? {})),
  };
}

let created = 0;
function ingress(name: string, paths: ReadonlyArray<[string, string, string]>, options: { host?: string; annotations?: Record<string, string>; defaultBackend?: string } = {}): IngressObject {
  created++;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default', uid: name, resourceVersion: '1', creationTimestamp: created, ...(options.annotations === undefined ? {} : { annotations: options.annotations }) },
    spec: {
      ...(options.defaultBackend === undefined ? {} : { defaultBackend: { service: { name: options.defaultBackend } } }),
      rules: [{ ...(options.host === undefined ? {} : { host: options.host }), http: { paths: paths.map(([type, path, backend]) => ({ pathType: type, path, backend: { service: { name: backend } } })) } }],
    },
  } as IngressObject;
}

describe('Ingress path matching (kubernetes.io Ingress "Examples" table)', () => {
  // [pathType, rule paths, request path, backend expected (the rule path that wins) or null for no match]
  const table: ReadonlyArray<[string, readonly string[], string, string | null]> = [
    ['Prefix', ['/'], '/anything/at/all', '/'],
    ['Exact', ['/foo'], '/foo', '/foo'],
    ['Exact', ['/foo'], '/bar', null],
    ['Exact', ['/foo'], '/foo/', null],
    ['Exact', ['/foo/'], '/foo', null],
    ['Prefix', ['/foo'], '/foo', '/foo'],
    ['Prefix', ['/foo'], '/foo/', '/foo'],
    ['Prefix', ['/foo/'], '/foo', '/foo/'], // the trailing slash is ignored
    ['Prefix', ['/foo/'], '/foo/', '/foo/'],
    ['Prefix', ['/aaa/bb'], '/aaa/bbb', null], // element-wise: bb is not a prefix element of bbb
    ['Prefix', ['/aaa/bbb'], '/aaa/bbb', '/aaa/bbb'],
    ['Prefix', ['/aaa/bbb/'], '/aaa/bbb', '/aaa/bbb/'],
    ['Prefix', ['/aaa/bbb'], '/aaa/bbb/', '/aaa/bbb'],
    ['Prefix', ['/aaa/bbb'], '/aaa/bbb/ccc', '/aaa/bbb'],
    ['Prefix', ['/aaa/bbb'], '/aaa/bbbxyz', null], // not a string prefix match
    ['Prefix', ['/', '/aaa'], '/aaa/ccc', '/aaa'], // the longest match wins
    ['Prefix', ['/', '/aaa', '/aaa/bbb'], '/aaa/bbb', '/aaa/bbb'],
    ['Prefix', ['/', '/aaa', '/aaa/bbb'], '/ccc', '/'],
    ['Prefix', ['/aaa'], '/ccc', null], // no match: the default backend
    ['Prefix', ['/aaa'], '/aaa?x=/ccc', '/aaa'], // the query string is not part of the path
    ['ImplementationSpecific', ['/aaa'], '/aaa/x', '/aaa'], // treated as Prefix (docs/traffic.md)
    ['ImplementationSpecific', ['/aaa'], '/aaaa', null],
  ];
  it.each(table)('%s %j, request %s → %s', (type, paths, path, expected) => {
    const router = new IngressRouter([ingress('web', paths.map((p) => [type, p, `svc${p}`]))]);
    expect(router.route(request(path), rng())?.backend ?? null).toBe(expected === null ? null : `default/svc${expected}`);
  });

  it('prefers Exact over Prefix for the same path ("Mixed" row)', () => {
    const router = new IngressRouter([ingress('web', [['Prefix', '/foo', 'prefix'], ['Exact', '/foo', 'exact']])]);
    expect(router.route(request('/foo'), rng())?.backend).toBe('default/exact');
    expect(router.route(request('/foo/bar'), rng())?.backend).toBe('default/prefix');
  });

  it('gives a path defined by two Ingresses to the older one, and falls back to spec.defaultBackend', () => {
    const router = new IngressRouter([ingress('old', [['Prefix', '/api', 'old-api']], { defaultBackend: 'fallback' }), ingress('new', [['Prefix', '/api', 'new-api']])]);
    expect(router.route(request('/api/x'), rng())?.backend).toBe('default/old-api');
    expect(router.route(request('/nothing'), rng())?.backend).toBe('default/fallback');
  });
});

describe('Ingress hosts', () => {
  // "*.foo.com" covers exactly one DNS label (kubernetes.io Ingress #hostname-wildcards).
  const table: ReadonlyArray<[string, string, boolean]> = [
    ['foo.bar.com', 'foo.bar.com', true],
    ['foo.bar.com', 'FOO.bar.com:8080', true], // DNS names compare case-insensitively, without the port
    ['foo.bar.com', 'bar.com', false],
    ['*.foo.com', 'bar.foo.com', true],
    ['*.foo.com', 'baz.bar.foo.com', false],
    ['*.foo.com', 'foo.com', false],
  ];
  it.each(table)('rule host %s, Host %s → %s', (rule, host, expected) => {
    expect(ingressHostMatches(rule, host)).toBe(expected);
  });

  it('picks the exact host, then a wildcard, then the rules without a host', () => {
    const router = new IngressRouter([
      ingress('any', [['Prefix', '/', 'any-host']]),
      ingress('wild', [['Prefix', '/', 'wildcard']], { host: '*.example.com' }),
      ingress('shop', [['Prefix', '/', 'shop']], { host: 'shop.example.com' }),
    ]);
    expect(router.route(request('/', { host: 'shop.example.com' }), rng())?.backend).toBe('default/shop');
    expect(router.route(request('/', { host: 'blog.example.com' }), rng())?.backend).toBe('default/wildcard');
    expect(router.route(request('/', { host: 'a.b.example.com' }), rng())?.backend).toBe('default/any-host');
  });
});

describe('ingress-nginx canary precedence: header, then cookie, then weight', () => {
  const A = 'nginx.ingress.kubernetes.io/';
  // [annotations, request header X-Canary, cookie canary, expected canary?]
  const table: ReadonlyArray<[string, Record<string, string>, string | undefined, string | undefined, boolean]> = [
    ['header always beats weight 0', { 'canary-by-header': 'X-Canary', 'canary-weight': '0' }, 'always', undefined, true],
    ['header never beats weight 100', { 'canary-by-header': 'X-Canary', 'canary-weight': '100' }, 'never', undefined, false],
    ['header never beats cookie always', { 'canary-by-header': 'X-Canary', 'canary-by-cookie': 'canary' }, 'never', 'always', false],
    ['another header value falls through to the cookie', { 'canary-by-header': 'X-Canary', 'canary-by-cookie': 'canary' }, 'maybe', 'always', true],
    ['header-value: the exact value → canary', { 'canary-by-header': 'X-Canary', 'canary-by-header-value': 'v2' }, 'v2', undefined, true],
    ['header-value set: "always" is just another value (weight 0 → main)', { 'canary-by-header': 'X-Canary', 'canary-by-header-value': 'v2' }, 'always', undefined, false],
    ['header-value set: "never" falls through to the cookie', { 'canary-by-header': 'X-Canary', 'canary-by-header-value': 'v2', 'canary-by-cookie': 'canary' }, 'never', 'always', true],
    ['header-pattern matches → canary', { 'canary-by-header': 'X-Canary', 'canary-by-header-pattern': '^v[23]$' }, 'v3', undefined, true],
    ['header-pattern does not match → weight 0', { 'canary-by-header': 'X-Canary', 'canary-by-header-pattern': '^v[23]$' }, 'v4', undefined, false],
    ['cookie never beats weight 100', { 'canary-by-cookie': 'canary', 'canary-weight': '100' }, undefined, 'never', false],
    ['cookie always beats weight 0', { 'canary-by-cookie': 'canary' }, undefined, 'always', true],
    ['a header without canary-by-header is ignored', { 'canary-weight': '0' }, 'always', undefined, false],
    ['weight 100 → canary', { 'canary-weight': '100' }, undefined, undefined, true],
    ['weight 0 → main', { 'canary-weight': '0' }, undefined, undefined, false],
    ['weight 100 of a total of 10 000 is 1 %, not all', { 'canary-weight': '100', 'canary-weight-total': '10000' }, 'x', 'x', false],
  ];
  it.each(table)('%s', (_name, annotations, header, cookie, expected) => {
    const policy = canaryPolicy({ [`${A}canary`]: 'true', ...Object.fromEntries(Object.entries(annotations).map(([k, v]) => [`${A}${k}`, v])) });
    if (policy === undefined) throw new Error('no policy');
    const r = request('/', { ...(header === undefined ? {} : { headers: { 'x-canary': header } }), ...(cookie === undefined ? {} : { cookies: { canary: cookie } }) });
    // The last row is drawn: the first draw of this seeded stream is not ≤ 100 of 10 000 (1 %).
    expect(routesToCanary(policy, r, rng())).toBe(expected);
  });

  it('is not a canary without canary: "true"', () => {
    expect(canaryPolicy({ [`${A}canary-weight`]: '50' })).toBeUndefined();
  });

  it('sends a share of 0.2 to a canary-weight of 20, within binomial bounds', () => {
    const policy = canaryPolicy({ [`${A}canary`]: 'true', [`${A}canary-weight`]: '20' });
    if (policy === undefined) throw new Error('no policy');
    const stream = rng();
    const n = 20_000;
    let canary = 0;
    for (let i = 0; i < n; i++) if (routesToCanary(policy, request('/'), stream)) canary++;
    // Binomial(n = 20 000, p = 0.2): sd = sqrt(0.2 × 0.8 / 20 000) = 0.00283; 4 sd = 0.0113,
    // so the share lies in [0.1887, 0.2113] except with probability about 6e-5.
    expect(canary / n).toBeGreaterThan(0.2 - 0.0113);
    expect(canary / n).toBeLessThan(0.2 + 0.0113);
  });

  it('treats a canary-weight-total of 100 or less as 100 (the Lua uses it only above 100)', () => {
    const policy = canaryPolicy({ [`${A}canary`]: 'true', [`${A}canary-weight`]: '50', [`${A}canary-weight-total`]: '50' });
    if (policy === undefined) throw new Error('no policy');
    const stream = rng();
    let canary = 0;
    for (let i = 0; i < 10_000; i++) if (routesToCanary(policy, request('/'), stream)) canary++;
    // 50 of 100, not 50 of 50: sd = sqrt(0.25 / 10 000) = 0.005, bounds 0.5 ± 0.02.
    expect(Math.abs(canary / 10_000 - 0.5)).toBeLessThan(0.02);
  });

  it('routes a canary Ingress only for the host and path its main Ingress serves', () => {
    const router = new IngressRouter([
      ingress('web', [['Prefix', '/', 'web']], { host: 'shop.example.com' }),
      ingress('web-canary', [['Prefix', '/', 'web-canary'], ['Prefix', '/beta', 'beta']], { host: 'shop.example.com', annotations: { [`${A}canary`]: 'true', [`${A}canary-by-header`]: 'X-Canary' } }),
    ]);
    expect(router.route(request('/cart', { headers: { 'X-Canary': 'always' } }), rng())).toEqual({ backend: 'default/web-canary', canary: true });
    expect(router.route(request('/cart'), rng())).toEqual({ backend: 'default/web', canary: false });
    // /beta exists only on the canary: it is no location of its own, so / serves it.
    expect(router.route(request('/beta'), rng())?.backend).toBe('default/web');
  });
});

describe('Gateway API HTTPRoute', () => {
  let routeCreated = 0;
  function route(name: string, rules: NonNullable<NonNullable<HTTPRouteObject['spec']>['rules']>, hostnames?: string[]): HTTPRouteObject {
    routeCreated++;
    return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name, namespace: 'default', uid: name, resourceVersion: '1', creationTimestamp: routeCreated }, spec: { parentRefs: [{ name: 'gw' }], ...(hostnames === undefined ? {} : { hostnames }), rules } };
  }
  const to = (name: string) => [{ name }];

  it.each([
    // [request path, headers, expected backend] against the routes below
    ['/api', {}, 'exact-api'], // an Exact match beats any prefix
    ['/api/v1/users', {}, 'v1'], // the longest prefix wins
    ['/api/v2', {}, 'api'],
    ['/api/v2', { 'x-beta': 'yes' }, 'api-beta'], // same path: more header matches win
    ['/other', {}, 'root'],
  ] as const)('%s %j → %s', (path, headers, expected) => {
    const router = new HTTPRouteRouter([
      route('a', [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: to('root') }, { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: to('api') }]),
      route('b', [{ matches: [{ path: { type: 'PathPrefix', value: '/api/v1' } }], backendRefs: to('v1') }, { matches: [{ path: { type: 'Exact', value: '/api' } }], backendRefs: to('exact-api') }]),
      route('c', [{ matches: [{ path: { type: 'PathPrefix', value: '/api' }, headers: [{ name: 'X-Beta', value: 'yes' }] }], backendRefs: to('api-beta') }]),
    ]);
    expect(router.route(request(path, { headers }), rng())?.backend).toBe(`default/${expected}`);
  });

  it('gives the more specific hostname precedence, then the older route', () => {
    const router = new HTTPRouteRouter([
      route('any-old', [{ backendRefs: to('any-old') }]),
      route('wild', [{ backendRefs: to('wild') }], ['*.example.com']),
      route('exact', [{ backendRefs: to('exact') }], ['shop.example.com']),
      route('any-young', [{ backendRefs: to('any-young') }]),
    ]);
    expect(router.route(request('/', { host: 'shop.example.com' }), rng())?.backend).toBe('default/exact');
    expect(router.route(request('/', { host: 'a.b.example.com' }), rng())?.backend).toBe('default/wild'); // suffix match, any depth
    expect(router.route(request('/', { host: 'other.org' }), rng())?.backend).toBe('default/any-old');
    expect(routeHostMatches('*.example.com', 'example.com')).toBe(false);
  });

  it('answers no route for a request no rule matches, and for a rule whose weights are all 0', () => {
    const router = new HTTPRouteRouter([route('r', [{ matches: [{ path: { type: 'Exact', value: '/x' } }], backendRefs: [{ name: 'a', weight: 0 }] }])]);
    expect(router.route(request('/y'), rng())).toBeUndefined();
    expect(router.route(request('/x'), rng())).toBeUndefined();
  });

  it('splits by backendRefs weight: 90/10 within binomial bounds, weight 0 gets none', () => {
    const router = new HTTPRouteRouter([route('r', [{ backendRefs: [{ name: 'stable', weight: 90 }, { name: 'canary', weight: 10 }, { name: 'off', weight: 0 }] }])]);
    const stream = rng();
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const backend = router.route(request('/'), stream)?.backend ?? 'none';
      counts.set(backend, (counts.get(backend) ?? 0) + 1);
    }
    // Binomial(20 000, 0.1): sd = sqrt(0.1 × 0.9 / 20 000) = 0.00212; 4 sd = 0.0085.
    expect(Math.abs((counts.get('default/canary') ?? 0) / 20_000 - 0.1)).toBeLessThan(0.0085);
    expect(counts.get('default/off')).toBeUndefined();
    expect(counts.get('none')).toBeUndefined();
  });
});
