/**
 * Admission dry run at load time: every object the scenario creates goes
 * through the same defaulting and validation as in the run, in a scratch API
 * store, so an invalid manifest or a timeline action naming a missing object
 * is reported with its file and line before anything runs.
 */
import type { ApiError } from '../api/api-error.js';
import { isNamespaced, kindInfo } from '../api/kinds.js';
import { ApiStore } from '../api/store.js';
import { Simulation } from '../engine/simulation.js';
import type { ActionDefinition, KnownObjects } from './actions/action.js';
import { applyManifest } from './actions/apply-manifest.js';
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
      return ['spec', 'priorityClassName'];
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
    return manifest.source.issue(path, `${manifest.object.kind} "${String(manifest.object.metadata.name ?? '')}": ${cause.message}`, formatPath(path));
  });
}

export class DryRun {
  readonly issues: ScenarioIssue[] = [];
  private readonly store: ApiStore;
  private readonly unmodelled = new Map<string, number>();

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

  /** Creates one manifest, or applies it over the existing object as `kubectl apply` would. */
  admit(manifest: SourcedManifest): void {
    const object = manifest.object;
    const info = kindInfo(object.kind);
    if (info === undefined || !info.modelled) this.unmodelled.set(object.kind, (this.unmodelled.get(object.kind) ?? 0) + 1);
    this.issues.push(...runTimeAnnotationIssues(manifest));
    const result = applyManifest(this.store, object);
    if (!result.ok) this.issues.push(...apiErrorIssues(result.error, manifest));
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
        const path = [...base, ...problem.path];
        this.issues.push(scenarioDoc.issue(path, problem.message, formatPath(path)));
      }
    }
  }
}
