/**
 * GpuDevices keeps the milli left over all devices as pods are held and
 * released (totalMilliLeft), so the GPU policies read one number per node
 * instead of adding up its devices. On random sequences of holds (default
 * choice, wanted devices, shapes that do not fit), releases (of held,
 * unplaced and unknown pods) and copies, it must be the sum of milliLeft.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GpuDevices } from '../../src/scheduler/gpushare/devices.js';
import { idleMilli } from '../../src/scheduler/gpushare/fragmentation.js';
import type { GpuShape } from '../../src/scheduler/gpushare/gpu-shape.js';

const shape: fc.Arbitrary<GpuShape> = fc.oneof(
  fc.record({ cpuMilli: fc.constant(1000), gpuMilli: fc.constantFrom(100, 250, 500, 900), gpuCount: fc.constant(1) }),
  fc.record({ cpuMilli: fc.constant(1000), gpuMilli: fc.constant(1000), gpuCount: fc.integer({ min: 1, max: 5 }) }),
  fc.constant({ cpuMilli: 1000, gpuMilli: 0, gpuCount: 0 }),
);

const op = fc.oneof(
  fc.record({ kind: fc.constant('hold' as const), pod: fc.nat(5), shape, wanted: fc.option(fc.array(fc.nat(4), { maxLength: 3 }), { nil: undefined }) }),
  fc.record({ kind: fc.constant('release' as const), pod: fc.nat(6) }),
  fc.record({ kind: fc.constant('copy' as const) }),
);

describe('GpuDevices.totalMilliLeft', () => {
  it('is the sum of the devices\' milli left after any holds, releases and copies', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 40 }), (count, ops) => {
      let devices = new GpuDevices(count);
      for (const o of ops) {
        if (o.kind === 'hold') devices.hold(`p${o.pod}`, o.shape, o.wanted);
        else if (o.kind === 'release') devices.release(`p${o.pod}`);
        else devices = devices.clone();
        expect(devices.totalMilliLeft()).toBe(idleMilli(devices.milliLeft));
      }
    }), { numRuns: 500 });
  });
});
