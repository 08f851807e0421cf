import type { QueuePeriodStats } from '@ringside/shared';

/** Raw counters of one queue over one period; figures are derived from them on read. */
export interface QueueCounters {
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithinSl: number;
  abandonedAfterSl: number;
  handled: number;
  totalWaitAnsweredMs: number;
  totalTalkMs: number;
  totalHoldMs: number;
  totalWrapUpMs: number;
  longestWaitAnsweredMs: number;
}

/** How periods are cut: local days and 15-minute intervals at a fixed offset from UTC. */
export interface QueueStatsOptions {
  /** Minutes east of UTC (Berlin in winter: 60). */
  utcOffsetMinutes: number;
  /** Days kept, today included; older days are dropped as new ones start. */
  retainDays: number;
}

/** The length of a reporting interval. */
export const INTERVAL_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const INTERVALS_PER_DAY = DAY_MS / INTERVAL_MS;

function emptyCounters(): QueueCounters {
  return {
    offered: 0,
    answered: 0,
    abandoned: 0,
    answeredWithinSl: 0,
    abandonedAfterSl: 0,
    handled: 0,
    totalWaitAnsweredMs: 0,
    totalTalkMs: 0,
    totalHoldMs: 0,
    totalWrapUpMs: 0,
    longestWaitAnsweredMs: 0,
  };
}

interface DayBucket {
  totals: QueueCounters;
  intervals: (QueueCounters | undefined)[];
}

interface QueueBook {
  /** Waiting callers by Linkedid, in join order, so the first is the longest waiting. */
  waiting: Map<string, number>;
  days: Map<number, DayBucket>;
  newestDay: number;
}

const seconds = (ms: number) => Math.round(ms) / 1000;
const ratio = (num: number, den: number) => (den === 0 ? null : num / den);

/** Derives the published figures from raw counters. */
export function periodStats(period: string, c: QueueCounters): QueuePeriodStats {
  return {
    period,
    offered: c.offered,
    answered: c.answered,
    abandoned: c.abandoned,
    answeredWithinSl: c.answeredWithinSl,
    abandonedAfterSl: c.abandonedAfterSl,
    handled: c.handled,
    totalWaitAnsweredSeconds: seconds(c.totalWaitAnsweredMs),
    totalTalkSeconds: seconds(c.totalTalkMs),
    totalHoldSeconds: seconds(c.totalHoldMs),
    totalWrapUpSeconds: seconds(c.totalWrapUpMs),
    longestWaitAnsweredSeconds: seconds(c.longestWaitAnsweredMs),
    asaSeconds: c.answered === 0 ? null : seconds(c.totalWaitAnsweredMs / c.answered),
    ahtSeconds: c.handled === 0 ? null : seconds((c.totalTalkMs + c.totalHoldMs + c.totalWrapUpMs) / c.handled),
    abandonRate: ratio(c.abandoned, c.offered),
    serviceLevel: ratio(c.answeredWithinSl, c.answered + c.abandonedAfterSl),
  };
}

/**
 * Live and historical statistics of every queue. Each call is counted in the day and the interval
 * in which it was offered (joined the queue), so an interval's SL and ASA describe the calls that
 * arrived in it even when they are answered after its end. Every update is O(1).
 */
export class QueueStatsBook {
  private readonly books = new Map<string, QueueBook>();
  private readonly offsetMs: number;

  constructor(private readonly options: QueueStatsOptions) {
    this.offsetMs = options.utcOffsetMinutes * 60_000;
  }

  /** The local day number and the interval within it of an instant. */
  bucketOf(at: number): { day: number; interval: number } {
    const local = at + this.offsetMs;
    const day = Math.floor(local / DAY_MS);
    return { day, interval: Math.floor((local - day * DAY_MS) / INTERVAL_MS) };
  }

  /** The label of a day (`YYYY-MM-DD`) or an interval (`YYYY-MM-DDTHH:MM`), in local time. */
  label(day: number, interval?: number): string {
    const iso = new Date(day * DAY_MS + (interval ?? 0) * INTERVAL_MS).toISOString();
    return interval === undefined ? iso.slice(0, 10) : iso.slice(0, 16);
  }

  /** A caller joined: offered in the current interval, and waiting. */
  joined(queue: string, linkedid: string, at: number): void {
    const book = this.book(queue);
    book.waiting.delete(linkedid);
    book.waiting.set(linkedid, at);
    this.update(book, at, (c) => {
      c.offered += 1;
    });
  }

  /** A caller stopped waiting (answered, abandoned, or moved on). */
  left(queue: string, linkedid: string): void {
    this.books.get(queue)?.waiting.delete(linkedid);
  }

  /** A caller who joined at `joinedAt` was answered after waiting `waitMs`. */
  answered(queue: string, joinedAt: number, waitMs: number, slSeconds: number): void {
    this.update(this.book(queue), joinedAt, (c) => {
      c.answered += 1;
      c.totalWaitAnsweredMs += waitMs;
      c.longestWaitAnsweredMs = Math.max(c.longestWaitAnsweredMs, waitMs);
      if (waitMs <= slSeconds * 1000) c.answeredWithinSl += 1;
    });
  }

  /** A caller who joined at `joinedAt` hung up after waiting `waitMs`. */
  abandoned(queue: string, joinedAt: number, waitMs: number, slSeconds: number): void {
    this.update(this.book(queue), joinedAt, (c) => {
      c.abandoned += 1;
      if (waitMs > slSeconds * 1000) c.abandonedAfterSl += 1;
    });
  }

  /** An answered call of this queue is fully handled (talk, hold and wrap-up known). */
  handled(queue: string, joinedAt: number, time: { talkMs: number; holdMs: number; wrapUpMs: number }): void {
    this.update(this.book(queue), joinedAt, (c) => {
      c.handled += 1;
      c.totalTalkMs += time.talkMs;
      c.totalHoldMs += time.holdMs;
      c.totalWrapUpMs += time.wrapUpMs;
    });
  }

  /** Callers waiting now, and since when the longest has waited. */
  live(queue: string): { waiting: number; longestWaitSince: number | null } {
    const book = this.books.get(queue);
    if (!book || book.waiting.size === 0) return { waiting: 0, longestWaitSince: null };
    let oldest = Infinity;
    // Insertion order is join order except after a rejoin, so the first entry is the answer in practice;
    // scanning a handful keeps it exact without a heap.
    let scanned = 0;
    for (const joinedAt of book.waiting.values()) {
      oldest = Math.min(oldest, joinedAt);
      if (++scanned >= 8) break;
    }
    return { waiting: book.waiting.size, longestWaitSince: oldest };
  }

  /** Figures of the day containing `at`. */
  day(queue: string, at: number): QueuePeriodStats {
    const { day } = this.bucketOf(at);
    return periodStats(this.label(day), this.books.get(queue)?.days.get(day)?.totals ?? emptyCounters());
  }

  /** Figures of the 15-minute interval containing `at`. */
  interval(queue: string, at: number): QueuePeriodStats {
    const { day, interval } = this.bucketOf(at);
    const counters = this.books.get(queue)?.days.get(day)?.intervals[interval] ?? emptyCounters();
    return periodStats(this.label(day, interval), counters);
  }

  /** Every interval of the day containing `at` that saw a call, oldest first. */
  intervalsOfDay(queue: string, at: number): QueuePeriodStats[] {
    const { day } = this.bucketOf(at);
    const bucket = this.books.get(queue)?.days.get(day);
    if (!bucket) return [];
    const out: QueuePeriodStats[] = [];
    bucket.intervals.forEach((c, i) => {
      if (c) out.push(periodStats(this.label(day, i), c));
    });
    return out;
  }

  /** Days still held for a queue, as labels, oldest first. */
  daysHeld(queue: string): string[] {
    const days = [...(this.books.get(queue)?.days.keys() ?? [])].sort((a, b) => a - b);
    return days.map((d) => this.label(d));
  }

  /** Every queue the book has seen. */
  queues(): string[] {
    return [...this.books.keys()];
  }

  private book(queue: string): QueueBook {
    let book = this.books.get(queue);
    if (!book) {
      book = { waiting: new Map(), days: new Map(), newestDay: -Infinity };
      this.books.set(queue, book);
    }
    return book;
  }

  private update(book: QueueBook, at: number, change: (c: QueueCounters) => void): void {
    const { day, interval } = this.bucketOf(at);
    // A call offered on a day already dropped is not counted anywhere rather than reviving that day.
    if (day <= book.newestDay - this.options.retainDays) return;
    let bucket = book.days.get(day);
    if (!bucket) {
      bucket = { totals: emptyCounters(), intervals: new Array(INTERVALS_PER_DAY) };
      book.days.set(day, bucket);
      if (day > book.newestDay) {
        book.newestDay = day;
        for (const old of book.days.keys()) if (old <= day - this.options.retainDays) book.days.delete(old);
      }
    }
    let slot = bucket.intervals[interval];
    if (!slot) {
      slot = emptyCounters();
      bucket.intervals[interval] = slot;
    }
    change(bucket.totals);
    change(slot);
  }
}
