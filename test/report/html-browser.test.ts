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
import { checkPage, chromiumAvailable, CHROMIUM_PATH } from '../../bench/browser.js';
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
      'timeline', 'replicas-default-web', 'availability-default-web', 'pods-pending',
      'requests-default-web-rps', 'requests-default-web-errors', 'requests-default-web-p99', 'requests-default-web-served',
      'allocation-shares', 'allocation-nodes-used', 'node-allocation', 'latency-cdf',
      'services-default-web-readyendpoints', 'services-default-web-notreadyendpoints',
    ]);
    for (const chart of check.charts) {
      expect(chart.error, chart.id).toBeUndefined();
      expect(chart.items ?? 0, chart.id).toBeGreaterThan(0);
    }
  });
});
