/**
 * Load-time check of kubesim's run-time annotations (node/run-time.ts) on
 * pods and pod templates, so a bad value is reported at its file and line
 * instead of being ignored at run time.
 */
import { EXIT_CODE_ANNOTATION, parseExitCode, parseRunTime, RUN_TIME_ANNOTATION } from '../node/run-time.js';
import { formatPath, type ScenarioIssue } from './errors.js';
import type { SourcedManifest } from './manifests.js';

type PathPart = string | number;

function* annotationMaps(value: unknown, path: PathPart[]): Generator<{ map: Record<string, unknown>; path: PathPart[] }> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* annotationMaps(item, [...path, i]);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'annotations' && typeof child === 'object' && child !== null && !Array.isArray(child)) {
      yield { map: child as Record<string, unknown>, path: [...path, key] };
    } else {
      yield* annotationMaps(child, [...path, key]);
    }
  }
}

export function runTimeAnnotationIssues(manifest: SourcedManifest): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  for (const { map, path } of annotationMaps(manifest.object, [])) {
    const checks: Array<[string, (text: string) => { ok: boolean; reason?: string }]> = [
      [RUN_TIME_ANNOTATION, parseRunTime],
      [EXIT_CODE_ANNOTATION, parseExitCode],
    ];
    for (const [name, check] of checks) {
      const value = map[name];
      if (value === undefined) continue;
      const at = [...manifest.path, ...path, name];
      const result = typeof value === 'string' ? check(value) : { ok: false, reason: 'annotation values must be strings (quote it)' };
      if (!result.ok) issues.push(manifest.source.issue(at, result.reason ?? 'invalid value', formatPath(at)));
    }
  }
  return issues;
}
