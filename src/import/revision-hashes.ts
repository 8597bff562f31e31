/**
 * StatefulSet and DaemonSet pods name their template revision in the
 * `controller-revision-hash` label, a hash of the template that the
 * controllers compare with the hash of their current template. kubesim's
 * hash is not Kubernetes' (controllers/deployment/hash.ts), so a dumped
 * pod's label would make its controller see an old revision and roll every
 * pod at t=0. A pod that was on its controller's current template gets
 * kubesim's hash of that template instead:
 * - StatefulSet: the pod's label equals status.updateRevision (k/k
 *   pkg/controller/statefulset stateful_set_utils.go getPodRevision);
 * - DaemonSet: the pod's `pod-template-generation` label equals the
 *   DaemonSet's template generation, which upstream also counts as updated
 *   (k/k pkg/controller/daemon/util IsPodUpdated).
 * A pod already labelled with kubesim's hash (a dump of a kubesim run) is
 * current too. Pods of an older revision keep their label and are rolled,
 * as upstream would roll them.
 */
import { defaultObject } from '../api/defaults.js';
import type { PodTemplateSpec } from '../api/types/pod.js';
import { computeHash } from '../controllers/deployment/hash.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../controllers/daemonset/daemon-pods.js';

type Json = Record<string, unknown>;

const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export interface RevisionRewrite {
  /** Whether a pod of this controller (its labels as dumped) is on the current template. */
  readonly current: (podLabels: Record<string, string>) => boolean;
  /** The label kubesim's controller computes for the current template. */
  readonly hash: string;
}

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** The hash kubesim's controller computes for this (cleaned) object's template, as the API server defaults it. */
function kubesimHash(kind: string, cleaned: Json): string {
  const copy = structuredClone(cleaned);
  defaultObject(kind, copy, () => '');
  return computeHash(record(copy.spec).template as PodTemplateSpec, undefined);
}

/** How pods of a dumped StatefulSet or DaemonSet are recognised as current, or undefined for other kinds. */
export function revisionRewrite(dumped: Json, cleaned: Json): RevisionRewrite | undefined {
  const kind = String(dumped.kind);
  if (kind === 'StatefulSet') {
    const updateRevision = record(dumped.status).updateRevision;
    const hash = kubesimHash(kind, cleaned);
    return { current: (labels) => labels[CONTROLLER_REVISION_HASH_LABEL] === updateRevision || labels[CONTROLLER_REVISION_HASH_LABEL] === hash, hash };
  }
  if (kind === 'DaemonSet') {
    const metadata = record(dumped.metadata);
    const generation = record(metadata.annotations)[TEMPLATE_GENERATION_ANNOTATION] ?? metadata.generation;
    const hash = kubesimHash(kind, cleaned);
    return { current: (labels) => (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation)) || labels[CONTROLLER_REVISION_HASH_LABEL] === hash, hash };
  }
  return undefined;
}
