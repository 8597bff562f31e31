/**
 * Load-time check of kubesim's run-time annotations (node/run-time.ts) on
 * pods and pod templates, so a bad value is reported at its file and line
 * instead of being ignored at run time.
 */
import { EXIT_CODE_ANNOTATION, parseExitCode, parseRunTime, RUN_TIME_ANNOTATION } from '../node/run-time.js';
import { formatPath, type ScenarioIssue } from './errors.js';
import type { SourcedManifest } from './manifests.js';

type PathPart = string | number;

interface AnnotationMap {
  readonly map: Record<string, unknown>;
  readonly path: readonly PathPart[];
}

/** Every `annotations` map under `value`, with its path; `path` is a stack, copied only for a map found. */
function collectAnnotationMaps(value: unknown, path: PathPart[], out: AnnotationMap[]): void {
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => {
      path.push(i);
      collectAnnotationMaps(item, path, out);
      path.pop();
    });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    path.push(key);
    if (key === 'annotations' && typeof child === 'object' && child !== null && !Array.isArray(child)) {
      out.push({ map: child as Record<string, unknown>, path: [...path] });
    } else {
      collectAnnotationMaps(child, path, out);
    }
    path.pop();
  }
}

export function runTimeAnnotationIssues(manifest: SourcedManifest): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const maps: AnnotationMap[] = [];
  collectAnnotationMaps(manifest.object, [], maps);
  for (const { map, path } of maps) {
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
