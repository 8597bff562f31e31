/**
 * Test helpers: minimal valid manifests, and unwrapping an ApiResult that a
 * test expects to succeed.
 */
import type { ApiResult } from '../../src/api/api-error.js';
import type { KubeObjectInput } from '../../src/api/types/meta.js';

type Json = Record<string, unknown>;

/** A one-container Pod labelled app=web; `spec` fields are merged in. */
export function podInput(name: string, spec: Json = {}): KubeObjectInput & { kind: 'Pod' } {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'web:v1' }], ...spec },
  };
}

/** A Deployment of web:v1 selecting app=web; `spec` fields are merged in. */
export function deploymentInput(name: string, spec: Json = {}): KubeObjectInput & { kind: 'Deployment' } {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:v1' }] } },
      ...spec,
    },
  };
}

/** The object of a successful result; a failed one fails the test with the API's message. */
export function must<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.reason}: ${result.error.message}`);
  return result.object;
}
