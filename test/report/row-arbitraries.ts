/**
 * Random Event and pod rows for the row-line tests (rows-json.test.ts, the
 * plain lines; row-file.property.test.ts, the spool's field-by-field
 * writes), built from the texts and numbers each test wants to stress.
 */
import fc from 'fast-check';

export function eventRows(text: fc.Arbitrary<string>, number: fc.Arbitrary<number>) {
  return fc.record({ tMs: number, type: fc.constantFrom('Normal' as const, 'Warning' as const), reason: text, kind: text, namespace: text, name: text, message: text, source: text }, { requiredKeys: ['tMs', 'type', 'reason', 'kind', 'name', 'message', 'source'] });
}

export function podRows(text: fc.Arbitrary<string>, number: fc.Arbitrary<number>) {
  return fc.record({
    uid: text, name: text, namespace: text, owner: text, node: text, createdMs: number, scheduledMs: number, startedMs: number, readyMs: number,
    terminatingMs: number, deletedMs: number, phase: text, schedulingAttempts: number,
    schedulingFailures: fc.array(fc.record({ tMs: number, lastMs: number, count: fc.nat(), message: text }), { maxLength: 2 }), gpuDevices: fc.array(fc.nat(), { maxLength: 3 }),
  }, { requiredKeys: ['uid', 'name', 'namespace', 'createdMs'] });
}
