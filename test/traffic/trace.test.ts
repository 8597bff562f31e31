import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAzureTrace, parseTraceTimestamp } from '../../src/traffic/trace.js';

const DATA = join(import.meta.dirname, '..', '..', 'scenarios', 'traces', 'azure-llm-inference-2023', 'data');

describe('Azure LLM inference trace reader', () => {
  // Row counts and spans from the fixture README.
  it.each([
    { file: 'AzureLLMInferenceTrace_code.csv', rows: 8_819, spanS: 3_436 },
    { file: 'AzureLLMInferenceTrace_conv.csv', rows: 19_366, spanS: 3_502 },
  ])('reads $file: $rows requests over about $spanS s', ({ file, rows, spanS }) => {
    const text = readFileSync(join(DATA, file), 'utf8');
    expect(text.includes('\r\n')).toBe(true);
    expect(text.endsWith('\n')).toBe(false);
    const parsed = parseAzureTrace(text);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.requests).toHaveLength(rows);
    expect(parsed.requests[0]?.offsetMs).toBe(0);
    const last = parsed.requests[rows - 1]?.offsetMs ?? 0;
    expect(Math.abs(last / 1000 - spanS)).toBeLessThan(1);
    // in time order
    expect(parsed.requests.every((r, i) => i === 0 || r.offsetMs >= (parsed.requests[i - 1]?.offsetMs ?? 0))).toBe(true);
  });

  it('keeps sub-millisecond precision of the seven fractional digits', () => {
    const a = parseTraceTimestamp('2023-11-16 18:17:03.9799600') as number;
    const b = parseTraceTimestamp('2023-11-16 18:17:04.0319600') as number;
    expect(b - a).toBeCloseTo(52, 6);
  });

  it('reports a malformed row with its line', () => {
    const parsed = parseAzureTrace('TIMESTAMP,ContextTokens,GeneratedTokens\r\n2023-11-16 18:17:03.97,1,2\r\nnot a row');
    expect(parsed).toEqual({ ok: false, line: 3, message: 'expected 3 fields (TIMESTAMP,ContextTokens,GeneratedTokens), got 1' });
  });
});
