#!/usr/bin/env node
// Draws a bench's curves.csv (docs/research.md) as an SVG: GPU allocated (%
// of capacity) against arrived workload (% of capacity), one line per
// profile (the mean over seeds) with its 95 % confidence band (Student's t
// over the seeds). Usage: node scripts/gpu-curves-figure.mjs curves.csv out.svg
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
if (input === undefined || output === undefined) {
  process.stderr.write('usage: node scripts/gpu-curves-figure.mjs <curves.csv> <out.svg>\n');
  process.exit(2);
}
// Two-sided 97.5 % quantiles of Student's t by degrees of freedom (1..30).
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];
const [, ...lines] = readFileSync(input, 'utf8').trim().split('\n');
const byProfile = new Map();
for (const line of lines) {
  const [, profile, , percent, allocated] = line.split(',');
  const curve = byProfile.get(profile) ?? new Map();
  byProfile.set(profile, curve);
  const values = curve.get(Number(percent)) ?? [];
  curve.set(Number(percent), values);
  values.push(Number(allocated));
}
const W = 720, H = 440, L = 60, R = 150, T = 20, B = 50, X0 = 70, X1 = 130, Y0 = 70, Y1 = 100;
const x = (p) => L + ((p - X0) / (X1 - X0)) * (W - L - R);
const y = (v) => T + (1 - (v - Y0) / (Y1 - Y0)) * (H - T - B);
const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2'];
const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`, `<rect width="${W}" height="${H}" fill="white"/>`];
for (let p = X0; p <= X1; p += 10) parts.push(`<line x1="${x(p)}" x2="${x(p)}" y1="${T}" y2="${H - B}" stroke="#eee"/><text x="${x(p)}" y="${H - B + 16}" text-anchor="middle">${p}</text>`);
for (let v = Y0; v <= Y1; v += 5) parts.push(`<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/><text x="${L - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
parts.push(`<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">arrived workload (% of GPU capacity)</text>`);
parts.push(`<text transform="translate(16 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">GPU allocated (% of capacity)</text>`);
[...byProfile.entries()].forEach(([profile, curve], i) => {
  const color = colors[i % colors.length];
  const points = [...curve.entries()].filter(([p]) => p >= X0 && p <= X1).sort((a, b) => a[0] - b[0]).map(([p, values]) => {
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
    const half = n > 1 ? (T975[Math.min(n - 2, T975.length - 1)] * sd) / Math.sqrt(n) : 0;
    return { p, mean, lo: Math.max(Y0, mean - half), hi: Math.min(Y1, mean + half) };
  });
  const band = [...points.map((q) => `${x(q.p)},${y(q.hi)}`), ...points.reverse().map((q) => `${x(q.p)},${y(q.lo)}`)].join(' ');
  points.reverse();
  parts.push(`<polygon points="${band}" fill="${color}" opacity="0.2"/>`);
  parts.push(`<polyline points="${points.map((q) => `${x(q.p)},${y(Math.max(Y0, q.mean))}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
  parts.push(`<text x="${W - R + 10}" y="${T + 16 + i * 18}" fill="${color}">${profile}</text>`);
});
parts.push('</svg>');
writeFileSync(output, `${parts.join('\n')}\n`);
