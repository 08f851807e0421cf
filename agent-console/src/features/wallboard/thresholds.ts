import type { QueuePeriodStats, QueueView } from '@ringside/shared';

/** Limits beyond which a queue tile raises its alert. */
export interface WallboardThresholds {
  /** Callers waiting at most before alert. */
  maxWaiting: number;
  /** Longest wait in seconds; null means the queue's own service-level target. */
  maxLongestWaitSeconds: number | null;
  /** Service level (0..1) at least. */
  minServiceLevel: number;
  /** Abandon rate (0..1) at most. */
  maxAbandonRate: number;
}

/** Typical call-center targets: 80 % in the SL time, under 10 % abandoned. */
export const DEFAULT_THRESHOLDS: WallboardThresholds = { maxWaiting: 5, maxLongestWaitSeconds: null, minServiceLevel: 0.8, maxAbandonRate: 0.1 };

/** A figure of a tile that can breach its limit. */
export type Metric = 'waiting' | 'longestWait' | 'serviceLevel' | 'abandonRate';

/** Seconds the longest-waiting caller has waited, at a server time. */
export function longestWaitSeconds(queue: QueueView, serverNow: number): number {
  return queue.longestWaitSince === null ? 0 : Math.max(0, Math.floor((serverNow - queue.longestWaitSince) / 1000));
}

/** The figures of a queue over its limits, in tile order. */
export function breaches(queue: QueueView, serverNow: number, th: WallboardThresholds = DEFAULT_THRESHOLDS): Metric[] {
  const out: Metric[] = [];
  if (queue.waiting > th.maxWaiting) out.push('waiting');
  if (queue.waiting > 0 && longestWaitSeconds(queue, serverNow) > (th.maxLongestWaitSeconds ?? queue.serviceLevelSeconds)) out.push('longestWait');
  if (queue.today.serviceLevel !== null && queue.today.serviceLevel < th.minServiceLevel) out.push('serviceLevel');
  if (queue.today.abandonRate !== null && queue.today.abandonRate > th.maxAbandonRate) out.push('abandonRate');
  return out;
}

/** Service level of one period computed from its counters (the same formula as the server's). */
export function periodServiceLevel(s: QueuePeriodStats): number | null {
  if (s.serviceLevel !== null) return s.serviceLevel;
  const base = s.answered + s.abandonedAfterSl;
  return base === 0 ? null : s.answeredWithinSl / base;
}

/** One row of today's charts: a 15-minute interval's counters, summed over the chosen queues. */
export interface IntervalPoint {
  period: string;
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithinSl: number;
  abandonedAfterSl: number;
}

/** Sums the history of the given queues per period, oldest first. */
export function intervalSeries(history: Record<string, Record<string, QueuePeriodStats>>, queues: string[]): IntervalPoint[] {
  const byPeriod = new Map<string, IntervalPoint>();
  for (const q of queues) {
    for (const s of Object.values(history[q] ?? {})) {
      const p = byPeriod.get(s.period) ?? { period: s.period, offered: 0, answered: 0, abandoned: 0, answeredWithinSl: 0, abandonedAfterSl: 0 };
      p.offered += s.offered;
      p.answered += s.answered;
      p.abandoned += s.abandoned;
      p.answeredWithinSl += s.answeredWithinSl;
      p.abandonedAfterSl += s.abandonedAfterSl;
      byPeriod.set(s.period, p);
    }
  }
  return [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
}

/** SL of a summed interval; null with nothing to measure. */
export function pointServiceLevel(p: IntervalPoint): number | null {
  const base = p.answered + p.abandonedAfterSl;
  return base === 0 ? null : p.answeredWithinSl / base;
}
