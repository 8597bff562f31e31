/**
 * Deployment and ReplicaSet objects for the formula tables: already
 * defaulted, as the controller sees them from its informer.
 */
import type { Deployment, ReplicaSet } from '../../../src/api/types/apps.js';

export interface DeploymentShape {
  readonly replicas: number;
  readonly maxSurge?: number | string;
  readonly maxUnavailable?: number | string;
  readonly strategy?: 'RollingUpdate' | 'Recreate';
}

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:v2' }] } };

export function deployment(shape: DeploymentShape): Deployment {
  const type = shape.strategy ?? 'RollingUpdate';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', resourceVersion: '1', creationTimestamp: 0, generation: 1 },
    spec: {
      replicas: shape.replicas,
      selector: { matchLabels: { app: 'web' } },
      template,
      strategy: type === 'Recreate'
        ? { type }
        : { type, rollingUpdate: { maxSurge: shape.maxSurge ?? '25%', maxUnavailable: shape.maxUnavailable ?? '25%' } },
      minReadySeconds: 0,
    },
  };
}

/**
 * A ReplicaSet of the Deployment with `specReplicas` desired and
 * `available` available pods; `createdMs` orders old ones (oldest first).
 */
export function replicaSet(name: string, specReplicas: number, available: number, createdMs = 0): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `${name}-uid`,
      resourceVersion: '',
      creationTimestamp: createdMs,
      labels: { app: 'web', 'pod-template-hash': name },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true }],
    },
    spec: {
      replicas: specReplicas,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': name } },
      template: { ...template, metadata: { labels: { app: 'web', 'pod-template-hash': name } } },
    },
    status: { replicas: specReplicas, readyReplicas: available, availableReplicas: available },
  };
}
