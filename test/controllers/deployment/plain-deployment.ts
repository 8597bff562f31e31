/**
 * The plain paths the Deployment controller's faster ones replace, kept to
 * check them against: EqualIgnoreHash as deployment_util.go writes it (copy
 * both templates, delete the pod-template-hash label, compare deeply).
 */
import { jsonEqual } from '../../../src/api/json-equal.js';
import type { PodTemplateSpec } from '../../../src/api/types/pod.js';
import { POD_TEMPLATE_HASH_LABEL } from '../../../src/controllers/deployment/util.js';

function withoutHashLabel(template: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  return { ...template, metadata: { ...template.metadata, labels } };
}

export function plainEqualIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return jsonEqual(withoutHashLabel(a), withoutHashLabel(b));
}
