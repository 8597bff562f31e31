/**
 * Ingress and HTTPRoute as the API server refuses them (Ingress:
 * k/k pkg/apis/networking/validation/validation.go ValidateIngressSpec,
 * validateHTTPIngressPath, validateIngressBackend; HTTPRoute: the CRD
 * schema of gateway-api), and traffic entries that cannot be routed or
 * called, refused at load with file:line:column.
 */
import { describe, expect, it } from 'vitest';
import { validateObject } from '../../src/api/validation/core.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

const backend = { service: { name: 'web', port: { number: 80 } } };

describe('Ingress validation', () => {
  const ingress = (spec: unknown) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec });
  it.each([
    ['neither rules nor defaultBackend', {}, 'spec', 'Invalid value: either `defaultBackend` or `rules` must be specified'],
    ['no pathType', { rules: [{ http: { paths: [{ path: '/', backend }] } }] }, 'spec.rules[0].http.paths[0].pathType', 'Required value: pathType must be specified'],
    ['an unknown pathType', { rules: [{ http: { paths: [{ path: '/', pathType: 'Regex', backend }] } }] }, 'spec.rules[0].http.paths[0].pathType', 'Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"'],
    ['a relative path', { rules: [{ http: { paths: [{ path: 'api', pathType: 'Prefix', backend }] } }] }, 'spec.rules[0].http.paths[0].path', 'Invalid value: "api": must be an absolute path'],
    ['a backend without a port', { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web' } } }] } }] }, 'spec.rules[0].http.paths[0].backend.service.port', 'Required value: port name or number is required'],
    ['a backend with no type', { defaultBackend: {} }, 'spec.defaultBackend', 'one backend type must be specified'],
    ['a wildcard not in front', { rules: [{ host: 'foo.*.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] }, 'spec.rules[0].host', 'Invalid value: "foo.*.com": a lowercase RFC 1123 subdomain, optionally prefixed by "*.", is required'],
  ])('refuses %s', (_name, spec, field, message) => {
    expect(validateObject('Ingress', ingress(spec))).toContainEqual({ field, message });
  });

  it('accepts a wildcard host, ImplementationSpecific without a path, and a defaultBackend alone', () => {
    expect(validateObject('Ingress', ingress({ rules: [{ host: '*.example.com', http: { paths: [{ pathType: 'ImplementationSpecific', backend }] } }] }))).toEqual([]);
    expect(validateObject('Ingress', ingress({ defaultBackend: backend }))).toEqual([]);
  });
});

describe('HTTPRoute validation', () => {
  const route = (spec: unknown) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec });
  it.each([
    ['a parentRef without a name', { parentRefs: [{}] }, 'spec.parentRefs[0].name', 'Required value'],
    ['an unknown path type', { rules: [{ matches: [{ path: { type: 'Prefix', value: '/' } }] }] }, 'spec.rules[0].matches[0].path.type', 'Unsupported value: "Prefix": supported values: "Exact", "PathPrefix", "RegularExpression"'],
    ['a weight above 1 000 000', { rules: [{ backendRefs: [{ name: 'a', weight: 1_000_001 }] }] }, 'spec.rules[0].backendRefs[0].weight', 'Invalid value: 1000001: must be an integer from 0 to 1000000'],
  ])('refuses %s', (_name, spec, field, message) => {
    expect(validateObject('HTTPRoute', route(spec))).toContainEqual({ field, message });
  });
});

function loadError(traffic: string): string {
  try {
    scenarioFromYaml(`apiVersion: kubesim/v1
kind: Scenario
metadata: { name: bad-traffic }
spec:
  duration: 1m
  cluster:
    nodePools: [ { name: w, count: 1, capacity: { cpu: "4", memory: 8Gi } } ]
  manifests:
    - { apiVersion: v1, kind: Service, metadata: { name: a }, spec: { selector: { app: a }, ports: [ { port: 80 } ] } }
    - { apiVersion: v1, kind: Service, metadata: { name: b }, spec: { selector: { app: b }, ports: [ { port: 80 } ] } }
  traffic:
${traffic}
`);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected the scenario to be refused');
}

describe('traffic entries that cannot be routed or called', () => {
  it('refuses a call to a Service that does not exist, at its line', () => {
    expect(loadError('    - { service: a, rps: 1, calls: [ { service: nope } ] }')).toMatch(/scenario\.yaml:12:49: spec\.traffic\[0\]\.calls\[0\]\.service: Service "nope" in namespace "default" does not exist in this scenario/);
  });

  it('refuses a call graph with a cycle', () => {
    expect(loadError('    - { service: a, rps: 1, calls: [ { service: b } ] }\n    - { service: b, calls: [ { parallel: [ { service: a } ] } ] }')).toContain('calls form a cycle (default/a → default/b → default/a)');
  });

  it('refuses a host or path on a Service that is no proxy', () => {
    expect(loadError('    - { service: a, rps: 1, host: shop.example.com }')).toMatch(/spec\.traffic\[0\]\.host: host, path, paths, headers and cookies are what a proxy routes by: set routing/);
  });

  it('refuses both path and paths', () => {
    expect(loadError('    - { service: a, rps: 1, routing: { ingressClassName: nginx }, path: /, paths: [ { path: /x, share: 1 } ] }')).toContain('give either path or paths, not both');
  });
});
