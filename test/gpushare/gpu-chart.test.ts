/**
 * report.html of a run with GPU nodes charts GPU allocation and
 * fragmentation against the arrived workload (charts/gpu.ts); a run without
 * GPU nodes has no such chart.
 */
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { gpuCharts } from '../../src/report/html/charts/gpu.js';
import { buildCharts } from '../../src/report/html/registry.js';
import { renderRunHtml, runChartContext } from '../../src/report/html/run-report.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, runYaml } from '../helpers/scenario.js';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;
const ID = 'gpu-by-arrived-workload';

// 40 GPU nodes, a 301-pod cut of the openb trace inflated to 130 % of their GPUs, one pod a second.
const gpuRun = runYaml(`apiVersion: kubesim/v1
kind: Scenario
metadata: { name: gpu-chart }
spec:
  seed: 3
  duration: 10m
  scheduler:
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles: [ { schedulerName: default-scheduler, plugins: { multiPoint: { enabled: [ { name: GpuShare } ] }, postFilter: { disabled: [ { name: "*" } ] } } } ]
  workloads:
    - { trace: alibaba-gpu-v2023, nodes: ${fixtures}openb-40-gpu-nodes.csv, pods: ${fixtures}openb-pods-cut.csv, ignoreTimes: true, shuffle: true, inflate: 1.3, onUnschedulable: drop }
`).report;

describe('the GPU chart of report.html', () => {
  it('plots allocation and fragmentation at every whole percent of arrived workload, and compiles', () => {
    const chart = buildCharts(gpuRun, runChartContext(gpuRun)).find((c) => c.id === ID);
    expect(chart).toBeDefined();
    const values = (chart?.spec as { data: { values: Array<{ arrivedPct: number; series: string; share: number }> } }).data.values;
    const section = gpuRun.gpu;
    expect(section).toBeDefined();
    // One allocation point per row of gpu.byArrivedWorkload (0..130 %), with the row's own numbers.
    const allocated = values.filter((v) => v.series === 'GPU allocated');
    expect(allocated.map((v) => v.arrivedPct)).toEqual(section?.byArrivedWorkload.map((p) => p.percent));
    expect(allocated.map((v) => v.share)).toEqual(section?.byArrivedWorkload.map((p) => p.gpuAllocationShare));
    expect(allocated[0]?.share).toBe(0);
    expect(values.filter((v) => v.series === 'GPU fragmentation').map((v) => v.share)).toEqual(section?.byArrivedWorkload.map((p) => p.gpuFragmentation));
    expect(() => compile(chart?.spec as Parameters<typeof compile>[0])).not.toThrow();
    expect(renderRunHtml(gpuRun)).toContain(ID);
  });

  it('leaves out a fragmentation that could not be computed, and says so', () => {
    const [chart] = gpuCharts({ byArrivedWorkload: [{ percent: 0, gpuAllocationShare: 0, gpuFragmentation: null }, { percent: 1, gpuAllocationShare: 0.01, gpuFragmentation: null }] });
    const values = (chart?.spec as { data: { values: Array<{ series: string }> } }).data.values;
    expect(values.map((v) => v.series)).toEqual(['GPU allocated', 'GPU allocated']);
    expect(chart?.caption).toContain('Fragmentation is not shown');
  });

  it('is absent for a run without GPU nodes', () => {
    const quickstart = runScenario(loadScenario(repoScenario('quickstart.yaml'))).report;
    expect(buildCharts(quickstart, runChartContext(quickstart)).map((c) => c.id)).not.toContain(ID);
  });
});
