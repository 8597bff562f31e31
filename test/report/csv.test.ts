/** report.json → CSV files: one per series, generic over sections. */
import { describe, expect, it } from 'vitest';
import { csvField, reportCsvFiles, toCsv } from '../../src/report/csv.js';

describe('report CSV', () => {
  it('quotes fields with commas, quotes and newlines', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(null)).toBe('');
    expect(toCsv([{ a: 1, b: 'x' }, { a: 2, c: true }])).toBe('a,b,c\n1,x,\n2,,true\n');
  });

  // OWASP CSV Injection: text that a spreadsheet would evaluate gets a leading ';
  // numbers (negative ones included) stay numbers.
  it.each([
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+1+cmd', "'+1+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcalc', "'\tcalc"],
    ['\rcalc', '"\'\rcalc"'],
    ['web-1', 'web-1'],
    ['a=b', 'a=b'],
    [-5, '-5'],
    [-0.25, '-0.25'],
    [3, '3'],
  ] as const)('writes %j as %s', (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('prefixes formula-like names in a report\'s rows and headers alike', () => {
    const [file] = reportCsvFiles({ pods: [{ name: '=cmd|\' /C calc\'!A0', cpu: -1 }] });
    expect(file?.text).toBe("name,cpu\n'=cmd|' /C calc'!A0,-1\n");
  });

  it('writes one row per series point led by the owner, flat lists as rows, and new sections too', () => {
    const files = reportCsvFiles({
      scenario: { name: 's' },
      deployments: [{ name: 'web', namespace: 'default', series: [{ tMs: 0, replicas: 3 }, { tMs: 5, replicas: 4 }], rollouts: [] }],
      timeline: [{ atMs: 10, action: 'scale', description: 'scale web, to 4' }],
      latency: { schedulingMs: { count: 2, p99: 5 } },
      hpa: [{ name: 'web', series: [{ tMs: 0, desiredReplicas: 2 }] }],
    });
    expect(Object.fromEntries(files.map((f) => [f.name, f.text]))).toEqual({
      'deployments.csv': 'name,namespace,tMs,replicas\nweb,default,0,3\nweb,default,5,4\n',
      'timeline.csv': 'atMs,action,description\n10,scale,"scale web, to 4"\n',
      'latency.csv': 'key,count,p99\nschedulingMs,2,5\n',
      'hpa.csv': 'name,tMs,desiredReplicas\nweb,0,2\n',
    });
  });
});
