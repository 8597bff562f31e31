/**
 * report.html in a real browser: Debian's headless Chromium opens the file
 * from disk with the network disabled; every chart must render a vega view
 * with marks, nothing may log an error or ask for the network, and a
 * screenshot is saved (reports/browser-test/report.png) for a person to
 * look at. Without Chromium the test is skipped, except under CI or
 * KUBESIM_REQUIRE_BROWSER=1, where a missing browser fails it
 * (.ci/run installs it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPage, chromiumAvailable, CHROMIUM_PATH, type ChartOutcome } from '../../bench/browser.js';
import { renderRunHtml } from '../../src/report/html/run-report.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

const required = process.env.CI === 'true' || process.env.KUBESIM_REQUIRE_BROWSER === '1';
const available = chromiumAvailable();
if (!available && !required) console.warn(`html-browser test skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);

describe.skipIf(!available && !required)('report.html in Chromium', () => {
  it('renders every chart offline with marks and no console error', async () => {
    expect(available, `Chromium is required at ${CHROMIUM_PATH}`).toBe(true);
    // A rollout under 500 requests/s with a node failure: every kind of chart
    // (replicas, availability, requests, endpoints, allocation, latency) has data.
    const report = runScenario(loadScenario(repoScenario('rollout-under-load.yaml'))).report;
    const folder = join('reports', 'browser-test');
    mkdirSync(folder, { recursive: true });
    const htmlPath = join(folder, 'report.html');
    writeFileSync(htmlPath, renderRunHtml(report));
    const check = await checkPage(htmlPath, join(folder, 'report.png'));
    expect(check.consoleErrors).toEqual([]);
    expect(check.blockedRequests).toEqual([]);
    expect(check.charts.map((c) => c.id)).toEqual([
      'timeline', 'replicas', 'availability', 'pods-pending',
      'requests-rps', 'requests-errors', 'requests-p99', 'requests-served', 'requests-by-version', 'requests-by-version-errors', 'requests-by-version-p99',
      'allocation-shares', 'allocation-nodes-used', 'node-allocation', 'latency-cdf', 'services-endpoints',
    ]);
    for (const chart of check.charts) {
      expect(chart.error, chart.id).toBeUndefined();
      expect(chart.items ?? 0, chart.id).toBeGreaterThan(0);
    }
  });

  it('shows a panel or a selector entry for every Deployment and every Service of Online Boutique', async () => {
    expect(available, `Chromium is required at ${CHROMIUM_PATH}`).toBe(true);
    // 12 Deployments and 12 Services: when the page kept only 8 charts of a kind, shippingservice had none.
    const report = runScenario(loadScenario(repoScenario('online-boutique.yaml'))).report;
    const deployments = report.deployments.map((d) => `${d.namespace}/${d.name}`);
    const services = report.services.map((s) => `${s.namespace}/${s.name}`);
    expect(deployments).toHaveLength(12);
    expect(services).toHaveLength(12);
    const folder = join('reports', 'browser-test-boutique');
    mkdirSync(folder, { recursive: true });
    const htmlPath = join(folder, 'report.html');
    writeFileSync(htmlPath, renderRunHtml(report));
    const check = await checkPage(htmlPath, join(folder, 'report.png'));
    expect(check.consoleErrors).toEqual([]);
    const charts = check.charts as ReadonlyArray<ChartOutcome & { panels?: string[]; options?: string[] }>;
    const byId = (id: string) => charts.find((c) => c.id === id);
    expect(byId('availability')?.panels).toEqual(deployments);
    expect(byId('services-endpoints')?.panels).toEqual(services);
    expect(byId('replicas')?.options).toEqual(deployments);
    for (const chart of charts) {
      expect(chart.error, chart.id).toBeUndefined();
      expect(chart.items ?? 0, chart.id).toBeGreaterThan(0);
    }
  });
});
