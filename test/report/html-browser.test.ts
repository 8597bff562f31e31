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
import type { Report } from '../../src/report/report.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

const required = process.env.CI === 'true' || process.env.KUBESIM_REQUIRE_BROWSER === '1';
const available = chromiumAvailable();
if (!available && !required) console.warn(`html-browser test skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);

describe.skipIf(!available && !required)('report.html in Chromium', () => {
  it('renders every chart offline with marks and no console error', async () => {
    expect(available, `Chromium is required at ${CHROMIUM_PATH}`).toBe(true);
    const report = runScenario(loadScenario(repoScenario('quickstart.yaml'))).report;
    // A requests section as the traffic model writes it, so its charts and answer are exercised too.
    const requests = [{ service: 'web', namespace: 'default', total: 9000, served: 8964, failed: { timeout: 36 },
      series: Array.from({ length: 90 }, (_, i) => ({ tMs: i * 10_000, rps: 10, errors: i >= 25 && i < 28 ? 12 : 0, p99Ms: i >= 25 && i < 28 ? 900 : 40 })) }];
    const folder = join('reports', 'browser-test');
    mkdirSync(folder, { recursive: true });
    const htmlPath = join(folder, 'report.html');
    writeFileSync(htmlPath, renderRunHtml({ ...report, requests } as unknown as Report));
    const check = await checkPage(htmlPath, join(folder, 'report.png'));
    expect(check.consoleErrors).toEqual([]);
    expect(check.blockedRequests).toEqual([]);
    expect(check.charts.map((c) => c.id)).toEqual([
      'timeline', 'replicas-default-web', 'availability-default-web', 'pods-pending',
      'requests-default-web-rps', 'requests-default-web-errors', 'requests-default-web-p99ms',
      'allocation-shares', 'allocation-nodes-used', 'node-allocation', 'latency-cdf',
    ]);
    for (const chart of check.charts) {
      expect(chart.error, chart.id).toBeUndefined();
      expect(chart.items ?? 0, chart.id).toBeGreaterThan(0);
    }
  });
});
