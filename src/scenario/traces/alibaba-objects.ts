/**
 * Alibaba GPU trace rows as Kubernetes objects. GPUs become two extended
 * resources (NodeResourcesFit filters any extended resource):
 *
 *   - `nvidia.com/gpu`: whole GPUs. A node has `gpu` of them; a pod asks
 *     for num_gpu when it uses whole GPUs (gpu_milli 1000);
 *   - `alibaba.com/gpu-milli`: GPU capacity in thousandths. A node has
 *     gpu × 1000; every GPU pod asks for num_gpu × gpu_milli, so a pod
 *     sharing a GPU (gpu_milli < 1000) takes only its fraction.
 *
 * Fractions are pooled per node, not per GPU device: two 600-milli pods fit
 * on a 2-GPU node (as they would, one per GPU), and three 300-milli pods
 * plus a whole-GPU pod fit on a 2-GPU node only if the three could share
 * one GPU — kubesim assumes they can. Extended resources are set as limits
 * too, as Kubernetes requires (they cannot be overcommitted).
 */
import type { KubeObjectInput } from '../../api/types/meta.js';
import { nodeAgentMetadata } from '../nodes.js';
import type { NodeAgent } from '../schema/cluster.js';
import type { AlibabaNode, AlibabaPod } from './alibaba-gpu.js';

export const GPU_RESOURCE = 'nvidia.com/gpu';
export const GPU_MILLI_RESOURCE = 'alibaba.com/gpu-milli';
export const GPU_MODEL_LABEL = 'alibaba.com/gpu-model';
export const QOS_LABEL = 'alibaba.com/qos';
export const TRACE_LABEL = 'kubesim.io/trace';
export const TRACE_IMAGE = 'kubesim/trace-task:1';

export function alibabaNodeObject(node: AlibabaNode, trace: string, agent?: NodeAgent): KubeObjectInput {
  const resources: Record<string, string | number> = { cpu: `${node.cpuMilli}m`, memory: `${node.memoryMiB}Mi`, pods: 110 };
  if (node.gpus > 0) {
    resources[GPU_RESOURCE] = node.gpus;
    resources[GPU_MILLI_RESOURCE] = node.gpus * 1000;
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        [TRACE_LABEL]: trace,
        ...(node.model === '' ? {} : { [GPU_MODEL_LABEL]: node.model }),
      },
      ...nodeAgentMetadata(agent),
    },
    spec: {},
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: 0, lastTransitionTime: 0 }],
    },
  };
}

/**
 * One deep-frozen spec per pod shape: the API server then admits each shape
 * once (src/api/admission/pod-spec-memo.ts keys on specs that cannot
 * change). Bounded, as a trace of all-different shapes would be.
 */
const specsByShape = new Map<string, object>();
const MAX_SHAPES = 10_000;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function podSpecOf(pod: AlibabaPod): object {
  const shape = `${pod.cpuMilli}/${pod.memoryMiB}/${pod.numGpu}/${pod.gpuMilli}`;
  const known = specsByShape.get(shape);
  if (known !== undefined) return known;
  const requests: Record<string, string | number> = { cpu: `${pod.cpuMilli}m`, memory: `${pod.memoryMiB}Mi` };
  const limits: Record<string, string | number> = {};
  if (pod.numGpu > 0) {
    const milli = pod.numGpu * pod.gpuMilli;
    if (pod.gpuMilli >= 1000) limits[GPU_RESOURCE] = pod.numGpu;
    if (milli > 0) limits[GPU_MILLI_RESOURCE] = milli;
    Object.assign(requests, limits);
  }
  const spec = deepFreeze({ containers: [{ name: 'task', image: TRACE_IMAGE, resources: Object.keys(limits).length === 0 ? { requests } : { requests, limits } }] });
  if (specsByShape.size >= MAX_SHAPES) specsByShape.clear();
  specsByShape.set(shape, spec);
  return spec;
}

/** One deep-frozen labels object per trace and QoS class, kept by the pods rather than copied (pod-spec-memo.ts). */
const labelsByClass = new Map<string, object>();

function podLabelsOf(trace: string, qos: string): object {
  const key = `${trace}\n${qos}`;
  let labels = labelsByClass.get(key);
  if (labels === undefined) {
    labels = deepFreeze({ [TRACE_LABEL]: trace, ...(qos === '' ? {} : { [QOS_LABEL]: qos }) });
    if (labelsByClass.size >= MAX_SHAPES) labelsByClass.clear();
    labelsByClass.set(key, labels);
  }
  return labels;
}

export function alibabaPodObject(pod: AlibabaPod, trace: string, namespace: string): KubeObjectInput {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod.name, namespace, labels: podLabelsOf(trace, pod.qos) as Record<string, string> },
    spec: podSpecOf(pod),
  };
}
