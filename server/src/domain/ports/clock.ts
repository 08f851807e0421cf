/** Where the domain gets the time: epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told, for tests and replays of recorded traffic. */
export class ManualClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  /** Moves the clock forward by `ms`. */
  advance(ms: number): number {
    this.current += ms;
    return this.current;
  }

  /** Sets the clock to an instant; never backwards, as no real clock the domain trusts does that. */
  set(at: number): void {
    if (at < this.current) throw new Error(`clock cannot go back from ${this.current} to ${at}`);
    this.current = at;
  }
}
