/**
 * The imported scenario as YAML: the importer's summary as a comment header,
 * then a scenario whose manifests are the cluster's objects at t=0.
 */
import { stringify } from 'yaml';

type Json = Record<string, unknown>;

/** A scenario name (lowercase RFC 1123) from a file name: `prod-eu.yaml` → `prod-eu`. */
export function scenarioName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
  const name = base.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return name === '' ? 'imported-cluster' : name;
}

export function scenarioYaml(name: string, files: readonly string[], manifests: readonly Json[], summary: readonly string[]): string {
  const scenario = {
    apiVersion: 'kubesim/v1',
    kind: 'Scenario',
    metadata: { name, description: `The cluster dumped in ${files.join(', ')}, imported by kubesim import (docs/import.md).` },
    spec: { seed: 1, duration: '1h', manifests },
  };
  const header = [
    `# Made by \`kubesim import ${files.join(' ')}\`: the cluster as it was dumped, running at t=0.`,
    '# Add a timeline (a rollout, a node failure, traffic) to ask it questions (docs/scenarios.md).',
    '#',
    ...summary.map((line) => `# ${line}`.trimEnd()),
  ];
  return `${header.join('\n')}\n${stringify(scenario, { lineWidth: 0 })}`;
}
