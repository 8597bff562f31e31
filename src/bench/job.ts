/**
 * `kubesim bench --emit-job`: a ConfigMap with the bench file, its
 * scenario files, the profiles' plugin files and the files those import
 * (plugin-imports.ts), and an Indexed Job
 * (completionMode: Indexed) with one index per matrix cell. Each pod runs
 *
 *   kubesim bench /bench/<bench file> --index $(JOB_COMPLETION_INDEX) --out /results/$(JOB_COMPLETION_INDEX)
 *
 * (the Job controller sets JOB_COMPLETION_INDEX in every pod) and writes
 * that cell's report.json to the results volume; `kubesim bench merge`
 * turns the folder into the bench report. The ConfigMap keeps each file at
 * its path relative to the bench file, so the bench file is used unchanged.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative } from 'node:path';
import { stringify } from 'yaml';
import type { BenchDefinition } from './bench-spec.js';
import { cellCount } from './bench-spec.js';
import { pluginImports } from './plugin-imports.js';
import { BenchInputError } from './input-error.js';

export interface JobOptions {
  readonly benchFile: string;
  readonly image: string;
  /** PersistentVolumeClaim the pods write results to. */
  readonly resultsClaim: string;
  readonly parallelism: number;
  readonly namespace?: string;
}

export class JobError extends BenchInputError {}

export function emitJob(bench: BenchDefinition, options: JobOptions): string {
  const name = `kubesim-bench-${bench.name}`.slice(0, 52).replace(/-+$/, '');
  const benchName = basename(options.benchFile);
  const files: Array<{ key: string; path: string; text: string }> = [{ key: 'bench.yaml', path: benchName, text: readFileSync(options.benchFile, 'utf8') }];
  const ship = (what: string, written: string, absolute: string, key: string): void => {
    const path = relative(dirname(options.benchFile), absolute);
    if (path.startsWith('..') || isAbsolute(path)) {
      throw new JobError(`${what} ${written} is outside the bench file's folder; a ConfigMap volume cannot place it at that path (move the bench file next to its ${what}s)`);
    }
    if (!files.some((f) => f.path === path)) files.push({ key, path, text: readFileSync(absolute, 'utf8') });
  };
  bench.scenarios.forEach((s, i) => ship('scenario', s.file, s.path, `scenario-${i}.yaml`));
  bench.profiles.forEach((p, i) => p.plugins?.forEach((plugin, j) => ship('plugin', plugin.file, plugin.path, `plugin-${i}-${j}${extname(plugin.path)}`)));
  // A plugin's own imports load from beside it in the pod too.
  const pluginPaths = bench.profiles.flatMap((p) => (p.plugins ?? []).map((plugin) => plugin.path));
  pluginImports(pluginPaths).forEach((path, k) => ship('plugin import', relative(dirname(options.benchFile), path), path, `plugin-import-${k}${extname(path)}`));
  const completions = cellCount(bench);
  const metadata = { name, ...(options.namespace === undefined ? {} : { namespace: options.namespace }), labels: { 'app.kubernetes.io/name': 'kubesim-bench', 'kubesim.io/bench': bench.name } };
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: Object.fromEntries(files.map((f) => [f.key, f.text])) };
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata,
    spec: {
      completionMode: 'Indexed',
      completions,
      parallelism: Math.min(options.parallelism, completions),
      backoffLimit: Math.max(6, completions),
      template: {
        metadata: { labels: metadata.labels },
        spec: {
          restartPolicy: 'Never',
          containers: [{
            name: 'kubesim',
            image: options.image,
            command: ['kubesim', 'bench', `/bench/${benchName}`, '--index', '$(JOB_COMPLETION_INDEX)', '--out', '/results/$(JOB_COMPLETION_INDEX)', '--quiet'],
            resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '2Gi' } },
            volumeMounts: [{ name: 'bench', mountPath: '/bench', readOnly: true }, { name: 'results', mountPath: '/results' }],
          }],
          volumes: [
            { name: 'bench', configMap: { name, items: files.map((f) => ({ key: f.key, path: f.path })) } },
            { name: 'results', persistentVolumeClaim: { claimName: options.resultsClaim } },
          ],
        },
      },
    },
  };
  const yamlOptions = { blockQuote: 'literal' as const, lineWidth: 0, aliasDuplicateObjects: false };
  return `# kubesim bench ${bench.name}: ${completions} cells as an Indexed Job (docs/distributed.md)\n${stringify(configMap, yamlOptions)}---\n${stringify(job, yamlOptions)}`;
}
