import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// A deliberately small SVG writer: bench charts need axes, bars and lines, nothing a library adds.

/** Where every bench writes its chart: bench/results/<name>.svg. */
export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** One line of a line chart. */
export interface Series {
  label: string;
  points: Array<[number, number]>;
  color?: string;
}

/** One bar of a bar chart. */
export interface Bar {
  label: string;
  value: number;
  color?: string;
}

const W = 720;
const H = 400;
const M = { top: 48, right: 24, bottom: 64, left: 80 };
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (n: number) => (Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : Number(n.toPrecision(3)).toString());

/** Round-number ticks covering [0, max] (or [min, max]). */
function ticks(min: number, max: number, count = 5): number[] {
  const span = max - min || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => span / s <= count) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function frame(title: string, xLabel: string, yLabel: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<text x="${M.left + (W - M.left - M.right) / 2}" y="${H - 12}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(18 ${M.top + (H - M.top - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function yAxis(yMax: number, y: (v: number) => number): string[] {
  return ticks(0, yMax).map(
    (t) => `<line x1="${M.left}" x2="${W - M.right}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e7eb"/><text x="${M.left - 6}" y="${y(t) + 4}" text-anchor="end">${fmt(t)}</text>`,
  );
}

/** Vertical bars, one per label (histograms, before/after comparisons). */
export function barChart(title: string, xLabel: string, yLabel: string, bars: Bar[]): string {
  const yMax = Math.max(...bars.map((b) => b.value), 1) * 1.1;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const y = (v: number) => M.top + plotH - (v / yMax) * plotH;
  const slot = plotW / Math.max(bars.length, 1);
  const every = Math.ceil(bars.length / 16);
  const body = yAxis(yMax, y);
  bars.forEach((b, i) => {
    const x = M.left + i * slot + slot * 0.1;
    body.push(`<rect x="${x.toFixed(1)}" y="${y(b.value).toFixed(1)}" width="${(slot * 0.8).toFixed(1)}" height="${(y(0) - y(b.value)).toFixed(1)}" fill="${b.color ?? PALETTE[0]}"><title>${esc(`${b.label}: ${fmt(b.value)}`)}</title></rect>`);
    if (bars.length <= 8) body.push(`<text x="${(x + slot * 0.4).toFixed(1)}" y="${(y(b.value) - 4).toFixed(1)}" text-anchor="middle">${fmt(b.value)}</text>`);
    if (i % every === 0) body.push(`<text x="${(x + slot * 0.4).toFixed(1)}" y="${y(0) + 16}" text-anchor="middle">${esc(b.label)}</text>`);
  });
  body.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(0)}" y2="${y(0)}" stroke="#111"/>`);
  return frame(title, xLabel, yLabel, body);
}

/** Lines over a numeric x axis (time series), with a legend. */
export function lineChart(title: string, xLabel: string, yLabel: string, series: Series[]): string {
  const all = series.flatMap((s) => s.points);
  const xMin = Math.min(...all.map((p) => p[0]), 0);
  const xMax = Math.max(...all.map((p) => p[0]), 1);
  const yMax = Math.max(...all.map((p) => p[1]), 1) * 1.1;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const x = (v: number) => M.left + ((v - xMin) / (xMax - xMin || 1)) * plotW;
  const y = (v: number) => M.top + plotH - (v / yMax) * plotH;
  const body = yAxis(yMax, y);
  for (const t of ticks(xMin, xMax, 8)) body.push(`<text x="${x(t).toFixed(1)}" y="${y(0) + 16}" text-anchor="middle">${fmt(t)}</text>`);
  body.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(0)}" y2="${y(0)}" stroke="#111"/>`);
  series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    const d = s.points.map((p, n) => `${n === 0 ? 'M' : 'L'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ');
    body.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
    body.push(`<rect x="${M.left + 10}" y="${M.top + 6 + i * 18}" width="12" height="12" fill="${color}"/><text x="${M.left + 28}" y="${M.top + 16 + i * 18}">${esc(s.label)}</text>`);
  });
  return frame(title, xLabel, yLabel, body);
}

/** Writes bench/results/<name>.svg and returns its path. */
export async function writeChart(name: string, svg: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.svg`);
  await writeFile(file, svg);
  return file;
}
