/**
 * Admission dry run at load time: every object the scenario creates goes
 * through the same defaulting and validation as in the run, in a scratch API
 * store, so an invalid manifest or a timeline action naming a missing object
 * is reported with its file and line before anything runs.
 */
import type { ApiError } from '../api/api-error.js';
import { isNamespaced, kindInfo } from '../api/kinds.js';
import { ApiStore } from '../api/store.js';
import { didYouMean } from '../api/validation/did-you-mean.js';
import { KINDS_WITH_FIELDS, objectFields } from '../api/validation/fields/kinds.js';
import { unknownFields } from '../api/validation/unknown-fields.js';
import { Simulation } from '../engine/simulation.js';
import type { ActionDefinition, KnownObjects } from './actions/action.js';
import { applyManifest } from './actions/apply-manifest.js';
import { linkOwners } from './owner-links.js';
import { runTimeAnnotationIssues } from './run-time-annotations.js';
import { formatPath, type ScenarioIssue } from './errors.js';
import { fieldPathParts } from './field-path.js';
import { messages } from './messages.js';
import { isManifest, type SourcedManifest } from './manifests.js';
import type { SourceDocument } from './yaml-source.js';
import type { NodePoolInput } from './schema/cluster.js';

type PathPart = string | number;

export interface TimelineCheck {
  readonly atMs: number;
  readonly index: number;
  readonly params: Record<string, unknown>;
  readonly definition: ActionDefinition;
  /** Manifests the action reads from other files, with their own sources. */
  readonly fileManifests: readonly SourcedManifest[];
}

function errorPath(error: ApiError): PathPart[] {
  switch (error.reason) {
    case 'BadRequest':
      return ['apiVersion'];
    case 'NotFound':
      return ['metadata', 'namespace'];
    case 'AlreadyExists':
      return ['metadata', 'name'];
    case 'Forbidden':
      // Priority admission names the class; LimitRanger and ResourceQuota refuse the object as a whole.
      return error.message.includes('PriorityClass') ? ['spec', 'priorityClassName'] : [];
    default:
      return [];
  }
}

/** Issues for an API error about `manifest`, at the fields it names. */
function apiErrorIssues(error: ApiError, manifest: SourcedManifest): ScenarioIssue[] {
  if (error.causes.length === 0) {
    const path = [...manifest.path, ...errorPath(error)];
    return [manifest.source.issue(path, error.message, formatPath(path))];
  }
  return error.causes.map((cause) => {
    const path = [...manifest.path, ...fieldPathParts(manifest.object, cause.field)];
    return manifest.source.issue(path, `${manifest.object.kind} "${manifest.object.metadata.name ?? ''}": ${cause.message}`, formatPath(path));
  });
}

function objectKey(kind: string, name: string, namespace: string | undefined): string {
  return `${kind}/${isNamespaced(kind) ? namespace ?? 'default' : ''}/${name}`;
}

function valueAt(root: unknown, path: readonly PathPart[]): unknown {
  let value = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PathPart, unknown>)[part];
  }
  return value;
}

/** The paths of the non-finite numbers in `value`; `path` is one stack walked down and back, copied only at a hit (every object admitted is walked). */
function nonFinitePaths(value: unknown, path: PathPart[] = [], out: Array<{ path: PathPart[]; value: number }> = []): Array<{ path: PathPart[]; value: number }> {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push({ path: [...path], value });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      nonFinitePaths(value[i], path, out);
      path.pop();
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      path.push(key);
      nonFinitePaths((value as Record<string, unknown>)[key], path, out);
      path.pop();
    }
  }
  return out;
}

export class DryRun {
  readonly issues: ScenarioIssue[] = [];
  private readonly store: ApiStore;
  private readonly unmodelled = new Map<string, number>();
  /** Objects whose manifest had problems (reported at the manifest), by objectKey. */
  private readonly refused = new Set<string>();
  /** `group/Kind` of every custom resource a CustomResourceDefinition in the scenario defines. */
  private readonly customKinds = new Set<string>();

  private readonly nodePools: readonly NodePoolInput[];

  constructor(nodePools: readonly NodePoolInput[] = []) {
    this.store = new ApiStore(new Simulation(0));
    this.nodePools = nodePools;
  }

  get known(): KnownObjects {
    return {
      get: (kind, name, namespace) => this.store.get(kind, name, isNamespaced(kind) ? namespace ?? 'default' : undefined),
      list: (kind) => this.store.list(kind),
      nodePool: (name) => this.nodePools.find((p) => p.name === name),
    };
  }

  /** Notes for kinds no component acts on, one per kind. */
  get warnings(): string[] {
    return [...this.unmodelled].map(([kind, count]) => messages.unmodelledKind(kind, count));
  }

  /**
   * Makes the kinds these CustomResourceDefinitions define known (wherever
   * they stand in the scenario, as `kubectl apply -f` of a folder retries
   * until the definitions are served).
   */
  defineCustomResources(manifests: readonly SourcedManifest[]): void {
    for (const { object } of manifests) {
      if (object.kind !== 'CustomResourceDefinition') continue;
      const spec = (object as { spec?: { group?: unknown; names?: { kind?: unknown } } }).spec;
      if (typeof spec?.group === 'string' && typeof spec.names?.kind === 'string') this.customKinds.add(`${spec.group}/${spec.names.kind}`);
    }
  }

  /**
   * A kind the API server serves: a built-in one, or one a
   * CustomResourceDefinition defines for the apiVersion's group (the
   * discovery lookup behind kubectl's `no matches for kind`).
   */
  private served(manifest: SourcedManifest): boolean {
    const { kind, apiVersion } = manifest.object;
    if (kindInfo(kind) !== undefined) return true;
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    if (this.customKinds.has(`${group}/${kind}`)) return true;
    const path = [...manifest.path, 'kind'];
    this.issues.push(manifest.source.issue(path, messages.unknownKind(kind, apiVersion, didYouMean(kind, KINDS_WITH_FIELDS)), formatPath(path)));
    return false;
  }

  /** Whether the object has only fields its kind has; the others are issues at their keys. */
  private knownFields(manifest: SourcedManifest): boolean {
    const fields = objectFields(manifest.object.kind, manifest.object.apiVersion);
    const unknown = fields === undefined ? [] : unknownFields(manifest.object, fields);
    for (const { path, field, known } of unknown) {
      const at = [...manifest.path, ...path];
      this.issues.push(manifest.source.issue(at, messages.unknownField(field, known), formatPath(at), true));
    }
    return unknown.length === 0;
  }

  /**
   * YAML's .nan and .inf: JSON, and so the API, has no such numbers. Refused
   * here, once, rather than as `null` by every validator that prints the value.
   */
  private finite(manifest: SourcedManifest): boolean {
    const found = nonFinitePaths(manifest.object);
    for (const { path, value } of found) {
      const at = [...manifest.path, ...path];
      this.issues.push(manifest.source.issue(at, messages.notFinite(value), formatPath(at)));
    }
    return found.length === 0;
  }

  /**
   * Whether an object created at t=0 is the first of its name: the run
   * creates those (it does not apply them), and a second one would fail
   * there with AlreadyExists, after validate had passed.
   */
  private firstOfName(manifest: SourcedManifest): boolean {
    const { kind, metadata } = manifest.object;
    const name = metadata.name ?? '';
    const namespace = isNamespaced(kind) ? (metadata.namespace ?? 'default') : undefined;
    if (this.store.get(kind, name, namespace) === undefined) return true;
    // The object's metadata.name, or the name of the node pool that made it.
    const at = [[...manifest.path, 'metadata', 'name'], [...manifest.path, 'name']].find((p) => typeof valueAt(manifest.source.value, p) === 'string') ?? [...manifest.path];
    this.issues.push(manifest.source.issue(at, messages.duplicateObject(kind, name, namespace), formatPath(at)));
    return false;
  }

  /**
   * Admits one manifest: `create` for the objects that exist at t=0 (node
   * pools, trace nodes, spec.manifests and includes), otherwise applied over
   * an existing object as `kubectl apply` would (timeline actions).
   */
  admit(manifest: SourcedManifest, mode: 'create' | 'apply' = 'apply'): void {
    const before = this.issues.length;
    this.admitChecked(manifest, mode);
    // Its problems are reported; an action naming it must not report it again as missing.
    if (this.issues.length > before) this.refused.add(objectKey(manifest.object.kind, String(manifest.object.metadata.name), manifest.object.metadata.namespace));
  }

  private admitChecked(manifest: SourcedManifest, mode: 'create' | 'apply'): void {
    const object = manifest.object;
    if (object.kind === 'CustomResourceDefinition') this.defineCustomResources([manifest]);
    if (!this.served(manifest) || !this.finite(manifest)) return;
    if (mode === 'create' && !this.firstOfName(manifest)) return;
    // Strict decoding fails before validation runs: what validation would
    // say about a misspelt field (a missing `nodeSelectorTerms`) is noise.
    const strictOk = this.knownFields(manifest);
    const info = kindInfo(object.kind);
    if (info === undefined || !info.modelled) this.unmodelled.set(object.kind, (this.unmodelled.get(object.kind) ?? 0) + 1);
    this.issues.push(...runTimeAnnotationIssues(manifest));
    const linked = mode === 'create' ? linkOwners(object, (kind, name, namespace) => this.store.get(kind, name, namespace)) : { ok: true as const, object };
    if (!linked.ok) {
      const at = [...manifest.path, 'metadata', 'ownerReferences', linked.index];
      this.issues.push(manifest.source.issue(at, linked.message, formatPath(at)));
      return;
    }
    const result = applyManifest(this.store, linked.object);
    if (!result.ok && strictOk) this.issues.push(...apiErrorIssues(result.error, manifest));
  }

  /** Checks timeline entries in time order against what exists by then. */
  checkTimeline(entries: readonly TimelineCheck[], scenarioDoc: SourceDocument): void {
    for (const entry of entries) {
      const base: PathPart[] = ['spec', 'timeline', entry.index];
      for (const inner of entry.definition.manifests?.(entry.params, this.known) ?? []) {
        const path = [...base, ...inner.path];
        if (isManifest(inner.object)) this.admit({ object: inner.object, source: scenarioDoc, path });
        else this.issues.push(scenarioDoc.issue(path, messages.includeNotManifest, formatPath(path)));
      }
      for (const manifest of entry.fileManifests) this.admit(manifest);
      for (const problem of entry.definition.validate?.(entry.params, this.known) ?? []) {
        if (problem.missing !== undefined && this.refused.has(objectKey(problem.missing.kind, problem.missing.name, problem.missing.namespace))) continue;
        const path = [...base, ...problem.path];
        this.issues.push(scenarioDoc.issue(path, problem.message, formatPath(path)));
      }
    }
  }
}
