/**
 * The bench scripts' command lines (bench/arguments.ts): a wrong one is one
 * line naming the argument and the usage, exit 2, never a stack trace. The
 * scripts themselves run from the compiled dist/ (`npm test` builds it first).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArguments, type ArgumentReader } from '../../bench/arguments.js';

const ROOT = join(import.meta.dirname, '..', '..');
const USAGE = 'bench [NODES] [PODS] [--flag]';
const readCluster = (args: ArgumentReader): readonly [boolean, number, number] => [args.flag('--flag'), args.positiveInteger(150, 'NODES'), args.positiveInteger(4000, 'PODS')];

describe('bench arguments', () => {
  it.each([
    { argv: [], value: [false, 150, 4000] },
    { argv: ['600'], value: [false, 600, 4000] },
    { argv: ['600', '16000'], value: [false, 600, 16000] },
    { argv: ['--flag', '600'], value: [true, 600, 4000] },
    { argv: ['600', '16000', '--flag'], value: [true, 600, 16000] },
  ])('reads $argv as $value', ({ argv, value }) => {
    expect(parseArguments(USAGE, argv, readCluster)).toEqual({ ok: true, value });
  });

  it.each([
    { argv: ['abc'], message: 'NODES must be a positive integer, got "abc"' },
    { argv: ['0'], message: 'NODES must be a positive integer, got "0"' },
    { argv: ['150', '-3'], message: 'PODS must be a positive integer, got "-3"' },
    { argv: ['150', '2.5'], message: 'PODS must be a positive integer, got "2.5"' },
    { argv: ['1e400'], message: 'NODES must be a positive integer, got "1e400"' },
    { argv: ['--other'], message: 'NODES must be a positive integer, got "--other"' },
    { argv: ['150', '4000', '10'], message: 'unexpected argument "10"' },
  ])('refuses $argv: $message', ({ argv, message }) => {
    expect(parseArguments(USAGE, argv, readCluster)).toEqual({ ok: false, message: `${message}; usage: ${USAGE}` });
  });

  it('names a missing required word and a file that does not exist', () => {
    expect(parseArguments(USAGE, ['--dir'], (args) => (args.flag('--dir') ? args.required('REPORT_DIR') : ''))).toEqual({ ok: false, message: `REPORT_DIR is missing; usage: ${USAGE}` });
    expect(parseArguments(USAGE, ['/no/such/file.yaml'], (args) => args.optionalFile('SCENARIO'))).toEqual({ ok: false, message: `SCENARIO: no file "/no/such/file.yaml"; usage: ${USAGE}` });
  });

  it.each([
    { script: 'cluster.js', argv: ['150', 'many'], line: 'PODS must be a positive integer, got "many"; usage: npm run bench:cluster -- [NODES] [PODS] [MINUTES]' },
    { script: 'scheduler.js', argv: ['--anti-affinity', 'x'], line: 'NODES must be a positive integer, got "x"; usage: npm run bench:scheduler -- [NODES] [PODS] [--anti-affinity]' },
    { script: 'report-size.js', argv: ['--dir'], line: 'REPORT_DIR is missing; usage: npm run bench:report-size -- [NODES] [PODS] [MINUTES] [--keep DIR] | --dir REPORT_DIR' },
    { script: 'report-size.js', argv: ['10', '--keep'], line: '--keep needs a folder; usage: npm run bench:report-size -- [NODES] [PODS] [MINUTES] [--keep DIR] | --dir REPORT_DIR' },
    { script: 'replay.js', argv: ['3', '4'], line: 'unexpected argument "4"; usage: npm run bench:replay -- [RUNS]' },
  ])('dist/bench/$script $argv prints one line and exits 2', ({ script, argv, line }) => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'bench', script), ...argv], { encoding: 'utf8', cwd: ROOT });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${line}\n`);
    expect(run.stdout).toBe('');
  });
});
