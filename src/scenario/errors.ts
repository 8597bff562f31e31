/**
 * Scenario errors: every problem in user input is reported with the file,
 * line and column, the field path and what was expected, all at once, and
 * never as a stack trace.
 */

export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface ScenarioIssue {
  readonly position: SourcePosition;
  /** Field path such as `spec.timeline[2].at`. */
  readonly path: string;
  readonly message: string;
}

/** Bad input: the CLI prints the issues and exits with code 2. */
export class ScenarioError extends Error {
  readonly issues: readonly ScenarioIssue[];

  constructor(issues: readonly ScenarioIssue[]) {
    // A file read twice (included and applied, or applied at two times) has its problems reported once.
    const distinct = [...new Map(issues.map((issue) => [formatIssue(issue), issue])).values()];
    const sorted = distinct.sort(
      (a, b) =>
        (a.position.file < b.position.file ? -1 : a.position.file > b.position.file ? 1 : 0) ||
        a.position.line - b.position.line ||
        a.position.column - b.position.column,
    );
    super(sorted.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
    this.issues = sorted;
  }
}

export function formatIssue(issue: ScenarioIssue): string {
  const where = `${issue.position.file}:${issue.position.line}:${issue.position.column}`;
  return issue.path === '' ? `${where}: ${issue.message}` : `${where}: ${issue.path}: ${issue.message}`;
}

/** Renders a path array as `spec.timeline[2].at`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
