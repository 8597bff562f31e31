/**
 * A plan's candidate values, small to large: `values` are sorted whatever
 * their order in the file, and a value given twice is refused at its line
 * (the second occurrence), since running it twice would only cost time and
 * a duplicated point would make the table say the same thing twice. maxSurge
 * values are all integers or all percentages: "25%" and 5 cannot be ordered
 * without knowing the replicas in force when the rollout runs (upstream's
 * pkg/controller/deployment/util ResolveFenceposts scales a percentage
 * against the desired replicas, rounded up for maxSurge).
 */
import type { IssueList } from './spec-file.js';

export interface ValueRange {
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  readonly step: number;
  readonly values?: ReadonlyArray<number | string> | undefined;
}

type Path = ReadonlyArray<string | number>;

function magnitude(value: number | string): number {
  return typeof value === 'number' ? value : Number(value.slice(0, -1));
}

/** The candidate values in increasing order, or undefined after adding the problems to `issues`. */
export function orderedValues(range: ValueRange, at: Path, issues: IssueList): Array<number | string> | undefined {
  const given = range.values;
  if (given === undefined) {
    if (range.min === undefined || range.max === undefined) {
      issues.add(at, 'give min and max, or values');
      return undefined;
    }
    if (range.max < range.min) {
      issues.add([...at, 'max'], `max (${range.max}) is below min (${range.min})`);
      return undefined;
    }
    const out: number[] = [];
    for (let v = range.min; v <= range.max; v += range.step) out.push(v);
    return out;
  }
  if (given.length === 0) {
    issues.add([...at, 'values'], 'values must not be empty');
    return undefined;
  }
  const kinds = new Set(given.map((v) => typeof v));
  if (kinds.size > 1) {
    issues.add([...at, 'values'], 'give every value as an integer or every value as a percentage ("25%"): the two cannot be ordered without the replicas in force');
    return undefined;
  }
  const firstAt = new Map<number, number>();
  let duplicated = false;
  for (const [index, value] of given.entries()) {
    const earlier = firstAt.get(magnitude(value));
    if (earlier === undefined) firstAt.set(magnitude(value), index);
    else {
      issues.add([...at, 'values', index], `${JSON.stringify(value)} is already given at values[${earlier}]; give each value once`);
      duplicated = true;
    }
  }
  if (duplicated) return undefined;
  return [...given].sort((a, b) => magnitude(a) - magnitude(b));
}

/** Refuses node shapes named twice (the name is the value a plan reports). */
export function checkShapeNames(shapes: ReadonlyArray<{ readonly name: string }>, at: Path, issues: IssueList): boolean {
  const firstAt = new Map<string, number>();
  let ok = true;
  shapes.forEach((shape, index) => {
    const earlier = firstAt.get(shape.name);
    if (earlier === undefined) firstAt.set(shape.name, index);
    else {
      issues.add([...at, index, 'name'], `shape "${shape.name}" is already given at shapes[${earlier}]; give each shape once`);
      ok = false;
    }
  });
  return ok;
}
