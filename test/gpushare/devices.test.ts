import { describe, expect, it } from 'vitest';
import { CycleState } from '../../src/scheduler/framework/interfaces.js';
import { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { bestFitDevices } from '../../src/scheduler/gpushare/devices.js';
import { recordDeviceChoice } from '../../src/scheduler/gpushare/device-choice.js';
import { gpuShapeOf } from '../../src/scheduler/gpushare/gpu-shape.js';
import { gpuShare } from '../../src/scheduler/gpushare/gpu-share.js';
import { defaultBinder } from '../../src/scheduler/plugins/default-binder.js';
import { podInfoOf } from '../../src/scheduler/framework/pod-info.js';
import { cluster } from '../scheduler/helpers.js';
import { gpuNode, gpuPod } from './helpers.js';

/** A 4-GPU node with pods already on it, each on the devices its annotation names. */
function nodeWith(...pods: ReturnType<typeof gpuPod>[]): NodeInfo {
  const info = new NodeInfo(gpuNode('n', 4), 0);
  for (const p of pods) info.addPod({ ...p, spec: { ...p.spec, nodeName: 'n' } });
  return info;
}

describe('request forms', () => {
  it.each([
    // [asked, shape]
    [{ milli: 500 }, { gpuMilli: 500, gpuCount: 1 }],
    [{ whole: 2 }, { gpuMilli: 1000, gpuCount: 2 }],
    [{}, { gpuMilli: 0, gpuCount: 0 }],
  ])('%j is %j', (ask, shape) => {
    expect(gpuShapeOf(podInfoOf(gpuPod('p', ask)).requests.actual)).toMatchObject(shape);
  });

  it('refuses a whole GPU or more written as gpu-milli alone', () => {
    const pod = gpuPod('p', {});
    const spec = { ...pod.spec, containers: [{ name: 'c', image: 'a', resources: { requests: { 'alibaba.com/gpu-milli': '1500' } } }] };
    expect(gpuShapeOf(podInfoOf({ ...pod, spec }).requests.actual)).toHaveProperty('invalid');
  });
});

describe('device fit (GpuShare Filter)', () => {
  const { handle } = cluster([]);
  const plugin = gpuShare(handle);
  it.each([
    // Devices left [500, 500, 1000, 1000] (two 500-milli pods on devices 0 and 1): 3,000 milli pooled.
    ['600 milli: devices 2 and 3 have 1000 ≥ 600', { milli: 600 }, 'Success'],
    ['2 whole GPUs: devices 2 and 3 are free', { whole: 2 }, 'Success'],
    ['3 whole GPUs: only 2 fully free devices, though 3,000 milli are left', { whole: 3 }, 'Unschedulable'],
    ['5 whole GPUs: the node has 4 devices', { whole: 5 }, 'UnschedulableAndUnresolvable'],
  ])('%s', (_label, ask, code) => {
    const info = nodeWith(gpuPod('a', { milli: 500, devices: '0' }), gpuPod('b', { milli: 500, devices: '1' }));
    expect(Array.from(info.gpu?.milliLeft ?? [])).toEqual([500, 500, 1000, 1000]);
    expect(plugin.filter(new CycleState(), gpuPod('p', ask), info).code).toBe(code);
  });

  it('a 600-milli pod does not fit in 1,000 milli left as 500 + 500 on two devices', () => {
    // Devices [500, 500, 0, 0]: pooled 1,000 ≥ 600 (NodeResourcesFit passes), no device has 600.
    const info = nodeWith(gpuPod('a', { milli: 500, devices: '0' }), gpuPod('b', { milli: 500, devices: '1' }), gpuPod('c', { whole: 2, devices: '2,3' }));
    expect(info.gpu?.totalMilliLeft()).toBe(1000);
    expect(plugin.filter(new CycleState(), gpuPod('p', { milli: 600 }), info).code).toBe('Unschedulable');
    expect(plugin.filter(new CycleState(), gpuPod('q', { milli: 500 }), info).code).toBe('Success');
  });
});

describe('default device choice (best fit)', () => {
  it.each([
    // Devices left [300, 700, 1000, 1000].
    ['250 milli: least left that fits is device 0 (300)', { milli: 250 }, [0]],
    ['400 milli: device 0 (300) is too small, device 1 (700) fits', { milli: 400 }, [1]],
    ['800 milli: only free devices fit, the first is 2', { milli: 800 }, [2]],
    ['2 whole GPUs: the first fully free devices, 2 and 3', { whole: 2 }, [2, 3]],
    ['3 whole GPUs: only 2 free devices', { whole: 3 }, undefined],
  ])('%s', (_label, ask, devices) => {
    const left = Int32Array.from([300, 700, 1000, 1000]);
    const shape = gpuShapeOf(podInfoOf(gpuPod('p', ask)).requests.actual);
    expect(bestFitDevices(left, shape as Exclude<typeof shape, { invalid: string }>)).toEqual(devices);
  });
});

describe('hold and release through NodeInfo', () => {
  it('pods take devices as they arrive and give them back when deleted', () => {
    const info = nodeWith();
    info.addPod(gpuPod('a', { milli: 300 })); // best fit on 4 free devices: device 0 → [700, 1000, 1000, 1000]
    info.addPod(gpuPod('b', { milli: 600 })); // device 0 (700 left) is the least that fits → [100, 1000, 1000, 1000]
    info.addPod(gpuPod('c', { whole: 2 })); // first free devices 1, 2 → [100, 0, 0, 1000]
    expect(Array.from(info.gpu?.milliLeft ?? [])).toEqual([100, 0, 0, 1000]);
    expect(info.gpu?.devicesOf('default/c')).toEqual([1, 2]);
    info.removePod('default/b'); // device 0: 100 + 600 = 700
    expect(Array.from(info.gpu?.milliLeft ?? [])).toEqual([700, 0, 0, 1000]);
    info.removePod('default/c'); // devices 1, 2 back to 1000
    expect(Array.from(info.gpu?.milliLeft ?? [])).toEqual([700, 1000, 1000, 1000]);
    expect(info.gpu?.totalMilliLeft()).toBe(3700);
  });

  it('a clone changes without touching the original', () => {
    const info = nodeWith(gpuPod('a', { milli: 300, devices: '3' }));
    const copy = info.clone();
    copy.addPod(gpuPod('b', { whole: 3 }));
    copy.removePod('default/a');
    expect(Array.from(info.gpu?.milliLeft ?? [])).toEqual([1000, 1000, 1000, 700]);
    expect(Array.from(copy.gpu?.milliLeft ?? [])).toEqual([0, 0, 0, 1000]);
  });

  it('Reserve moves the assumed pod to the devices a score plugin chose; PreBind leaves them for the Binding, which DefaultBinder carries', () => {
    const { nodes, handle } = cluster([[gpuNode('n', 4), [gpuPod('a', { milli: 300, devices: '0' })]]]);
    const writes: string[] = [];
    const bound: Array<Readonly<Record<string, string>> | undefined> = [];
    (handle as { client: unknown }).client = {
      patch: () => {
        writes.push('patch');
        return { ok: true };
      },
      bindPod: (_n: string, _ns: string, _uid: string, _node: string, annotations?: Readonly<Record<string, string>>) => {
        writes.push('bind');
        bound.push(annotations);
        return { ok: true };
      },
    };
    const plugin = gpuShare(handle);
    const pod = gpuPod('p', { milli: 200 });
    const node = nodes[0] as NodeInfo;
    node.addPod({ ...pod, spec: { ...pod.spec, nodeName: 'n' } }); // assumed: best fit puts it on device 0 (700 left) → [500, ...]
    expect(Array.from(node.gpu?.milliLeft ?? [])).toEqual([500, 1000, 1000, 1000]);
    const state = new CycleState();
    recordDeviceChoice(state, 'n', [3]);
    expect(plugin.reserve(state, pod, 'n').code).toBe('Success');
    expect(Array.from(node.gpu?.milliLeft ?? [])).toEqual([700, 1000, 1000, 800]);
    expect(plugin.preBind(state, pod, 'n').code).toBe('Success');
    expect(defaultBinder(handle).bind(state, pod, 'n').code).toBe('Success');
    plugin.postBind(state, pod, 'n');
    // One write: the Binding with the annotation; PostBind finds nothing left to write.
    expect(writes).toEqual(['bind']);
    expect(bound).toEqual([{ 'kubesim.io/gpu-devices': '3' }]);
  });

  it('PostBind writes the devices when a binder other than DefaultBinder bound the pod without them', () => {
    const { handle } = cluster([[gpuNode('n', 4), []]]);
    const patched: Array<Record<string, string> | undefined> = [];
    const pod = gpuPod('p', { milli: 200 });
    (handle as { client: unknown }).client = { patch: (_k: string, _n: string, _ns: string, mutate: (p: unknown) => { metadata: { annotations?: Record<string, string> } }) => {
      patched.push(mutate(pod).metadata.annotations);
      return { ok: true };
    } };
    const plugin = gpuShare(handle);
    (handle.nodeInfo('n') as NodeInfo).addPod({ ...pod, spec: { ...pod.spec, nodeName: 'n' } }); // best fit on 4 free devices: device 0
    const state = new CycleState();
    expect(plugin.preBind(state, pod, 'n').code).toBe('Success');
    expect(patched).toEqual([]);
    plugin.postBind(state, pod, 'n');
    expect(patched).toEqual([{ 'kubesim.io/gpu-devices': '0' }]);
  });
});
