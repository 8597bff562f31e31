import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/api/types/pod.js';
import { changesOf, observeRun } from '../helpers/cluster.js';
import { oneGpuNodeScenario } from './helpers.js';

// One node of 4 devices. `first` (500 milli) goes on device 0 by best fit
// (every device has 1,000 left: the lowest index); `second` (700 milli) does
// not fit device 0 (500 left) and best-fits device 1: the annotations "0" and "1".
const pod = (name: string, at: string, milli: number) => `
    - at: ${at}
      action: apply
      manifests:
        - { apiVersion: v1, kind: Pod, metadata: { name: ${name} }, spec: { containers: [ { name: c, image: "app:1", resources: { requests: { cpu: "1", memory: 1Gi, alibaba.com/gpu-milli: ${String(milli)} } } } ] } }`;

const yaml = oneGpuNodeScenario('binding-annotation', '1m', 4, `${pod('first', '1s', 500)}${pod('second', '10s', 700)}`);

describe('GPU devices on the Binding', () => {
  it('a watcher sees a GPU pod bound and annotated with its devices in one update', () => {
    const observed = observeRun(yaml, ['Pod']);
    for (const [name, devices] of [['first', '0'], ['second', '1']] as const) {
      const versions = changesOf<Pod>(observed, 'Pod', name).map(({ type, object }) => ({
        type,
        node: object.spec.nodeName,
        devices: object.metadata.annotations?.['kubesim.io/gpu-devices'],
      }));
      // Created (neither), then the binding's one write (both together); no version carries one without the other.
      expect(versions.slice(0, 2)).toEqual([
        { type: 'ADDED', node: undefined, devices: undefined },
        { type: 'MODIFIED', node: 'g-0', devices },
      ]);
      expect(versions.every((v) => (v.node === undefined) === (v.devices === undefined))).toBe(true);
    }
  });
});
