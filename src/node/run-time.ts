/**
 * How long a batch container runs before it exits, when the image does not
 * say: the pod's `kubesim.io/run-time` annotation (a duration such as `90s`,
 * or a distribution such as `{ dist: uniform, min: 1m, max: 5m }`) with
 * `kubesim.io/exit-code`, else the scenario's `timing.kubelet.runTime` for
 * pods that are meant to finish (restartPolicy Never or OnFailure).
 * The loader checks the annotations (scenario/run-time-annotations.ts).
 */
import { parse } from 'yaml';
import { extensibleCopy } from '../api/clone.js';
import type { Pod } from '../api/types/pod.js';
import { checkDistribution, makeDistribution, type Distribution, type DistributionSpec } from '../engine/distributions.js';
import { parseDuration } from '../engine/time.js';
import type { ImageBehaviour } from './images.js';

export const RUN_TIME_ANNOTATION = 'kubesim.io/run-time';
export const EXIT_CODE_ANNOTATION = 'kubesim.io/exit-code';

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function durationField(value: unknown, field: string): Parsed<number> {
  const parsed = typeof value === 'string' ? parseDuration(value) : { ok: false as const, reason: 'expected a duration' };
  return parsed.ok ? { ok: true, value: parsed.ms } : { ok: false, reason: `${field}: ${parsed.reason}` };
}

/** A duration or a `{ dist: ... }` map written in YAML flow syntax. */
export function parseRunTime(text: string): Parsed<DistributionSpec> {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) {
    const ms = durationField(trimmed, 'run time');
    return ms.ok ? { ok: true, value: { dist: 'constant', value: ms.value } } : ms;
  }
  let map: Record<string, unknown>;
  try {
    map = parse(trimmed) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: `"${text}" is neither a duration nor a distribution such as { dist: uniform, min: 1m, max: 5m }` };
  }
  const fields: Record<string, string[]> = {
    constant: ['value'], uniform: ['min', 'max'], exponential: ['mean'], normal: ['mean', 'stddev'], lognormal: ['median', 'p99'],
  };
  const names = fields[String(map.dist)];
  if (names === undefined) return { ok: false, reason: `dist must be one of ${Object.keys(fields).join(', ')}` };
  const spec: Record<string, unknown> = { dist: map.dist };
  for (const name of names) {
    const ms = durationField(map[name], name);
    if (!ms.ok) return ms;
    spec[name] = ms.value;
  }
  const problem = checkDistribution(spec as unknown as DistributionSpec);
  return problem === undefined ? { ok: true, value: spec as unknown as DistributionSpec } : { ok: false, reason: problem };
}

export function parseExitCode(text: string): Parsed<number> {
  const code = Number(text);
  return Number.isInteger(code) && code >= 0 && code <= 255 ? { ok: true, value: code } : { ok: false, reason: `"${text}" is not an exit code (0–255)` };
}

/** The image's behaviour with the pod's run time (annotation, then the scenario default for batch pods). */
export function withRunTime(behaviour: ImageBehaviour, pod: Pod, batchDefault: Distribution | undefined): ImageBehaviour {
  if (behaviour.runTime !== undefined || behaviour.crash) return behaviour;
  const annotations = pod.metadata.annotations ?? {};
  const annotated = annotations[RUN_TIME_ANNOTATION];
  const exit = annotations[EXIT_CODE_ANNOTATION];
  const exitCode = exit === undefined ? undefined : parseExitCode(exit);
  const exitCodeValue = exitCode?.ok === true ? exitCode.value : undefined;
  if (annotated !== undefined) {
    const spec = parseRunTime(annotated);
    if (spec.ok) return withRun(behaviour, exitCodeValue, makeDistribution(spec.value));
  }
  const batch = (pod.spec.restartPolicy ?? 'Always') !== 'Always';
  return batch && batchDefault !== undefined ? withRun(behaviour, exitCodeValue, batchDefault) : behaviour;
}

/** `{ ...behaviour, exitCode, runTime }` (exitCode only when given), one per container of a batch pod: not a spread (see extensibleCopy). */
function withRun(behaviour: ImageBehaviour, exitCode: number | undefined, runTime: Distribution): ImageBehaviour {
  const next = extensibleCopy(behaviour);
  if (exitCode !== undefined) next.exitCode = exitCode;
  next.runTime = runTime;
  return next;
}
