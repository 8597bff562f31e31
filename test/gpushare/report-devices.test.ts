import { describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/scenario.js';
import { oneGpuNodeScenario } from './helpers.js';

// One node of 4 devices; pods in this order, each placed before the next (10 s apart):
//   half   (500 milli)  → best fit: every device has 1,000 left → device 0 (lowest index); left [500, 1000, 1000, 1000]
//   two    (2 whole)    → the first fully free devices: 1, 2;                               left [500, 0, 0, 1000]
//   small  (300 milli)  → the device with the least left that fits: 0 (500 < 1,000);        left [200, 0, 0, 1000]
//   pinned (400 milli, annotation "3") → device 3, as its annotation asks;                    left [200, 0, 0, 600]
//   cpu    (no GPU)     → no devices
const pod = (name: string, at: string, gpu: string, annotations = '') => `
    - at: ${at}
      action: apply
      manifests:
        - { apiVersion: v1, kind: Pod, metadata: { name: ${name}${annotations} }, spec: { containers: [ { name: c, image: "app:1", resources: { requests: { cpu: "1", memory: 1Gi${gpu} }, limits: { cpu: "1", memory: 1Gi${gpu} } } } ] } }`;

describe('report.json pods[].gpuDevices', () => {
  it('names the devices each GPU pod held, and nothing for a CPU-only pod', () => {
    const result = runYaml(oneGpuNodeScenario('devices', '2m', 4, `${pod('half', '1s', ', alibaba.com/gpu-milli: 500')}${pod('two', '10s', ', nvidia.com/gpu: 2, alibaba.com/gpu-milli: 2000')}${pod('small', '20s', ', alibaba.com/gpu-milli: 300')}${pod('pinned', '30s', ', alibaba.com/gpu-milli: 400', ', annotations: { kubesim.io/gpu-devices: "3" }')}${pod('cpu', '40s', '')}`));
    const devices = Object.fromEntries(result.pods.map((p) => [p.name, p.gpuDevices]));
    expect(devices).toEqual({ half: [0], two: [1, 2], small: [0], pinned: [3], cpu: undefined });
    // Every pod was bound (the devices above are placements, not requests).
    expect(result.pods.every((p) => p.node !== undefined)).toBe(true);
  });
});
