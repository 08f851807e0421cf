import type { AgentView } from '@ringside/shared';
import type { Clock } from '../domain/ports/clock.js';
import type { InteractionLog } from '../domain/ports/interaction-log.js';
import { errorFields, type Logger } from '../logger.js';

const DAY_MS = 86_400_000;

/** Calls each agent answered today (the contact center's day, `utcOffsetMinutes` east of UTC), as agent views show them. */
export class HandledToday {
  private readonly handled = new Map<string, { day: number; count: number }>();

  constructor(
    private readonly log: InteractionLog,
    private readonly clock: Clock,
    private readonly utcOffsetMinutes: number,
    private readonly logger: Logger,
  ) {}

  /** Today's counts from the log, so a restart or a hand-over does not reset them to 0. */
  async load(): Promise<void> {
    if (!this.log.handledSince) return;
    const day = this.dayOf(this.clock.now());
    const since = day * DAY_MS - this.utcOffsetMinutes * 60_000;
    try {
      const counts = await this.log.handledSince(since);
      this.handled.clear();
      for (const { agentId, count } of counts) this.handled.set(agentId, { day, count });
    } catch (err) {
      // The counts are a convenience; the live state must not wait for them.
      this.logger.warn('could not load handled-today counts; they start from 0', errorFields(err));
    }
  }

  /** A leg ended: it counts for its agent if it was answered. */
  count(agentId: string | null, answeredAt: number | null, endedAt: number): void {
    if (!agentId || answeredAt === null) return;
    const day = this.dayOf(endedAt);
    const entry = this.handled.get(agentId);
    this.handled.set(agentId, entry && entry.day === day ? { day, count: entry.count + 1 } : { day, count: 1 });
  }

  /** The view with today's count filled in. */
  withCount(agent: AgentView): AgentView {
    const entry = this.handled.get(agent.agentId);
    return { ...agent, handledToday: entry && entry.day === this.dayOf(this.clock.now()) ? entry.count : 0 };
  }

  private dayOf(at: number): number {
    return Math.floor((at + this.utcOffsetMinutes * 60_000) / DAY_MS);
  }
}
