/**
 * Path and host matching as the Ingress API (networking.k8s.io/v1) and
 * Gateway API HTTPRoute define them. Pure functions, so the rules can be
 * checked in tables (test/traffic/routing.test.ts).
 */

/** The request's path without its query string or fragment. */
export function requestPath(path: string): string {
  const end = path.search(/[?#]/);
  return end < 0 ? path : path.slice(0, end);
}

/** Path elements: the labels between '/' separators; empty ones (from '//' or a trailing '/') do not count. */
function elements(path: string): string[] {
  return path.split('/').filter((e) => e !== '');
}

/**
 * Ingress pathType Prefix (and Gateway API PathPrefix): "matches based on
 * a URL path prefix split by '/'. Matching is done on a path element by
 * element basis ... /foo/bar matches /foo/bar/baz, but does not match
 * /foo/barbaz" (k8s.io/api networking/v1 types.go, HTTPIngressPath.PathType;
 * kubernetes.io/docs/concepts/services-networking/ingress/#examples: a
 * trailing '/' is ignored, /foo/ matches /foo). Case-sensitive.
 */
export function prefixMatches(rulePath: string, path: string): boolean {
  const rule = elements(rulePath);
  const request = elements(requestPath(path));
  if (rule.length > request.length) return false;
  return rule.every((element, i) => element === request[i]);
}

/** pathType Exact: "matches the URL path exactly" (case-sensitive; /foo does not match /foo/). */
export function exactMatches(rulePath: string, path: string): boolean {
  return rulePath === requestPath(path);
}

/**
 * Ingress rule host: "*.foo.com" matches bar.foo.com but neither
 * baz.bar.foo.com nor foo.com, the wildcard covering exactly one DNS label
 * (kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards).
 * Hosts compare without a port and case-insensitively (DNS names).
 */
export function ingressHostMatches(ruleHost: string, host: string): boolean {
  const name = hostName(host);
  const rule = ruleHost.toLowerCase();
  if (!rule.startsWith('*.')) return rule === name;
  const dot = name.indexOf('.');
  return dot > 0 && name.slice(dot + 1) === rule.slice(2);
}

/**
 * HTTPRoute spec.hostnames: a hostname "prefixed with a wildcard label
 * (`*.`) [is] interpreted as a suffix match": *.example.com matches
 * test.example.com and foo.test.example.com, not example.com
 * (gateway-api apis/v1 httproute_types.go, HTTPRouteSpec.Hostnames).
 */
export function routeHostMatches(routeHost: string, host: string): boolean {
  const name = hostName(host);
  const rule = routeHost.toLowerCase();
  if (!rule.startsWith('*.')) return rule === name;
  return name.endsWith(rule.slice(1)) && name.length > rule.length - 1;
}

/** The Host header's name: lower-case, without a port. */
export function hostName(host: string): string {
  const colon = host.lastIndexOf(':');
  return (colon >= 0 && !host.includes(']', colon) ? host.slice(0, colon) : host).toLowerCase();
}
