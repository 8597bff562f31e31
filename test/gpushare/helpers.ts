/** GPU nodes and pods for the device-model tests, in the forms docs/scheduler.md documents. */
import type { Pod } from '../../src/api/types/pod.js';
import { GPU_DEVICES_ANNOTATION } from '../../src/scheduler/gpushare/gpu-shape.js';
import { makeNode, makePod } from '../helpers/builders.js';

/** A node with `gpus` devices (and gpus × 1000 gpu-milli) and `cpu` cores. */
export function gpuNode(name: string, gpus: number, cpu = '64') {
  return makeNode(name, { cpu, memory: '256Gi', extra: { 'nvidia.com/gpu': String(gpus), 'alibaba.com/gpu-milli': String(gpus * 1000) } });
}

/** A pod asking for `milli` of one shared GPU (milli < 1000), or `whole` GPUs. */
export function gpuPod(name: string, ask: { milli?: number; whole?: number; cpu?: string; devices?: string }): Pod {
  const extra: Record<string, string> = {};
  if (ask.whole !== undefined) {
    extra['nvidia.com/gpu'] = String(ask.whole);
    extra['alibaba.com/gpu-milli'] = String(ask.whole * 1000);
  } else if (ask.milli !== undefined) extra['alibaba.com/gpu-milli'] = String(ask.milli);
  const pod = makePod(name, { cpu: ask.cpu ?? '1', extra });
  return ask.devices === undefined ? pod : { ...pod, metadata: { ...pod.metadata, annotations: { [GPU_DEVICES_ANNOTATION]: ask.devices } } };
}

/** A scenario of one GPU node of `devices` whole GPUs (1,000 milli each) scheduled by GpuShare, with `timeline` as the YAML of its actions. */
export function oneGpuNodeScenario(name: string, duration: string, devices: number, timeline: string): string {
  return `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: ${name} }
spec:
  duration: ${duration}
  cluster: { nodePools: [ { name: g, count: 1, capacity: { cpu: "16", memory: 64Gi, nvidia.com/gpu: ${String(devices)}, alibaba.com/gpu-milli: ${String(devices * 1000)} } } ] }
  scheduler:
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles: [ { schedulerName: default-scheduler, plugins: { multiPoint: { enabled: [ { name: GpuShare } ] } } } ]
  timeline:${timeline}
`;
}
