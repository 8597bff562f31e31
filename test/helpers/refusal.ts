/**
 * Test helpers for bad input: where a needle sits in a text, the issues the
 * loader reports for a scenario file, and the table check that each case is
 * refused with one issue at file:line:column and that `kubesim validate`
 * prints exactly that line and exits 2. The CLI half runs bin/kubesim.js,
 * which needs the compiled dist/ (`npm test` builds it first).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, type ScenarioIssue } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { tempFiles } from './scenario.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kubesim.js');

/** 1-based line and column where `needle` (the `occurrence`-th, from 1) starts in `text`. */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not in the text`);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** The issues loading `file` reports; fails when it loads. */
export function loadIssues(file: string): readonly ScenarioIssue[] {
  try {
    loadScenario(file);
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error('expected the scenario to be refused');
}

/** One refused scenario: its text, the files beside it, and the one issue it must give. */
export interface RefusalCase {
  /** The class of mistake. */
  readonly name: string;
  readonly yaml: string;
  /** Files beside the scenario (name → text or bytes; a name ending in / is a folder). */
  readonly others?: Readonly<Record<string, string | Uint8Array>>;
  /** The file the issue is in: the scenario unless given. */
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  /** The field path ('' for YAML syntax errors, which have none). */
  readonly path: string;
  readonly message: string;
}

/** The scenario text with the position of `needle` in it, for a case's yaml, line and column. */
export function at(yaml: string, needle: string, occurrence = 1): { yaml: string; line: number; column: number } {
  return { yaml, ...positionOf(yaml, needle, occurrence) };
}

function folderWith(c: RefusalCase): string {
  const folder = tempFiles({ 'scenario.yaml': c.yaml });
  for (const [name, content] of Object.entries(c.others ?? {})) {
    if (name.endsWith('/')) mkdirSync(join(folder, name));
    else writeFileSync(join(folder, name), content);
  }
  return folder;
}

/** Each case is one issue naming file:line:column, the field and the problem, and `kubesim validate` prints that line alone and exits 2. */
export function checkRefusals(title: string, cases: readonly RefusalCase[]): void {
  describe.each(cases)(`${title}: $name`, (c) => {
    const folder = folderWith(c);
    const file = join(folder, 'scenario.yaml');

    it('is one issue naming file:line:column, the field and the problem', () => {
      const issues = loadIssues(file);
      expect(issues).toHaveLength(1);
      const issue = issues[0] as ScenarioIssue;
      expect(issue.position.file.endsWith(c.file ?? 'scenario.yaml')).toBe(true);
      expect({ line: issue.position.line, column: issue.position.column, path: issue.path, message: issue.message }).toEqual({
        line: c.line,
        column: c.column,
        path: c.path,
        message: c.message,
      });
    });

    it('makes `kubesim validate` print that line on stderr and exit 2, without a stack trace', () => {
      const run = spawnSync(process.execPath, [BIN, 'validate', file], { encoding: 'utf8', cwd: folder, timeout: 20_000 });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      const where = `${c.file ?? 'scenario.yaml'}:${c.line}:${c.column}: `;
      expect(lines[0]?.endsWith(c.path === '' ? `${where}${c.message}` : `${where}${c.path}: ${c.message}`)).toBe(true);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(run.stderr).not.toContain('internal error');
    });
  });
}
