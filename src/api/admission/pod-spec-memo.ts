/**
 * Pod admission done once per pod spec. The API server defaults, admits and
 * validates every pod it is sent (SetDefaults_PodSpec, the Priority and
 * DefaultTolerationSeconds plugins, ValidatePodSpec); the pods a controller
 * stamps from one template, or a trace replays from one shape, all send the
 * very same spec, and what those steps make of a spec depends on the spec
 * alone, the store's DefaultTolerationSeconds setting and the
 * PriorityClasses. So when the spec sent is an object that cannot change,
 * the admitted spec and its validation causes are kept by that object's
 * identity and reused until a PriorityClass is written (forget()).
 *
 * An object cannot change when it is a pod template the store holds
 * (stored objects never change, src/api/README.md; the store notes each
 * template it stores) or when it is deep-frozen. A spec that could still
 * change is never a key, so two different specs never share a result.
 * Namespaces with a LimitRange take the plain path (LimitRanger changes
 * containers and annotations by namespace), and so does a spec the
 * Priority plugin refuses (the plain path refuses it the same way).
 * test/api/pod-spec-memo.property.test.ts checks the stored objects and
 * errors against the plain path.
 */
import type { ApiError, FieldCause } from '../api-error.js';
import { deepCopy } from '../clone.js';
import { metadataLabelCauses, podSpecCauses } from '../validation/core.js';

type Json = Record<string, unknown>;

/** What admission and validation made of one spec: the spec every such pod stores, and its validation causes. */
export interface AdmittedPodSpec {
  readonly spec: Json;
  readonly causes: readonly FieldCause[];
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether nothing under `value` can change: it and every object below it frozen. */
function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  for (const child of Object.values(value)) if (!isDeepFrozen(child)) return false;
  return true;
}

export class PodSpecMemo {
  private admitted = new WeakMap<object, AdmittedPodSpec>();
  private readonly labelCausesOf = new WeakMap<object, readonly FieldCause[]>();
  /** Parts of stored pod templates: their spec and labels, which never change from then on. */
  private readonly storedTemplateParts = new WeakSet<object>();

  /** Notes the pod template of an object being stored (spec.template: its spec and labels). */
  noteStoredTemplate(object: Json): void {
    const spec = object.spec;
    const template = isRecord(spec) ? spec.template : undefined;
    if (!isRecord(template)) return;
    if (isRecord(template.spec)) this.storedTemplateParts.add(template.spec);
    const labels = isRecord(template.metadata) ? template.metadata.labels : undefined;
    if (isRecord(labels)) this.storedTemplateParts.add(labels);
  }

  /** Whether `value` is a map that cannot change (a stored template's part, or deep-frozen): a pod may keep it instead of a copy. */
  readonly cannotChange = (value: unknown): value is Json => isRecord(value) && (this.storedTemplateParts.has(value) || isDeepFrozen(value));

  /** validateLabels' causes for labels that cannot change (cannotChange), worked out once per labels object. */
  labelCauses(labels: Json): readonly FieldCause[] {
    let causes = this.labelCausesOf.get(labels);
    if (causes === undefined) {
      causes = metadataLabelCauses(labels);
      this.labelCausesOf.set(labels, causes);
    }
    return causes;
  }

  /** Forgets every admitted spec: a PriorityClass was written, so the Priority plugin may answer otherwise. */
  forget(): void {
    this.admitted = new WeakMap();
  }

  /**
   * The admitted form of `spec` when it cannot change: `admit` defaults and
   * admits a private copy the first time (an error means no memo). Undefined
   * for a spec that may change or is refused: the caller takes the plain path.
   */
  admittedFor(spec: unknown, admit: (copy: Json) => ApiError | undefined): AdmittedPodSpec | undefined {
    if (!isRecord(spec)) return undefined;
    const known = this.admitted.get(spec);
    if (known !== undefined) return known;
    if (!this.cannotChange(spec)) return undefined;
    const copy = deepCopy(spec);
    if (admit(copy) !== undefined) return undefined;
    const entry = { spec: copy, causes: podSpecCauses(copy) };
    this.admitted.set(spec, entry);
    return entry;
  }
}

/**
 * The spec one pod stores: its own spec object and containers array, the
 * containers and everything else shared with every pod of the same spec
 * (stored objects never change, so they may share). Readers may remember
 * per-pod data by a pod's containers array, so each pod keeps its own, as
 * a plain copy would (src/api/resources.ts keys its cache by the shared
 * first container instead, to find the requests of a pod's spec again).
 */
export function podSpecOf(admitted: AdmittedPodSpec): Json {
  const spec = { ...admitted.spec };
  if (Array.isArray(spec.containers)) spec.containers = spec.containers.slice();
  return spec;
}
