/**
 * report.html at size: a 1-hour run on 200 nodes with 2,000 pods (20
 * Deployments × 100 replicas, a rollout of each, two node failures) writes
 * report.html; prints its size and how long Debian's Chromium takes from
 * navigation to every chart rendered (targets: < 5 MB, < 2 s).
 * Usage: npm run bench:report-html
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderRunHtml } from '../src/report/html/run-report.js';
import { runScenario } from '../src/runner/run-scenario.js';
import { loadScenario } from '../src/scenario/load.js';
import { checkPage, chromiumAvailable, CHROMIUM_PATH } from './browser.js';

const deployments = Array.from({ length: 20 }, (_, i) => `
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: app-${i} }
      spec:
        replicas: 100
        selector: { matchLabels: { app: app-${i} } }
        template:
          metadata: { labels: { app: app-${i} } }
          spec: { containers: [ { name: c, image: app-${i}:v1, resources: { requests: { cpu: ${100 + 50 * (i % 5)}m, memory: 256Mi } } } ] }`).join('');
const rollouts = Array.from({ length: 20 }, (_, i) => `
    - { at: ${10 + i}m, action: set-image, deployment: app-${i}, container: c, image: app-${i}:v2 }`).join('');
const folder = mkdtempSync(join(tmpdir(), 'kubesim-report-html-'));
writeFileSync(join(folder, 'big.yaml'), `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: report-html-200-nodes }
spec:
  duration: 1h
  cluster:
    nodePools: [ { name: node, count: 200, capacity: { cpu: "8", memory: 32Gi } } ]
  manifests:${deployments}
  timeline:${rollouts}
    - { at: 35m, action: fail-node, node: node-7 }
    - { at: 40m, action: fail-node, node: node-42 }
    - { at: 50m, action: recover-node, node: node-7 }
`);
const started = process.hrtime.bigint();
const { report } = runScenario(loadScenario(join(folder, 'big.yaml')));
const runMs = Number(process.hrtime.bigint() - started) / 1e6;
const htmlStarted = process.hrtime.bigint();
const htmlPath = join(folder, 'report.html');
writeFileSync(htmlPath, renderRunHtml(report));
const htmlMs = Number(process.hrtime.bigint() - htmlStarted) / 1e6;
const sizeMb = statSync(htmlPath).size / 1024 / 1024;
console.log(`report-html nodes=${report.nodes.length} pods=${report.summary.podsCreated} run_ms=${runMs.toFixed(0)} render_html_ms=${htmlMs.toFixed(0)} size_mb=${sizeMb.toFixed(2)} (target < 5)`);
if (!chromiumAvailable()) {
  console.log(`report-html open: skipped, no Chromium at ${CHROMIUM_PATH}`);
} else {
  const times: number[] = [];
  let charts = 0;
  for (let i = 0; i < 3; i++) {
    const check = await checkPage(htmlPath, i === 0 ? join(folder, 'report.png') : undefined);
    if (check.consoleErrors.length > 0 || check.charts.some((c) => c.error !== undefined)) console.log(`report-html errors: ${JSON.stringify(check.consoleErrors)} ${JSON.stringify(check.charts.filter((c) => c.error !== undefined))}`);
    times.push(check.renderMs);
    charts = check.charts.length;
  }
  console.log(`report-html charts=${charts} open_ms_runs=${times.map((t) => t.toFixed(0)).join(',')} open_ms_best=${Math.min(...times).toFixed(0)} (target < 2000) screenshot=${join(folder, 'report.png')}`);
}
