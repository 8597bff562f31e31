/**
 * `kubesim bench --emit-job`: a ConfigMap with the bench file and its
 * scenario files, and an Indexed Job (completionMode: Indexed) with one
 * index per matrix cell. Each pod runs
 *
 *   kubesim bench /bench/<bench file> --index $(JOB_COMPLETION_INDEX) --out /results/$(JOB_COMPLETION_INDEX)
 *
 * (the Job controller sets JOB_COMPLETION_INDEX in every pod) and writes
 * that cell's report.json to the results volume; `kubesim bench merge`
 * turns the folder into the bench report. The ConfigMap keeps each file at
 * its path relative to the bench file, so the bench file is used unchanged.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative } from 'node:path';
import { stringify } from 'yaml';
import type { BenchDefinition } from './bench-spec.js';
import { cellCount } from './bench-spec.js';

export interface JobOptions {
  readonly benchFile: string;
  readonly image: string;
  /** PersistentVolumeClaim the pods write results to. */
  readonly resultsClaim: string;
  readonly parallelism: number;
  readonly namespace?: string;
}

export class JobError extends Error {}

export function emitJob(bench: BenchDefinition, options: JobOptions): string {
  const name = `kubesim-bench-${bench.name}`.slice(0, 52).replace(/-+$/, '');
  const benchName = basename(options.benchFile);
  const files: Array<{ key: string; path: string; text: string }> = [{ key: 'bench.yaml', path: benchName, text: readFileSync(options.benchFile, 'utf8') }];
  bench.scenarios.forEach((s, i) => {
    const path = relative(dirname(options.benchFile), s.path);
    if (path.startsWith('..') || isAbsolute(path)) {
      throw new JobError(`scenario ${s.file} is outside the bench file's folder; a ConfigMap volume cannot place it at that path (move the bench file next to its scenarios)`);
    }
    files.push({ key: `scenario-${i}.yaml`, path, text: readFileSync(s.path, 'utf8') });
  });
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
