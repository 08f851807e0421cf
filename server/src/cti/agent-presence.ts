import { LOGGED_OUT_PAUSE_REASON, RingsideError, isRingsideError, type ErrorBody } from '@ringside/shared';
import * as machine from '../domain/agent-state.js';
import type { CtiOutcome } from '../domain/cti-batch.js';
import type { CtiResult, CtiState } from '../domain/cti-state.js';
import type { ConsoleLog, ConsoleUse } from '../domain/ports/console-log.js';
import type { Pbx } from '../domain/ports/pbx.js';
import { errorFields, type Logger } from '../logger.js';

/** Who used a console, for away sign-outs pending from before this node took the switch; best effort. */
export async function readConsoleUses(log: ConsoleLog | undefined, logger: Logger): Promise<ConsoleUse[]> {
  if (!log) return [];
  try {
    return await log.consoleUsers();
  } catch (err) {
    logger.warn('could not read the console log; agents who left before this node took over stay signed in', errorFields(err));
    return [];
  }
}

/** Which of these agents have a console connected, on any node (the gateway asks the adapter once). */
export type ConsoleProbe = (agentIds: string[]) => Promise<Set<string>>;

/** What presence needs from the CTI service. */
export interface PresenceHost {
  readonly pbx: Pbx;
  state(): CtiState;
  publishResult(result: CtiResult): CtiOutcome;
}

/** A problem the agent's console should show. */
export type ConsoleProblem = ErrorBody['error'];

/** A failed attempt to sign out an agent whose console is gone is retried this much later. */
const RETRY_AFTER_FAILURE_MS = 10_000;

/**
 * Whether an agent is at their desk, as far as the switch should care. Signing in lifts the
 * agent's "Logged out" pauses at the switch before their snapshot goes out; signing out (by the
 * agent, or when their last console has been gone for the grace period) pauses every membership
 * first and moves the agent to logged_out only once the switch accepted it. Sign-in and sign-out
 * of one agent run one after another, so a console reconnecting during a sign-out signs the agent
 * straight back in instead of racing it. Agents who never used a console are never signed out
 * here: desk-phone agents, and the demo's simulated phones, answer for them. A grace under way
 * when the switch moves to another node is finished there (restore, from the console log).
 */
export class AgentPresence {
  private readonly seen = new Set<string>();
  /** Bumped by every console that connects: a pending sign-out from before it is void. */
  private readonly epochs = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Take-over checks of many agents at once (restore). */
  private readonly batchTimers = new Set<NodeJS.Timeout>();
  /** Grace over but not signed out yet (on a call, or the attempt failed): retried from tick(). */
  private readonly due = new Map<string, { epoch: number; notBefore: number }>();
  private readonly settling = new Set<string>();
  private readonly locks = new Map<string, Promise<void>>();
  /** Bumped by clear(): work started before a hand-over must not touch the next state. */
  private generation = 0;
  private probe: ConsoleProbe | null = null;

  constructor(
    private readonly host: PresenceHost,
    private readonly graceSeconds: number,
    private readonly logger: Logger,
  ) {}

  setProbe(probe: ConsoleProbe | null): void {
    this.probe = probe;
  }

  /**
   * A console of the agent connected: a pending sign-out is off, and a signed-out agent is signed
   * in, their "Logged out" pauses lifted at the switch first. A pause that cannot be lifted does
   * not stop the sign-in; it comes back as a problem for the console to show.
   */
  async signIn(agentId: string): Promise<ConsoleProblem[]> {
    this.seen.add(agentId);
    this.epochs.set(agentId, this.epochOf(agentId) + 1);
    clearTimeout(this.timers.get(agentId));
    this.timers.delete(agentId);
    this.due.delete(agentId);
    return this.exclusive(agentId, async () => {
      const rec = this.host.state().agent(agentId);
      if (!rec || rec.status.kind !== 'logged_out') return [];
      const endpoint = rec.entry.endpoint;
      const queues = [...rec.memberships].filter(([, m]) => m.paused && m.pausedReason === LOGGED_OUT_PAUSE_REASON).map(([q]) => q);
      const results = await Promise.allSettled(queues.map((queue) => this.host.pbx.queuePause(endpoint, false, { queue })));
      const problems: ConsoleProblem[] = [];
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') return;
        const queue = queues[i] as string;
        this.logger.warn('could not lift the "Logged out" pause of an agent signing in', { agentId, queue, ...errorFields(r.reason) });
        problems.push({
          code: isRingsideError(r.reason) && r.reason.code !== 'INTERNAL' ? r.reason.code : 'PBX_UNAVAILABLE',
          message: `you are still paused in queue ${queue} at the phone system; its calls will not reach you`,
        });
      });
      if (this.host.state().agent(agentId)?.status.kind === 'logged_out') this.host.publishResult(this.host.state().login(agentId));
      return problems;
    });
  }

  /** The agent signs out: refused (ILLEGAL_TRANSITION) while a call rings or runs; all or nothing. */
  signOut(agentId: string): Promise<void> {
    return this.exclusive(agentId, () => this.signOutNow(agentId));
  }

  /** A console of the agent closed somewhere: after the grace, sign them out unless one is back. */
  away(agentId: string): void {
    if (this.graceSeconds <= 0 || !this.seen.has(agentId)) return;
    this.settleAfter(agentId, this.graceSeconds * 1000);
  }

  /**
   * This node just took the switch: the agents who used a console (from the console log) finish
   * the grace their last console started, possibly on the owner that went away; one whose
   * console was open when last heard of gets a whole grace from now. Only agents with no
   * console anywhere at the end are signed out.
   */
  restore(uses: ConsoleUse[], now = Date.now()): void {
    if (this.graceSeconds <= 0) return;
    const open: string[] = [];
    for (const { agentId, closedAt } of uses) {
      if (!this.host.state().agent(agentId) || this.timers.has(agentId)) continue;
      this.seen.add(agentId);
      if (closedAt === null) open.push(agentId);
      else this.settleAfter(agentId, Math.max(0, closedAt + this.graceSeconds * 1000 - now));
    }
    if (open.length > 0) this.checkAfterGrace(open);
  }

  /** Retries the sign-outs that had to wait; the service's ticker calls it. */
  tick(now = Date.now()): void {
    for (const [agentId, { epoch, notBefore }] of this.due) {
      if (notBefore <= now && !this.settling.has(agentId)) void this.settle(agentId, epoch, this.generation);
    }
  }

  /** Forgets everything (the state is gone: another node took the switch over, or shutdown). */
  clear(): void {
    this.generation += 1;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const t of this.batchTimers) clearTimeout(t);
    this.batchTimers.clear();
    this.due.clear();
    this.seen.clear();
    this.epochs.clear();
  }

  // ---- internals ------------------------------------------------------------------------------

  /**
   * The agents whose console was open when last heard of: most are connected somewhere, so after
   * the grace one probe asks for all of them at once (thousands of per-agent adapter requests
   * at a take-over would flood the cluster), and only the absent ones go on to settle.
   */
  private checkAfterGrace(agentIds: string[]): void {
    const epochs = new Map(agentIds.map((id) => [id, this.epochOf(id)]));
    const generation = this.generation;
    const timer = setTimeout(() => {
      this.batchTimers.delete(timer);
      void this.settleAbsent(epochs, generation);
    }, this.graceSeconds * 1000);
    timer.unref();
    this.batchTimers.add(timer);
  }

  private async settleAbsent(epochs: Map<string, number>, generation: number): Promise<void> {
    const pending = [...epochs].filter(([id, epoch]) => generation === this.generation && this.epochOf(id) === epoch);
    if (pending.length === 0 || !this.probe) return;
    try {
      const present = await this.probe(pending.map(([id]) => id));
      for (const [id, epoch] of pending) if (!present.has(id)) void this.settle(id, epoch, generation);
    } catch (err) {
      this.logger.warn('could not ask which agents have a console after a take-over; they stay signed in', errorFields(err));
    }
  }

  private settleAfter(agentId: string, delayMs: number): void {
    const epoch = this.epochOf(agentId);
    const generation = this.generation;
    clearTimeout(this.timers.get(agentId));
    const timer = setTimeout(() => {
      this.timers.delete(agentId);
      void this.settle(agentId, epoch, generation);
    }, delayMs);
    timer.unref();
    this.timers.set(agentId, timer);
  }

  private epochOf(agentId: string): number {
    return this.epochs.get(agentId) ?? 0;
  }

  private async signOutNow(agentId: string): Promise<void> {
    const rec = this.host.state().agent(agentId);
    if (!rec) throw new RingsideError('AGENT_NOT_FOUND', `no agent ${agentId}`);
    if (rec.status.kind !== 'logged_out') {
      const step = machine.logout(rec.status, Date.now());
      if (!step.ok) throw new RingsideError(step.code, step.message);
    }
    const endpoint = rec.entry.endpoint;
    // A membership paused for another reason (lunch) keeps it: only "Logged out" is lifted at sign-in.
    const queues = [...rec.memberships].filter(([, m]) => !m.paused).map(([q]) => q);
    const results = await Promise.allSettled(queues.map((queue) => this.host.pbx.queuePause(endpoint, true, { queue, reason: LOGGED_OUT_PAUSE_REASON })));
    const paused = queues.filter((_, i) => results[i]?.status === 'fulfilled');
    try {
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      // The state may have moved while the switch answered (a call started ringing): logout() refuses then.
      if (this.host.state().agent(agentId)?.status.kind !== 'logged_out') this.host.publishResult(this.host.state().logout(agentId));
    } catch (err) {
      await this.unpause(agentId, endpoint, paused);
      throw err;
    }
  }

  /** Undoes the pauses of a sign-out that could not finish. */
  private async unpause(agentId: string, endpoint: string, queues: string[]): Promise<void> {
    const results = await Promise.allSettled(queues.map((queue) => this.host.pbx.queuePause(endpoint, false, { queue })));
    results.forEach((r, i) => {
      if (r.status === 'rejected') this.logger.warn('could not undo the pause of a failed sign-out', { agentId, queue: queues[i], ...errorFields(r.reason) });
    });
  }

  /** The grace is over: sign out unless a console came back; on a call, again on a later tick. */
  private async settle(agentId: string, epoch: number, generation: number): Promise<void> {
    this.due.delete(agentId);
    const stale = () => generation !== this.generation || this.epochOf(agentId) !== epoch;
    const later = (ms: number) => {
      if (!stale()) this.due.set(agentId, { epoch, notBefore: Date.now() + ms });
    };
    if (stale()) return;
    if (this.settling.has(agentId)) return later(0);
    this.settling.add(agentId);
    try {
      const busy = (): boolean => {
        const rec = this.host.state().agent(agentId);
        return rec !== undefined && machine.currentCallId(rec.status) !== null;
      };
      if (busy()) return later(0);
      if (!this.probe || (await this.probe([agentId])).has(agentId)) return;
      await this.exclusive(agentId, async () => {
        if (stale()) return;
        if (busy()) return later(0);
        if (this.host.state().agent(agentId)?.status.kind === 'logged_out' && !this.anyUnpaused(agentId)) return;
        await this.signOutNow(agentId);
        this.logger.info('agent signed out: no console for the grace period', { agentId, graceSeconds: this.graceSeconds });
      });
    } catch (err) {
      if (stale()) return;
      // A call started ringing while the switch paused the memberships: wait for it to end.
      if (isRingsideError(err) && err.code === 'ILLEGAL_TRANSITION') return later(0);
      this.logger.warn('could not sign out an agent whose console is gone; will retry', { agentId, ...errorFields(err) });
      later(RETRY_AFTER_FAILURE_MS);
    } finally {
      this.settling.delete(agentId);
    }
  }

  private anyUnpaused(agentId: string): boolean {
    const rec = this.host.state().agent(agentId);
    return rec !== undefined && [...rec.memberships.values()].some((m) => !m.paused);
  }

  /** Runs `fn` after every earlier sign-in or sign-out of the agent has finished. */
  private exclusive<T>(agentId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.locks.get(agentId) ?? Promise.resolve();
    const run = before.then(fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(agentId, tail);
    void tail.then(() => {
      if (this.locks.get(agentId) === tail) this.locks.delete(agentId);
    });
    return run;
  }
}
