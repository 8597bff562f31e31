/**
 * Ingress (networking.k8s.io/v1; k/k pkg/apis/networking/validation
 * validation.go, the fields kubesim routes by) and HTTPRoute
 * (gateway.networking.k8s.io/v1; the CRD's schema in gateway-api's
 * config/crd, the fields kubesim routes by) validation.
 */
import { FieldErrors, isRecord, validateObjectList } from './common.js';

type Json = Record<string, unknown>;

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function requiredString(errors: FieldErrors, field: string, value: unknown): boolean {
  if (typeof value === 'string' && value !== '') return true;
  errors.add(field, value === undefined || value === '' ? 'Required value' : `Invalid value: ${JSON.stringify(value)}: must be a string`);
  return false;
}

/** validateIngressBackend: a Service backend needs a name and a port (number or name). */
function validateIngressBackend(errors: FieldErrors, field: string, backend: unknown): void {
  if (!isRecord(backend)) {
    errors.add(field, backend === undefined ? 'Required value' : 'must be an object');
    return;
  }
  if (!isRecord(backend.service)) {
    errors.add(field, backend.resource === undefined ? 'one backend type must be specified' : 'Invalid value: resource backends are not modelled by kubesim');
    return;
  }
  requiredString(errors, `${field}.service.name`, backend.service.name);
  const port = isRecord(backend.service.port) ? backend.service.port : undefined;
  if (port === undefined || (port.number === undefined && port.name === undefined)) errors.add(`${field}.service.port`, 'Required value: port name or number is required');
  else if (port.number !== undefined && port.name !== undefined) errors.add(`${field}.service.port`, 'Invalid value: cannot set both port name & port number');
}

/** validateHTTPIngressRuleValue: a path type is required; Exact and Prefix paths must be absolute. */
function validateIngressPath(errors: FieldErrors, at: string, path: Json): void {
  const type = path.pathType;
  if (type === undefined) errors.add(`${at}.pathType`, 'Required value: pathType must be specified');
  else if (typeof type !== 'string' || !PATH_TYPES.includes(type)) errors.add(`${at}.pathType`, `Unsupported value: ${JSON.stringify(type)}: supported values: "Exact", "ImplementationSpecific", "Prefix"`);
  if (path.path !== undefined && (typeof path.path !== 'string' || !path.path.startsWith('/'))) errors.add(`${at}.path`, `Invalid value: ${JSON.stringify(path.path)}: must be an absolute path`);
  else if (path.path === undefined && (type === 'Exact' || type === 'Prefix')) errors.add(`${at}.path`, 'Required value: must be specified when pathType is Exact or Prefix');
  validateIngressBackend(errors, `${at}.backend`, path.backend);
}

/** A rule host: a DNS name, "*." allowed only as its first label. */
function validateHost(errors: FieldErrors, field: string, host: unknown): void {
  if (host === undefined) return;
  if (typeof host !== 'string' || host === '') {
    errors.add(field, `Invalid value: ${JSON.stringify(host)}: must be a string`);
    return;
  }
  const name = host.startsWith('*.') ? host.slice(2) : host;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) {
    errors.add(field, `Invalid value: ${JSON.stringify(host)}: a lowercase RFC 1123 subdomain, optionally prefixed by "*.", is required`);
  } else if (/^\d+(\.\d+){3}$/.test(name)) errors.add(field, `Invalid value: ${JSON.stringify(host)}: must be a DNS name, not an IP address`);
}

export function validateIngress(errors: FieldErrors, object: Json): void {
  const spec = isRecord(object.spec) ? object.spec : undefined;
  if (spec === undefined || (spec.rules === undefined && spec.defaultBackend === undefined)) {
    errors.add('spec', 'Invalid value: either `defaultBackend` or `rules` must be specified');
    return;
  }
  if (spec.defaultBackend !== undefined) validateIngressBackend(errors, 'spec.defaultBackend', spec.defaultBackend);
  validateObjectList(errors, 'spec.rules', spec.rules, (at, rule) => {
    validateHost(errors, `${at}.host`, rule.host);
    if (!isRecord(rule.http)) return;
    if (!Array.isArray(rule.http.paths) || rule.http.paths.length === 0) errors.add(`${at}.http.paths`, 'Required value');
    validateObjectList(errors, `${at}.http.paths`, rule.http.paths, (p, path) => validateIngressPath(errors, p, path));
  });
}

const ROUTE_PATH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'];

export function validateHTTPRoute(errors: FieldErrors, object: Json): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  validateObjectList(errors, 'spec.parentRefs', spec.parentRefs, (at, ref) => requiredString(errors, `${at}.name`, ref.name));
  if (Array.isArray(spec.hostnames)) spec.hostnames.forEach((h: unknown, i) => validateHost(errors, `spec.hostnames[${i}]`, h));
  validateObjectList(errors, 'spec.rules', spec.rules, (at, rule) => {
    validateObjectList(errors, `${at}.matches`, rule.matches, (m, match) => {
      const path = isRecord(match.path) ? match.path : undefined;
      if (path?.type !== undefined && !ROUTE_PATH_TYPES.includes(path.type as string)) errors.add(`${m}.path.type`, `Unsupported value: ${JSON.stringify(path.type)}: supported values: "Exact", "PathPrefix", "RegularExpression"`);
      if (path?.value !== undefined && (typeof path.value !== 'string' || (path.type !== 'RegularExpression' && !path.value.startsWith('/')))) errors.add(`${m}.path.value`, `Invalid value: ${JSON.stringify(path.value)}: must be an absolute path`);
      validateObjectList(errors, `${m}.headers`, match.headers, (h, header) => {
        requiredString(errors, `${h}.name`, header.name);
        requiredString(errors, `${h}.value`, header.value);
      });
    });
    validateObjectList(errors, `${at}.backendRefs`, rule.backendRefs, (b, ref) => {
      requiredString(errors, `${b}.name`, ref.name);
      const weight = ref.weight;
      if (weight !== undefined && (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > 1_000_000)) errors.add(`${b}.weight`, `Invalid value: ${JSON.stringify(weight)}: must be an integer from 0 to 1000000`);
    });
  });
}
