import { describe, expect, it } from 'vitest';
import { traceReports } from '../../src/scenario/traces/report.js';
import type { TraceWorkload } from '../../src/scenario/traces/model.js';

function workload(timesIgnored: boolean): TraceWorkload {
  return {
    trace: 'alibaba-gpu-v2023', namespace: 'default', nodes: [], timesIgnored, onUnschedulable: 'drop', gpuCapacityMilli: 0, typicalPods: [],
    pods: [{ name: 'p', createMs: 0, manifest: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } }],
  };
}

describe('the traces section with ignoreTimes', () => {
  it('has no "scheduled in the trace" figures: reshaped pods have no record (it showed 0 %)', () => {
    const pods = [{ uid: 'u', name: 'p', namespace: 'default', createdMs: 0, scheduledMs: 5 }];
    expect(traceReports([workload(true)], pods, 10)[0]?.recorded).toBeNull();
    // Replayed with times, the record applies: this pod has none, so 0 of 1.
    expect(traceReports([workload(false)], pods, 10)[0]?.recorded?.podsScheduled).toBe(0);
  });
});
