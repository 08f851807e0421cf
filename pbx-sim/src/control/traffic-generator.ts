import type { Engine } from '../engine/engine.js';
import type { TimerHandle } from '../clock.js';
import { placeInboundCall } from '../engine/calls.js';

/** A duration distribution in milliseconds: exponential around `meanMs`, clamped to [minMs, maxMs]. */
export interface DurationSpec {
  meanMs: number;
  minMs?: number;
  maxMs?: number;
}

/**
 * One number the traffic goes to, e.g. one tenant's DID on a shared switch; its own `from`
 * and `ivrMix` replace the generator's for its calls (tenants' menus differ).
 */
export interface TrafficTarget {
  exten: string;
  from?: string;
  ivrMix?: Record<string, number>;
  /** Relative weight among the targets; default 1. */
  share?: number;
}

/** What the generator does; every field has a default. */
export interface TrafficOptions {
  callsPerSecond: number;
  talk?: DurationSpec;
  patience?: DurationSpec;
  /** Share of callers choosing each IVR digit, e.g. { '1': 0.7, '2': 0.3 }; rest press nothing. */
  ivrMix?: Record<string, number>;
  /** Where the calls go; 5000 is the IVR of the demo dial plan. */
  exten?: string;
  /** When given, each call goes to one of these (by share) instead of `exten`. */
  targets?: TrafficTarget[];
  from?: string;
  /** Delay before the caller presses its IVR digit. */
  dtmfAfterMs?: number;
  /** Caller numbers are drawn from this range. */
  callerNumberBase?: number;
  /** When given, each caller is one of these numbers (chosen at random) instead of one from the range. */
  callerNumbers?: string[];
  random?: () => number;
}

/** Live counts of the generated traffic. */
export interface TrafficStats {
  running: boolean;
  callsPerSecond: number;
  placed: number;
  active: number;
  answered: number;
  abandoned: number;
  completed: number;
  failed: number;
}

/** Poisson arrivals of simulated customers with talk-time, patience and IVR-choice distributions. */
export class TrafficGenerator {
  private timer: TimerHandle | undefined;
  private opts: TrafficOptions | undefined;
  private readonly stats: TrafficStats = { running: false, callsPerSecond: 0, placed: 0, active: 0, answered: 0, abandoned: 0, completed: 0, failed: 0 };

  constructor(private readonly engine: Engine) {}

  start(opts: TrafficOptions): void {
    if (!(opts.callsPerSecond > 0) || opts.callsPerSecond > 1000) throw new RangeError('callsPerSecond must be > 0 and <= 1000');
    this.stop();
    this.opts = opts;
    this.stats.running = true;
    this.stats.callsPerSecond = opts.callsPerSecond;
    this.scheduleNext();
  }

  stop(): void {
    this.engine.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.stats.running = false;
  }

  snapshot(): TrafficStats {
    return { ...this.stats };
  }

  private rnd(): number {
    return (this.opts?.random ?? Math.random)();
  }

  private draw(spec: DurationSpec | undefined, fallback: number): number {
    const mean = spec?.meanMs ?? fallback;
    const v = -Math.log(1 - this.rnd()) * mean;
    return Math.round(Math.min(spec?.maxMs ?? mean * 5, Math.max(spec?.minMs ?? 0, v)));
  }

  private scheduleNext(): void {
    const rate = this.opts!.callsPerSecond;
    const gap = -Math.log(1 - this.rnd()) * (1000 / rate);
    this.timer = this.engine.clock.setTimeout(() => {
      this.placeOne();
      if (this.stats.running) this.scheduleNext();
    }, gap);
  }

  private pickTarget(o: TrafficOptions): TrafficTarget {
    const targets = o.targets ?? [];
    const total = targets.reduce((sum, t) => sum + (t.share ?? 1), 0);
    let r = this.rnd() * total;
    for (const t of targets) {
      r -= t.share ?? 1;
      if (r < 0) return t;
    }
    return { exten: o.exten ?? '5000', ...(o.from ? { from: o.from } : {}), ...(o.ivrMix ? { ivrMix: o.ivrMix } : {}) };
  }

  /** Places one caller now; exposed so tests can drive single arrivals. */
  placeOne(): void {
    const o = this.opts ?? { callsPerSecond: 1 };
    const target = this.pickTarget(o);
    const from = target.from ?? o.from;
    let digit: string | undefined;
    let r = this.rnd();
    for (const [d, share] of Object.entries(target.ivrMix ?? o.ivrMix ?? { '1': 0.6, '2': 0.4 })) {
      if (r < share) {
        digit = d;
        break;
      }
      r -= share;
    }
    try {
      const ch = placeInboundCall(this.engine, {
        exten: target.exten,
        ...(from ? { from } : {}),
        callerNum: o.callerNumbers?.length
          ? (o.callerNumbers[Math.floor(this.rnd() * o.callerNumbers.length)] as string)
          : String((o.callerNumberBase ?? 491700000000) + Math.floor(this.rnd() * 1000000)),
        callerName: 'Simulated Caller',
        behaviour: {
          talkMs: this.draw(o.talk, 60000),
          patienceMs: this.draw(o.patience, 90000),
          ...(digit ? { dtmf: [{ digits: digit, afterMs: o.dtmfAfterMs ?? 1500 }] } : {}),
        },
      });
      this.stats.placed += 1;
      this.stats.active += 1;
      ch.onBridged = ((prev) => () => {
        this.stats.answered += 1;
        prev?.();
      })(ch.onBridged);
      void ch.ended.then(() => {
        this.stats.active -= 1;
        if (ch.wasBridged) this.stats.completed += 1;
        else this.stats.abandoned += 1;
      });
    } catch (e) {
      this.stats.failed += 1;
      this.engine.log('warn', `traffic generator could not place a call: ${String(e)}`);
    }
  }
}
