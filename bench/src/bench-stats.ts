import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** The q-quantile (0..1) of unsorted numbers, nearest-rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

export const median = (values: number[]) => quantile(values, 0.5);

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** "load 1.23 / 2.34 / 3.45": printed next to every figure because other jobs share this machine. */
export function loadAverage(): string {
  return `load ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`;
}

/** Progress on stderr, so stdout keeps the figures and the JSON line. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` is true or `timeoutMs` passes; returns whether it became true. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one host. */
export const wallNow = () => performance.timeOrigin + performance.now();

/** CPU seconds (user + system) a process has used, from /proc (Linux); null where unreadable. */
function cpuSecondsOf(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Linux's USER_HZ, fixed at 100 on every mainstream architecture. */
const CLOCK_TICKS = 100;

/** The pids of every process whose command name is `name` (e.g. every PostgreSQL backend). */
function pidsNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false;
      }
    });
}

/**
 * CPU used by named groups of processes over a window, as shares of one core: where a 2-core
 * machine's time went while a bench ran (`groups` maps a label to pids, or to a command name).
 */
export class CpuWindow {
  private readonly from = new Map<string, number>();
  private readonly started = performance.now();

  constructor(private readonly groups: Record<string, number[] | string>) {
    for (const label of Object.keys(groups)) this.from.set(label, this.total(label));
  }

  /** Share of one core per group since the window opened, e.g. { server: 0.37 }. */
  shares(): Record<string, number> {
    const seconds = (performance.now() - this.started) / 1000;
    return Object.fromEntries(Object.keys(this.groups).map((label) => [label, (this.total(label) - (this.from.get(label) ?? 0)) / seconds]));
  }

  private total(label: string): number {
    const g = this.groups[label] as number[] | string;
    const pids = typeof g === 'string' ? pidsNamed(g) : g;
    return pids.reduce((sum, pid) => sum + (cpuSecondsOf(pid) ?? 0), 0);
  }
}
