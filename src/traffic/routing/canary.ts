/**
 * ingress-nginx's canary decision for one request, as its Lua balancer
 * makes it (rootfs/etc/nginx/lua/balancer.lua, route_to_alternative_balancer;
 * documented at kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#canary):
 *
 * 1. canary-by-header: if the request has the header,
 *    - with canary-by-header-value set: that exact value → canary, any
 *      other value falls through to the next rule;
 *    - with canary-by-header-pattern set: a match → canary, otherwise
 *      fall through;
 *    - otherwise "always" → canary, "never" → the main backend, any other
 *      value falls through;
 * 2. canary-by-cookie: "always" → canary, "never" → main, else fall through;
 * 3. canary-weight: canary when a uniform integer in 1..total is at most
 *    the weight, where total is canary-weight-total if above 100, else
 *    100 (the Lua ignores a total of 100 or less).
 */
import { randomInt, type Rng } from '../../engine/random.js';
import type { RequestAttributes } from './request-attributes.js';

export interface CanaryPolicy {
  readonly header?: string;
  readonly headerValue?: string;
  readonly headerPattern?: RegExp;
  readonly cookie?: string;
  readonly weight: number;
  readonly weightTotal: number;
}

const PREFIX = 'nginx.ingress.kubernetes.io/';

function integer(text: string | undefined, fallback: number): number {
  if (text === undefined || !/^-?\d+$/.test(text.trim())) return fallback;
  return Number(text.trim());
}

/** The canary policy of an Ingress's annotations; undefined unless `canary: "true"`. */
export function canaryPolicy(annotations: Readonly<Record<string, string>> | undefined): CanaryPolicy | undefined {
  const a = annotations ?? {};
  if (a[`${PREFIX}canary`] !== 'true') return undefined;
  const nonEmpty = (key: string): string | undefined => (a[`${PREFIX}${key}`] ?? '') === '' ? undefined : a[`${PREFIX}${key}`];
  const pattern = nonEmpty('canary-by-header-pattern');
  let headerPattern: RegExp | undefined;
  try {
    headerPattern = pattern === undefined ? undefined : new RegExp(pattern);
  } catch {
    headerPattern = undefined;
  }
  const header = nonEmpty('canary-by-header');
  const headerValue = nonEmpty('canary-by-header-value');
  const cookie = nonEmpty('canary-by-cookie');
  return {
    ...(header === undefined ? {} : { header: header.toLowerCase() }),
    ...(headerValue === undefined ? {} : { headerValue }),
    ...(headerPattern === undefined ? {} : { headerPattern }),
    ...(cookie === undefined ? {} : { cookie }),
    weight: integer(a[`${PREFIX}canary-weight`], 0),
    weightTotal: integer(a[`${PREFIX}canary-weight-total`], 100),
  };
}

/** Whether this request goes to the canary backend; `rng` is drawn only when the weight decides. */
export function routesToCanary(policy: CanaryPolicy, request: RequestAttributes, rng: Rng): boolean {
  const header = policy.header === undefined ? undefined : request.headers.get(policy.header);
  if (header !== undefined) {
    if (policy.headerValue !== undefined) {
      if (header === policy.headerValue) return true;
    } else if (policy.headerPattern !== undefined) {
      if (policy.headerPattern.test(header)) return true;
    } else if (header === 'always') return true;
    else if (header === 'never') return false;
  }
  const cookie = policy.cookie === undefined ? undefined : request.cookies.get(policy.cookie);
  if (cookie === 'always') return true;
  if (cookie === 'never') return false;
  const total = policy.weightTotal > 100 ? policy.weightTotal : 100;
  return randomInt(rng, total) + 1 <= policy.weight;
}
