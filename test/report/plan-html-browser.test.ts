/**
 * The plan's report.html in headless Chromium (as html-browser.test.ts does
 * for runs): every SLO chart renders with marks and no console error, for a
 * real plan whose SLO is in % (a % axis, the threshold rule, intervals and
 * the seeds-passed labels). Skipped without Chromium unless CI requires it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPage, chromiumAvailable, CHROMIUM_PATH } from '../../bench/browser.js';
import { loadPlan } from '../../src/bench/plan-spec.js';
import { inProcessRunner } from '../../src/bench/pool.js';
import { runPlan } from '../../src/bench/run-plan.js';
import { renderPlanHtml } from '../../src/report/html/plan-report.js';
import { tempFiles } from '../helpers/scenario.js';
import { FIT_SCENARIO } from '../helpers/fit-scenario.js';

const required = process.env.CI === 'true' || process.env.KUBESIM_REQUIRE_BROWSER === '1';
const available = chromiumAvailable();


const PLAN = `apiVersion: kubesim/v1
kind: Plan
metadata: { name: fit-plan }
spec:
  scenario: fit.yaml
  seeds: 2
  parameter: { nodeCount: { pool: w, values: [1, 2, 3] } }
  slo:
    - { metric: availabilityMin, deployment: web, atLeast: 50% }
    - { metric: podsPendingAtEnd, atMost: 0 }
`;

describe.skipIf(!available && !required)('plan report.html in Chromium', () => {
  it('renders every SLO chart offline with marks and no console error', async () => {
    expect(available, `Chromium is required at ${CHROMIUM_PATH}`).toBe(true);
    const dir = tempFiles({ 'fit.yaml': FIT_SCENARIO, 'p.yaml': PLAN });
    const report = await runPlan(loadPlan(join(dir, 'p.yaml')), { workers: 1, runner: inProcessRunner() });
    const folder = join('reports', 'browser-test-plan');
    mkdirSync(folder, { recursive: true });
    const htmlPath = join(folder, 'report.html');
    writeFileSync(htmlPath, renderPlanHtml(report));
    const check = await checkPage(htmlPath, join(folder, 'report.png'));
    expect(check.consoleErrors).toEqual([]);
    expect(check.blockedRequests).toEqual([]);
    expect(check.charts.map((c) => c.id)).toEqual(['plan-availabilitymin-deployment-web-0', 'plan-podspendingatend-1']);
    for (const chart of check.charts) {
      expect(chart.error, chart.id).toBeUndefined();
      expect(chart.items ?? 0, chart.id).toBeGreaterThan(0);
    }
  });
});
