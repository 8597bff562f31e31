/**
 * Test helpers for bad input: where a needle sits in a text, and the one
 * issue the loader reports for a scenario file.
 */
import { ScenarioError, type ScenarioIssue } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/load.js';

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
